// Source: SciSharp/TensorFlow.NET src/TensorFlowNET.Core/Variables/BaseResourceVariable.cs (revision deriving from
// DisposableTrackableObject; that base is reduced to Trackable here). It does not implement IVariableV1 itself.
using Tensorflow.NumPy;
using Tensorflow.Train;

namespace Tensorflow
{
    public class BaseResourceVariable : Trackable
    {
        public BaseResourceVariable()
            => throw Stub.Signature();

        public virtual string Name => throw Stub.Signature();
        public TF_DataType dtype => throw Stub.Signature();
        public string UniqueId => throw Stub.Signature();
        public bool Trainable => throw Stub.Signature();
        public Operation initializer => throw Stub.Signature();
        public Tensor Handle => throw Stub.Signature();
        public Tensor GraphElement => throw Stub.Signature();
        public Shape shape => throw Stub.Signature();
        public Operation Initializer => throw Stub.Signature();
        public Operation Op => throw Stub.Signature();
        public Graph Graph => throw Stub.Signature();
        public string Device => throw Stub.Signature();

        public Tensor assign<T>(T value, bool use_locking = false, string name = null, bool read_value = true)
            => throw Stub.Signature();

        public IVariableV1 assign_lazy_load(Tensor value, string name = null)
            => throw Stub.Signature();

        public Tensor value()
            => throw Stub.Signature();

        public Tensor assign_add<T>(T delta, bool use_locking = false, string name = null, bool read_value = true)
            => throw Stub.Signature();

        public Tensor assign_sub<T>(T delta, bool use_locking = false, string name = null, bool read_value = true)
            => throw Stub.Signature();

        public IVariableV1 assign_sub_lazy_load(Tensor delta, string name = null)
            => throw Stub.Signature();

        public override string ToString()
            => throw Stub.Signature();

        public NDArray numpy()
            => throw Stub.Signature();

        public Tensor AsTensor(TF_DataType dtype = TF_DataType.DtInvalid, string name = null, bool as_ref = false)
            => throw Stub.Signature();

        public Tensor is_initialized(string name = null)
            => throw Stub.Signature();

        public Tensor read_value_no_copy()
            => throw Stub.Signature();
    }
}
