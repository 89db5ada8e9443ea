// Core/Training/GradientDescentOptimizer.cs (current :22-63, old the same) and AdamOptimizer.cs (current :29-173,
// old :29-173). Line numbers below hold at both tags.
using System.Collections.Generic;
using System.Linq;
using static Tensorflow.Binding;

namespace Tensorflow.Train
{
    public class GradientDescentOptimizer : Optimizer
    {
        private readonly bool _useTensor;

        /// <summary>GradientDescentOptimizer.cs:40-45.</summary>
        public GradientDescentOptimizer(float learning_rate, bool use_locking = false, string name = "GradientDescent")
            : base(learning_rate, use_locking, name)
        {
            _lr = learning_rate;
            _useTensor = false;
        }

        /// <summary>GradientDescentOptimizer.cs:47-52.</summary>
        public GradientDescentOptimizer(Tensor learning_rate, bool use_locking = false, string name = "GradientDescent")
            : base(learning_rate, use_locking, name)
        {
            _lr_t = learning_rate;
            _useTensor = true;
        }

        /// <summary>:54-62: a float learning rate becomes a new Const "learning_rate" in the optimizer's scope at each apply.</summary>
        public override void _prepare()
        {
            if (!_useTensor)
            {
                _lr_t = ops.convert_to_tensor(_lr, name: "learning_rate");
            }
        }
    }

    public class AdamOptimizer : Optimizer
    {
        private float _beta1;
        private float _beta2;
        private float _epsilon;
        private TF_DataType _dtype;
        private Tensor _beta1_t;
        private Tensor _beta2_t;
        private Tensor _epsilon_t;

        /// <summary>AdamOptimizer.cs:37-44.</summary>
        public AdamOptimizer(float learning_rate, float beta1 = 0.9f, float beta2 = 0.999f, float epsilon = 1e-8f, bool use_locking = false,
            TF_DataType dtype = TF_DataType.TF_FLOAT, string name = "Adam")
            : base(learning_rate, use_locking, name)
            => Configure(beta1, beta2, epsilon, dtype);

        /// <summary>AdamOptimizer.cs:46-53.</summary>
        public AdamOptimizer(Tensor learning_rate, float beta1 = 0.9f, float beta2 = 0.999f, float epsilon = 1e-8f, bool use_locking = false,
            TF_DataType dtype = TF_DataType.TF_FLOAT, string name = "Adam")
            : base(learning_rate, use_locking, name)
            => Configure(beta1, beta2, epsilon, dtype);

        private void Configure(float beta1, float beta2, float epsilon, TF_DataType dtype)
        {
            _beta1 = beta1;
            _beta2 = beta2;
            _epsilon = epsilon;
            _dtype = dtype;
        }

        /// <summary>
        /// :71-88: ApplyAdam of the variable, its slots "m" and "v" and the beta powers, each cast to the variable's dtype
        /// with math_ops.cast (a "Cast" scope and no op for a reference of the same type).
        /// </summary>
        public override Operation _apply_dense(Tensor grad, ResourceVariable var)
        {
            var m = get_slot(var, "m");
            var v = get_slot(var, "v");
            var (beta1_power, beta2_power) = _get_beta_accumulators();
            var dtype = var.dtype.as_base_dtype();
            return TrainingOps.apply_adam(var.Handle, m.Handle, v.Handle,
                math_ops.cast(beta1_power.Handle, dtype),
                math_ops.cast(beta2_power.Handle, dtype),
                math_ops.cast(_lr_t, dtype),
                math_ops.cast(_beta1_t, dtype),
                math_ops.cast(_beta2_t, dtype),
                math_ops.cast(_epsilon_t, dtype),
                grad);
        }

        /// <summary>:120-132: beta1_power and beta2_power next to the first variable by name, then slots m and v of each variable.</summary>
        protected override void _create_slots(IVariableV1[] var_list)
        {
            var first_var = var_list.OrderBy(x => x.Name).First();
            _create_non_slot_variable(initial_value: _beta1, name: "beta1_power", colocate_with: first_var);
            _create_non_slot_variable(initial_value: _beta2, name: "beta2_power", colocate_with: first_var);
            foreach (var v in var_list)
            {
                _zeros_slot(v, "m", Name);
                _zeros_slot(v, "v", Name);
            }
        }

        /// <summary>
        /// :134-151: after the updates (a control dependency), beta1_power and beta2_power are multiplied by beta1 and
        /// beta2 (Assign of the product), and everything is grouped under <paramref name="name_scope"/>.
        /// </summary>
        public override Operation _finish(Operation[] update_ops, string name_scope)
        {
            var operations = new List<ITensorOrOperation>();
            operations.AddRange(update_ops);
            tf_with(ops.control_dependencies(update_ops), _ =>
            {
                var (beta1_power, beta2_power) = _get_beta_accumulators();
                operations.Add(beta1_power.assign(beta1_power.AsTensor() * _beta1_t, use_locking: _use_locking));
                operations.Add(beta2_power.assign(beta2_power.AsTensor() * _beta2_t, use_locking: _use_locking));
            });
            return control_flow_ops.group(operations.ToArray(), name: name_scope);
        }

        private (IVariableV1, IVariableV1) _get_beta_accumulators()
        {
            var graph = ops.get_default_graph();
            return (_get_non_slot_variable("beta1_power", graph: graph), _get_non_slot_variable("beta2_power", graph: graph));
        }

        /// <summary>:161-172: the constants are made once per optimizer ("learning_rate", "beta1", "beta2", "epsilon" in its scope).</summary>
        public override void _prepare()
        {
            _lr_t ??= ops.convert_to_tensor(_lr, name: "learning_rate", dtype: _dtype);
            _beta1_t ??= ops.convert_to_tensor(_beta1, name: "beta1", dtype: _dtype);
            _beta2_t ??= ops.convert_to_tensor(_beta2, name: "beta2", dtype: _dtype);
            _epsilon_t ??= ops.convert_to_tensor(_epsilon, name: "epsilon", dtype: _dtype);
        }
    }
}
