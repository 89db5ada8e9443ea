// Source: SciSharp/TensorFlow.NET src/TensorFlowNET.Core/APIs/tf.train.cs (commit 41df785232f2b7dbeb2417ad57a5971347a86f73).
// `tf.train` is a `tensorflow.train_internal`; its global-step functions take a graph with no default.
using Tensorflow.Train;

namespace Tensorflow
{
    public partial class tensorflow
    {
        public train_internal train => throw Stub.Signature();

        public class train_internal
        {
            public IVariableV1 create_global_step(Graph graph)
                => throw Stub.Signature();

            public IVariableV1 get_global_step(Graph graph)
                => throw Stub.Signature();

            public Optimizer GradientDescentOptimizer(float learning_rate)
                => throw Stub.Signature();

            public Optimizer GradientDescentOptimizer(Tensor learning_rate)
                => throw Stub.Signature();

            public Optimizer AdamOptimizer(float learning_rate, float epsilon = 1e-8f, string name = "Adam")
                => throw Stub.Signature();

            public Optimizer AdamOptimizer(float learning_rate, TF_DataType dtype, string name = "Adam")
                => throw Stub.Signature();

            public Optimizer AdamOptimizer(IVariableV1 learning_rate, string name = "Adam")
                => throw Stub.Signature();

            public Optimizer AdamOptimizer(Tensor learning_rate, string name = "Adam")
                => throw Stub.Signature();
        }
    }
}
