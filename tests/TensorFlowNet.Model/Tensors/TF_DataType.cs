// TF.NET Core/Tensors/TF_DataType.cs (current :11-62; old the same members): the C API's TF_DataType with the
// reference types at +100 (a graph variable's output is DtInt64Ref, DtFloatRef, ...).
using System;
using Rt = GlobalStepMigration.Runtime;

namespace Tensorflow
{
    public enum TF_DataType
    {
        DtInvalid = 0,
        TF_FLOAT = 1,
        TF_DOUBLE = 2,
        TF_INT32 = 3,
        TF_UINT8 = 4,
        TF_INT16 = 5,
        TF_INT8 = 6,
        TF_STRING = 7,
        TF_COMPLEX64 = 8,
        TF_COMPLEX = 8,
        TF_INT64 = 9,
        TF_BOOL = 10,
        TF_QINT8 = 11,
        TF_QUINT8 = 12,
        TF_QINT32 = 13,
        TF_BFLOAT16 = 14,
        TF_QINT16 = 15,
        TF_QUINT16 = 16,
        TF_UINT16 = 17,
        TF_COMPLEX128 = 18,
        TF_HALF = 19,
        TF_RESOURCE = 20,
        TF_VARIANT = 21,
        TF_UINT32 = 22,
        TF_UINT64 = 23,

        DtFloatRef = 101,
        DtDoubleRef = 102,
        DtInt32Ref = 103,
        DtUint8Ref = 104,
        DtInt16Ref = 105,
        DtInt8Ref = 106,
        DtStringRef = 107,
        DtComplex64Ref = 108,
        DtInt64Ref = 109,
        DtBoolRef = 110,
        DtQint8Ref = 111,
        DtQuint8Ref = 112,
        DtQint32Ref = 113,
        DtBfloat16Ref = 114,
        DtQint16Ref = 115,
        DtQuint16Ref = 116,
        DtUint16Ref = 117,
        DtComplex128Ref = 118,
        DtHalfRef = 119,
        DtResourceRef = 120,
        DtVariantRef = 121,
        DtUint32Ref = 122,
        DtUint64Ref = 123,
    }

    /// <summary>
    /// TF.NET Core/Tensors/dtypes.cs: the dtype helpers programs call. Current / old lines: as_base_dtype :180 / :188,
    /// as_numpy_name :190 / :198, as_ref :259 / :227, is_integer :297 / :265, is_floating :315 / :272,
    /// is_ref_dtype :320 / :277.
    /// </summary>
    public static class dtypes
    {
        public static TF_DataType as_base_dtype(this TF_DataType type) =>
            (int)type > 100 ? (TF_DataType)((int)type - 100) : type;

        public static TF_DataType as_ref(this TF_DataType type) =>
            (int)type < 100 ? (TF_DataType)((int)type + 100) : type;

        public static bool is_ref_dtype(this TF_DataType type) => (int)type > 100;

        public static bool is_floating(this TF_DataType type) =>
            type.as_base_dtype() is TF_DataType.TF_HALF or TF_DataType.TF_FLOAT or TF_DataType.TF_DOUBLE;

        public static bool is_integer(this TF_DataType type) =>
            type.as_base_dtype() is TF_DataType.TF_INT8 or TF_DataType.TF_INT16 or TF_DataType.TF_INT32 or TF_DataType.TF_INT64
                or TF_DataType.TF_UINT8 or TF_DataType.TF_UINT16 or TF_DataType.TF_UINT32 or TF_DataType.TF_UINT64;

        /// <summary>numpy's name of the dtype (TF.NET dtypes.as_numpy_name): float32, int64, ...</summary>
        public static string as_numpy_name(this TF_DataType type) => type.as_base_dtype() switch
        {
            TF_DataType.TF_FLOAT => "float32",
            TF_DataType.TF_DOUBLE => "float64",
            TF_DataType.TF_INT32 => "int32",
            TF_DataType.TF_INT64 => "int64",
            TF_DataType.TF_BOOL => "bool",
            TF_DataType.TF_STRING => "string",
            TF_DataType.TF_RESOURCE => "resource",
            var other => other.ToString(),
        };

        /// <summary>TensorFlow's DataTypeString, as error messages of the C library print it (int64, int64_ref, resource).</summary>
        internal static string TfName(this TF_DataType type) =>
            type.is_ref_dtype() ? type.as_numpy_name() + "_ref" : type.as_numpy_name();

        /// <summary>The runtime dtype that holds values of <paramref name="type"/>; the model executes these five.</summary>
        internal static Rt.DType ToRuntime(this TF_DataType type) => type.as_base_dtype() switch
        {
            TF_DataType.TF_FLOAT => Rt.DType.Float32,
            TF_DataType.TF_DOUBLE => Rt.DType.Float64,
            TF_DataType.TF_INT32 => Rt.DType.Int32,
            TF_DataType.TF_INT64 => Rt.DType.Int64,
            TF_DataType.TF_BOOL => Rt.DType.Bool,
            var other => throw Model.NotModelled($"dtype {other}"),
        };

        /// <summary>The dtype of a CLR element type (current Core/Tensors/dtypes.cs:89-...: as_tf_dtype(Type)).</summary>
        internal static TF_DataType FromClrType(Type type) => type == typeof(float) ? TF_DataType.TF_FLOAT
            : type == typeof(double) ? TF_DataType.TF_DOUBLE
            : type == typeof(int) ? TF_DataType.TF_INT32
            : type == typeof(long) ? TF_DataType.TF_INT64
            : type == typeof(bool) ? TF_DataType.TF_BOOL
            : type == typeof(byte) ? TF_DataType.TF_UINT8
            : type == typeof(short) ? TF_DataType.TF_INT16
            : TF_DataType.DtInvalid;

        internal static TF_DataType FromRuntime(Rt.DType dtype) => dtype switch
        {
            Rt.DType.Float32 => TF_DataType.TF_FLOAT,
            Rt.DType.Float64 => TF_DataType.TF_DOUBLE,
            Rt.DType.Int32 => TF_DataType.TF_INT32,
            Rt.DType.Int64 => TF_DataType.TF_INT64,
            Rt.DType.Bool => TF_DataType.TF_BOOL,
            _ => throw new ArgumentOutOfRangeException(nameof(dtype)),
        };

        /// <summary>TF.NET's GetDataType extension (Core/Util/...): the dtype of a C# value, array or tensor.</summary>
        internal static TF_DataType GetDataType(this object value) => value switch
        {
            null => TF_DataType.DtInvalid,
            Tensor t => t.dtype,
#if TFNET_V020
            NumSharp.NDArray nd => nd.dtype_tf,
#endif
            IVariableV1 v => v.dtype,
            Rt.NDArray array => FromRuntime(array.DType),
            bool or bool[] or bool[,] => TF_DataType.TF_BOOL,
            int or int[] or int[,] => TF_DataType.TF_INT32,
            long or long[] or long[,] => TF_DataType.TF_INT64,
            float or float[] or float[,] => TF_DataType.TF_FLOAT,
            double or double[] or double[,] => TF_DataType.TF_DOUBLE,
            string => TF_DataType.TF_STRING,
            _ => TF_DataType.DtInvalid,
        };
    }
}
