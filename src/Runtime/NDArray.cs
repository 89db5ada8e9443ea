using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace GlobalStepMigration.Runtime;

/// <summary>
/// A dense array of values with a dtype and a shape: what <c>Session.Run</c> and <c>Numpy()</c>
/// return (TensorFlow returns numpy arrays). Values are stored as doubles and kept within the
/// dtype's range and precision (float32 values are rounded to float32 after every operation;
/// integers are exact up to 2^53).
/// </summary>
public sealed class NDArray : IEquatable<NDArray>
{
    private readonly int[] _shape;

    internal NDArray(DType dtype, int[] shape, double[] data, bool coerce = true)
    {
        var size = 1;
        foreach (var d in shape)
        {
            size *= d;
        }

        if (size != data.Length)
        {
            throw new ValueErrorException(
                $"Cannot create an array of shape {TensorShape.Of(shape)} from {data.Length} values.");
        }

        DType = dtype;
        _shape = shape;
        if (coerce)
        {
            for (var i = 0; i < data.Length; i++)
            {
                data[i] = dtype.Coerce(data[i]);
            }
        }

        Data = data;
    }

    /// <summary>The element type.</summary>
    public DType DType { get; }

    /// <summary>The dimensions (empty for a scalar).</summary>
    public IReadOnlyList<int> Shape => _shape;

    /// <summary>The number of dimensions.</summary>
    public int Rank => _shape.Length;

    /// <summary>The number of elements.</summary>
    public int Size => Data.Length;

    internal double[] Data { get; }

    internal int[] ShapeArray => _shape;

    /// <summary>Creates a scalar of the given dtype.</summary>
    public static NDArray Scalar(double value, DType dtype) => new(dtype, Array.Empty<int>(), new[] { value });

    /// <summary>Creates an array from values and a shape.</summary>
    public static NDArray FromValues(DType dtype, int[] shape, IEnumerable<double> values)
    {
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(values);
        return new NDArray(dtype, (int[])shape.Clone(), values.ToArray());
    }

    /// <summary>An array of zeros.</summary>
    public static NDArray Zeros(DType dtype, params int[] shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        return new NDArray(dtype, (int[])shape.Clone(), new double[shape.Aggregate(1, (a, b) => a * b)]);
    }

    /// <summary>Element <paramref name="flatIndex"/> in row-major order, as a double.</summary>
    public double GetDouble(int flatIndex) => Data[flatIndex];

    /// <summary>The values in row-major order, converted to <typeparamref name="T"/>.</summary>
    public T[] ToArray<T>() where T : struct => Data.Select(d => (T)Convert.ChangeType(d, typeof(T), CultureInfo.InvariantCulture)).ToArray();

    /// <summary>The same values as another dtype (TensorFlow's cast: truncation toward zero for integers).</summary>
    public NDArray AsType(DType dtype) => new(dtype, _shape, (double[])Data.Clone());

    internal double ScalarValue()
    {
        if (Data.Length != 1)
        {
            throw new InvalidCastException(
                $"Only an array of one element can be converted to a scalar; this one has shape {TensorShape.Of(_shape)}.");
        }

        return Data[0];
    }

    /// <summary>A 0-d int32 array.</summary>
    public static implicit operator NDArray(int value) => Scalar(value, DType.Int32);

    /// <summary>A 0-d int64 array.</summary>
    public static implicit operator NDArray(long value) => Scalar(value, DType.Int64);

    /// <summary>A 0-d float32 array.</summary>
    public static implicit operator NDArray(float value) => Scalar(value, DType.Float32);

    /// <summary>A 0-d array; like a Python float, a double becomes float32.</summary>
    public static implicit operator NDArray(double value) => Scalar(value, DType.Float32);

    /// <summary>A 0-d bool array.</summary>
    public static implicit operator NDArray(bool value) => Scalar(value ? 1 : 0, DType.Bool);

    /// <summary>A 1-d int32 array.</summary>
    public static implicit operator NDArray(int[] values) => FromValues(DType.Int32, new[] { values.Length }, values.Select(v => (double)v));

    /// <summary>A 1-d int64 array.</summary>
    public static implicit operator NDArray(long[] values) => FromValues(DType.Int64, new[] { values.Length }, values.Select(v => (double)v));

    /// <summary>A 1-d float32 array.</summary>
    public static implicit operator NDArray(float[] values) => FromValues(DType.Float32, new[] { values.Length }, values.Select(v => (double)v));

    /// <summary>A 1-d array; like Python floats, doubles become float32.</summary>
    public static implicit operator NDArray(double[] values) => FromValues(DType.Float32, new[] { values.Length }, values);

    /// <summary>A 2-d float32 array.</summary>
    public static implicit operator NDArray(float[,] values) =>
        FromValues(DType.Float32, new[] { values.GetLength(0), values.GetLength(1) }, values.Cast<float>().Select(v => (double)v));

    /// <summary>A 2-d array; like Python floats, doubles become float32.</summary>
    public static implicit operator NDArray(double[,] values) =>
        FromValues(DType.Float32, new[] { values.GetLength(0), values.GetLength(1) }, values.Cast<double>());

    /// <summary>The value of a one-element array.</summary>
    public static explicit operator double(NDArray array) => array.ScalarValue();

    /// <summary>The value of a one-element array.</summary>
    public static explicit operator float(NDArray array) => (float)array.ScalarValue();

    /// <summary>The value of a one-element array, truncated toward zero.</summary>
    public static explicit operator long(NDArray array) => (long)array.ScalarValue();

    /// <summary>The value of a one-element array, truncated toward zero.</summary>
    public static explicit operator int(NDArray array) => (int)array.ScalarValue();

    /// <summary>The value of a one-element array.</summary>
    public static explicit operator bool(NDArray array) => array.ScalarValue() != 0;

    /// <inheritdoc />
    public bool Equals(NDArray? other) =>
        other is not null && other.DType == DType && other._shape.SequenceEqual(_shape) && other.Data.SequenceEqual(Data);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as NDArray);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(DType, _shape.Length, Data.Length == 0 ? 0 : Data[0]);

    /// <summary>Prints like numpy: <c>0</c>, <c>1.5</c>, <c>3.0</c>, <c>True</c>, <c>[1 2]</c>, <c>[[1. 2.] [3. 4.]]</c>.</summary>
    public override string ToString()
    {
        if (_shape.Length == 0)
        {
            return FormatElement(Data[0], inArray: false);
        }

        var sb = new StringBuilder();
        var index = 0;
        Append(sb, 0, ref index);
        return sb.ToString();
    }

    private void Append(StringBuilder sb, int axis, ref int index)
    {
        sb.Append('[');
        for (var i = 0; i < _shape[axis]; i++)
        {
            if (i > 0)
            {
                sb.Append(axis == _shape.Length - 1 ? " " : "\n" + new string(' ', axis + 1));
            }

            if (axis == _shape.Length - 1)
            {
                sb.Append(FormatElement(Data[index++], inArray: true));
            }
            else
            {
                Append(sb, axis + 1, ref index);
            }
        }

        sb.Append(']');
    }

    private string FormatElement(double value, bool inArray)
    {
        switch (DType)
        {
            case DType.Bool:
                return value != 0 ? "True" : "False";
            case DType.Int32:
            case DType.Int64:
                return ((long)value).ToString(CultureInfo.InvariantCulture);
            default:
                if (double.IsNaN(value))
                {
                    return "nan";
                }

                if (double.IsInfinity(value))
                {
                    return value > 0 ? "inf" : "-inf";
                }

                var text = DType == DType.Float32
                    ? ((float)value).ToString("R", CultureInfo.InvariantCulture)
                    : value.ToString("R", CultureInfo.InvariantCulture);
                if (!text.Contains('.', StringComparison.Ordinal) && !text.Contains('E', StringComparison.Ordinal))
                {
                    text += inArray ? "." : ".0";
                }

                return text;
        }
    }
}
