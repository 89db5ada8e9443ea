// Sources: SciSharp/TensorFlow.NET src/TensorFlowNET.Core/DisposableObject.cs, Operations/ITensorOrOperation.cs,
// Operations/Operation.cs, Tensors/Tensor.cs, Tensors/TF_DataType.cs, NumPy/Shape.cs (types and the few members the tests use).
using System;

namespace Tensorflow
{
    public abstract class DisposableObject : IDisposable
    {
        public void Dispose()
            => throw Stub.Signature();
    }

    public interface ITensorOrOperation
    {
        string Device { get; }
        Operation op { get; }
        string name { get; }
        TF_DataType dtype { get; }
        Tensor[] outputs { get; }
    }

    public partial class Operation : ITensorOrOperation
    {
        public string Device => throw Stub.Signature();
        public Operation op => throw Stub.Signature();
        public string name => throw Stub.Signature();
        public TF_DataType dtype => throw Stub.Signature();
        public Tensor[] outputs => throw Stub.Signature();
    }

    public partial class Tensor : DisposableObject, ITensorOrOperation
    {
        public string Device => throw Stub.Signature();
        public Operation op => throw Stub.Signature();
        public string name => throw Stub.Signature();
        public TF_DataType dtype => throw Stub.Signature();
        public Tensor[] outputs => throw Stub.Signature();

        public NumPy.NDArray numpy()
            => throw Stub.Signature();

        public static Tensor operator +(Tensor x, Tensor y) => throw Stub.Signature();
        public static Tensor operator -(Tensor x, Tensor y) => throw Stub.Signature();
        public static Tensor operator *(Tensor x, Tensor y) => throw Stub.Signature();
    }

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
        TF_INT64 = 9,
        TF_BOOL = 10,
    }

    public class Shape
    {
        public Shape(params int[] dims)
            => throw Stub.Signature();
    }
}
