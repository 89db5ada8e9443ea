// Source: SciSharp/TensorFlow.NET src/TensorFlowNET.Core/Variables/RefVariable.cs (revision `RefVariable : IVariableV1, IProtoBuf<...>`,
// marked [Obsolete] there; the attribute and the protobuf interface are left out so tests need no suppressions).
using System.Collections.Generic;
using Tensorflow.NumPy;

namespace Tensorflow
{
    public partial class RefVariable : IVariableV1
    {
        public RefVariable(object initial_value = null,
            bool trainable = true,
            List<string> collections = null,
            bool validate_shape = true,
            string caching_device = "",
            string name = null,
            VariableDef variable_def = null,
            TF_DataType dtype = TF_DataType.DtInvalid,
            string import_scope = "")
            => throw Stub.Signature();

        public string UniqueId => throw Stub.Signature();
        public string Name => throw Stub.Signature();
        public Tensor Handle => throw Stub.Signature();
        public string Device => throw Stub.Signature();
        public Operation Initializer => throw Stub.Signature();
        public Operation Op => throw Stub.Signature();
        public Tensor GraphElement => throw Stub.Signature();
        public Graph Graph => throw Stub.Signature();
        public TF_DataType dtype => throw Stub.Signature();
        public Shape shape => throw Stub.Signature();
        public bool Trainable => throw Stub.Signature();

        public Tensor assign_add<T>(T delta, bool use_locking = false, string name = null, bool read_value = true)
            => throw Stub.Signature();

        public Tensor assign_sub<T>(T delta, bool use_locking = false, string name = null, bool read_value = true)
            => throw Stub.Signature();

        public IVariableV1 assign_sub_lazy_load(Tensor delta, string name = null)
            => throw Stub.Signature();

        public Tensor assign<T>(T value, bool use_locking = false, string name = null, bool read_value = true)
            => throw Stub.Signature();

        public IVariableV1 assign_lazy_load(Tensor value, string name = null)
            => throw Stub.Signature();

        public Tensor AsTensor(TF_DataType dtype = TF_DataType.DtInvalid, string name = null, bool as_ref = false)
            => throw Stub.Signature();

        public NDArray numpy()
            => throw Stub.Signature();

        public Tensor initialized_value()
            => throw Stub.Signature();

        // RefVariable.Implicit.cs (commit a8a0731c4d012fa8e12c233023af5f2f0e19fb2d): both directions convert implicitly.
        public static implicit operator Tensor(RefVariable var)
            => throw Stub.Signature();

        public static implicit operator RefVariable(Tensor var)
            => throw Stub.Signature();
    }
}
