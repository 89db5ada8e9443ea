// Graph-mode variables as TensorFlow.NET builds them. In graph mode both RefVariable and ResourceVariable hold a
// VariableV2 node "name" (a reference), its initializer "name/Assign" and a snapshot "name/read"
// (current Core/Variables/ResourceVariable.cs:64-184 and RefVariable.cs:133-223; old ResourceVariable.cs:74-160 and
// RefVariable.cs:129-219). tf.Variable always makes a ResourceVariable (tensorflow.cs:117-131, old :67-81).
using System;
using System.Collections.Generic;
using System.Linq;
using Tensorflow.Train;
using static Tensorflow.Binding;
#if TFNET_V020
using NDArray = NumSharp.NDArray;
using Shape = Tensorflow.TensorShape;
#else
using Tensorflow.NumPy;
#endif

namespace Tensorflow
{
    /// <summary>Current Core/Variables/IVariableV1.cs:31-57; old :32-53 (assign/assign_add typed ITensorOrOperation, no assign_sub, numpy or Trainable).</summary>
    public interface IVariableV1
    {
        string UniqueId { get; }
        string Name { get; }
        Tensor Handle { get; }
        string Device { get; }
        Operation Initializer { get; }
        Operation Op { get; }
        Tensor GraphElement { get; }
        Graph Graph { get; }
        TF_DataType dtype { get; }
        Shape shape { get; }
#if TFNET_V020
        ITensorOrOperation assign_add<T>(T delta, bool use_locking = false, string name = null, bool read_value = true);
        ITensorOrOperation assign<T>(T value, bool use_locking = false, string name = null, bool read_value = true);
        Tensor AsTensor();
#else
        bool Trainable { get; }
        Tensor assign_add<T>(T delta, bool use_locking = false, string name = null, bool read_value = true);
        Tensor assign_sub<T>(T delta, bool use_locking = false, string name = null, bool read_value = true);
        IVariableV1 assign_sub_lazy_load(Tensor delta, string name = null);
        Tensor assign<T>(T value, bool use_locking = false, string name = null, bool read_value = true);
        IVariableV1 assign_lazy_load(Tensor value, string name = null);
        Tensor AsTensor(TF_DataType dtype = TF_DataType.DtInvalid, string name = null, bool as_ref = false);
        NDArray numpy();
#endif
    }

    public enum VariableAggregation
    {
        None = 0,
        Sum = 1,
        Mean = 2,
        OnlyFirstReplica = 3,
    }

    public enum VariableSynchronization
    {
        Auto = 0,
        None = 1,
        OnWrite = 2,
        OnRead = 3,
    }

    /// <summary>Protobuf message (Core/Protobuf/Variable.cs); restoring a variable from it is not modelled.</summary>
    public sealed class VariableDef
    {
    }

    /// <summary>The shared part of graph variables: the VariableV2 node, its initializer and its "read" snapshot.</summary>
    internal static class GraphVariable
    {
        /// <summary>The initial value as a tensor, converted with the variable's dtype.</summary>
        internal static Tensor InitialValue(object initial_value, TF_DataType dtype, string name)
        {
            if (initial_value is IInitializer initializer)
            {
                return ops.convert_to_tensor(initializer.Apply(new InitializerArgs(null, dtype)));
            }

            var value = initial_value is Func<Tensor> fn ? fn() : initial_value;
            return ops.convert_to_tensor(value, dtype, name: name);
        }

        internal static void RequireGraphMode(string what)
        {
            if (tf.Context.executing_eagerly())
            {
                throw Model.EagerNotModelled(what);
            }
        }
    }

#if TFNET_V020
    /// <summary>Old Core/Variables/BaseResourceVariable.cs:11-164.</summary>
    public class BaseResourceVariable : DisposableObject, IVariableV1
#else
    /// <summary>Current Core/Variables/BaseResourceVariable.cs:16-379 (its base DisposableTrackableObject is reduced to Trackable).</summary>
    public class BaseResourceVariable : Trackable
#endif
    {
        protected string _name;
        protected TF_DataType _dtype;
        protected string _handle_name;
        protected string _unique_id;
        protected bool _in_graph_mode;
        protected bool _trainable;
        protected Tensor _initial_value;
        protected Tensor handle;
        protected Tensor _graph_element;
        protected Shape _shape;
        protected Operation initializer_op;

        // Members of BaseResourceVariable.cs, current / old lines: Name :19 / :14, dtype :29 / :16, UniqueId :38 / :21,
        // Trainable :44 / trainable :26, initial_value - / :29, Device :67 / :50, initializer :48 / :31, Handle :57 / :40,
        // GraphElement :59 / :42, shape :61 / :44, Initializer :64 / :47, Op :65 / :48, Graph :66 / :49,
        // constructor :71 / :52, __init__ :75-120 / :61-74.
        public BaseResourceVariable()
        {
        }

        /// <summary>"name:0".</summary>
        public virtual string Name => _handle_name;

        /// <summary>In graph mode the handle's dtype, a reference type such as DtInt64Ref (ResourceVariable.cs:148).</summary>
        public TF_DataType dtype => _dtype;

        public string UniqueId => _unique_id;

#if TFNET_V020
        public bool trainable => _trainable;

        public Tensor initial_value => _initial_value;

        public string Device => "";
#else
        public bool Trainable => _trainable;

        public string Device => handle.Device;
#endif

        public Operation initializer => initializer_op;

        public Tensor Handle => handle;

        public Tensor GraphElement => _graph_element;

        public Shape shape => _shape;

        public Operation Initializer => initializer_op;

        public Operation Op => handle.op;

        public Graph Graph => handle.graph;

        public void __init__(bool trainable = true, Tensor handle = null, string name = null, string unique_id = null, string handle_name = null)
        {
            _trainable = trainable;
            _handle_name = handle_name + ":0";
            _unique_id = unique_id;
            this.handle = handle;
            _name = name;
        }

        /// <summary>
        /// Current :122-143 (old :76-93): a value of type exactly Tensor is assigned to the handle with Assign (works in
        /// graph mode); any other value goes through AssignVariableOp on the handle converted to a resource.
        /// </summary>
#if TFNET_V020
        public ITensorOrOperation assign<T>(T value, bool use_locking = false, string name = null, bool read_value = true)
#else
        public Tensor assign<T>(T value, bool use_locking = false, string name = null, bool read_value = true)
#endif
        {
            GraphVariable.RequireGraphMode("Variable.assign");
            if (value.GetType() == typeof(Tensor))
            {
                var assign = gen_state_ops.assign(handle, value, name: name);
                return read_value ? assign : assign.op;
            }

            var value_tensor = ops.convert_to_tensor(value, dtype: _dtype);
            var assign_op = gen_resource_variable_ops.assign_variable_op(handle, value_tensor, name: name);
            return read_value ? gen_resource_variable_ops.read_variable_op(handle, _dtype) : assign_op;
        }

        /// <summary>
        /// Current :249-258 (old :137-146): an AssignAddVariableOp on the handle, then, when read_value, a separate
        /// ReadVariableOp that does not depend on it. In graph mode the handle is a VariableV2 reference: the current
        /// generation converts it with a Cast to resource that fails when run; the old one refuses the node when
        /// building it. Either way, in graph mode assign_add of a ResourceVariable never increments it.
        /// </summary>
#if TFNET_V020
        public ITensorOrOperation assign_add<T>(T delta, bool use_locking = false, string name = null, bool read_value = true)
#else
        public Tensor assign_add<T>(T delta, bool use_locking = false, string name = null, bool read_value = true)
#endif
        {
            GraphVariable.RequireGraphMode("Variable.assign_add");
            var assign_add_op = gen_resource_variable_ops.assign_add_variable_op(Handle, ops.convert_to_tensor(delta, dtype: _dtype), name: name);
            if (read_value)
            {
                return gen_resource_variable_ops.read_variable_op(handle, _dtype);
            }

            // Current: the Operation converts to its first output, and AssignAddVariableOp has none: null.
            return assign_add_op;
        }

#if !TFNET_V020
        /// <summary>Current :260-269: as assign_add, with AssignSubVariableOp.</summary>
        public Tensor assign_sub<T>(T delta, bool use_locking = false, string name = null, bool read_value = true)
        {
            GraphVariable.RequireGraphMode("Variable.assign_sub");
            var op = gen_resource_variable_ops.assign_sub_variable_op(Handle, ops.convert_to_tensor(delta, dtype: _dtype), name: name);
            return read_value ? gen_resource_variable_ops.read_variable_op(handle, _dtype) : op;
        }

        /// <summary>Current :161 and :271; lazy loading is not modelled.</summary>
        public IVariableV1 assign_lazy_load(Tensor value, string name = null) => throw Model.NotModelled("assign_lazy_load");

        public IVariableV1 assign_sub_lazy_load(Tensor delta, string name = null) => throw Model.NotModelled("assign_sub_lazy_load");
#endif

        /// <summary>The "read" snapshot in graph mode (current :170-171 GraphElement ?? read; old :95).</summary>
        public Tensor value() => _graph_element;

#if TFNET_V020
        /// <summary>Old :162-163.</summary>
        public Tensor AsTensor() => _graph_element;
#else
        /// <summary>Current :296-302: the snapshot, or with as_ref the input of a new ReadVariableOp.</summary>
        public Tensor AsTensor(TF_DataType dtype = TF_DataType.DtInvalid, string name = null, bool as_ref = false) =>
            as_ref ? read_value().op.inputs[0] : value();

        /// <summary>Current :239-246: a ReadVariableOp in a "Read" scope, then an Identity.</summary>
        protected Tensor read_value()
        {
            var value = tf_with(ops.name_scope("Read"), _ => gen_resource_variable_ops.read_variable_op(handle, _dtype));
            return gen_array_ops.identity(value);
        }
#endif

        /// <summary>Current :287, old :156: read_value().numpy(); reading a graph variable outside a session is not modelled.</summary>
        public NDArray numpy() => throw Model.NotModelled($"numpy() of the graph variable {Name}");

        /// <summary>Current :279-285, old :148-154 (graph mode).</summary>
        public override string ToString() => $"tf.Variable: '{Name}' shape={string.Join(",", shape?.AsInts() ?? Array.Empty<int>())}, dtype={dtype.as_numpy_name()}";
    }

#if TFNET_V020
    public partial class ResourceVariable : BaseResourceVariable
#else
    public partial class ResourceVariable : BaseResourceVariable, IVariableV1
#endif
    {
#if TFNET_V020
        public ResourceVariable(object initial_value = null, bool trainable = true, List<string> collections = null, bool validate_shape = true,
            string caching_device = "", string name = null, VariableDef variable_def = null, TF_DataType dtype = TF_DataType.DtInvalid,
            string import_scope = "", VariableAggregation aggregation = VariableAggregation.None, TensorShape shape = null)
#else
        public ResourceVariable(object initial_value = null, bool trainable = true, List<string> collections = null, bool validate_shape = true,
            string caching_device = "", string name = null, VariableDef variable_def = null, TF_DataType dtype = TF_DataType.DtInvalid,
            string import_scope = "", VariableAggregation aggregation = VariableAggregation.None, Shape shape = null)
#endif
        // Current Core/Variables/ResourceVariable.cs:32-62, old :43-72.
        {
            if (variable_def != null)
            {
                if (initial_value != null)
                {
                    throw new ValueError("variable_def and initial_value are mutually exclusive.");
                }

                throw Model.NotModelled("Restoring a ResourceVariable from a VariableDef");
            }

            _init_from_args(initial_value, trainable, collections, name, dtype, shape);
        }

        /// <summary>
        /// Current :64-184, old :74-160, graph mode: in the scope name_scope(name, "Variable") the initial value is
        /// converted in "Initializer" (name "initial_value"), then the VariableV2 node takes the scope's name, its
        /// initializer is "Assign"; the current generation then builds a ReadVariableOp of the handle that nothing uses
        /// (:144), and both take the "read" snapshot and join the collections as IVariableV1.
        /// </summary>
        private void _init_from_args(object initial_value, bool trainable, List<string> collections, string name, TF_DataType dtype, Shape shape)
        {
            GraphVariable.RequireGraphMode("tf.Variable");
            collections ??= new List<string> { tf.GraphKeys.GLOBAL_VARIABLES };
            _trainable = trainable;
            if (trainable && !collections.Contains(tf.GraphKeys.TRAINABLE_VARIABLES))
            {
                collections.Add(tf.GraphKeys.TRAINABLE_VARIABLES);
            }

#if TFNET_V020
            ops.init_scope();
            _in_graph_mode = true;
            tf_with(ops.name_scope(name, "Variable"), scope => Build(scope));
#else
            tf_with(ops.init_scope(), _ =>
            {
                _in_graph_mode = true;
                tf_with(ops.name_scope(name, "Variable", initial_value, skip_on_eager: false), scope => Build(scope));
            });
#endif

            void Build(string scope)
            {
                var handle_name = ops.name_from_scope_name(scope);
                tf_with(ops.name_scope("Initializer"), _ =>
                {
                    _initial_value = GraphVariable.InitialValue(initial_value, dtype, "initial_value");
                });
                _shape = shape ?? _initial_value.shape_model();
                handle = state_ops.variable_op_v2(_initial_value, scope, trainable, out initializer_op);
#if !TFNET_V020
                gen_resource_variable_ops.read_variable_op(handle, _initial_value.dtype);
#endif
                _graph_element = gen_array_ops.identity(handle, name: "read");
                ops.add_to_collections<IVariableV1>(collections, this);
                _dtype = handle.dtype;
                __init__(trainable, handle, scope, handle_name, handle_name);
            }
        }

        /// <summary>Current ResourceVariable.cs:236, old :220; not modelled.</summary>
        public Tensor sparse_read(Tensor indices, string name = "Gather") => throw Model.NotModelled("ResourceVariable.sparse_read");

        /// <summary>ResourceVariable.Implicit.cs (current :18-40, old :19-...): value() in graph mode.</summary>
        public static implicit operator Tensor(ResourceVariable var) => var.value();

        /// <summary>ResourceVariable.Implicit.cs:34-40 (old :35-41): the handle with as_ref, else the snapshot.</summary>
        public Tensor _TensorConversionFunction(TF_DataType dtype = TF_DataType.DtInvalid, string name = null, bool as_ref = false) =>
            as_ref ? handle : GraphElement;

        // ResourceVariable.Operators.cs (current :10-21, old :25-35): on value().
        public static Tensor operator +(ResourceVariable x, int y) => x.value() + y;

        public static Tensor operator +(ResourceVariable x, float y) => x.value() + y;

        public static Tensor operator +(ResourceVariable x, double y) => x.value() + y;

        public static Tensor operator +(ResourceVariable x, ResourceVariable y) => x.value() + y.value();

        public static Tensor operator -(ResourceVariable x, int y) => x.value() - y;

        public static Tensor operator -(ResourceVariable x, float y) => x.value() - y;

        public static Tensor operator -(ResourceVariable x, double y) => x.value() - y;

        public static Tensor operator -(ResourceVariable x, Tensor y) => x.value() - y;

        public static Tensor operator -(ResourceVariable x, ResourceVariable y) => x.value() - y.value();

        public static Tensor operator *(ResourceVariable x, ResourceVariable y) => x.value() * y.value();

#if !TFNET_V020
        public static Tensor operator *(ResourceVariable x, Tensor y) => x.value() * y;
#endif
    }

    /// <summary>
    /// Current Core/Variables/RefVariable.cs:27-449 (marked [Obsolete] there; the model leaves the attribute out so
    /// test programs compile without warnings), old :25-427.
    /// </summary>
#if TFNET_V020
    public partial class RefVariable : IVariableV1
#else
    public partial class RefVariable : Trackable, IVariableV1
#endif
    {
        protected string _name;
        public Tensor _variable;
        public Tensor _initial_value;
        public bool _trainable;
        public Tensor _snapshot;
        private Operation _initializer_op;

        public RefVariable(object initial_value = null, bool trainable = true, List<string> collections = null, bool validate_shape = true,
            string caching_device = "", string name = null, VariableDef variable_def = null, TF_DataType dtype = TF_DataType.DtInvalid,
            string import_scope = "")
        // Current RefVariable.cs:62-131, old :58-127.
        {
            if (initial_value is Operation op)
            {
                // RefVariable.cs:90-95: the op's first output is the variable (old: the implicit Operation -> RefVariable).
                _initializer_op = op;
                _variable = op.output;
            }
            else if (variable_def != null)
            {
                if (initial_value != null)
                {
                    throw new ValueError("variable_def and initial_value are mutually exclusive.");
                }

                throw Model.NotModelled("Restoring a RefVariable from a VariableDef");
            }
            else
            {
                _init_from_args(initial_value, trainable, collections, name, dtype);
            }
        }

        // Members of RefVariable.cs, current / old lines: UniqueId :31 / :28, GraphElement :32 / :29, Handle :34 / :31,
        // Graph :36 / :33, Initializer :50 / :47, Op :51 / :48, dtype :53 / :50, shape :54 / :51, Device :55 / :52,
        // Name :57 / :54, eval :59 / :56, Trainable :60 / -.
        public string UniqueId => _name;

        public Tensor GraphElement { get; }

        public Tensor Handle => _variable;

        public Graph Graph => _variable.graph;

        public Operation Initializer => _initializer_op;

        public Operation Op => _variable.op;

        public TF_DataType dtype => _variable.dtype;

        public Shape shape => _variable.shape_model();

        public string Device => "";

        /// <summary>The VariableV2 output's name, "name:0".</summary>
        public string Name => _variable.name;

#if !TFNET_V020
        public bool Trainable => _trainable;
#endif

        public Tensor eval() => _variable;

        /// <summary>
        /// RefVariable.cs:133-223 (old :129-219): in name_scope(name, "Variable") the initial value becomes
        /// "initial_value", the VariableV2 node the scope's name, "Assign" its initializer and "read" its snapshot.
        /// </summary>
        private void _init_from_args(object initial_value, bool trainable, List<string> collections, string name, TF_DataType dtype)
        {
            if (initial_value is null)
            {
                throw new ValueError("initial_value must be specified.");
            }

            GraphVariable.RequireGraphMode("RefVariable");
            collections ??= new List<string> { tf.GraphKeys.GLOBAL_VARIABLES };
            _trainable = trainable;
            if (trainable && !collections.Contains(tf.GraphKeys.TRAINABLE_VARIABLES))
            {
                collections.Add(tf.GraphKeys.TRAINABLE_VARIABLES);
            }

            var init_from_fn = initial_value is Func<Tensor>;
#if TFNET_V020
            ops.init_scope();
            tf_with(ops.name_scope(name, "Variable", init_from_fn ? new object[0] : new[] { initial_value }), scope => Build(scope));
#else
            tf_with(ops.init_scope(), _ =>
                tf_with(ops.name_scope(name, "Variable", init_from_fn ? new object[0] : new[] { initial_value }), scope => Build(scope)));
#endif

            void Build(string scope)
            {
                if (init_from_fn)
                {
                    tf_with(ops.name_scope("Initializer"), _ => _initial_value = GraphVariable.InitialValue(initial_value, dtype, "initial_value"));
                }
                else
                {
                    _initial_value = GraphVariable.InitialValue(initial_value, dtype, "initial_value");
                }

                _variable = state_ops.variable_op_v2(_initial_value, scope, trainable, out _initializer_op);
                _snapshot = gen_array_ops.identity(_variable, name: "read");
                ops.add_to_collections(collections, this as IVariableV1);
            }
        }

        // Current / old lines: _ref :225 / :221, value :227 / :223, AsTensor :229 / :225, _as_graph_element :231 / :227,
        // _TensorConversionFunction :233-238 / :229-234.
        public Tensor _ref() => _variable;

        public Tensor value() => _snapshot;

#if TFNET_V020
        public Tensor AsTensor() => _snapshot;
#else
        public Tensor AsTensor(TF_DataType dtype = TF_DataType.DtInvalid, string name = null, bool as_ref = false) => _snapshot;
#endif

        public Tensor _as_graph_element() => _variable;

        public Tensor _TensorConversionFunction(TF_DataType dtype = TF_DataType.DtInvalid, string name = null, bool as_ref = false) =>
            as_ref ? _ref() : value();

        /// <summary>RefVariable.cs:342-348 (old :338-344): Assign on the reference.</summary>
#if TFNET_V020
        public ITensorOrOperation assign<T>(T value, bool use_locking = false, string name = null, bool read_value = true)
#else
        public Tensor assign<T>(T value, bool use_locking = false, string name = null, bool read_value = true)
#endif
        {
            var assign = gen_state_ops.assign(_variable, value, name: name);
            return read_value ? assign : assign.op;
        }

        /// <summary>
        /// RefVariable.cs:425-430 (old :421-426): _apply_op_helper("AssignAdd", args: new { variable, value, use_locking }),
        /// but AssignAdd's input is named "ref", so it always fails with TypeError "No argument for input ref" (after
        /// opening the "AssignAdd" name scope, which the current generation leaves open).
        /// </summary>
#if TFNET_V020
        public ITensorOrOperation assign_add<T>(T value, bool use_locking = false, string name = null, bool read_value = true)
#else
        public Tensor assign_add<T>(T value, bool use_locking = false, string name = null, bool read_value = true)
#endif
        {
            var g = _variable.graph;
            return g.ApplyOp("AssignAdd", name, () => throw new TypeError("No argument for input ref"), _ => Array.Empty<TF_DataType>()).output;
        }

#if !TFNET_V020
        /// <summary>RefVariable.cs:435-448: assign_sub and the lazy loads throw NotImplementedException.</summary>
        public Tensor assign_sub<T>(T delta, bool use_locking = false, string name = null, bool read_value = true) => throw new NotImplementedException();

        public IVariableV1 assign_sub_lazy_load(Tensor delta, string name = null) => throw new NotImplementedException();

        public IVariableV1 assign_lazy_load(Tensor value, string name = null) => throw new NotImplementedException();

        /// <summary>RefVariable.cs:432-433.</summary>
        public NDArray numpy() => throw new RuntimeError("Graph mode can't use numpy().");
#endif

        /// <summary>RefVariable.cs:403, old :399; not modelled.</summary>
        public Tensor initialized_value() => throw Model.NotModelled("RefVariable.initialized_value");

        /// <summary>RefVariable.cs:350-353, old :346-349.</summary>
        public override string ToString() => $"tf.RefVariable '{Name}' shape={shape} dtype={dtype}";

        /// <summary>RefVariable.Implicit.cs:15-23: to Tensor with AsTensor(); from Tensor always null.</summary>
        public static implicit operator Tensor(RefVariable var) => var.AsTensor();

        public static implicit operator RefVariable(Tensor var) => null;

        // RefVariable.Operators.cs (current :24-31, old :24-31): on value(), named "add" / "sub".
        public static Tensor operator +(RefVariable x, int y) => x.value() + y;

        public static Tensor operator +(RefVariable x, float y) => x.value() + y;

        public static Tensor operator +(RefVariable x, double y) => x.value() + y;

        public static Tensor operator -(RefVariable x, int y) => x.value() - y;

        public static Tensor operator -(RefVariable x, float y) => x.value() - y;

        public static Tensor operator -(RefVariable x, double y) => x.value() - y;

        public static Tensor operator -(RefVariable x, Tensor y) => x.value() - y;
    }

    internal static class TensorShapeExtensions
    {
#if TFNET_V020
        internal static Shape shape_model(this Tensor t) => t.TensorShape;
#else
        internal static Shape shape_model(this Tensor t) => t.shape;
#endif
    }
}
