// Source: SciSharp/TensorFlow.NET src/TensorFlowNET.Core/APIs/tf.graph.cs (commit 6fe6057ff4a9c66497d79ebb887cb329660396ce).
// `GraphKeys` is the nested type `ops.GraphKeys` (the file has `using static Tensorflow.ops;`).
namespace Tensorflow
{
    public partial class tensorflow
    {
        public ops.GraphKeys GraphKeys => throw Stub.Signature();

        public void reset_default_graph()
            => throw Stub.Signature();

        public Graph get_default_graph()
            => throw Stub.Signature();

        public Graph Graph()
            => throw Stub.Signature();
    }
}
