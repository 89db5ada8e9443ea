// TF.NET's static `ops` (Core/ops.cs, ops.threading.cs, ops.name_scope.cs) and the execution context
// (Core/Contexts/Context.cs). Current = v0.150.0-BERT-Model, old = v0.20.
using static Tensorflow.Binding;
using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Tensorflow.Contexts;
#if TFNET_V020
using Shape = Tensorflow.TensorShape;
#else
using Tensorflow.NumPy;
#endif

namespace Tensorflow.Contexts
{
    /// <summary>
    /// Whether ops run eagerly: a stack of mode switches that starts eager (current Context.cs:69, old :42);
    /// disable_eager_execution and (current only) Graph.as_default push graph mode (Context.cs:128-153, 216-220).
    /// </summary>
    public sealed class Context
    {
        private readonly List<bool> _switches = new() { true };

        // Current Context.cs / old: ScopeName :37 / :32, executing_eagerly :128-134 / :66-67, graph_mode :149-150 /
        // :74-75, eager_mode :152-153 / :77-78, restore_mode :216-220 / :85-88.
        public string ScopeName { get; set; } = "";

        public bool executing_eagerly() => _switches.Count == 0 || _switches[^1];

#if TFNET_V020
        public void graph_mode() => _switches.Add(false);

        public void eager_mode() => _switches.Add(true);
#else
        public void graph_mode(bool isFunc = false) => _switches.Add(false);

        public void eager_mode(bool isFunc = false) => _switches.Add(true);
#endif

        public void restore_mode()
        {
            if (_switches.Count > 0)
            {
                _switches.RemoveAt(_switches.Count - 1);
            }
        }
    }
}

namespace Tensorflow
{
    public partial class ops
    {
        private static int graph_uid_number = -1;
        private static int uid_number = -1;

        [ThreadStatic]
        private static DefaultGraphStack t_default_graph_stack;

        [ThreadStatic]
        private static Session t_default_session;

        internal static DefaultGraphStack default_graph_stack => t_default_graph_stack ??= new DefaultGraphStack();

        /// <summary>Current ops.cs:381-384 (Interlocked counter for graph keys).</summary>
        public static int GraphUniqueId() => Interlocked.Increment(ref graph_uid_number);

        /// <summary>Current ops.cs:375-378, old :288-291.</summary>
        public static int uid() => Interlocked.Increment(ref uid_number);

        /// <summary>The innermost default graph of this thread, created when there is none (current ops.threading.cs:49-54, old :121-125).</summary>
        public static Graph get_default_graph() => default_graph_stack.get_default();

        /// <summary>Current ops.threading.cs:56-61, old :127-131.</summary>
        public static Graph set_default_graph(Graph g) => default_graph_stack.set(g);

        /// <summary>The default graph without creating one (current ops.threading.cs:84-89; old tf.graph.cs:38-41).</summary>
        public static Graph peak_default_graph() => default_graph_stack.peak();

#if !TFNET_V020
        /// <summary>Current ops.threading.cs:91-92.</summary>
        public static void pop_graph() => default_graph_stack.pop();
#endif

        /// <summary>Clears this thread's default graph stack (current ops.threading.cs:73-82, old :143-150).</summary>
        public static void reset_default_graph() => default_graph_stack.reset();

        /// <summary>
        /// Current ops.threading.cs:18-24: this thread's default session, created on the default graph when there is
        /// none. Old ops.threading.cs:74-91 keeps one process-wide field instead (the model keeps it per thread).
        /// </summary>
        public static Session get_default_session() => t_default_session ??= new Session(tf.get_default_graph());

        /// <summary>Current ops.threading.cs:30-34, old :95-106.</summary>
        public static Session set_default_session(Session sess) => t_default_session = sess;

        /// <summary>Current ops.cs:331-339, old :226-234.</summary>
        public static string name_from_scope_name(string name) =>
            name == null ? null : name.EndsWith("/") ? name.Substring(0, name.Length - 1) : name;

        /// <summary>Current ops.cs:216-217, old :143-144.</summary>
        public static _ControlDependenciesController control_dependencies(object[] control_inputs)
            => get_default_graph().control_dependencies(control_inputs);

#if TFNET_V020
        /// <summary>Old ops.cs:242-263: returns nothing; it neither clears control dependencies nor changes the scope.</summary>
        public static void init_scope()
        {
        }

        /// <summary>Old ops.name_scope.cs:27-32.</summary>
        public static NameScope name_scope(string name, string default_name = "", object values = null)
            => new(name, default_name, values);
#else
        /// <summary>
        /// Current ops.cs:345-366: a name scope that re-enters the current one. It does not clear the open control
        /// dependencies (the clearing block is empty), unlike TensorFlow's init_scope.
        /// </summary>
        public static NameScope init_scope()
        {
            var scope = get_default_graph().get_name_scope();
            if (!string.IsNullOrEmpty(scope) && !scope.EndsWith("/"))
            {
                scope += "/";
            }

            return name_scope(scope);
        }

        /// <summary>Current ops.name_scope.cs:26-29.</summary>
        public static NameScope name_scope(string name, string default_name = "", object values = null, bool skip_on_eager = true)
            => new(name, default_name, values, skip_on_eager);
#endif

        // ---- collections of the default graph, current ops.cs / old: add_to_collection :40 / :38, add_to_collections
        // :46 / :44, get_collection :66 / :64, get_collection<T> :71 / :69, get_collection_ref :76 / :74 ----

        public static void add_to_collection<T>(string name, T value) => get_default_graph().add_to_collection(name, value);

        public static void add_to_collections<T>(List<string> names, T value) => get_default_graph().add_to_collections(names, value);

        public static object get_collection(string key, string scope = null) => get_default_graph().get_collection(key, scope);

        public static List<T> get_collection<T>(string key, string scope = null) => get_default_graph().get_collection<T>(key, scope);

        public static List<T> get_collection_ref<T>(string key) => get_default_graph().get_collection_ref<T>(key);

        // ---- conversion to tensors ----

        /// <summary>An input taken as a reference (_apply_op_helper converts 'ref' inputs with as_ref: true): a variable's handle.</summary>
        internal static Tensor as_ref(object value) => value switch
        {
            RefVariable var => var._ref(),
            ResourceVariable var => var.Handle,
            Tensor tensor => tensor,
            _ => throw new TypeError($"Input 'ref' of 'AssignAdd' Op requires l-value input: {value}"),
        };

#if TFNET_V020
        /// <summary>Old ops.cs:100-111 and internal_convert_to_tensor :451-480: no cast when the dtype differs.</summary>
        public static Tensor convert_to_tensor(object value, TF_DataType dtype = TF_DataType.DtInvalid, string name = null,
            TF_DataType preferred_dtype = TF_DataType.DtInvalid, Context ctx = null)
            => internal_convert_to_tensor(value, dtype, name, preferred_dtype, as_ref: false);

        public static Tensor internal_convert_to_tensor(object value, TF_DataType dtype = TF_DataType.DtInvalid,
            string name = null, TF_DataType preferred_dtype = TF_DataType.DtInvalid, bool as_ref = false, string scope = null)
        {
            if (dtype == TF_DataType.DtInvalid)
            {
                dtype = preferred_dtype;
            }

            return value switch
            {
                NumSharp.NDArray nd => constant_op.constant(nd, dtype, name: name),
                Tensor tensor => tensor,
                RefVariable varVal => varVal._TensorConversionFunction(dtype, name, as_ref),
                ResourceVariable varVal => varVal._TensorConversionFunction(dtype, name, as_ref),
                _ => constant_op.constant(value, dtype, name: name),
            };
        }
#else
        /// <summary>
        /// Current ops.cs:117-186: the dtype defaults to the value's; a tensor of another base dtype is cast (a graph
        /// variable's ref handle fed to a resource input becomes a Cast to resource).
        /// </summary>
        public static Tensor convert_to_tensor(object value, TF_DataType dtype = TF_DataType.DtInvalid, string name = null,
            bool as_ref = false, TF_DataType preferred_dtype = TF_DataType.DtInvalid, Context ctx = null)
        {
            if (dtype == TF_DataType.DtInvalid)
            {
                dtype = preferred_dtype;
            }

            if (dtype == TF_DataType.DtInvalid)
            {
                dtype = value.GetDataType();
            }

            if (tf.Context.executing_eagerly())
            {
                throw Model.EagerNotModelled("Converting a value to a tensor");
            }

            var ret = value switch
            {
                NDArray nd => constant_op.constant(nd, dtype, name: name),
                Tensor tensor => tensor,
                RefVariable varVal => varVal._TensorConversionFunction(dtype, name, as_ref),
                ResourceVariable varVal => varVal._TensorConversionFunction(dtype, name, as_ref),
                Shape ts => constant_op.constant(ts.dims, dtype, name: name),
                _ => constant_op.constant(value, dtype, name: name),
            };

            if (dtype == TF_DataType.TF_STRING)
            {
                return ret;
            }

            if (dtype != TF_DataType.DtInvalid && dtype.as_base_dtype() != ret.dtype.as_base_dtype())
            {
                ret = gen_math_ops.cast(ret, dtype, name: name);
            }

            return ret;
        }
#endif

        /// <summary>
        /// A context manager for hierarchical op names (current ops.name_scope.cs:34-123, old :34-126). Entered in graph
        /// mode, it opens the scope in the graph of the values (or the default graph) and remembers the previous one;
        /// exiting restores the default graph's scope. Eagerly it only sets the context's ScopeName (current: not at
        /// all when skip_on_eager). Current: __exit__ restores and Dispose does nothing (:98-111), so `using` has no
        /// effect. Old: there is no __exit__ body and Dispose restores (old :93-99); as a `using` without tf_with never
        /// enters the scope, its Dispose "restores" the field's initial value "": the root scope.
        /// </summary>
        public class NameScope : ITensorFlowObject
        {
            public string _name;
            public string _default_name;
            public object _values;
            public string scope_name;
            public string old_scope_name = "";

#if TFNET_V020
            // Old ops.name_scope.cs:42-47.
            public NameScope(string name, string default_name = "", object values = null)
            {
                _name = name;
                _default_name = default_name;
                _values = values;
            }
#else
            private readonly bool _skip_on_eager;

            // Current ops.name_scope.cs:43-49.
            public NameScope(string name, string default_name = "", object values = null, bool skip_on_eager = true)
            {
                _name = name;
                _default_name = default_name;
                _values = values;
                _skip_on_eager = skip_on_eager;
            }
#endif

            /// <summary>Current ops.name_scope.cs:51-73, old :49-71.</summary>
            public void __enter__()
            {
#if TFNET_V020
                _name ??= _default_name;
                if (tf.Context.executing_eagerly())
                {
                    (scope_name, old_scope_name) = enter_eager_name_scope(tf.Context, _name);
                    return;
                }
#else
                if (tf.Context.executing_eagerly())
                {
                    (scope_name, old_scope_name) = enter_eager_name_scope(tf.Context, _name);
                    return;
                }

                _name ??= _default_name;
#endif
                Graph g = _values switch
                {
                    List<Tensor> vList => vList.Select(t => t.graph).FirstOrDefault(x => x != null),
                    Tensor[] vArray => vArray.Select(t => t.graph).FirstOrDefault(x => x != null),
                    _ => null,
                };
                g ??= get_default_graph();
                old_scope_name = g._name_stack;
                scope_name = g.name_scope(_name);
            }

            /// <summary>
            /// Current ops.name_scope.cs:75-96, old :73-91: the context's scope name extended by the name ("name/"; a
            /// name ending in "/" as it is). Current: nothing at all when skip_on_eager (both names null) and a null
            /// name is the default name; old: a null name is "".
            /// </summary>
            private (string, string) enter_eager_name_scope(Context ctx, string name)
            {
#if TFNET_V020
                name ??= "";
#else
                if (_skip_on_eager)
                {
                    return (null, null);
                }

                name ??= _default_name;
#endif
                var scope = name;
                var old_name = ctx.ScopeName;
                if (!name.EndsWith("/"))
                {
                    scope = string.IsNullOrEmpty(old_name) ? name + "/" : old_name + name + "/";
                }

                ctx.ScopeName = scope;
                return (scope, old_name);
            }

            private void Restore()
            {
                if (tf.Context.executing_eagerly())
                {
                    tf.Context.ScopeName = old_scope_name;
                }
                else
                {
                    get_default_graph()._name_stack = old_scope_name;
                }
            }

#if TFNET_V020
            /// <summary>Old ops.name_scope.cs:101-104 (empty).</summary>
            public void __exit__()
            {
            }

            /// <summary>Old ops.name_scope.cs:93-99.</summary>
            public void Dispose() => Restore();
#else
            /// <summary>Current ops.name_scope.cs:104-111.</summary>
            public void __exit__() => Restore();

            /// <summary>Current ops.name_scope.cs:98-101 (empty).</summary>
            public void Dispose()
            {
            }
#endif

            // __init__ and __del__ are empty (ITensorFlowObject).
            public void __init__()
            {
            }

            public void __del__()
            {
            }

            /// <summary>The scope's name, "scope/" (current ops.name_scope.cs:118-121, old :121-124).</summary>
            public static implicit operator string(NameScope ns) => ns.scope_name;
        }
    }

    /// <summary>
    /// The default graphs of a thread. Current Core/Graphs/DefaultGraphStack.cs:25-59: a stack; the default is the
    /// top, a new graph is pushed when it is empty; as_default pushes, pop removes the top. Old :28-80: a list with
    /// one graph marked default; as_default adds the graph once and marks it; nothing is popped.
    /// </summary>
    public class DefaultGraphStack
    {
#if TFNET_V020
        private readonly List<(Graph Graph, bool IsDefault)> _stack = new();

        public Graph get_default()
        {
            if (_stack.Count == 0 || !_stack.Any(x => x.IsDefault))
            {
                _stack.Add((new Graph(), true));
            }

            return _stack.Last(x => x.IsDefault).Graph;
        }

        public Graph set(Graph g)
        {
            if (!_stack.Exists(x => x.Graph == g))
            {
                _stack.Add((g, true));
            }

            for (var i = 0; i < _stack.Count; i++)
            {
                _stack[i] = (_stack[i].Graph, _stack[i].Graph == g);
            }

            return get_default();
        }

        public Graph peak() => _stack.LastOrDefault(x => x.IsDefault).Graph;

        public void pop()
        {
        }

        public void reset() => _stack.Clear();
#else
        private readonly Stack<Graph> _stack = new();

        public Graph get_default()
        {
            if (_stack.Count == 0)
            {
                _stack.Push(new Graph());
            }

            return _stack.Peek();
        }

        public Graph set(Graph g)
        {
            _stack.Push(g);
            return g;
        }

        public Graph peak() => _stack.Count == 0 ? null : _stack.Peek();

        public void pop() => _stack.Pop();

        public void reset() => _stack.Clear();
#endif
    }
}
