// The `tf` object (Core/tensorflow.cs and Core/APIs/tf.*.cs) and Binding (Core/Binding.cs, Binding.Util.cs).
// Current = v0.150.0-BERT-Model, old = v0.20; each member says where it follows TensorFlow.NET.
using System;
using System.Collections.Generic;
using System.Linq;
using Tensorflow.Contexts;
using Tensorflow.Train;
#if TFNET_V020
using Shape = Tensorflow.TensorShape;
#endif

namespace Tensorflow
{
    /// <summary>Reached through <c>using static Tensorflow.Binding;</c> (Binding.cs: current :7, old :10).</summary>
    public static partial class Binding
    {
        public static tensorflow tf { get; } = new tensorflow();

        /// <summary>
        /// Enters <paramref name="py"/>, runs <paramref name="action"/>, exits (current Binding.Util.cs:196-201: no finally,
        /// an exception leaves the scope entered; old Binding.Util.cs:163-175: exits and disposes in a finally).
        /// </summary>
        public static void tf_with<T>(T py, Action<T> action) where T : ITensorFlowObject
        {
#if TFNET_V020
            try
            {
                py.__enter__();
                action(py);
            }
            finally
            {
                py.__exit__();
                py.Dispose();
            }
#else
            py.__enter__();
            action(py);
            py.__exit__();
#endif
        }

        /// <summary>As <see cref="tf_with{T}(T, Action{T})"/>, returning the body's result (current :204-210, old :179-191).</summary>
        public static TOut tf_with<TIn, TOut>(TIn py, Func<TIn, TOut> action) where TIn : ITensorFlowObject
        {
#if TFNET_V020
            try
            {
                py.__enter__();
                return action(py);
            }
            finally
            {
                py.__exit__();
                py.Dispose();
            }
#else
            py.__enter__();
            var result = action(py);
            py.__exit__();
            return result;
#endif
        }

        /// <summary>Binding.Util.cs print (current :121-124): the object's text on the console.</summary>
        public static void print(object obj) => Console.WriteLine(obj?.ToString());
    }

#if TFNET_V020
    public partial class tensorflow : ITensorFlowObject
#else
    public partial class tensorflow
#endif
    {
        // Current tensorflow.cs:34-44, old :31-41: the dtype shorthands are public fields.
        public TF_DataType byte8 = TF_DataType.TF_UINT8;
        public TF_DataType int8 = TF_DataType.TF_INT8;
        public TF_DataType int16 = TF_DataType.TF_INT16;
        public TF_DataType int32 = TF_DataType.TF_INT32;
        public TF_DataType int64 = TF_DataType.TF_INT64;
        public TF_DataType float16 = TF_DataType.TF_HALF;
        public TF_DataType float32 = TF_DataType.TF_FLOAT;
        public TF_DataType float64 = TF_DataType.TF_DOUBLE;
        public TF_DataType @bool = TF_DataType.TF_BOOL;
        public TF_DataType chars = TF_DataType.TF_STRING;
        public TF_DataType @string = TF_DataType.TF_STRING;

        [ThreadStatic]
        private static Context t_context;

        /// <summary>The execution context (current: one per thread, tensorflow.cs:52-53; old: one per process, :47 — per thread here).</summary>
        public Context Context => t_context ??= new Context();

        public CompatApi compat { get; } = new CompatApi();

        public train_internal train { get; } = new train_internal();

        /// <summary>tf.graph.cs:25: an instance of ops.GraphKeys, whose members are properties (the *_ constants are static).</summary>
        public ops.GraphKeys GraphKeys { get; } = new ops.GraphKeys();

        /// <summary>
        /// Always a ResourceVariable; use_resource is ignored (current tensorflow.cs:117-131, old :67-81 with int[] shape).
        /// In graph mode it is a VariableV2 node "name" with "name/Assign" and "name/read".
        /// </summary>
#if TFNET_V020
        public ResourceVariable Variable<T>(T data, bool trainable = true, bool validate_shape = true, bool use_resource = true, string name = null,
            TF_DataType dtype = TF_DataType.DtInvalid, VariableAggregation aggregation = VariableAggregation.None, int[] shape = null)
            => new ResourceVariable(data, trainable: trainable, validate_shape: validate_shape, name: name, dtype: dtype, aggregation: aggregation, shape: shape);
#else
        public ResourceVariable Variable<T>(T data, bool trainable = true, bool validate_shape = true, bool use_resource = true, string name = null,
            TF_DataType dtype = TF_DataType.DtInvalid, VariableAggregation aggregation = VariableAggregation.None, Shape shape = null)
            => new ResourceVariable(data, trainable: trainable, validate_shape: validate_shape, name: name, dtype: dtype, aggregation: aggregation, shape: shape);
#endif

        /// <summary>
        /// A Placeholder (array_ops.placeholder: current :1139-1146, old :859-...): RuntimeError when executing eagerly.
        /// </summary>
        public Tensor placeholder(TF_DataType dtype, Shape shape = null, string name = null)
        {
            if (Context.executing_eagerly())
            {
                throw new RuntimeError("tf.placeholder() is not compatible with eager execution.");
            }

            var g = get_default_graph();
            var rtShape = shape.ToRuntime();
            return g.ApplyOp("Placeholder", name, Array.Empty<Tensor>, _ => new[] { dtype },
                _ => exact => GlobalStepMigration.Runtime.Tf.Compat.V1.Placeholder(dtype.ToRuntime(), rtShape, exact).Op).outputs[0];
        }

        /// <summary>Current tensorflow.cs:136-137, old :86-87.</summary>
        public void enable_eager_execution() => Context.eager_mode();

        /// <summary>Current tf.compat.cs:68-69, old :30-31.</summary>
        public bool executing_eagerly() => Context.executing_eagerly();

        /// <summary>Current tensorflow.cs:139-140, old :89-90.</summary>
        public Session get_default_session() => ops.get_default_session();

        /// <summary>Current tensorflow.cs:142-143 (compat.v1.Session(): new Session().as_default()); old :92-95.</summary>
        public Session Session() => new Session().as_default();

        /// <summary>Current tensorflow.cs:145-148, old :97-100.</summary>
        public Session Session(Graph graph, ConfigProto config = null) => new Session(graph, config: config).as_default();

        /// <summary>Current tensorflow.cs:150-153, old :102-105.</summary>
        public Session Session(ConfigProto config) => new Session(null, config).as_default();

        // ---- tf.graph.cs, current / old: reset_default_graph :27-28 / :27-28, get_default_graph :30-31 / :30-33,
        // peak_default_graph :33-34 / :38-41 ----

        public void reset_default_graph() => ops.reset_default_graph();

        public Graph get_default_graph() => ops.get_default_graph();

        public Graph peak_default_graph() => ops.peak_default_graph();

        /// <summary>A new graph; it does not become the default (tf.graph.cs: current :40-41, old :47-48).</summary>
        public Graph Graph() => new Graph();

        // ---- tf.control_flow.cs / tf.ops.cs ----

        /// <summary>tf.control_flow.cs:41-42 (old :37-38): a NoOp that runs the inputs' ops (control_flow_ops.group).</summary>
        public Operation group<T>(T[] inputs, string name = null) where T : ITensorOrOperation
            => control_flow_ops.group(inputs, name: name);

        /// <summary>tf.control_flow.cs:70-71 (old :57-58): effective only inside tf_with.</summary>
        public _ControlDependenciesController control_dependencies(ITensorOrOperation[] control_inputs)
            => ops.control_dependencies(control_inputs);

        /// <summary>tf.ops.cs:65-66 (old :63-64).</summary>
        public Operation no_op(string name = null) => gen_control_flow_ops.no_op(name: name);

        /// <summary>tf.ops.cs:57-58 (old :55-56): effective only inside tf_with.</summary>
        public ops.NameScope name_scope(string name, string default_name = "", object values = null)
            => new ops.NameScope(name, default_name, values);

        // tf.ops.cs (both tags): add_to_collection :24-25, add_to_collections :27-28, get_collection :39-40.
        public void add_to_collection<T>(string name, T value) => get_default_graph().add_to_collection(name, value);

        public void add_to_collections<T>(List<string> names, T value) => get_default_graph().add_to_collections(names, value);

        public List<T> get_collection<T>(string key, string scope = "") => get_default_graph().get_collection<T>(key, scope: scope);

        /// <summary>tf.ops.cs:33-34 at both tags (state_ops.assign: an Assign on the variable's reference).</summary>
        public Tensor assign(IVariableV1 @ref, object value, bool validate_shape = true, bool use_locking = true, string name = null)
            => gen_state_ops.assign(ops.as_ref(@ref), value, name);

        /// <summary>
        /// tf.state.cs:21-23 (current and old): state_ops.assign_add, in graph mode an AssignAdd on the variable's
        /// reference — for a ResourceVariable too, whose graph-mode handle is a VariableV2 reference. Unlike
        /// ResourceVariable.assign_add, it increments the variable when run.
        /// </summary>
        public ITensorOrOperation assign_add<T>(IVariableV1 @ref, T value, bool use_locking = false, string name = null)
            => state_ops.assign_add(@ref, value, name: name);

        // ---- tf.variable.cs ----

        /// <summary>tf.variable.cs:24-28 (both tags): the GLOBAL_VARIABLES collection as an array.</summary>
        public IVariableV1[] global_variables(string scope = null) => (ops.get_collection(GraphKeys.GLOBAL_VARIABLES, scope) as List<IVariableV1>).ToArray();

        /// <summary>tf.variable.cs:36-37 (both tags) and variables.py.cs:72-78: a group named "init" of the initializers, or a NoOp "init" when there are none.</summary>
        public Operation variables_initializer(IVariableV1[] var_list, string name = "init")
            => var_list.Length > 0 ? control_flow_ops.group(var_list.Select(x => x.Initializer).ToArray(), name) : gen_control_flow_ops.no_op(name: name);

        /// <summary>tf.variable.cs:39-40 (current, via compat.v1), old :39-43: initializes the GLOBAL_VARIABLES collection.</summary>
        public Operation global_variables_initializer() => variables_initializer(ops.get_collection<IVariableV1>(GraphKeys.GLOBAL_VARIABLES).ToArray());

        /// <summary>tf.variable.cs: current :47-48, old :50-51.</summary>
        public IVariableV1[] trainable_variables(string scope = null) => (ops.get_collection(GraphKeys.TRAINABLE_VARIABLES) as List<IVariableV1>).ToArray();

        /// <summary>tf.init.cs:27 (both tags): a new Zeros() — float32, whatever dtype the variable asks for (Zeros.cs:35-43).</summary>
        public IInitializer zeros_initializer => new Operations.Initializers.Zeros();

        // ---- tensors and math (a subset: what the model's programs use) ----

        /// <summary>A Const named "Const" made unique (Tensors/tf.constant.cs: current :29-38, old :32-41).</summary>
        public Tensor constant(object value, TF_DataType dtype = TF_DataType.DtInvalid, Shape shape = null, string name = "Const")
            => constant_op.constant(value, dtype, name);

        // tf.array.cs identity: current :129, old :123. tf.math.cs, current / old: cast :613 (no dtype default) / :539,
        // square :619 / :548, add :140 / :52, subtract :383 / :289, multiply :452 / :358.
        public Tensor identity(Tensor input, string name = null) => gen_array_ops.identity(input, name);

#if TFNET_V020
        public Tensor cast(Tensor x, TF_DataType dtype = TF_DataType.DtInvalid, string name = null) => math_ops.cast(x, dtype, name);
#else
        public Tensor cast(Tensor x, TF_DataType dtype, string name = null) => math_ops.cast(x, dtype, name);
#endif

        public Tensor square(Tensor x, string name = null) => gen_math_ops.square(x, name);

        public Tensor add(Tensor a, Tensor b, string name = null) => gen_math_ops.add(a, b, name);

        public Tensor subtract(Tensor x, Tensor y, string name = null) => gen_math_ops.sub(x, y, name);

        public Tensor multiply(Tensor x, Tensor y, string name = null) => gen_math_ops.mul(x, y, name);

        /// <summary>tf.compat.cs: the property current :24, old :23; v1 current :28, old :27.</summary>
        public class CompatApi
        {
            public CompatV1Api v1 { get; } = new CompatV1Api();
        }

#if TFNET_V020
        // Old tensorflow.cs: the tf object is an ITensorFlowObject with empty members.
        public void __init__()
        {
        }

        public void __enter__()
        {
        }

        public void __exit__()
        {
        }

        public void __del__()
        {
        }

        public void Dispose()
        {
        }
#endif
    }

    /// <summary>tf.compat.v1 (current Core/APIs/tf.compat.v1.cs:22-59, old :24-53).</summary>
    public class CompatV1Api
    {
        /// <summary>Switches the context to graph mode (pushes it; nothing restores it). tf.compat.v1.cs: current :24-25, old :26-27.</summary>
        public void disable_eager_execution() => Binding.tf.Context.graph_mode();

        /// <summary>
        /// The variable named by the variable scope and <paramref name="name"/> (VariableScope.get_variable and
        /// _VariableStore, see Variables/VariableStore.cs): created at the root name scope; a second call with the same
        /// name is a NotImplementedException("_get_single_variable"); collections are kept only with an IInitializer.
        /// tf.compat.v1.cs: current :27-49, old :29-51.
        /// </summary>
        public IVariableV1 get_variable(string name, Shape shape = null, TF_DataType dtype = TF_DataType.DtInvalid, object initializer = null,
            bool? trainable = null, List<string> collections = null, bool? use_resource = null, bool validate_shape = true,
            VariableSynchronization synchronization = VariableSynchronization.Auto, VariableAggregation aggregation = VariableAggregation.None)
            => variable_scope.get_variable_scope().get_variable(variable_scope._get_default_variable_store(), name, shape: shape, dtype: dtype,
                initializer: initializer, trainable: trainable, collections: collections, use_resource: use_resource, validate_shape: validate_shape);

#if !TFNET_V020
        /// <summary>Current tf.compat.v1.cs:51-55.</summary>
        public Operation global_variables_initializer() => Binding.tf.global_variables_initializer();

        /// <summary>Current tf.compat.v1.cs:57-58.</summary>
        public Session Session() => new Session().as_default();
#endif
    }
}
