using System;

namespace GlobalStepMigration.Runtime;

/// <summary>Element types of tensors (TensorFlow's <c>tf.DType</c>).</summary>
public enum DType
{
    /// <summary>32-bit floating point (<c>tf.float32</c>).</summary>
    Float32,

    /// <summary>64-bit floating point (<c>tf.float64</c>).</summary>
    Float64,

    /// <summary>32-bit signed integer (<c>tf.int32</c>).</summary>
    Int32,

    /// <summary>64-bit signed integer (<c>tf.int64</c>).</summary>
    Int64,

    /// <summary>Boolean (<c>tf.bool</c>).</summary>
    Bool,
}

/// <summary>Queries on <see cref="DType"/> that mirror TensorFlow's dtype attributes.</summary>
public static class DTypeExtensions
{
    /// <summary>TensorFlow's <c>is_integer</c>.</summary>
    public static bool IsInteger(this DType dtype) => dtype is DType.Int32 or DType.Int64;

    /// <summary>TensorFlow's <c>is_floating</c>.</summary>
    public static bool IsFloating(this DType dtype) => dtype is DType.Float32 or DType.Float64;

    /// <summary>TensorFlow's name of the dtype, for example <c>float32</c>.</summary>
    public static string TfName(this DType dtype) => dtype switch
    {
        DType.Float32 => "float32",
        DType.Float64 => "float64",
        DType.Int32 => "int32",
        DType.Int64 => "int64",
        DType.Bool => "bool",
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "Unknown dtype."),
    };

    /// <summary>How TensorFlow prints a dtype: <c>&lt;dtype: 'float32'&gt;</c>.</summary>
    public static string Repr(this DType dtype) => $"<dtype: '{dtype.TfName()}'>";

    /// <summary>Rounds or truncates a value to what the dtype can hold.</summary>
    internal static double Coerce(this DType dtype, double value) => dtype switch
    {
        DType.Float32 => (float)value,
        DType.Float64 => value,
        DType.Int32 => double.IsNaN(value) ? 0 : Math.Truncate(value) is var t && t >= int.MinValue && t <= int.MaxValue ? t : unchecked((int)(long)t),
        DType.Int64 => double.IsNaN(value) ? 0 : Math.Truncate(value),
        DType.Bool => value != 0 ? 1 : 0,
        _ => value,
    };
}
