// The values sess.run returns. Current: Tensorflow.NumPy.NDArray, itself a Tensor (Core/Numpy/NDArray.cs:27), with
// the conversions of Core/NumPy/NDArray.Implicit.cs:17-123 and NDArrayConverter.cs:10-60 and the text of
// NDArrayRender.cs:10-137. Old: NumSharp.NDArray of the NumSharp.Lite 0.1.8 package (TensorFlow.NET 0.20's
// dependency), with NumSharp 0.20.5's scalar conversions (Casting/Implicit/NdArray.Implicit.ValueTypes.cs: a
// non-scalar is an IncorrectShapeException) and ToString (Casting/NdArray.ToString.cs).
using System;
using System.Globalization;
using System.Linq;
using Rt = GlobalStepMigration.Runtime;

#if TFNET_V020
namespace NumSharp
{
    public class IncorrectShapeException : Exception
    {
        public IncorrectShapeException() : base("This method does not work with this shape or was not already implemented.")
        {
        }
    }

    public partial class NDArray
    {
        internal NDArray(Rt.NDArray value) => Value = value;

        internal Rt.NDArray Value { get; }

        internal Tensorflow.TF_DataType dtype_tf => Tensorflow.dtypes.FromRuntime(Value.DType);

        /// <summary>The element type, as NumSharp reports it (System.Int64, System.Single, ...).</summary>
        public Type dtype => Value.DType switch
        {
            Rt.DType.Float32 => typeof(float),
            Rt.DType.Float64 => typeof(double),
            Rt.DType.Int32 => typeof(int),
            Rt.DType.Int64 => typeof(long),
            _ => typeof(bool),
        };

        public int ndim => Value.Rank;

        public int[] shape => Value.Shape.ToArray();

        public int size => Value.Size;

        public T[] ToArray<T>() where T : struct => Value.ToArray<T>();

        public T GetValue<T>(params int[] indices) where T : struct => (T)Convert.ChangeType(Value.GetDouble(0), typeof(T), CultureInfo.InvariantCulture);

        private T Scalar<T>() where T : struct
        {
            if (ndim != 0)
            {
                throw new IncorrectShapeException();
            }

            return (T)Convert.ChangeType(Boxed(0), typeof(T), CultureInfo.InvariantCulture);
        }

        private object Boxed(int index) => Tensorflow.ArrayText.Boxed(Value, index);

        public static implicit operator NDArray(bool d) => new(Rt.NDArray.Scalar(d ? 1 : 0, Rt.DType.Bool));

        public static implicit operator NDArray(int d) => new(Rt.NDArray.Scalar(d, Rt.DType.Int32));

        public static implicit operator NDArray(long d) => new(Rt.NDArray.Scalar(d, Rt.DType.Int64));

        public static implicit operator NDArray(float d) => new(Rt.NDArray.Scalar(d, Rt.DType.Float32));

        public static implicit operator NDArray(double d) => new(Rt.NDArray.Scalar(d, Rt.DType.Float64));

        public static implicit operator NDArray(int[] a) => new(Tensorflow.Values.ToRuntime(a, Tensorflow.TF_DataType.TF_INT32));

        public static implicit operator NDArray(long[] a) => new(Tensorflow.Values.ToRuntime(a, Tensorflow.TF_DataType.TF_INT64));

        public static implicit operator NDArray(float[] a) => new(Tensorflow.Values.ToRuntime(a, Tensorflow.TF_DataType.TF_FLOAT));

        public static implicit operator NDArray(double[] a) => new(Tensorflow.Values.ToRuntime(a, Tensorflow.TF_DataType.TF_DOUBLE));

        public static implicit operator NDArray(float[,] a) => new(Tensorflow.Values.ToRuntime(a, Tensorflow.TF_DataType.TF_FLOAT));

        public static implicit operator NDArray(int[,] a) => new(Tensorflow.Values.ToRuntime(a, Tensorflow.TF_DataType.TF_INT32));

        public static implicit operator bool(NDArray nd) => nd.Scalar<bool>();

        public static implicit operator int(NDArray nd) => nd.Scalar<int>();

        public static implicit operator long(NDArray nd) => nd.Scalar<long>();

        public static implicit operator float(NDArray nd) => nd.Scalar<float>();

        public static implicit operator double(NDArray nd) => nd.Scalar<double>();

        public override string ToString() =>
            ndim == 0 ? $"{Boxed(0)}" : Tensorflow.ArrayText.Nested(Value, items => string.Join(", ", items), ", ");
    }
}
#else
namespace Tensorflow.NumPy
{
    public partial class NDArray : Tensor
    {
        internal NDArray(Rt.NDArray value)
            : base(dtypes.FromRuntime(value.DType)) => Value = value;

        internal Rt.NDArray Value { get; }

        internal override Rt.Tensor Backing => null;

        // ndim, size and ToArray are Tensor's (Core/Tensors/Tensor.cs:73-76, Tensor.Value.cs:15-37).
        public override Shape shape => new(Value.Shape.ToArray());

        public override NDArray numpy() => this;

        private object Boxed(int index) => Tensorflow.ArrayText.Boxed(Value, index);

        /// <summary>NDArrayConverter.Scalar (NDArrayConverter.cs:10-60): only the conversions it implements.</summary>
        private T Converted<T>(TypeCode target)
        {
            var supported = dtype switch
            {
                TF_DataType.TF_FLOAT => target is TypeCode.Byte or TypeCode.Int32 or TypeCode.Single or TypeCode.Double,
                TF_DataType.TF_INT32 => target is TypeCode.Byte or TypeCode.Int64 or TypeCode.Single or TypeCode.Double,
                TF_DataType.TF_INT64 => target is TypeCode.Byte or TypeCode.Int32 or TypeCode.Single or TypeCode.Double,
                _ => false,
            };
            if (!supported)
            {
                throw new NotImplementedException(nameof(NDArrayConverter));
            }

            return (T)Convert.ChangeType(Boxed(0), target, CultureInfo.InvariantCulture);
        }

        // NDArray.Implicit.cs: from arrays :17-56, to scalars :89-105 (through NDArrayConverter.Scalar), from scalars :107-123.
        public static implicit operator NDArray(bool value) => new(Rt.NDArray.Scalar(value ? 1 : 0, Rt.DType.Bool));

        public static implicit operator NDArray(int value) => new(Rt.NDArray.Scalar(value, Rt.DType.Int32));

        public static implicit operator NDArray(long value) => new(Rt.NDArray.Scalar(value, Rt.DType.Int64));

        public static implicit operator NDArray(float value) => new(Rt.NDArray.Scalar(value, Rt.DType.Float32));

        public static implicit operator NDArray(double value) => new(Rt.NDArray.Scalar(value, Rt.DType.Float64));

        public static implicit operator NDArray(int[] array) => new(Values.ToRuntime(array, TF_DataType.TF_INT32));

        public static implicit operator NDArray(long[] array) => new(Values.ToRuntime(array, TF_DataType.TF_INT64));

        public static implicit operator NDArray(float[] array) => new(Values.ToRuntime(array, TF_DataType.TF_FLOAT));

        public static implicit operator NDArray(double[] array) => new(Values.ToRuntime(array, TF_DataType.TF_DOUBLE));

        public static implicit operator NDArray(int[,] array) => new(Values.ToRuntime(array, TF_DataType.TF_INT32));

        public static implicit operator NDArray(float[,] array) => new(Values.ToRuntime(array, TF_DataType.TF_FLOAT));

        public static implicit operator NDArray(double[,] array) => new(Values.ToRuntime(array, TF_DataType.TF_DOUBLE));

        public static implicit operator bool(NDArray nd) => nd.dtype == TF_DataType.TF_BOOL ? nd.Value.GetDouble(0) != 0 : throw Model.NotModelled("NDArray to bool of another dtype");

        public static implicit operator int(NDArray nd) => nd.dtype == TF_DataType.TF_INT32 ? (int)nd.Value.GetDouble(0) : nd.Converted<int>(TypeCode.Int32);

        public static implicit operator long(NDArray nd) => nd.dtype == TF_DataType.TF_INT64 ? (long)nd.Value.GetDouble(0) : nd.Converted<long>(TypeCode.Int64);

        public static implicit operator float(NDArray nd) => nd.dtype == TF_DataType.TF_FLOAT ? (float)nd.Value.GetDouble(0) : nd.Converted<float>(TypeCode.Single);

        public static implicit operator double(NDArray nd) => nd.dtype == TF_DataType.TF_DOUBLE ? nd.Value.GetDouble(0) : nd.Converted<double>(TypeCode.Double);

        /// <summary>NDArray.cs:42 and NDArrayRender.ToString (NDArrayRender.cs:10-137): a scalar prints its value, other arrays "array([1, 2])" (at most 10 per row).</summary>
        public override string ToString() =>
            ndim == 0
                ? Boxed(0).ToString()
                : "array(" + ArrayText.Nested(Value, items => items.Length <= 10
                    ? string.Join(", ", items)
                    : string.Join(", ", items.Take(5)) + ", ..., " + string.Join(", ", items.Skip(items.Length - 5)), ", " + Environment.NewLine) + ")";
    }

    /// <summary>Type only (NDArrayConverter.cs:8): named by the conversions' NotImplementedException.</summary>
    public class NDArrayConverter
    {
    }
}
#endif
