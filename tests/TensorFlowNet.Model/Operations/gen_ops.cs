// The graph ops the model builds, each named and wired as TensorFlow.NET's op wrappers build it
// (_apply_op_helper, Core/Operations/OpDefLibrary.cs) and executed by a runtime op of the same exact name.
// Op types keep TensorFlow's names (VariableV2, Assign, AssignAdd, NoOp, ApplyGradientDescent, ...) even where
// the runtime computes them with other kernels.
using System;
using System.Linq;
using Rt = GlobalStepMigration.Runtime;
using static Tensorflow.Binding;

namespace Tensorflow
{
    internal static class constant_op
    {
        /// <summary>
        /// A Const in the default graph (current Core/Tensors/constant_op.cs:40-51 and 183-214, old :40-...): created
        /// with g.create_op("Const", name) directly, so the name is made unique without opening a scope.
        /// </summary>
        internal static Tensor constant(object value, TF_DataType dtype = TF_DataType.DtInvalid, string name = "Const")
        {
            if (value == null)
            {
                return null;
            }

            if (tf.Context.executing_eagerly())
            {
                throw Model.EagerNotModelled("tf.constant");
            }

            var g = ops.get_default_graph();
            var array = Values.ToRuntime(value, dtype);
            var outType = dtypes.FromRuntime(array.DType);
            return g.CreateOp("Const", string.IsNullOrEmpty(name) ? "Const" : name, Array.Empty<Tensor>(), new[] { outType },
                exact => Rt.Tf.Constant(array, array.DType, exact).Op).outputs[0];
        }
    }

    internal static class gen_math_ops
    {
        /// <summary>
        /// Cast (current Core/Operations/gen_math_ops.cs, cast). TensorFlow has no kernel that casts a number to a
        /// resource (tensorflow/core/kernels/cast_op.cc, CpuCastOp::Prepare and CastOpBase::Unimplemented), so a Cast
        /// to DT_RESOURCE is built but fails when a run needs it: "Cast int64 to resource is not supported".
        /// </summary>
        internal static Tensor cast(Tensor x, TF_DataType DstT, bool Truncate = false, string name = null)
        {
            var g = x.graph ?? ops.get_default_graph();
            var target = DstT.as_base_dtype();
            if (target == TF_DataType.TF_RESOURCE)
            {
                return g.ApplyOp("Cast", name, () => new[] { x }, _ => new[] { TF_DataType.TF_RESOURCE },
                    runError: ins => () => Model.StatusError($"Cast {ins[0].dtype.as_base_dtype().TfName()} to resource is not supported"))
                    .outputs[0];
            }

            return g.ApplyOp("Cast", name, () => new[] { x }, _ => new[] { target },
                ins => exact => Rt.Tf.Cast(ins[0].Backing, target.ToRuntime(), exact).Op).outputs[0];
        }

        internal static Tensor binary(string type, Tensor x, Tensor y, string name, Func<Rt.Tensor, Rt.Tensor, string, Rt.Tensor> kernel)
        {
            var g = x.graph ?? y.graph ?? ops.get_default_graph();
            return g.ApplyOp(type, name, () => new[] { x, y }, ins => new[] { ins[0].dtype.as_base_dtype() },
                ins => exact => kernel(ins[0].Backing, ins[1].Backing, exact).Op).outputs[0];
        }

        internal static Tensor add_v2(Tensor x, Tensor y, string name = null) => binary("AddV2", x, y, name, (a, b, n) => Rt.Tf.Add(a, b, n));

        internal static Tensor add(Tensor x, Tensor y, string name = null) => binary("Add", x, y, name, (a, b, n) => Rt.Tf.Add(a, b, n));

        internal static Tensor sub(Tensor x, Tensor y, string name = null) => binary("Sub", x, y, name, (a, b, n) => Rt.Tf.Subtract(a, b, n));

        internal static Tensor mul(Tensor x, Tensor y, string name = null) => binary("Mul", x, y, name, (a, b, n) => Rt.Tf.Multiply(a, b, n));

        internal static Tensor real_div(Tensor x, Tensor y, string name = null) => binary("RealDiv", x, y, name, (a, b, n) => Rt.Tf.Divide(a, b, n));

        internal static Tensor minimum(Tensor x, Tensor y, string name = null) => binary("Minimum", x, y, name, (a, b, n) => Rt.Tf.Minimum(a, b, n));

        internal static Tensor pow(Tensor x, Tensor y, string name = null) => binary("Pow", x, y, name, (a, b, n) => Rt.Tf.Pow(a, b, n));

        internal static Tensor unary(string type, Tensor x, string name, Func<Rt.Tensor, string, Rt.Tensor> kernel)
        {
            var g = x.graph ?? ops.get_default_graph();
            return g.ApplyOp(type, name, () => new[] { x }, ins => new[] { ins[0].dtype.as_base_dtype() },
                ins => exact => kernel(ins[0].Backing, exact).Op).outputs[0];
        }

        internal static Tensor square(Tensor x, string name = null) => unary("Square", x, name, (a, n) => Rt.Tf.Square(a, n));

        internal static Tensor sqrt(Tensor x, string name = null) => unary("Sqrt", x, name, (a, n) => Rt.Tf.Sqrt(a, n));
    }

    internal static class gen_array_ops
    {
        /// <summary>Identity (gen_array_ops.identity): the value of its input when it runs.</summary>
        internal static Tensor identity(Tensor input, string name = null) =>
            gen_math_ops.unary("Identity", input, name, (a, n) => Rt.Tf.Identity(a, n));
    }

    internal static class gen_control_flow_ops
    {
        /// <summary>NoOp (gen_control_flow_ops.no_op): no outputs; running it runs its control inputs.</summary>
        internal static Operation no_op(string name = null) =>
            ops.get_default_graph().ApplyOp("NoOp", name, Array.Empty<Tensor>, _ => Array.Empty<TF_DataType>(),
                _ => exact => Rt.Tf.NoOp(exact));
    }

    internal static class gen_state_ops
    {
        /// <summary>
        /// AssignAdd (current Core/Variables/gen_state_ops.py.cs:65-69, old :77-81): its input 'ref' must be a
        /// reference (a VariableV2 output), otherwise the C library refuses the node (INVALID_ARGUMENT "Input 'ref'
        /// passed ... expected ref type"). Its output is the reference, whose value is the sum after the update.
        /// </summary>
        internal static Tensor assign_add(Tensor @ref, object value, string name = null) => update("AssignAdd", @ref, value, name);

        internal static Tensor assign_sub(Tensor @ref, object value, string name = null) => update("AssignSub", @ref, value, name);

        internal static Tensor assign(Tensor @ref, object value, string name = null) => update("Assign", @ref, value, name);

        private static Tensor update(string type, Tensor @ref, object value, string name)
        {
            var g = @ref.graph ?? ops.get_default_graph();
            return g.ApplyOp(type, name,
                () =>
                {
                    if (!@ref.dtype.is_ref_dtype() || @ref.op.Core.Variable == null)
                    {
                        throw new InvalidArgumentError(
                            $"Input 'ref' passed {@ref.dtype.TfName()} expected ref type while building NodeDef '{g._name_stack}'");
                    }

                    return new[] { @ref, ops.convert_to_tensor(value, @ref.dtype.as_base_dtype(), name: "value") };
                },
                ins => new[] { ins[0].dtype },
                ins => exact =>
                {
                    var variable = ins[0].op.Core.Variable;
                    return (type switch
                    {
                        "AssignAdd" => variable.AssignAdd(ins[1].Backing, exact),
                        "AssignSub" => variable.AssignSub(ins[1].Backing, exact),
                        _ => variable.Assign(ins[1].Backing, exact),
                    }).Op;
                }).outputs[0];
        }
    }

    internal static class gen_resource_variable_ops
    {
        /// <summary>
        /// AssignAddVariableOp (current Core/Operations/gen_resource_variable_ops.cs:24-60): no outputs. Its 'resource'
        /// input is converted to DT_RESOURCE; a graph-mode ResourceVariable's handle is a VariableV2 reference, so the
        /// current generation inserts a Cast to resource (ops.cs:182-183) that fails when run, and the old generation
        /// (no cast, old ops.cs:451-480) is refused when the node is built ("Input 'resource' passed int64_ref expected
        /// resource", the message of TensorFlow.NET issue #397 for AssignVariableOp).
        /// </summary>
        internal static Operation assign_add_variable_op(Tensor resource, Tensor value, string name = null) =>
            resource_op("AssignAddVariableOp", resource, value, name, Array.Empty<TF_DataType>());

        internal static Operation assign_sub_variable_op(Tensor resource, Tensor value, string name = null) =>
            resource_op("AssignSubVariableOp", resource, value, name, Array.Empty<TF_DataType>());

        internal static Operation assign_variable_op(Tensor resource, Tensor value, string name = null) =>
            resource_op("AssignVariableOp", resource, value, name, Array.Empty<TF_DataType>());

        /// <summary>ReadVariableOp (gen_resource_variable_ops.cs:573-609): reads a resource; same conversion of its input.</summary>
        internal static Tensor read_variable_op(Tensor resource, TF_DataType dtype, string name = null) =>
            resource_op("ReadVariableOp", resource, null, name, new[] { dtype.as_base_dtype() }).outputs[0];

        private static Operation resource_op(string type, Tensor resource, Tensor value, string name, TF_DataType[] outputs)
        {
            var g = resource.graph ?? ops.get_default_graph();
            return g.ApplyOp(type, name,
                () =>
                {
#if TFNET_V020
                    if (resource.dtype != TF_DataType.TF_RESOURCE)
                    {
                        var signature = type == "ReadVariableOp"
                            ? "Op<name=ReadVariableOp; signature=resource:resource -> value:dtype; attr=dtype:type; is_stateful=true>"
                            : $"Op<name={type}; signature=resource:resource, value:dtype -> ; attr=dtype:type; is_stateful=true>";
                        throw new InvalidArgumentError(
                            $"Input 'resource' passed {resource.dtype.TfName()} expected resource while building NodeDef '{g._name_stack}' using {signature}");
                    }

                    var handle = resource;
#else
                    var handle = ops.convert_to_tensor(resource, TF_DataType.TF_RESOURCE, name: "resource");
#endif
                    return value == null ? new[] { handle } : new[] { handle, value };
                },
                _ => outputs);
        }
    }

    internal static class state_ops
    {
        /// <summary>
        /// Creates the VariableV2 node that holds a graph variable (state_ops.variable_op_v2 / gen_state_ops.variable_v2),
        /// named exactly <paramref name="name"/> (a scope name "x/"), with its runtime variable; the runtime also
        /// creates the variable's initializer "x/Assign" (TensorFlow.NET's gen_state_ops.assign of the initial value,
        /// same name), returned as <paramref name="initializer"/>.
        /// </summary>
        internal static Tensor variable_op_v2(Tensor initial_value, string name, bool trainable, out Operation initializer)
        {
            var g = initial_value.graph;
            Rt.Variable variable = null;
            var dtype = initial_value.dtype.as_base_dtype();
            var op = g.CreateOp("VariableV2", name, Array.Empty<Tensor>(), new[] { dtype.as_ref() },
                exact =>
                {
                    variable = Rt.Tf.Variable(initial_value.Backing, trainable, exact, dtype.ToRuntime());
                    return variable.Op;
                });
            op.Core.Variable = variable;
            op.Core.BackingOutputs = new Rt.Tensor[] { variable };
            initializer = g.Adopt(variable.Initializer);
            return op.outputs[0];
        }

        /// <summary>
        /// state_ops.assign_add (current Core/Variables/state_ops.cs:100-109; old :98-107, typed ITensorOrOperation):
        /// in graph mode gen_state_ops.assign_add on the variable's reference (for both RefVariable and a graph-mode
        /// ResourceVariable, whose handle is a VariableV2 reference).
        /// </summary>
        internal static Tensor assign_add(IVariableV1 @ref, object value, string name = null)
        {
            if (tf.Context.executing_eagerly())
            {
                throw Model.EagerNotModelled("state_ops.assign_add");
            }

            return gen_state_ops.assign_add(ops.as_ref(@ref), value, name);
        }
    }
}
