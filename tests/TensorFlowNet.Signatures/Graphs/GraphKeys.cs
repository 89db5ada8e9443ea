// Source: SciSharp/TensorFlow.NET src/TensorFlowNET.Core/ops.GraphKeys.cs (the revision with `*_` constants and
// instance properties): `tf.GraphKeys.GLOBAL_STEP` is a property, `ops.GraphKeys.GLOBAL_STEP_` the constant.
namespace Tensorflow
{
    public partial class ops
    {
        public class GraphKeys
        {
            public const string TRAINABLE_VARIABLES_ = "trainable_variables";
            public const string GLOBAL_VARIABLES_ = "variables";
            public const string TRAIN_OP_ = "train_op";
            public const string GLOBAL_STEP_ = "global_step";

            public string TRAINABLE_VARIABLES => throw Stub.Signature();
            public string GLOBAL_VARIABLES => throw Stub.Signature();
            public string TRAIN_OP => throw Stub.Signature();
            public string GLOBAL_STEP => throw Stub.Signature();
            public string GLOBAL_STEP_READ_KEY = "global_step_read_op_cache";
        }
    }
}
