// Source: SciSharp/TensorFlow.NET src/TensorFlowNET.Core/tensorflow.cs (commit 1ae9bbc2f63f7bb2995758c9b33a1aa1fd1b707b
// and the newer revision with `use_resource`, `aggregation` and `Shape shape`, which is reproduced here).
namespace Tensorflow
{
    public partial class tensorflow
    {
        // The dtype shorthands are public instance fields (tf.int32, tf.int64, ...).
        public TF_DataType int32 = TF_DataType.TF_INT32;
        public TF_DataType int64 = TF_DataType.TF_INT64;
        public TF_DataType float32 = TF_DataType.TF_FLOAT;
        public TF_DataType float64 = TF_DataType.TF_DOUBLE;

        public ResourceVariable Variable<T>(T data,
            bool trainable = true,
            bool validate_shape = true,
            bool use_resource = true,
            string name = null,
            TF_DataType dtype = TF_DataType.DtInvalid,
            VariableAggregation aggregation = VariableAggregation.None,
            Shape shape = null)
            => throw Stub.Signature();

        public Tensor placeholder(TF_DataType dtype, Shape shape = null, string name = null)
            => throw Stub.Signature();

        public Session Session()
            => throw Stub.Signature();

        public Session Session(Graph graph, ConfigProto config = null)
            => throw Stub.Signature();
    }
}
