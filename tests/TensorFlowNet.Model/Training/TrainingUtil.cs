// Core/Training/TrainingUtil.cs (current :6-86; old :8-88, the same logic) and the TF1 decay functions.
using System;
using System.Collections.Generic;
using static Tensorflow.Binding;

namespace Tensorflow.Train
{
    public class TrainingUtil
    {
        /// <summary>
        /// :8-23. ValueError "global_step already exists." when get_global_step finds one. Then it makes the graph the
        /// default one (as_default, never undone) and resets its name scope to the root (g.name_scope(null), never
        /// restored), and calls tf.compat.v1.get_variable("global_step", [], int64, tf.zeros_initializer, trainable:
        /// false, collections [GLOBAL_VARIABLES, GLOBAL_STEP]): a ResourceVariable whose initial value is the float32
        /// zeros of tf.zeros_initializer converted to int64 (current: a Cast named "initial_value"; old: converted
        /// without a cast, so the old global step is a float32 variable).
        /// </summary>
        public static IVariableV1 create_global_step(Graph graph = null)
        {
            graph ??= ops.get_default_graph();
            if (get_global_step(graph) != null)
            {
                throw new ValueError("global_step already exists.");
            }

            var g = graph.as_default();
            g.name_scope(null);
            return tf.compat.v1.get_variable(tf.GraphKeys.GLOBAL_STEP, new int[0], dtype: TF_DataType.TF_INT64,
                initializer: tf.zeros_initializer,
                trainable: false,
                aggregation: VariableAggregation.OnlyFirstReplica,
                collections: new List<string> { tf.GraphKeys.GLOBAL_VARIABLES, tf.GraphKeys.GLOBAL_STEP });
        }

        /// <summary>
        /// :25-47. The single item of the GLOBAL_STEP collection read with get_collection&lt;RefVariable&gt;: a RefVariable
        /// registered there is found, a ResourceVariable (what create_global_step makes) is an InvalidCastException.
        /// With no item it falls back to get_tensor_by_name("global_step:0"), whose Tensor converts to RefVariable as
        /// null (RefVariable.Implicit.cs:20-23): a step found only by name is null; KeyError also gives null.
        /// </summary>
        public static RefVariable get_global_step(Graph graph = null)
        {
            graph ??= ops.get_default_graph();
            RefVariable global_step_tensor = null;
            var global_step_tensors = graph.get_collection<RefVariable>(tf.GraphKeys.GLOBAL_STEP);
            if (global_step_tensors.Count == 1)
            {
                global_step_tensor = global_step_tensors[0];
            }
            else
            {
                try
                {
                    global_step_tensor = graph.get_tensor_by_name("global_step:0");
                }
                catch (KeyError)
                {
                    return null;
                }
            }

            return global_step_tensor;
        }

        /// <summary>TrainingUtil.cs:49-71 (old :51-73): needs RefVariable.initialized_value (a cond), which the model leaves out once a step is found.</summary>
        public static Tensor _get_or_create_global_step_read(Graph graph = null)
        {
            graph ??= ops.get_default_graph();
            var reads = graph.get_collection<Tensor>(tf.GraphKeys.GLOBAL_STEP_READ_KEY);
            if (reads.Count > 1)
            {
                throw new RuntimeError($"There are multiple items in collection {tf.GraphKeys.GLOBAL_STEP_READ_KEY}. There should be only one.");
            }

            if (reads.Count == 1)
            {
                return reads[0];
            }

            var global_step_tensor = get_global_step(graph);
            if (global_step_tensor == null)
            {
                return null;
            }

            throw Model.NotModelled("_get_or_create_global_step_read of an existing step (RefVariable.initialized_value)");
        }
    }
}

namespace Tensorflow.Training
{
    public class learning_rate_decay
    {
        /// <summary>
        /// Current Core/Training/learning_rate_decay.cs:18-23, old :22-27: the body is
        /// <c>throw new NotImplementedException("")</c>; the step parameter is a RefVariable.
        /// </summary>
        public static Tensor polynomial_decay(float learning_rate, RefVariable global_step, float decay_steps,
            float end_learning_rate = 0.0001f, float power = 1.0f, bool cycle = false,
            string name = null)
        {
            throw new NotImplementedException("");
        }
    }
}
