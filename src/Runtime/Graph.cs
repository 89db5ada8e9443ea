using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;

namespace GlobalStepMigration.Runtime;

/// <summary>
/// A TensorFlow graph: operations with unique names, collections, name and variable scopes.
/// Building a graph is guarded by a lock, so threads can add operations concurrently. As in
/// TensorFlow, the name scope, control dependency and variable scope stacks are per thread (each
/// thread that builds into the graph has its own).
/// </summary>
public sealed class Graph
{
    private static readonly Regex ValidOpName = new("^[A-Za-z0-9.][A-Za-z0-9_.\\-/]*$", RegexOptions.CultureInvariant);
    private static readonly Regex ValidScopeName = new("^[A-Za-z0-9_.\\-/]*$", RegexOptions.CultureInvariant);

    private readonly object _gate = new();

    /// <summary>
    /// Serializes get-or-create of the graph's global step and of its cached read (TrainingUtil), so
    /// that threads racing to create them make one. Taken before, never while holding, the build lock.
    /// </summary>
    internal object GlobalStepGate { get; } = new();
    private readonly Dictionary<string, Operation> _nodesByName = new(StringComparer.Ordinal);
    private readonly List<Operation> _operations = new();
    private readonly Dictionary<string, int> _namesInUse = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<object>> _collections = new(StringComparer.Ordinal);
    private readonly Dictionary<Tensor, Tensor> _captures = new(ReferenceEqualityComparer.Instance);

    [ThreadStatic]
    private static ConditionalWeakTable<Graph, ThreadState>? t_states;

    private volatile bool _finalized;

    /// <summary>A new, empty graph.</summary>
    public Graph() => GraphRecorder.Created(this);

    /// <summary>Whether <see cref="FinalizeGraph"/> was called.</summary>
    public bool Finalized => _finalized;

    /// <summary>The current name scope of the calling thread, without a trailing slash ("" at the root).</summary>
    public string CurrentNameScope
    {
        get => State.NameStack;
        private set => State.NameStack = value;
    }

    /// <summary>The calling thread's variable scopes in this graph.</summary>
    internal List<VariableScope> VariableScopes => State.VariableScopes;

    /// <summary>The calling thread's root variable scope in this graph (named <c>""</c>; <c>ReuseVariables()</c> on it lasts).</summary>
    internal VariableScope RootVariableScope => State.RootVariableScope ??= new VariableScope("", "", ReuseMode.False);

    private List<Operation[]> ControlDependencyStack => State.ControlDependencies;

    private ThreadState State => (t_states ??= new ConditionalWeakTable<Graph, ThreadState>()).GetValue(this, _ => new ThreadState());

    internal Dictionary<string, Variable> VariableStore { get; } = new(StringComparer.Ordinal);

    /// <summary>The operations in creation order.</summary>
    public IReadOnlyList<Operation> GetOperations()
    {
        lock (_gate)
        {
            return _operations.ToArray();
        }
    }

    /// <summary>Makes this graph the default graph of the calling thread until the scope is disposed.</summary>
    public IDisposable AsDefault() => DefaultGraphStack.Push(this);

    /// <summary>Makes the graph read-only: adding operations or collection items then fails.</summary>
    public void FinalizeGraph() => _finalized = true;

    private void CheckNotFinalized()
    {
        if (Finalized)
        {
            throw new InvalidOperationException("Graph is finalized and cannot be modified.");
        }
    }

    /// <summary>
    /// A unique operation name under the current name scope: a name already used gets <c>_1</c>,
    /// <c>_2</c>, ... appended. Names are compared case-insensitively; the given casing is kept.
    /// </summary>
    public string UniqueName(string name, bool markAsUsed = true)
    {
        ArgumentNullException.ThrowIfNull(name);
        lock (_gate)
        {
            if (CurrentNameScope.Length > 0)
            {
                name = CurrentNameScope + "/" + name;
            }

            var nameKey = name.ToLowerInvariant();
            _namesInUse.TryGetValue(nameKey, out var i);
            if (markAsUsed)
            {
                _namesInUse[nameKey] = i + 1;
            }

            if (i > 0)
            {
                var baseKey = nameKey;
                while (_namesInUse.ContainsKey(nameKey))
                {
                    nameKey = string.Create(CultureInfo.InvariantCulture, $"{baseKey}_{i}");
                    i++;
                }

                if (markAsUsed)
                {
                    _namesInUse[nameKey] = 1;
                }

                name = string.Create(CultureInfo.InvariantCulture, $"{name}_{i - 1}");
            }

            return name;
        }
    }

    /// <summary>
    /// Opens a name scope (TensorFlow's <c>graph.name_scope</c>): <c>"a"</c> prefixes names with
    /// <c>a/</c> (a repeated scope becomes <c>a_1</c>), null or <c>""</c> resets to the root, and a
    /// name ending in <c>/</c> re-enters that exact scope.
    /// </summary>
    public NameScope NameScope(string? name)
    {
        string newStack;
        string returned;
        lock (_gate)
        {
            if (!string.IsNullOrEmpty(name))
            {
                if (CurrentNameScope.Length > 0)
                {
                    if (!ValidScopeName.IsMatch(name))
                    {
                        throw new ValueErrorException(
                            $"'{name}' is not a valid scope name. A scope name has to match the following pattern: {ValidScopeName}");
                    }
                }
                else if (!ValidOpName.IsMatch(name))
                {
                    throw new ValueErrorException(
                        $"'{name}' is not a valid root scope name. A root scope name has to match the following pattern: {ValidOpName}");
                }
            }

            if (string.IsNullOrEmpty(name))
            {
                newStack = "";
                returned = "";
            }
            else if (name[^1] == '/')
            {
                newStack = name[..^1];
                returned = name;
            }
            else
            {
                newStack = UniqueName(name);
                returned = newStack + "/";
            }
        }

        var old = CurrentNameScope;
        CurrentNameScope = newStack;
        return new NameScope(returned, () => CurrentNameScope = old);
    }

    /// <summary>
    /// Operations created inside the scope run after <paramref name="controlInputs"/>
    /// (TensorFlow's <c>graph.control_dependencies</c>). Tensors stand for their operations.
    /// </summary>
    public IDisposable ControlDependencies(IEnumerable<object?> controlInputs)
    {
        ArgumentNullException.ThrowIfNull(controlInputs);
        var ops = new List<Operation>();
        foreach (var c in controlInputs)
        {
            var op = c switch
            {
                null => null,
                Operation o => o,
                Tensor t => t.AsInput().Op,
                _ => throw new TypeErrorException($"Can not convert a {c.GetType().Name} into a Tensor or Operation."),
            };
            if (op is not null && !ops.Contains(op))
            {
                ops.Add(op);
            }
        }

        var stack = ControlDependencyStack;
        var frame = ops.ToArray();
        stack.Add(frame);
        return new Scope(() =>
        {
            if (stack.Count > 0 && ReferenceEquals(stack[^1], frame))
            {
                stack.RemoveAt(stack.Count - 1);
            }
            else
            {
                stack.Remove(frame);
            }
        });
    }

    /// <summary>
    /// Clears the calling thread's control dependencies until disposed (TensorFlow's
    /// <c>control_dependencies(None)</c>, as <c>init_scope</c> does for variables).
    /// </summary>
    internal IDisposable ClearControlDependencies()
    {
        var stack = ControlDependencyStack;
        var saved = stack.ToArray();
        stack.Clear();
        return new Scope(() =>
        {
            stack.Clear();
            stack.AddRange(saved);
        });
    }

    /// <summary>A <c>NoOp</c> named <paramref name="name"/>, with no inputs or outputs: it only runs its control inputs.</summary>
    internal Operation CreateNoOp(string name) =>
        CreateOp(OpRegistry.Get("NoOp"), name, Array.Empty<Tensor>(), new Attrs(), Array.Empty<(DType, TensorShape)>());

    internal Operation CreateOp(OpDef def, string name, Tensor[] inputs, Attrs attrs, IReadOnlyList<(DType DType, TensorShape Shape)> outputs)
    {
        lock (_gate)
        {
            CheckNotFinalized();
            string opName;
            if (name.EndsWith('/'))
            {
                opName = name[..^1];
                if (_nodesByName.ContainsKey(opName))
                {
                    throw new ValueErrorException($"Duplicate node name in graph: '{opName}'");
                }

                _namesInUse.TryGetValue(opName.ToLowerInvariant(), out var used);
                _namesInUse[opName.ToLowerInvariant()] = Math.Max(used, 1);
            }
            else
            {
                opName = UniqueName(name);
            }

            if (!ValidOpName.IsMatch(opName))
            {
                throw new ValueErrorException($"'{opName}' is not a valid node name");
            }

            var control = new List<Operation>();
            foreach (var frame in ControlDependencyStack)
            {
                foreach (var c in frame)
                {
                    if (!control.Contains(c))
                    {
                        control.Add(c);
                    }
                }
            }

            var op = new Operation(this, opName, def, inputs, control.ToArray(), attrs, _operations.Count);
            for (var i = 0; i < outputs.Count; i++)
            {
                op.AddOutput(new Tensor(op, i, outputs[i].DType, outputs[i].Shape));
            }

            _operations.Add(op);
            _nodesByName[opName] = op;
            return op;
        }
    }

    /// <summary>A graph constant standing for an eager tensor used as an input of a graph op.</summary>
    internal Tensor Capture(Tensor eager)
    {
        lock (_gate)
        {
            if (_captures.TryGetValue(eager, out var existing))
            {
                return existing;
            }
        }

        Tensor captured;
        var scope = NameScope(null);
        try
        {
            var value = eager.Numpy();
            captured = Ops.ConstInGraph(this, value, "Const");
        }
        finally
        {
            scope.Dispose();
        }

        lock (_gate)
        {
            _captures[eager] = captured;
        }

        return captured;
    }

    // ---- collections -------------------------------------------------------------------------

    /// <summary>Appends <paramref name="value"/> to the collection (duplicates are kept).</summary>
    public void AddToCollection(string name, object value)
    {
        ArgumentNullException.ThrowIfNull(name);
        lock (_gate)
        {
            CheckNotFinalized();
            if (!_collections.TryGetValue(name, out var list))
            {
                _collections[name] = list = new List<object>();
            }

            list.Add(value);
        }
    }

    /// <summary>Appends <paramref name="value"/> to each named collection once (names are de-duplicated).</summary>
    public void AddToCollections(IEnumerable<string> names, object value)
    {
        ArgumentNullException.ThrowIfNull(names);
        foreach (var name in names.Distinct(StringComparer.Ordinal))
        {
            AddToCollection(name, value);
        }
    }

    /// <summary>
    /// A copy of the collection in insertion order (empty when absent). With a scope, only items
    /// whose name matches the scope as a regular expression anchored at the start.
    /// </summary>
    public List<object> GetCollection(string name, string? scope = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        List<object> items;
        lock (_gate)
        {
            items = _collections.TryGetValue(name, out var list) ? new List<object>(list) : new List<object>();
        }

        if (scope is null)
        {
            return items;
        }

        var regex = new Regex("^(?:" + scope + ")", RegexOptions.CultureInvariant);
        return items.Where(item => ItemName(item) is string n && regex.IsMatch(n)).ToList();
    }

    /// <summary>The live list of a collection, created when absent.</summary>
    public List<object> GetCollectionRef(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        lock (_gate)
        {
            if (!_collections.TryGetValue(name, out var list))
            {
                _collections[name] = list = new List<object>();
            }

            return list;
        }
    }

    /// <summary>The names of the collections of this graph.</summary>
    public IReadOnlyList<string> GetAllCollectionKeys()
    {
        lock (_gate)
        {
            return _collections.Keys.ToArray();
        }
    }

    private static string? ItemName(object item)
    {
        switch (item)
        {
            case Operation op:
                return op.Name;
            case Variable v:
                return v.Name;
            case Tensor t when t.Op is not null:
                return t.Name;
            default:
                return null;
        }
    }

    // ---- lookups ----------------------------------------------------------------------------

    /// <summary>
    /// The tensor named <c>"op:index"</c>. A well-formed name whose op or output is missing throws
    /// <see cref="KeyNotFoundException"/> (TensorFlow's KeyError); a malformed name throws
    /// <see cref="ValueErrorException"/>.
    /// </summary>
    public Tensor GetTensorByName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return (Tensor)AsGraphElement(name, allowTensor: true, allowOperation: false);
    }

    /// <summary>The operation with this name; <see cref="KeyNotFoundException"/> when absent.</summary>
    public Operation GetOperationByName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return (Operation)AsGraphElement(name, allowTensor: false, allowOperation: true);
    }

    /// <summary>Resolves a name to a tensor (<c>"op:0"</c>) or an operation (<c>"op"</c>).</summary>
    public object AsGraphElement(string name, bool allowTensor = true, bool allowOperation = true)
    {
        ArgumentNullException.ThrowIfNull(name);
        var typesStr = allowTensor && allowOperation ? "Tensor or Operation" : allowTensor ? "Tensor" : "Operation";
        var repr = "'" + name + "'";
        lock (_gate)
        {
            if (name.Contains(':', StringComparison.Ordinal))
            {
                if (!allowTensor)
                {
                    throw new ValueErrorException($"Name {repr} appears to refer to a Tensor, not a {typesStr}.");
                }

                var parts = name.Split(':');
                if (parts.Length != 2 || !int.TryParse(parts[1].Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var index))
                {
                    throw new ValueErrorException(
                        $"The name {repr} looks a like a Tensor name, but is not a valid one. Tensor names must be of the form \"<op_name>:<output_index>\".");
                }

                var opName = parts[0];
                if (!_nodesByName.TryGetValue(opName, out var op))
                {
                    throw new KeyNotFoundException(
                        $"The name {repr} refers to a Tensor which does not exist. The operation, '{opName}', does not exist in the graph.");
                }

                var count = op.Outputs.Count;
                var actual = index < 0 ? count + index : index;
                if (actual < 0 || actual >= count)
                {
                    throw new KeyNotFoundException(
                        $"The name {repr} refers to a Tensor which does not exist. The operation, '{opName}', exists but only has {count} outputs.");
                }

                return op.Outputs[actual];
            }

            if (allowOperation)
            {
                if (!_nodesByName.TryGetValue(name, out var op))
                {
                    throw new KeyNotFoundException($"The name {repr} refers to an Operation not in the graph.");
                }

                return op;
            }

            var message = _nodesByName.ContainsKey(name)
                ? $"The name {repr} refers to an Operation, not a {typesStr}."
                : $"The name {repr} looks like an (invalid) Operation name, not a {typesStr}.";
            throw new ValueErrorException(message + " Tensor names must be of the form \"<op_name>:<output_index>\".");
        }
    }

    private sealed class ThreadState
    {
        public string NameStack { get; set; } = "";

        public List<Operation[]> ControlDependencies { get; } = new();

        public List<VariableScope> VariableScopes { get; } = new();

        public VariableScope? RootVariableScope { get; set; }
    }

    internal sealed class Scope : IDisposable
    {
        private Action? _onDispose;

        public Scope(Action onDispose) => _onDispose = onDispose;

        public void Dispose()
        {
            _onDispose?.Invoke();
            _onDispose = null;
        }
    }
}

/// <summary>An open name scope; disposing it restores the previous scope.</summary>
public sealed class NameScope : IDisposable
{
    private Action? _restore;

    internal NameScope(string name, Action? restore)
    {
        Name = name;
        _restore = restore;
    }

    /// <summary>The scope as TensorFlow returns it: <c>"a/"</c>, or <c>""</c> at the root.</summary>
    public string Name { get; }

    /// <inheritdoc />
    public void Dispose()
    {
        _restore?.Invoke();
        _restore = null;
    }

    /// <inheritdoc />
    public override string ToString() => Name;
}

/// <summary>
/// A name scope opened eagerly (TensorFlow 2's <c>tf.name_scope</c> when executing eagerly,
/// tensorflow/python/framework/ops.py <c>name_scope_v2.__enter__</c>): it touches no graph and makes no name
/// unique; the calling thread's eager scope name (TensorFlow's <c>context.scope_name</c>) becomes
/// <c>outer + name + "/"</c>, a name ending in <c>/</c> is taken as it is, null or <c>""</c> is the root
/// <c>""</c>, and disposing the scope restores the previous name.
/// </summary>
internal static class EagerNameScope
{
    [ThreadStatic]
    private static string? t_scopeName;

    /// <summary>The calling thread's eager scope name (<c>""</c> at the root).</summary>
    internal static string Current => t_scopeName ?? "";

    internal static NameScope Enter(string? name)
    {
        var old = Current;
        var scopeName = string.IsNullOrEmpty(name) ? "" : name[^1] == '/' ? name : old + name + "/";
        t_scopeName = scopeName;
        return new NameScope(scopeName, () => t_scopeName = old);
    }
}

/// <summary>
/// The per-thread stack of default graphs, and the per-thread global default graph. The graph that ops
/// are built into is the innermost <c>AsDefault()</c> graph; with none, the thread's global default graph
/// when eager execution is off for the thread (<see cref="EagerContext"/>), else none (eager).
/// </summary>
internal static class DefaultGraphStack
{
    [ThreadStatic]
    private static List<Graph>? t_stack;

    [ThreadStatic]
    private static Graph? t_global;

    /// <summary>No graph was pushed with <c>AsDefault()</c> on this thread.</summary>
    internal static bool IsEmpty => t_stack is null || t_stack.Count == 0;

    /// <summary>TensorFlow's <c>executing_eagerly()</c>: no graph pushed and eager execution on for this thread.</summary>
    internal static bool ExecutingEagerly => IsEmpty && EagerContext.IsEager;

    /// <summary>The graph ops are built into: the innermost pushed graph, else the global default graph in graph mode, else null (eager).</summary>
    internal static Graph? Top => !IsEmpty ? t_stack![^1] : EagerContext.IsEager ? null : Global;

    /// <summary>The innermost default graph, or the thread's global default graph (created lazily).</summary>
    internal static Graph Current => IsEmpty ? Global : t_stack![^1];

    /// <summary>
    /// The global default graph of the calling thread. As in TensorFlow (whose default graph stack is a
    /// <c>threading.local</c>), the default graph is a property of the current thread.
    /// </summary>
    internal static Graph Global => t_global ??= GraphRecorder.Default(new Graph());

    /// <summary>Whether the calling thread has created its global default graph (TensorFlow: graph mode has been used).</summary>
    internal static bool GlobalCreated => t_global is not null;

    internal static IDisposable Push(Graph graph)
    {
        var stack = t_stack ??= new List<Graph>();
        stack.Add(graph);
        var popped = false;
        return new Graph.Scope(() =>
        {
            if (popped)
            {
                return;
            }

            if (stack.Count == 0 || !ReferenceEquals(stack[^1], graph))
            {
                throw new InvalidOperationException("Nesting violated for default stack of Graph objects");
            }

            stack.RemoveAt(stack.Count - 1);
            popped = true;
        });
    }

    internal static void ResetGlobal()
    {
        if (!IsEmpty)
        {
            throw new InvalidOperationException(
                "Do not use tf.reset_default_graph() to clear nested graphs. If you need a cleared graph, exit the nesting and create a new graph.");
        }

        t_global = null;
    }

    /// <summary>For test hosts: forgets the calling thread's pushed graphs (even ones never disposed) and its global graph.</summary>
    internal static void ClearForTestHost()
    {
        t_stack?.Clear();
        t_global = null;
    }
}

/// <summary>
/// TensorFlow's execution mode (tensorflow/python/eager/context.py): a process-wide default mode
/// (<c>default_execution_mode</c>) and a per-thread flag (<c>_thread_local_data.is_eager</c>) that each thread
/// takes from the default the first time it asks, and that <c>disable_eager_execution</c> and
/// <c>enable_eager_execution</c> also set for the calling thread.
/// </summary>
internal static class EagerContext
{
    private static volatile bool s_defaultEager = true;

    [ThreadStatic]
    private static bool? t_eager;

    /// <summary>The process-wide default (TensorFlow's <c>default_execution_mode == EAGER_MODE</c>).</summary>
    internal static bool DefaultEager => s_defaultEager;

    /// <summary>Whether the calling thread executes eagerly when no graph is pushed.</summary>
    internal static bool IsEager => t_eager ??= s_defaultEager;

    internal static void Disable()
    {
        s_defaultEager = false;
        t_eager = false;
    }

    internal static void Enable()
    {
        if (s_defaultEager)
        {
            return;
        }

        if (DefaultGraphStack.GlobalCreated)
        {
            throw new ValueErrorException("tf.enable_eager_execution must be called at program startup.");
        }

        s_defaultEager = true;
        t_eager = true;
    }

    /// <summary>For test hosts: eager by default again, and for the calling thread.</summary>
    internal static void ResetForTestHost()
    {
        s_defaultEager = true;
        t_eager = true;
    }
}

/// <summary>
/// For test hosts only (the TestKit's graph oracle, through InternalsVisibleTo): the graphs created on the
/// calling thread while it records, so that a test can compare the graphs a program built before and after a
/// code fix. Off unless a test host starts it (a thread-static list, null by default): a program never sees it,
/// and a graph created while nobody records costs one null check.
/// </summary>
internal static class GraphRecorder
{
    [ThreadStatic]
    private static List<(Graph Graph, bool IsDefault)>? t_created;

    /// <summary>Starts recording the graphs the calling thread creates (forgetting any recorded before).</summary>
    internal static void Start() => t_created = new List<(Graph, bool)>();

    /// <summary>
    /// Stops recording on the calling thread and returns the graphs it created, in creation order, each with
    /// whether it is a global default graph (made on first use, not by the program's <c>new Graph()</c>).
    /// </summary>
    internal static IReadOnlyList<(Graph Graph, bool IsDefault)> Stop()
    {
        var created = t_created ?? new List<(Graph, bool)>();
        t_created = null;
        return created;
    }

    internal static void Created(Graph graph) => t_created?.Add((graph, false));

    /// <summary>Marks <paramref name="graph"/>, just created, as the thread's global default graph.</summary>
    internal static Graph Default(Graph graph)
    {
        if (t_created is { Count: > 0 } created && ReferenceEquals(created[^1].Graph, graph))
        {
            created[^1] = (graph, true);
        }

        return graph;
    }
}
