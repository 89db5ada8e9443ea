// Source: SciSharp/TensorFlow.NET src/TensorFlowNET.Core/Training/TrainingUtil.cs (commit ba490102c148ed20c3622d698aecc62f3cb005e7).
// create_global_step returns IVariableV1, get_global_step returns RefVariable; both default the graph to null.
namespace Tensorflow.Train
{
    public class TrainingUtil
    {
        public static IVariableV1 create_global_step(Graph graph = null)
            => throw Stub.Signature();

        public static RefVariable get_global_step(Graph graph = null)
            => throw Stub.Signature();

        public static Tensor _get_or_create_global_step_read(Graph graph = null)
            => throw Stub.Signature();
    }
}
