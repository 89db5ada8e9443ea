// Source: SciSharp/TensorFlow.NET src/TensorFlowNET.Core/APIs/tf.ops.cs (commit df60e8334e28b17e42c2e67e247b15b249fc64ab).
using System.Collections.Generic;

namespace Tensorflow
{
    public partial class tensorflow
    {
        public void add_to_collection<T>(string name, T value)
            => throw Stub.Signature();

        public void add_to_collections<T>(List<string> names, T value)
            => throw Stub.Signature();

        public Tensor assign(IVariableV1 @ref, object value, bool validate_shape = true, bool use_locking = true, string name = null)
            => throw Stub.Signature();

        public List<T> get_collection<T>(string key, string scope = "")
            => throw Stub.Signature();

        public Operation no_op(string name = null)
            => throw Stub.Signature();
    }
}
