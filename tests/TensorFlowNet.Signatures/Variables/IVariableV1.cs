// Source: SciSharp/TensorFlow.NET src/TensorFlowNET.Core/Variables/IVariableV1.cs (commit c9c339d30943d0a9d933bd2615366be0fb9fbb7a).
using Tensorflow.NumPy;

namespace Tensorflow
{
    public interface IVariableV1
    {
        string UniqueId { get; }
        string Name { get; }
        Tensor Handle { get; }
        string Device { get; }
        Operation Initializer { get; }
        Operation Op { get; }
        Tensor GraphElement { get; }
        Graph Graph { get; }
        TF_DataType dtype { get; }
        Shape shape { get; }
        bool Trainable { get; }
        Tensor assign_add<T>(T delta, bool use_locking = false, string name = null, bool read_value = true);
        Tensor assign_sub<T>(T delta, bool use_locking = false, string name = null, bool read_value = true);
        IVariableV1 assign_sub_lazy_load(Tensor delta, string name = null);
        Tensor assign<T>(T value, bool use_locking = false, string name = null, bool read_value = true);
        IVariableV1 assign_lazy_load(Tensor value, string name = null);
        Tensor AsTensor(TF_DataType dtype = TF_DataType.DtInvalid, string name = null, bool as_ref = false);
        NDArray numpy();
    }
}
