// TF.NET Graph (Core/Graphs/Graph*.cs). Names, scopes, collections and lookups follow TensorFlow.NET; the nodes are
// built in a runtime graph (GlobalStepMigration.Runtime.Graph) that executes them. Both use one table of names in
// use (the runtime's, same algorithm as TF.NET's Graph.unique_name), so helper ops the runtime adds can never take
// a name TensorFlow.NET gives.
using static Tensorflow.Binding;
using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using Rt = GlobalStepMigration.Runtime;

namespace Tensorflow
{
#if TFNET_V020
    public partial class Graph : DisposableObject
#else
    public partial class Graph : IEnumerable<Operation>
#endif
    {
        internal readonly Rt.Graph Runtime = new();
        private readonly Dictionary<string, Operation> _nodes_by_name = new();
        private readonly List<Operation> _operations = new();
        private readonly Dictionary<Rt.Operation, OpCore> _by_backing = new(ReferenceEqualityComparer.Instance);
        private readonly Dictionary<string, object> _collections = new();
        private readonly string _graph_key;

        /// <summary>How many times each variable scope name was opened (TensorFlow.NET's _VariableScopeStore).</summary>
        internal Dictionary<string, int> VariableScopeCounts { get; } = new();

        /// <summary>The current name scope, without its trailing slash (current Graph.cs:100, old :90; a public field there).</summary>
        public string _name_stack = "";

        /// <summary>Current Graph.cs:137-144: key "graph-N/"; old Graph.cs:122-138: "grap-key-N/" (process-wide counters).</summary>
#if TFNET_V020
        public Graph() => _graph_key = $"grap-key-{ops.uid()}/";
#else
        public Graph() => _graph_key = $"graph-{ops.GraphUniqueId()}/";
#endif

        /// <summary>Current Graph.cs:102, old :92.</summary>
        public string graph_key => _graph_key;

        /// <summary>Current Graph.cs:394-397, old :336-339.</summary>
        public string get_name_scope() => _name_stack;

        /// <summary>
        /// Makes this graph the default one. Current Graph.cs:156-160: switches the context to graph mode and pushes
        /// the graph; nothing pops it unless Exit() is called. Old Graph.cs:149-152: marks it the default
        /// (DefaultGraphStack.set_controller), no mode switch.
        /// </summary>
        public virtual Graph as_default()
        {
#if !TFNET_V020
            tf.Context.graph_mode(isFunc: false);
#endif
            return ops.set_default_graph(this);
        }

#if !TFNET_V020
        /// <summary>Current Graph.cs:574-578.</summary>
        public virtual void Exit()
        {
            tf.Context.restore_mode();
            ops.pop_graph();
        }
#endif

        /// <summary>
        /// Opens a name scope in this graph (current Graph.cs:399-413, old :341-...): null or "" resets to the root,
        /// a name ending in "/" re-enters that exact scope, any other name is made unique. Returns "scope/".
        /// </summary>
        public string name_scope(string name)
        {
            string new_stack;
            if (string.IsNullOrEmpty(name))
            {
                new_stack = "";
            }
            else if (name.EndsWith("/"))
            {
                new_stack = ops.name_from_scope_name(name);
            }
            else
            {
                new_stack = unique_name(name);
            }

            _name_stack = new_stack;
            return string.IsNullOrEmpty(new_stack) ? "" : new_stack + "/";
        }

        /// <summary>
        /// A unique name under the current scope (current Graph.cs:438-469, old :380-...): names compare
        /// case-insensitively, a used name gets _1, _2, ... The runtime's table of names in use is the one used.
        /// </summary>
        public string unique_name(string name, bool mark_as_used = true)
        {
            SyncRuntimeScope(_name_stack);
            return Runtime.UniqueName(name, mark_as_used);
        }

        /// <summary>Points the runtime graph's name scope at <paramref name="stack"/> (no name is marked used).</summary>
        internal void SyncRuntimeScope(string stack)
        {
            if (Runtime.CurrentNameScope != stack)
            {
                Runtime.NameScope(stack.Length == 0 ? null : stack + "/");
            }
        }

        // ---- collections: typed lists, as TensorFlow.NET keeps them (current Graph.cs:291-304, 486-528) ----

        /// <summary>Current Graph.cs:291-298, old :245-252 (both check a "finalized" flag that nothing in TensorFlow.NET sets).
        /// Appends to the collection's List&lt;T&gt;; a collection created with another T makes this a NullReferenceException, as in TF.NET.</summary>
        public void add_to_collection<T>(string name, T value)
        {
            if (_collections.ContainsKey(name))
            {
                (_collections[name] as List<T>).Add(value);
            }
            else
            {
                _collections[name] = new List<T> { value };
            }
        }

        /// <summary>Current Graph.cs:300-304, old :254-258.</summary>
        public void add_to_collections<T>(List<string> names, T value)
        {
            foreach (var name in names)
            {
                add_to_collection(name, value);
            }
        }

        /// <summary>Current Graph.cs:486-489, old :432-435.</summary>
        public string[] get_all_collection_keys() => _collections.Keys.Where(x => !x.StartsWith("__", StringComparison.Ordinal)).ToArray();

        /// <summary>Current Graph.cs:491-494, old :437-440: the collection's list object, or null (the scope is ignored).</summary>
        public object get_collection(string name, string scope = null) => _collections.ContainsKey(name) ? _collections[name] : null;

        /// <summary>
        /// A copy of the collection cast to T (current Graph.cs:496-521, old :442-467): only lists of IVariableV1, ResourceVariable,
        /// RefVariable, Tensor or Operation are read (others: NotImplementedException); an item that is not a T is an
        /// InvalidCastException; the scope is ignored.
        /// </summary>
        public List<T> get_collection<T>(string name, string scope = null)
        {
            var collection = _collections.ContainsKey(name) ? _collections[name] : new List<T>();
            return collection switch
            {
                List<IVariableV1> list => list.Select(x => (T)(object)x).ToList(),
                List<ResourceVariable> list => list.Select(x => (T)(object)x).ToList(),
                List<RefVariable> list => list.Select(x => (T)(object)x).ToList(),
                List<Tensor> list => list.Select(x => (T)(object)x).ToList(),
                List<Operation> list => list.Select(x => (T)(object)x).ToList(),
                _ => throw new NotImplementedException($"get_collection<{typeof(T).FullName}>"),
            };
        }

        /// <summary>Current Graph.cs:523-528, old :469-474: the live List&lt;T&gt; (created when absent); null when the collection holds another type.</summary>
        public List<T> get_collection_ref<T>(string name)
        {
            if (!_collections.ContainsKey(name))
            {
                _collections[name] = new List<T>();
            }

            return _collections[name] as List<T>;
        }

        // ---- lookups (current Graph.cs:146-289, Graph.Operation.cs:62-92; old Graph.cs:140-..., Graph.Operation.cs:63-94) ----

        public ITensorOrOperation as_graph_element(object obj, bool allow_tensor = true, bool allow_operation = true)
        {
            var types_str = allow_tensor && allow_operation ? "Tensor or Operation" : allow_tensor ? "Tensor" : allow_operation ? "Operation" : "";
            var temp_obj = obj switch
            {
                RefVariable var => var._as_graph_element(),
                ResourceVariable resVar => resVar.GraphElement,
                _ => null,
            };
            if (temp_obj != null)
            {
                obj = temp_obj;
            }

            if (obj is string name)
            {
                if (name.Contains(':') && allow_tensor)
                {
                    var op_name = name.Split(':')[0];
                    var out_n = int.Parse(name.Split(':')[1], System.Globalization.CultureInfo.InvariantCulture);
                    if (_nodes_by_name.ContainsKey(op_name))
                    {
                        return _nodes_by_name[op_name].outputs[out_n];
                    }

                    throw new KeyError($"The name {name} refers to a Tensor which does not exist. The operation, {op_name}, does not exist in the graph.");
                }
                else if (!name.Contains(':') & allow_operation)
                {
                    if (!_nodes_by_name.ContainsKey(name))
                    {
                        throw new KeyError($"The name {name} refers to an Operation not in the graph.");
                    }

                    return _nodes_by_name[name];
                }
                else if (!name.Contains(':') & !allow_operation)
                {
                    if (_nodes_by_name.ContainsKey(name))
                    {
                        throw new ValueError($"The name {name} refers to an Operation, not a {types_str}.");
                    }

                    throw new ValueError($"The name {name} looks like an (invalid) Operation name, not a {types_str} Tensor names must be of the form \"<op_name>:<output_index>\".");
                }
            }

            if (obj is Tensor tensor && allow_tensor)
            {
                if (ReferenceEquals(tensor.graph, this))
                {
                    return tensor;
                }

                throw new Exception($"Tensor {obj} is not an element of this graph.");
            }
            else if (obj is Operation op && allow_operation)
            {
                if (ReferenceEquals(op.graph, this))
                {
                    return op;
                }

                throw new Exception($"Operation {obj} is not an element of this graph.");
            }

            throw new Exception($"Can not convert a {obj.GetType().Name} into a {types_str}.");
        }

        /// <summary>Current Graph.cs:553-556, old :509-512.</summary>
        public Tensor get_tensor_by_name(string name) => (Tensor)as_graph_element(name, allow_tensor: true, allow_operation: false);

        /// <summary>Current Graph.Operation.cs:91-92, old :93-94: the graph's own Operation object for the name (KeyError when absent).</summary>
        public Operation get_operation_by_name(string name) => as_graph_element(name, allow_tensor: false, allow_operation: true) as Operation;

        /// <summary>
        /// A new Operation object for the node named <paramref name="operName"/> (TF_GraphOperationByName; current
        /// Graph.Operation.cs:62-78, old :63-80): ValueError when absent. Old: also a RuntimeError when this graph is not the default graph (old Graph.Operation.cs:72-77).
        /// </summary>
        public Operation OperationByName(string operName)
        {
            if (operName == null)
            {
                throw new ArgumentNullException(nameof(operName));
            }

            if (!_nodes_by_name.TryGetValue(operName, out var op))
            {
                throw new ValueError($"Could not find operation \"{operName}\" inside graph \"{_graph_key}\".");
            }

#if TFNET_V020
            var defaultKey = tf.get_default_graph().graph_key;
            if (graph_key != defaultKey)
            {
                throw new RuntimeError($"Current graph is not default graph. Default Graph Key: {defaultKey}, Current Graph Key: {graph_key}");
            }
#endif
            return new Operation(op.Core);
        }

        /// <summary>Current Graph.Operation.cs:80-89, old :82-91.</summary>
        public ITensorOrOperation[] get_operations() => _nodes_by_name.Values.ToArray<ITensorOrOperation>();

#if !TFNET_V020
        IEnumerator<Operation> IEnumerable<Operation>.GetEnumerator() => _operations.ToList().GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => throw new NotImplementedException();
#endif

        /// <summary>Current Graph.cs:586-587, old :531-532.</summary>
        public override string ToString() => $"{graph_key}, 0x{GetHashCode():x16}";

        // ---- building nodes ----

        /// <summary>
        /// Graph.create_op (current Graph.cs:312-346): a name ending in "/" is used as it is, any other is made unique;
        /// the node gets the control inputs of the open control_dependencies blocks. <paramref name="build"/> makes the
        /// runtime op that executes the node, named exactly by its argument (helpers it needs are created in the
        /// runtime graph under that name); without it the node exists only in the model, and if
        /// <paramref name="runError"/> is set, a session fails with that error whenever a run needs the node.
        /// </summary>
        internal Operation CreateOp(string type, string name, Tensor[] inputs, TF_DataType[] outputTypes,
            Func<string, Rt.Operation> build = null, Func<Exception> runError = null)
        {
            inputs ??= Array.Empty<Tensor>();
            if (string.IsNullOrEmpty(name))
            {
                name = type;
            }

            name = name.EndsWith("/") ? ops.name_from_scope_name(name) : unique_name(name);
            var control = _control_dependencies_for_inputs(inputs.Select(x => (ITensorOrOperation)x.op).ToArray())
                .Select(x => x.op.Core.Canonical)
                .Distinct()
                .ToArray();

            Rt.Operation backing = null;
            if (build != null)
            {
                var runtimeControls = control.Where(c => c.Core.Backing != null).Select(c => (object)c.Core.Backing).ToArray();
                SyncRuntimeScope(name);
                try
                {
                    using (Runtime.AsDefault())
                    using (Runtime.ControlDependencies(runtimeControls))
                    {
                        backing = build(name + "/");
                    }
                }
                catch (Exception e) when (e is Rt.ValueErrorException or Rt.TypeErrorException or Rt.OpErrorException)
                {
                    // The C library refuses the NodeDef: TF.NET reports INVALID_ARGUMENT from status.Check(true).
                    throw new InvalidArgumentError(e.Message);
                }
                finally
                {
                    SyncRuntimeScope(_name_stack);
                }
            }

            var core = new OpCore
            {
                Graph = this,
                Name = name,
                Type = type,
                Inputs = inputs,
                ControlInputs = control,
                OutputTypes = outputTypes ?? Array.Empty<TF_DataType>(),
                Backing = backing,
                BackingOutputs = backing?.Outputs.ToArray() ?? Array.Empty<Rt.Tensor>(),
                RunError = runError,
            };
            return Register(core);
        }

        /// <summary>
        /// _apply_op_helper (Core/Operations/OpDefLibrary.cs:33-268): in a name scope named after the op (its name, or
        /// the op type), converts the inputs there, then creates the node with the scope's name.
        /// </summary>
        internal Operation ApplyOp(string type, string name, Func<Tensor[]> inputs, Func<Tensor[], TF_DataType[]> outputTypes,
            Func<Tensor[], Func<string, Rt.Operation>> build = null, Func<Tensor[], Func<Exception>> runError = null)
        {
            // Current: scope.__enter__() ... scope.__exit__() with no finally, so a failure leaves the scope open
            // (OpDefLibrary.cs:66-67, 264); old: tf_with, which exits it in a finally (OpDefLibrary.cs:62).
#if TFNET_V020
            return tf_with(ops.name_scope(string.IsNullOrEmpty(name) ? type : name), scope => Create(scope.scope_name));
#else
            var scope = ops.name_scope(string.IsNullOrEmpty(name) ? type : name);
            scope.__enter__();
            var op = Create(scope.scope_name);
            scope.__exit__();
            return op;
#endif

            Operation Create(string scopeName)
            {
                var converted = inputs();
                return CreateOp(type, scopeName, converted, outputTypes(converted), build?.Invoke(converted), runError?.Invoke(converted));
            }
        }

        private Operation Register(OpCore core)
        {
            if (core.Backing != null)
            {
                _by_backing[core.Backing] = core;
            }

            var op = new Operation(core);
            core.Canonical = op;
            core.Index = _operations.Count;
            _nodes_by_name[core.Name] = op;
            _operations.Add(op);
            _record_op_seen_by_control_dependencies(op);
            return op;
        }

        /// <summary>The model's node for a runtime op (made from the runtime op when the model did not build it).</summary>
        internal Operation Adopt(Rt.Operation runtime)
        {
            if (_by_backing.TryGetValue(runtime, out var known))
            {
                return known.Canonical;
            }

            var core = new OpCore
            {
                Graph = this,
                Name = runtime.Name,
                Type = runtime.Type,
                Inputs = runtime.Inputs.Select(Wrap).ToArray(),
                ControlInputs = runtime.ControlInputs.Select(Adopt).ToArray(),
                OutputTypes = runtime.Outputs.Select(o => dtypes.FromRuntime(o.DType)).ToArray(),
                Backing = runtime,
                BackingOutputs = runtime.Outputs.ToArray(),
            };
            _by_backing[runtime] = core;
            var op = new Operation(core);
            core.Canonical = op;
            core.Index = _operations.Count;
            _nodes_by_name.TryAdd(core.Name, op);
            _operations.Add(op);
            _record_op_seen_by_control_dependencies(op);
            return op;
        }

        /// <summary>The model's tensor for a runtime tensor of this graph.</summary>
        internal Tensor Wrap(Rt.Tensor tensor) => Adopt(tensor.Op).outputs[tensor.ValueIndex];
    }
}
