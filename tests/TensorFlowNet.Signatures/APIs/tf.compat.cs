// Sources: SciSharp/TensorFlow.NET src/TensorFlowNET.Core/APIs/tf.compat.cs (commit 4f29e1000ab273c55a44819e3d7cdcf4c3c3c97b)
// and src/TensorFlowNET.Core/APIs/tf.compat.v1.cs (commit 4515f0f5b58f2017b9167892161f2e04bb9fee68).
using System.Collections.Generic;

namespace Tensorflow
{
    public partial class tensorflow
    {
        public CompatApi compat => throw Stub.Signature();

        public class CompatApi
        {
            public CompatV1Api v1 => throw Stub.Signature();
        }
    }

    public class CompatV1Api
    {
        public void disable_eager_execution()
            => throw Stub.Signature();

        public IVariableV1 get_variable(string name,
            Shape shape = null,
            TF_DataType dtype = TF_DataType.DtInvalid,
            object initializer = null,
            bool? trainable = null,
            List<string> collections = null,
            bool? use_resource = null,
            bool validate_shape = true,
            VariableSynchronization synchronization = VariableSynchronization.Auto,
            VariableAggregation aggregation = VariableAggregation.None)
            => throw Stub.Signature();

        public Operation global_variables_initializer()
            => throw Stub.Signature();

        public Session Session()
            => throw Stub.Signature();
    }
}
