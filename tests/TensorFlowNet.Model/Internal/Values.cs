// Conversion of C# values (numbers, arrays, NDArrays) to the runtime's arrays, as TensorFlow.NET's
// tensor_util.make_tensor_proto converts them to the requested dtype (current Core/Tensors/tensor_util.cs:147-...,
// dtypes.as_system_dtype strips the reference flag, so int64_ref asks for int64).
using System;
using System.Collections.Generic;
using System.Linq;
using Rt = GlobalStepMigration.Runtime;

namespace Tensorflow
{
    internal static class Values
    {
        internal static Rt.NDArray ToRuntime(object value, TF_DataType dtype)
        {
            var target = (dtype == TF_DataType.DtInvalid ? value.GetDataType() : dtype).as_base_dtype();
            if (target == TF_DataType.DtInvalid)
            {
                throw Model.NotModelled($"A constant of type {value?.GetType().Name ?? "null"}");
            }

            var rtType = target.ToRuntime();
            switch (value)
            {
#if TFNET_V020
                case NumSharp.NDArray nd:
                    return nd.Value.DType == rtType ? nd.Value : nd.Value.AsType(rtType);
#else
                case NumPy.NDArray nd:
                    return nd.Value.DType == rtType ? nd.Value : nd.Value.AsType(rtType);
#endif
                case Rt.NDArray array:
                    return array.DType == rtType ? array : array.AsType(rtType);
                case bool b:
                    return Rt.NDArray.Scalar(b ? 1 : 0, rtType);
                case IConvertible c when value is not string:
                    return Rt.NDArray.Scalar(Coerce(c.ToDouble(System.Globalization.CultureInfo.InvariantCulture), rtType), rtType);
                case Array array:
                    var shape = Enumerable.Range(0, array.Rank).Select(array.GetLength).ToArray();
                    var flat = new List<double>();
                    foreach (var item in array)
                    {
                        flat.Add(item is bool b2 ? (b2 ? 1 : 0) : Coerce(Convert.ToDouble(item, System.Globalization.CultureInfo.InvariantCulture), rtType));
                    }

                    return Rt.NDArray.FromValues(rtType, shape, flat);
                default:
                    throw Model.NotModelled($"A constant of type {value?.GetType().Name ?? "null"}");
            }
        }

        /// <summary>A value as the dtype holds it (float32 rounds, integers truncate toward zero).</summary>
        private static double Coerce(double value, Rt.DType dtype) => dtype switch
        {
            Rt.DType.Float32 => (float)value,
            Rt.DType.Int32 => (int)value,
            Rt.DType.Int64 => (long)value,
            _ => value,
        };
    }

    /// <summary>The text of an array's values, shared by both generations' NDArray.</summary>
    internal static class ArrayText
    {
        /// <summary>The element at <paramref name="index"/> as the dtype's C# type (so it prints as .NET prints that type).</summary>
        internal static object Boxed(Rt.NDArray value, int index) => value.DType switch
        {
            Rt.DType.Float32 => (float)value.GetDouble(index),
            Rt.DType.Float64 => value.GetDouble(index),
            Rt.DType.Int32 => (int)value.GetDouble(index),
            Rt.DType.Int64 => (long)value.GetDouble(index),
            _ => value.GetDouble(index) != 0,
        };

        /// <summary>Nested rows "[...]": <paramref name="row"/> renders the innermost values, rows are joined by <paramref name="separator"/>.</summary>
        internal static string Nested(Rt.NDArray value, System.Func<string[], string> row, string separator)
        {
            var s = new System.Text.StringBuilder();
            Build(value.Shape.ToArray(), 0);
            return s.ToString();

            void Build(int[] dims, int offset)
            {
                if (dims.Length == 1)
                {
                    s.Append('[').Append(row(Enumerable.Range(offset, dims[0]).Select(i => Boxed(value, i).ToString()).ToArray())).Append(']');
                    return;
                }

                var stride = dims.Skip(1).Aggregate(1, (a, b) => a * b);
                s.Append('[');
                for (var i = 0; i < dims[0]; i++)
                {
                    Build(dims.Skip(1).ToArray(), offset + (i * stride));
                    if (i < dims[0] - 1)
                    {
                        s.Append(separator);
                    }
                }

                s.Append(']');
            }
        }
    }
}
