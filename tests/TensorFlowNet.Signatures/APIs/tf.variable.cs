// Source: SciSharp/TensorFlow.NET src/TensorFlowNET.Core/APIs/tf.variable.cs (commit 4515f0f5b58f2017b9167892161f2e04bb9fee68).
namespace Tensorflow
{
    public partial class tensorflow
    {
        public IVariableV1[] global_variables(string scope = null)
            => throw Stub.Signature();

        public Operation global_variables_initializer()
            => throw Stub.Signature();

        public IVariableV1[] trainable_variables(string scope = null)
            => throw Stub.Signature();
    }
}
