// tf.group and friends: Core/Operations/control_flow_ops.cs (current :101-146, old :101-...).
using System;
using System.Collections.Generic;
using System.Linq;
using static Tensorflow.Binding;

namespace Tensorflow
{
    internal static class control_flow_ops
    {
        /// <summary>
        /// A NoOp named <paramref name="name"/> (default "group_deps") whose control inputs are the inputs' ops, in the
        /// order given (control_flow_ops.cs:101-129 and _GroupControlDeps :139-146). A null input is a
        /// NullReferenceException (inp.Device), an empty array a NotImplementedException("control_flow_ops.group").
        /// TensorFlow runs the control inputs of a node in no particular order; the runtime runs them as listed.
        /// </summary>
        internal static Operation group<T>(T[] inputs, string name = null) where T : ITensorOrOperation
        {
            return tf_with(ops.name_scope(name, "group_deps", inputs), scope =>
            {
                name = scope;
                var ops_on_device = new Dictionary<string, List<T>>();
                foreach (var inp in inputs)
                {
                    if (ops_on_device.ContainsKey(inp.Device))
                    {
                        ops_on_device[inp.Device].Add(inp);
                    }
                    else
                    {
                        ops_on_device[inp.Device] = new List<T> { inp };
                    }
                }

                if (ops_on_device.Count == 1)
                {
                    var deps = ops_on_device.Values.First();
                    return _GroupControlDeps(deps.Select(x => x.op).ToArray(), name);
                }

                throw new NotImplementedException("control_flow_ops.group");
            });
        }

        private static Operation _GroupControlDeps(Operation[] deps, string name) =>
            tf_with(ops.control_dependencies(deps), _ => gen_control_flow_ops.no_op(name));

        internal static Operation no_op(string name = null) => gen_control_flow_ops.no_op(name);
    }

    internal static class math_ops
    {
        /// <summary>
        /// math_ops.cast (current :126-140): the tensor itself when its dtype is already the target; otherwise a "Cast"
        /// name scope, and a Cast op only when the base dtypes differ (a reference of the same base type opens the
        /// scope and creates nothing).
        /// </summary>
        internal static Tensor cast(Tensor x, TF_DataType dtype, string name = null)
        {
            var base_type = dtype.as_base_dtype();
            if (base_type == x.dtype)
            {
                return x;
            }

            return tf_with(ops.name_scope(name, "Cast", new { x }), scope =>
            {
                if (x.dtype.as_base_dtype() != base_type)
                {
                    x = gen_math_ops.cast(x, base_type, name: scope);
                }

                return x;
            });
        }
    }

    /// <summary>
    /// The operators' BinaryOpWrapper (current Core/Tensors/Tensor.Operators.cs:279-312, old :310-...): a name scope
    /// "add", "sub", "mul" or "truediv"; the operands converted as "x" and "y" to one dtype (current: the first
    /// operand's unless an integer meets a float; old: the second tensor's); the op named by the scope.
    /// </summary>
    internal static class MathOps
    {
        internal static Tensor Binary<Tx, Ty>(string name, Tx x, Ty y)
        {
#if TFNET_V020
            var dtype = TF_DataType.DtInvalid;
            if (x is Tensor tl)
            {
                dtype = tl.dtype.as_base_dtype();
            }

            if (y is Tensor tr)
            {
                dtype = tr.dtype.as_base_dtype();
            }
#else
            var dtype1 = x.GetDataType();
            var dtype2 = y.GetDataType();
            var dtype = dtype1.is_integer() && dtype2.is_floating() ? dtype2 : dtype1;
#endif
            return tf_with(ops.name_scope(null, name, new { x, y }), scope =>
            {
                var x1 = ops.convert_to_tensor(x, dtype, name: "x");
                var y1 = ops.convert_to_tensor(y, dtype, name: "y");
                string newname = scope;
                return name switch
                {
                    "add" => gen_math_ops.add_v2(x1, y1, newname),
                    "sub" => gen_math_ops.sub(x1, y1, newname),
                    "mul" => gen_math_ops.mul(x1, y1, newname),
                    "truediv" => gen_math_ops.real_div(x1, y1, newname),
                    _ => throw new NotImplementedException($"BinaryOpWrapper: {name}"),
                };
            });
        }
    }
}
