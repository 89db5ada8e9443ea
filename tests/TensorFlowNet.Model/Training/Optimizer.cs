// The TF1 optimizer base, Core/Training/Optimizer.cs (current :32-473, old :32-473; old differs at :208-210), and
// its processors, Core/Training/optimizer.py.cs:23-94.
using System;
using System.Collections.Generic;
using System.Linq;
using Tensorflow.Train;
using static Tensorflow.Binding;
using Rt = GlobalStepMigration.Runtime;

namespace Tensorflow.Train
{
    /// <summary>Core/Training/Trackable.cs (type only: the base of Optimizer and the variables).</summary>
    public abstract class Trackable
    {
    }
}

namespace Tensorflow
{
    /// <summary>Core/Training/GateGradientType.cs:3-8 (both tags).</summary>
    public enum GateGradientType
    {
        GATE_NONE = 0,
        GATE_OP = 1,
        GATE_GRAPH = 2,
    }

    public abstract class Optimizer : Trackable
    {
        // Optimizer.cs (both tags): GATE_* :35-37, Name :40, LearningRate :42, LearningRateTensor :44, _use_locking :45,
        // _slots :46, _non_slot_dict :47.
        public static int GATE_NONE = 0;
        public static int GATE_OP = 1;
        public static int GATE_GRAPH = 2;

        private readonly string _name;
        protected float _lr;
        protected Tensor _lr_t;
        public bool _use_locking;
        public Dictionary<string, Dictionary<string, IVariableV1>> _slots = new();
        public Dictionary<string, IVariableV1> _non_slot_dict = new();

        /// <summary>Optimizer.cs:51-63: an empty name is a NotImplementedException("Must specify the optimizer name").</summary>
        public Optimizer(float learning_rate, bool use_locking, string name = null)
        {
            if (string.IsNullOrEmpty(name))
            {
                throw new NotImplementedException("Must specify the optimizer name");
            }

            _name = name;
            _use_locking = use_locking;
            _lr = learning_rate;
        }

        /// <summary>Optimizer.cs:65-77.</summary>
        public Optimizer(Tensor learning_rate, bool use_locking, string name = null)
        {
            if (string.IsNullOrEmpty(name))
            {
                throw new NotImplementedException("Must specify the optimizer name");
            }

            _name = name;
            _use_locking = use_locking;
            _lr_t = learning_rate;
        }

        public string Name => _name;

        public float LearningRate => _lr;

        public Tensor LearningRateTensor => _lr_t;

        /// <summary>
        /// Optimizer.cs:108-128: compute_gradients then apply_gradients(grads_and_vars, global_step, name); a ValueError
        /// when no variable has a gradient.
        /// </summary>
        public Operation minimize(Tensor loss,
            IVariableV1 global_step = null,
            List<IVariableV1> var_list = null,
            GateGradientType gate_gradients = GateGradientType.GATE_OP,
            int? aggregation_method = null,
            bool colocate_gradients_with_ops = false, string name = null, Tensor grad_loss = null)
        {
            var grads_and_vars = compute_gradients(loss, var_list: var_list, gate_gradients: gate_gradients,
                aggregation_method: aggregation_method, colocate_gradients_with_ops: colocate_gradients_with_ops, grad_loss: grad_loss);

            var vars_with_grad = grads_and_vars.Where(x => x.Item1 != null).Select(x => x.Item2).ToArray();
            if (vars_with_grad.Length == 0)
            {
                throw new ValueError("No gradients provided for any variable, check your graph for ops"
                    + $" that do not support gradients, between variables {string.Join(",", vars_with_grad.Select(x => x.Name))} and loss {loss}.");
            }

            return apply_gradients(grads_and_vars, global_step: global_step, name: name);
        }

        /// <summary>
        /// Optimizer.cs:145-224. In the name scope name_scope(name, Name) ("GradientDescent", "Adam", unique): each
        /// variable's update in "update_" + its op name; then without a global step the updates are grouped into a NoOp
        /// that takes the scope's exact name, and it is returned. With a global step the updates are grouped into a NoOp
        /// named "update" in the scope, and under a control dependency on it an AssignAdd of the step by 1 (a Const of
        /// the step's dtype) takes the scope's exact name: the op returned is that AssignAdd (current: the Tensor
        /// state_ops.assign_add returns, converted to its op). Old tag v0.20 writes `state_ops.assign_add(...) as
        /// Operation` (:208-210) on an ITensorOrOperation that is a Tensor, so it returns null (fixed the next day in
        /// commit f9959ef9, release 0.20.1); the nodes are built all the same. The result is never added to TRAIN_OP
        /// (the check is inverted: `train_op.Contains(apply_updates)`, :217-219).
        /// </summary>
        public Operation apply_gradients(Tuple<Tensor, IVariableV1>[] grads_and_vars, IVariableV1 global_step = null, string name = null)
        {
            GraphVariable.RequireGraphMode("Optimizer.apply_gradients");
            var converted_grads_and_vars = new List<(Tensor Grad, IVariableV1 Var, ResourceVariable Processor)>();
            foreach (var (g, v) in grads_and_vars)
            {
                if (g != null)
                {
                    converted_grads_and_vars.Add((g, v, v as ResourceVariable));
                }
            }

            var var_list = converted_grads_and_vars.Where(x => x.Grad != null).Select(x => x.Var).ToArray();
            if (var_list.Length == 0)
            {
                throw new ValueError("No gradients provided for any variable");
            }

            ops.init_scope();
            _create_slots(var_list);

            var update_ops = new List<Operation>();
            return tf_with(ops.name_scope(name, Name), scope =>
            {
                name = scope;
                _prepare();

                foreach (var (grad, var, processor) in converted_grads_and_vars)
                {
                    var scope_name = var.Op.name;
                    tf_with(ops.name_scope("update_" + scope_name), _ =>
                    {
                        // _DenseResourceVariableProcessor.update_op: _apply_dense(g, v as ResourceVariable); a RefVariable is null there.
                        update_ops.Add(_apply_dense(grad, processor));
                    });
                }

                Operation apply_updates = null;
                if (global_step == null)
                {
                    apply_updates = _finish(update_ops.ToArray(), name);
                }
                else
                {
                    tf_with(ops.control_dependencies(new object[] { _finish(update_ops.ToArray(), "update") }), _ =>
                    {
#if TFNET_V020
                        apply_updates = ((ITensorOrOperation)state_ops.assign_add(global_step, ops.convert_to_tensor(1, dtype: global_step.dtype), name: name)) as Operation;
#else
                        apply_updates = state_ops.assign_add(global_step, ops.convert_to_tensor(1, dtype: global_step.dtype), name: name);
#endif
                    });
                }

                var train_op = ops.get_collection_ref<Operation>(tf.GraphKeys.TRAIN_OP);
                if (train_op != null && train_op.Contains(apply_updates))
                {
                    train_op.Add(apply_updates);
                }

                return apply_updates;
            });
        }

        /// <summary>
        /// Optimizer.cs:385-419: gradients of the loss for var_list (default: the TRAINABLE_RESOURCE_VARIABLES and
        /// TRAINABLE_VARIABLES collections); each variable's target is (v as ResourceVariable).Handle, so a RefVariable
        /// is a NullReferenceException. Gradients are computed by the runtime (named under "gradients").
        /// </summary>
        public Tuple<Tensor, IVariableV1>[] compute_gradients(Tensor loss,
            List<IVariableV1> var_list = null,
            int? aggregation_method = null,
            GateGradientType gate_gradients = GateGradientType.GATE_OP,
            bool colocate_gradients_with_ops = false,
            Tensor grad_loss = null)
        {
            if (var_list == null)
            {
                var vars = ops.get_collection<IVariableV1>(tf.GraphKeys.TRAINABLE_RESOURCE_VARIABLES);
                var tmp = ops.get_collection(tf.GraphKeys.TRAINABLE_VARIABLES);
                var_list = (tmp as List<IVariableV1>).Concat(vars).ToList();
            }

            var_list = var_list.Concat(ops.get_collection<IVariableV1>(tf.GraphKeys._STREAMING_MODEL_PORTS)).ToList();
            var var_refs = var_list.Select(v => (v as ResourceVariable).Handle).ToArray();
            if (gate_gradients == GateGradientType.GATE_GRAPH || grad_loss != null)
            {
                throw Model.NotModelled("compute_gradients with GATE_GRAPH or grad_loss");
            }

            var g = loss.graph;
            g.SyncRuntimeScope(g._name_stack);
            List<Rt.Tensor> grads;
            using (g.Runtime.AsDefault())
            {
                grads = Model.Guard(() => Rt.Tf.Gradients(loss.Backing, var_refs.Select(r => r.Backing)));
            }

            return grads.Zip(var_list, (grad, v) => new Tuple<Tensor, IVariableV1>(grad == null ? null : g.Wrap(grad), v)).ToArray();
        }

        protected virtual void _create_slots(IVariableV1[] var_list)
        {
        }

        /// <summary>Optimizer.cs:274-277.</summary>
        public virtual Operation _finish(Operation[] update_ops, string name_scope) => control_flow_ops.group(update_ops, name_scope);

        /// <summary>
        /// Optimizer.cs:279-291, graph mode: ApplyGradientDescent of the variable's reference by the learning rate cast to
        /// the variable's dtype (math_ops.cast) and the gradient. The runtime computes var -= alpha * delta.
        /// </summary>
        public virtual Operation _apply_dense(Tensor grad, ResourceVariable var)
        {
            var alpha = math_ops.cast(LearningRateTensor, var.dtype.as_base_dtype());
            return TrainingOps.apply_gradient_descent(var.Handle, alpha, grad);
        }

        /// <summary>Optimizer.cs:343-346 (empty).</summary>
        public virtual void _prepare()
        {
        }

        /// <summary>Optimizer.cs:244-272: a non-trainable variable per graph (ResourceVariable when the first variable is one), in the current name scope.</summary>
        protected IVariableV1 _create_non_slot_variable(float initial_value, string name, IVariableV1 colocate_with)
        {
            var graph = colocate_with.Graph;
            var key = $"{name}.{graph.graph_key}";
            if (!_non_slot_dict.TryGetValue(key, out var v))
            {
                v = variable_scope.default_variable_creator(initial_value, name: name, dtype: colocate_with.dtype.as_base_dtype(), trainable: false,
                    use_resource: colocate_with is ResourceVariable);
                _non_slot_dict[key] = v;
            }

            return v;
        }

        protected IVariableV1 get_slot(IVariableV1 var, string name) =>
            _slots.TryGetValue(name, out var named_slots) && named_slots.TryGetValue(_var_key(var), out var slot) ? slot : null;

        private static string _var_key(IVariableV1 var) => $"{var.Op.graph.graph_key}.{var.Op.name}";

        protected IVariableV1 _get_non_slot_variable(string name, Graph graph = null) =>
            _non_slot_dict.TryGetValue($"{name}.{graph.graph_key}", out var v) ? v : null;

        /// <summary>
        /// Optimizer.cs:441-451 with SlotCreator.create_zeros_slot (SlotCreator.cs:51-111): variable_scope(string.Empty,
        /// "var/Optimizer") opens the name scope "var/Optimizer" (made unique in the current scope) and a variable scope
        /// unique among variable scopes ("var/Adam", then "var/Adam_1": variable_scope.py.cs:144-173), in which
        /// get_variable("") creates the zero-initialized, non-trainable slot at the root name scope, named by the
        /// variable scope. (The variable scope store is kept per graph here.)
        /// </summary>
        protected IVariableV1 _zeros_slot(IVariableV1 var, string slot_name, string op_name)
        {
            if (!_slots.TryGetValue(slot_name, out var named_slots))
            {
                _slots[slot_name] = named_slots = new Dictionary<string, IVariableV1>();
            }

            if (!named_slots.TryGetValue(_var_key(var), out var slot))
            {
                var g = var.Graph;
                var prefix = var.Op.name + "/" + op_name;
                tf_with(ops.name_scope(prefix), _ => { });
                var unique = prefix;
                for (var idx = 1; g.VariableScopeCounts.ContainsKey(unique); idx++)
                {
                    unique = $"{prefix}_{idx}";
                }

                g.VariableScopeCounts[unique] = 1;
                var zeros = GlobalStepMigration.Runtime.NDArray.Zeros(var.dtype.ToRuntime(), var.shape.AsInts());
                slot = tf_with(ops.name_scope(null), _ => new ResourceVariable(new Func<Tensor>(() => constant_op.constant(zeros, name: "zeros")),
                    trainable: false, name: unique + "/", dtype: var.dtype.as_base_dtype()));
                named_slots[_var_key(var)] = slot;
            }

            return slot;
        }
    }

    /// <summary>The update ops of gen_training_ops, executed by the runtime.</summary>
    internal static class TrainingOps
    {
        /// <summary>ApplyGradientDescent (gen_training_ops): var -= alpha * delta; outputs the variable's reference.</summary>
        internal static Operation apply_gradient_descent(Tensor var, Tensor alpha, Tensor delta) =>
            var.graph.ApplyOp("ApplyGradientDescent", null, () => new[] { var, alpha, delta }, ins => new[] { ins[0].dtype },
                ins => exact => ins[0].op.Core.Variable.AssignSub(Rt.Tf.Multiply(ins[1].Backing, ins[2].Backing), exact).Op);

        /// <summary>
        /// ApplyAdam (TensorFlow's training_ops): m += (g - m) * (1 - beta1); v += (g^2 - v) * (1 - beta2);
        /// var -= lr * sqrt(1 - beta2_power) / (1 - beta1_power) * m / (epsilon + sqrt(v)).
        /// </summary>
        internal static Operation apply_adam(Tensor var, Tensor m, Tensor v, Tensor beta1_power, Tensor beta2_power, Tensor lr, Tensor beta1, Tensor beta2,
            Tensor epsilon, Tensor grad) =>
            var.graph.ApplyOp("ApplyAdam", null, () => new[] { var, m, v, beta1_power, beta2_power, lr, beta1, beta2, epsilon, grad }, ins => new[] { ins[0].dtype },
                ins => exact =>
                {
                    var b = ins.Select(t => t.Backing).ToArray();
                    var one = Rt.Tf.OnesLike(b[5]);
                    var mNew = ins[1].op.Core.Variable.AssignAdd(Rt.Tf.Multiply(Rt.Tf.Subtract(b[9], b[1]), Rt.Tf.Subtract(one, b[6])));
                    var vNew = ins[2].op.Core.Variable.AssignAdd(Rt.Tf.Multiply(Rt.Tf.Subtract(Rt.Tf.Square(b[9]), b[2]), Rt.Tf.Subtract(one, b[7])));
                    var rate = Rt.Tf.Divide(Rt.Tf.Multiply(b[5], Rt.Tf.Sqrt(Rt.Tf.Subtract(one, b[4]))), Rt.Tf.Subtract(one, b[3]));
                    var step = Rt.Tf.Divide(Rt.Tf.Multiply(rate, mNew), Rt.Tf.Add(b[8], Rt.Tf.Sqrt(vNew)));
                    return ins[0].op.Core.Variable.AssignSub(step, exact).Op;
                });
    }
}
