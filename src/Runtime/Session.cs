using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;

namespace GlobalStepMigration.Runtime;

/// <summary>Values to feed into a <see cref="Session.Run(Tensor, FeedDict?)"/>, keyed by tensor (TensorFlow's <c>feed_dict</c>).</summary>
public sealed class FeedDict : Dictionary<Tensor, NDArray>
{
    /// <summary>Creates an empty feed dictionary.</summary>
    public FeedDict() : base(ReferenceEqualityComparer.Instance) { }
}

/// <summary>
/// Runs a graph (TensorFlow's <c>tf.compat.v1.Session</c>). Variable values live in the session.
/// Within one run, operations execute in dependency order, ties in the order they are listed, and
/// each operation runs at most once; a variable is read when each consumer runs (TF1 reference
/// semantics). Concurrent calls to <c>Run</c> on one session are serialized.
/// </summary>
public sealed class Session : IDisposable, IVariableStore
{
    private readonly object _gate = new();
    private readonly Dictionary<Operation, NDArray> _variables = new(ReferenceEqualityComparer.Instance);
    private bool _closed;

    /// <summary>Creates a session on <paramref name="graph"/>, or on the default graph.</summary>
    public Session(Graph? graph = null) => Graph = graph ?? DefaultGraphStack.Current;

    /// <summary>The graph this session runs.</summary>
    public Graph Graph { get; }

    /// <summary>Evaluates a tensor or variable.</summary>
    public NDArray Run(Tensor fetch, FeedDict? feedDict = null)
    {
        ArgumentNullException.ThrowIfNull(fetch);
        return (NDArray)Run((object)fetch, feedDict)!;
    }

    /// <summary>Runs an operation.</summary>
    public void Run(Operation fetch, FeedDict? feedDict = null)
    {
        ArgumentNullException.ThrowIfNull(fetch);
        Run((object)fetch, feedDict);
    }

    /// <summary>
    /// Runs any fetch structure: a tensor, variable or name gives an <see cref="NDArray"/>, an
    /// operation gives null, a list gives a <see cref="List{T}"/> and a tuple an array, in the same order.
    /// </summary>
    public object? Run(object fetches, FeedDict? feedDict = null)
    {
        lock (_gate)
        {
            if (_closed)
            {
                throw new InvalidOperationException("Attempted to use a closed Session.");
            }

            var state = new RunState(PrepareFeeds(feedDict));
            return Fetch(fetches, state);
        }
    }

    /// <summary>Closes the session; its variable values are released.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            _closed = true;
            _variables.Clear();
        }
    }

    /// <summary>Sets graph variables' values in this session at once (a checkpoint restore).</summary>
    internal void RestoreVariables(IReadOnlyList<(Operation VariableOp, NDArray Value)> values)
    {
        lock (_gate)
        {
            if (_closed)
            {
                throw new InvalidOperationException("Attempted to use a closed Session.");
            }

            foreach (var (op, _) in values)
            {
                CheckGraph(op.Graph, op.Outputs[0]);
            }

            foreach (var (op, value) in values)
            {
                _variables[op] = value;
            }
        }
    }

    NDArray? IVariableStore.Read(Operation variableOp) => _variables.TryGetValue(variableOp, out var v) ? v : null;

    void IVariableStore.Write(Operation variableOp, NDArray value) => _variables[variableOp] = value;

    private Dictionary<Tensor, NDArray> PrepareFeeds(FeedDict? feedDict)
    {
        var feeds = new Dictionary<Tensor, NDArray>(ReferenceEqualityComparer.Instance);
        if (feedDict is null)
        {
            return feeds;
        }

        foreach (var (key, value) in feedDict)
        {
            var tensor = key.AsInput();
            if (!ReferenceEquals(tensor.Graph, Graph))
            {
                throw new TypeErrorException(
                    $"Cannot interpret feed_dict key as Tensor: Tensor {key} is not an element of this graph.");
            }

            if (value is null)
            {
                throw new TypeErrorException(
                    $"The value of a feed cannot be None. Acceptable feed values include scalars and arrays (NDArray). The feed with key {tensor.Name} is None.");
            }

            // TensorFlow converts the fed value with numpy and refuses an integer it cannot hold
            // exactly; here any conversion that changes a value to or from an integer or bool type is refused.
            var converted = value.DType == tensor.DType ? value : value.AsType(tensor.DType);
            var lossless = value.DType == tensor.DType
                || (tensor.DType.IsFloating() && value.DType.IsFloating())
                || converted.AsType(value.DType).Equals(value);
            if (!lossless)
            {
                throw new TypeErrorException(
                    $"Type of feed value {value} with type {value.DType.TfName()} is not compatible with Tensor type {tensor.DType.TfName()}. "
                    + "Try explicitly setting the type of the feed tensor to a larger type (e.g. int64).");
            }

            if (!tensor.Shape.IsCompatibleWith(value.Shape))
            {
                throw new ValueErrorException(
                    $"Cannot feed value of shape {TensorShape.Of(value.Shape)} for Tensor {tensor.Name}, which has shape {tensor.Shape}");
            }

            feeds[tensor] = converted;
        }

        return feeds;
    }

    private object? Fetch(object? fetch, RunState state)
    {
        switch (fetch)
        {
            case null:
                throw new TypeErrorException("Fetch argument None has invalid type <class 'NoneType'>");
            case string name:
                return Fetch(Graph.AsGraphElement(name), state);
            case Tensor t:
                var input = t.AsInput();
                if (input.Graph is null)
                {
                    return input.Numpy();
                }

                CheckGraph(input.Graph, t);
                return EvalTensor(input, state);
            case Operation op:
                CheckGraph(op.Graph, op);
                if (op.Type == "VariableV2")
                {
                    // Running a variable's op as a target reads nothing, as in TensorFlow, so an
                    // uninitialized variable is not an error here; only its control inputs run.
                    foreach (var control in op.ControlInputs)
                    {
                        EvalOp(control, state);
                    }

                    return null;
                }

                EvalOp(op, state);
                return null;
            case ITuple tuple:
                var items = new object?[tuple.Length];
                for (var i = 0; i < tuple.Length; i++)
                {
                    items[i] = Fetch(tuple[i], state);
                }

                return items;
            case IEnumerable list:
                return list.Cast<object?>().Select(item => Fetch(item, state)).ToList();
            default:
                throw new TypeErrorException(
                    $"Fetch argument {fetch} has invalid type {fetch.GetType().Name}, must be a string or Tensor. (Can not convert a {fetch.GetType().Name} into a Tensor or Operation.)");
        }
    }

    private void CheckGraph(Graph graph, object fetch)
    {
        if (!ReferenceEquals(graph, Graph))
        {
            throw new ValueErrorException(
                $"Fetch argument {fetch} cannot be interpreted as a Tensor. ({fetch} is not an element of this graph.)");
        }
    }

    private NDArray EvalTensor(Tensor t, RunState state)
    {
        if (state.Feeds.TryGetValue(t, out var fed))
        {
            return fed;
        }

        return t.Op is null ? t.Numpy() : EvalOp(t.Op, state)[t.ValueIndex];
    }

    private NDArray[] EvalOp(Operation op, RunState state)
    {
        if (state.Done.TryGetValue(op, out var done))
        {
            return done;
        }

        if (!state.InProgress.Add(op))
        {
            throw new InvalidArgumentException($"Graph has a cycle through operation '{op.Name}'.");
        }

        foreach (var control in op.ControlInputs)
        {
            EvalOp(control, state);
        }

        var inputs = new NDArray[op.Inputs.Count];
        for (var i = 0; i < inputs.Length; i++)
        {
            inputs[i] = i < op.Def.RefInputs ? null! : EvalTensor(op.Inputs[i], state);
        }

        var outputs = op.Def.Kernel(new KernelContext { Inputs = inputs, Attrs = op.Attrs, Op = op, Store = this });
        state.InProgress.Remove(op);

        // A TF1 reference variable is read when each consumer runs, so a read listed after an update
        // in the same run sees the update; every other op runs once per run.
        if (op.Type != "VariableV2")
        {
            state.Done[op] = outputs;
        }

        return outputs;
    }

    private sealed class RunState
    {
        public RunState(Dictionary<Tensor, NDArray> feeds) => Feeds = feeds;

        public Dictionary<Tensor, NDArray> Feeds { get; }

        public Dictionary<Operation, NDArray[]> Done { get; } = new(ReferenceEqualityComparer.Instance);

        public HashSet<Operation> InProgress { get; } = new(ReferenceEqualityComparer.Instance);
    }
}
