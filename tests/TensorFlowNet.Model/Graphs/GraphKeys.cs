// Core/ops.GraphKeys.cs (current :30-171, old: the same members on the same lines): constants spelled with a
// trailing underscore and instance properties without it (tf.GraphKeys.GLOBAL_STEP); GLOBAL_STEP_READ_KEY and
// LOCAL_VARIABLES are instance fields. Lines, both tags: constants TRAINABLE_VARIABLES_ :40,
// TRAINABLE_RESOURCE_VARIABLES_ :45, _STREAMING_MODEL_PORTS_ :50, LOSSES_ :55, LOCAL_VARIABLES_ :57,
// GLOBAL_VARIABLES_ :68, TRAIN_OP_ :70, GLOBAL_STEP_ :72, UPDATE_OPS_ :96; properties TRAINABLE_VARIABLES :115,
// TRAINABLE_RESOURCE_VARIABLES :120, _STREAMING_MODEL_PORTS :125, LOCAL_VARIABLES :131 (field), LOSSES :136,
// GLOBAL_VARIABLES :145, TRAIN_OP :147, GLOBAL_STEP :149, GLOBAL_STEP_READ_KEY :150 (field), UPDATE_OPS :160.
namespace Tensorflow
{
    public partial class ops
    {
        public class GraphKeys
        {
            public const string TRAINABLE_VARIABLES_ = "trainable_variables";
            public const string TRAINABLE_RESOURCE_VARIABLES_ = "trainable_resource_variables";
            public const string _STREAMING_MODEL_PORTS_ = "streaming_model_ports";
            public const string LOSSES_ = "losses";
            public const string LOCAL_VARIABLES_ = "local_variables";
            public const string GLOBAL_VARIABLES_ = "variables";
            public const string TRAIN_OP_ = "train_op";
            public const string GLOBAL_STEP_ = "global_step";
            public const string UPDATE_OPS_ = "update_ops";

            public string TRAINABLE_VARIABLES => TRAINABLE_VARIABLES_;

            public string TRAINABLE_RESOURCE_VARIABLES => TRAINABLE_RESOURCE_VARIABLES_;

            public string _STREAMING_MODEL_PORTS => _STREAMING_MODEL_PORTS_;

            public string LOCAL_VARIABLES = LOCAL_VARIABLES_;

            public string LOSSES => LOSSES_;

            public string GLOBAL_VARIABLES => GLOBAL_VARIABLES_;

            public string TRAIN_OP => TRAIN_OP_;

            public string GLOBAL_STEP => GLOBAL_STEP_;

            public string GLOBAL_STEP_READ_KEY = "global_step_read_op_cache";

            public string UPDATE_OPS => UPDATE_OPS_;
        }
    }
}
