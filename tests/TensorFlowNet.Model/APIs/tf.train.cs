// tf.train: Core/APIs/tf.train.cs (current :24-50 and :89-107 commented out; old :25-105).
using System;
using System.Linq;
using Tensorflow.Train;
using static Tensorflow.Binding;

namespace Tensorflow
{
    public partial class tensorflow
    {
        public class train_internal
        {
            /// <summary>Current :28-29, old :29-30: TrainingUtil.create_global_step; the graph has no default here.</summary>
            public IVariableV1 create_global_step(Graph graph) => TrainingUtil.create_global_step(graph);

            /// <summary>Current :31-32, old :32-33: TrainingUtil.get_global_step (a RefVariable, returned as IVariableV1).</summary>
            public IVariableV1 get_global_step(Graph graph) => TrainingUtil.get_global_step(graph);

            // Current / old: GradientDescentOptimizer(float) :34 / :35, (Tensor) :37 / :38; AdamOptimizer(float, epsilon)
            // :40 / :41, (float, dtype) :43 / :44, (Tensor) :49 / :47.
            public Optimizer GradientDescentOptimizer(float learning_rate) => new GradientDescentOptimizer(learning_rate);

            public Optimizer GradientDescentOptimizer(Tensor learning_rate) => new GradientDescentOptimizer(learning_rate);

            public Optimizer AdamOptimizer(float learning_rate, float epsilon = 1e-8f, string name = "Adam")
                => new AdamOptimizer(learning_rate, epsilon: epsilon, name: name);

            public Optimizer AdamOptimizer(float learning_rate, TF_DataType dtype, string name = "Adam")
                => new AdamOptimizer(learning_rate, name: name, dtype: dtype);

#if !TFNET_V020
            /// <summary>Current :46-47 (added after v0.20, commit f9959ef9).</summary>
            public Optimizer AdamOptimizer(IVariableV1 learning_rate, string name = "Adam")
                => new AdamOptimizer(learning_rate.AsTensor(), name: name);
#endif

            public Optimizer AdamOptimizer(Tensor learning_rate, string name = "Adam")
                => new AdamOptimizer(learning_rate, name: name);

            /// <summary>Current :55-56, old :53-54: tf.train.Saver (Core/Training/Saving/Saver.cs); checkpoint files are not modelled.</summary>
            public Saver Saver(IVariableV1[] var_list = null, int max_to_keep = 5) => new Saver(var_list, max_to_keep: max_to_keep);

#if TFNET_V020
            /// <summary>
            /// Old :87-105 (tf.train.polynomial_decay existed from commit 0e2488ca, tag v0.13, until 41df7852, before
            /// v0.30): Keras PolynomialDecay(...).__call__(global_step).
            /// </summary>
            public Tensor polynomial_decay(float learning_rate,
                RefVariable global_step,
                float decay_steps,
                float end_learning_rate = 0.0001f,
                float power = 1.0f,
                bool cycle = false,
                string name = null)
            {
                var decayed = new Tensorflow.Keras.Optimizers.PolynomialDecay(learning_rate, decay_steps,
                    end_learning_rate: end_learning_rate, power: power, cycle: cycle, name: name);
                return decayed.__call__(global_step);
            }
#endif
        }
    }
}

namespace Tensorflow.Train
{
    /// <summary>
    /// tf.train.Saver: save(sess, save_path, global_step: n) takes an int step, not a variable (Core/Training/Saving/Saver.cs:167-175,
    /// current and old). The model keeps the signature; writing checkpoints is not modelled.
    /// </summary>
    public class Saver
    {
        /// <summary>
        /// Saver.cs:57-... (both tags): the leading parameters in TensorFlow.NET's order; the later ones (saver_def,
        /// builder, ...) take types the model does not have and are left out.
        /// </summary>
        public Saver(IVariableV1[] var_list = null, bool reshape = false, bool sharded = false, int max_to_keep = 5,
            float keep_checkpoint_every_n_hours = 10000, string name = null, bool restore_sequentially = false)
        {
        }

        /// <summary>Saver.cs:167-175 (both tags).</summary>
        public string save(Session sess, string save_path, int global_step = -1, string latest_filename = "", string meta_graph_suffix = "meta",
            bool write_meta_graph = true, bool write_state = true, bool strip_default_attrs = false, bool save_debug_info = false)
            => throw Model.NotModelled("Saver.save (checkpoint files)");
    }
}

#if TFNET_V020
namespace Tensorflow.Keras.Optimizers
{
    /// <summary>Old Core/Keras/Optimizers/LearningRateSchedule.cs:9-15.</summary>
    public class LearningRateSchedule
    {
    }

    /// <summary>Old Core/Keras/Optimizers/PolynomialDecay.cs:13-67.</summary>
    public class PolynomialDecay : LearningRateSchedule
    {
        private readonly float initial_learning_rate;
        private readonly float decay_steps;
        private readonly float end_learning_rate;
        private readonly float power;
        private readonly bool cycle;
        private string name;

        // Old PolynomialDecay.cs:22-35.
        public PolynomialDecay(float initial_learning_rate, float decay_steps, float end_learning_rate = 0.0001f, float power = 1.0f,
            bool cycle = false, string name = null)
        {
            this.initial_learning_rate = initial_learning_rate;
            this.decay_steps = decay_steps;
            this.end_learning_rate = end_learning_rate;
            this.power = power;
            this.cycle = cycle;
            this.name = name;
        }

        /// <summary>
        /// :37-66: end + (initial - end) * (1 - min(step, decay_steps) / decay_steps) ^ power, in float32, the final add
        /// named by the scope ("PolynomialDecay"). The step goes through old math_ops.cast(IVariableV1) (math_ops.cs:81-96),
        /// which builds a Cast but returns the uncast snapshot, so an integer step reaches truediv as an integer:
        /// TypeError "x and y must have the same dtype, got TF_INT64 != TF_FLOAT" (math_ops.cs:909-918). cycle:
        /// NotImplementedException("PolynomialDecay cycle").
        /// </summary>
        public Tensor __call__(IVariableV1 step)
        {
            return tf_with(ops.name_scope(name ?? "PolynomialDecay"), scope =>
            {
                name = scope;
                var initial = ops.convert_to_tensor(initial_learning_rate, name: "initial_learning_rate");
                var dtype = initial.dtype;
                var end = ops.convert_to_tensor(end_learning_rate, dtype, name: "end_learning_rate");
                var powerTensor = ops.convert_to_tensor(power, dtype, name: "power");
                var stepValue = step.AsTensor();
                var decaySteps = ops.convert_to_tensor(decay_steps, dtype, name: "decay_steps");
                if (cycle)
                {
                    throw new NotImplementedException("PolynomialDecay cycle");
                }

                if (stepValue.dtype.as_base_dtype() != TF_DataType.TF_FLOAT)
                {
                    throw new TypeError($"x and y must have the same dtype, got {stepValue.dtype.as_base_dtype()} != {TF_DataType.TF_FLOAT}");
                }

                var recomp = gen_math_ops.minimum(stepValue, decaySteps);
                var p = gen_math_ops.real_div(recomp, decaySteps, "truediv");
                var pow = gen_math_ops.pow(ops.convert_to_tensor(1f, dtype) - p, powerTensor);
                var m = gen_math_ops.mul(initial - end, pow);
                return gen_math_ops.add(m, end, name: scope);
            });
        }
    }
}
#endif
