using System;
using System.Collections.Generic;
using System.Linq;
using GraphKeys = GlobalStepMigration.Runtime.Tf.Compat.V1.GraphKeys;

namespace GlobalStepMigration.Runtime.Compat.V1.Train;

/// <summary>
/// The TF1 optimizer base (TensorFlow's <c>tf.compat.v1.train.Optimizer</c>). With a global step,
/// <see cref="ApplyGradients"/> increments it by one after all variable updates.
/// </summary>
public abstract class Optimizer
{
    private readonly Dictionary<string, Dictionary<Variable, Variable>> _slots = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Name, Graph? Graph), Variable> _nonSlot = new();

    private protected Optimizer(string name, bool useLocking)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Name = name;
        UseLocking = useLocking;
    }

    /// <summary>The optimizer's name, used as the name scope of its ops.</summary>
    public string Name { get; }

    /// <summary>Kept for API compatibility; updates are always applied atomically here.</summary>
    public bool UseLocking { get; }

    /// <summary>
    /// Computes gradients of <paramref name="loss"/> (a graph tensor) and applies them; with a
    /// <paramref name="globalStep"/>, also increments it. Returns the train op (null eagerly).
    /// </summary>
    public Operation? Minimize(Tensor loss, Tensor? globalStep = null, IEnumerable<Variable>? varList = null, string? name = null) =>
        MinimizeCore(ComputeGradients(loss, varList), loss, globalStep, name);

    /// <summary>Like <see cref="Minimize(Tensor, Tensor?, IEnumerable{Variable}?, string?)"/> with a loss function (needed eagerly).</summary>
    public Operation? Minimize(Func<Tensor> loss, Tensor? globalStep = null, IEnumerable<Variable>? varList = null, string? name = null) =>
        MinimizeCore(ComputeGradients(loss, varList), loss, globalStep, name);

    private Operation? MinimizeCore(List<(Tensor? Gradient, Variable Variable)> gradsAndVars, object loss, Tensor? globalStep, string? name)
    {
        if (!gradsAndVars.Any(gv => gv.Gradient is not null))
        {
            throw new ValueErrorException(
                "No gradients provided for any variable, check your graph for ops that do not support gradients, between variables "
                + $"{PythonStrList(gradsAndVars.Select(gv => gv.Variable))} and loss {loss}.");
        }

        return ApplyGradients(gradsAndVars, globalStep, name);
    }

    /// <summary>Gradients of a graph loss with respect to <paramref name="varList"/> (default: the trainable variables).</summary>
    public List<(Tensor? Gradient, Variable Variable)> ComputeGradients(Tensor loss, IEnumerable<Variable>? varList = null)
    {
        ArgumentNullException.ThrowIfNull(loss);
        var graph = loss.Graph ?? throw new InvalidOperationException(
            "`loss` passed to Optimizer.compute_gradients should be a function when eager execution is enabled.");
        var vars = varList?.ToList() ?? graph.GetCollection(GraphKeys.TRAINABLE_VARIABLES).OfType<Variable>().ToList();
        if (vars.Count == 0)
        {
            throw new ValueErrorException("No variables to optimize.");
        }

        var grads = Tf.Gradients(loss, vars);
        return grads.Zip(vars, (g, v) => (g, v)).ToList();
    }

    /// <summary>Gradients of a loss function, recorded on a tape eagerly.</summary>
    public List<(Tensor? Gradient, Variable Variable)> ComputeGradients(Func<Tensor> loss, IEnumerable<Variable>? varList = null)
    {
        ArgumentNullException.ThrowIfNull(loss);
        if (!Tf.ExecutingEagerly())
        {
            return ComputeGradients(loss(), varList);
        }

        Tensor value;
        using var tape = new GradientTape();
        value = loss();
        tape.Dispose();
        var vars = varList?.ToList() ?? throw new ValueErrorException("var_list is required when eager execution is enabled.");
        var grads = tape.Gradient(value, vars);
        return grads.Zip(vars, (g, v) => (g, v)).ToList();
    }

    /// <summary>
    /// Applies gradients; with a <paramref name="globalStep"/>, increments it by one (cast to its
    /// dtype) after all updates. The train op is added to TRAIN_OP. Returns null eagerly.
    /// </summary>
    public Operation? ApplyGradients(IEnumerable<(Tensor? Gradient, Variable Variable)> gradsAndVars, Tensor? globalStep = null, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(gradsAndVars);
        var list = gradsAndVars.ToList();
        if (list.Count == 0)
        {
            throw new ValueErrorException("No variables provided.");
        }

        var withGrads = list.Where(gv => gv.Gradient is not null).ToList();
        if (withGrads.Count == 0)
        {
            throw new ValueErrorException(
                $"No gradients provided for any variable: {PythonStrList(list.Select(gv => gv.Variable))}.");
        }

        if (list.Any(gv => gv.Variable is null))
        {
            throw new ArgumentNullException(nameof(gradsAndVars), "A variable in grads_and_vars is null.");
        }

        var graph = withGrads[0].Variable.Graph;
        if (globalStep is not null)
        {
            TrainingUtil.AssertGlobalStep(globalStep);
        }

        // Eagerly nothing would run a graph update (and in a graph an eager update would run now):
        // every variable and the step must live where the first variable lives.
        var first = withGrads[0].Variable;
        foreach (var other in withGrads.Select(gv => (Tensor)gv.Variable).Append(globalStep))
        {
            if (other is not null && !ReferenceEquals(other.Graph, graph))
            {
                throw new ValueErrorException(
                    $"{Describe(other)} must be from the same graph as {Describe(first)}.");
            }
        }

        if (graph is null)
        {
            CreateSlots(null, withGrads.Select(gv => gv.Variable).ToList());
            Prepare(null);
            var updates = withGrads.Select(gv => (object?)ApplyDense(gv.Gradient!, gv.Variable)).ToList();
            Finish(null, updates, "update");
            if (globalStep is not null)
            {
                StateOps.AssignAdd(globalStep, 1);
            }

            return null;
        }

        using (graph.AsDefault())
        {
            // TensorFlow creates the slots in init_scope: outside control dependencies, in the caller's name scope.
            using (graph.ClearControlDependencies())
            {
                CreateSlots(graph, withGrads.Select(gv => gv.Variable).ToList());
            }

            using var scope = graph.NameScope(name ?? Name);
            Prepare(graph);
            var updates = new List<object?>();
            foreach (var (gradient, variable) in withGrads)
            {
                using (graph.NameScope("update_" + variable.Op!.Name))
                {
                    updates.Add(ApplyDense(gradient!, variable));
                }
            }

            Operation applyUpdates;
            if (globalStep is null)
            {
                applyUpdates = Finish(graph, updates, scope.Name)!;
            }
            else
            {
                using (graph.ControlDependencies(new object?[] { Finish(graph, updates, "update") }))
                {
                    applyUpdates = StateOps.AssignAdd(globalStep, 1, scope.Name).Op!;
                }
            }

            var trainOps = graph.GetCollectionRef(GraphKeys.TRAIN_OP);
            if (!trainOps.Contains(applyUpdates))
            {
                trainOps.Add(applyUpdates);
            }

            return applyUpdates;
        }
    }

    /// <summary>
    /// The slot named <paramref name="name"/> that this optimizer created for <paramref name="var"/>, or null
    /// (TensorFlow's <c>get_slot</c>): <c>"momentum"</c> for Momentum, <c>"m"</c> and <c>"v"</c> for Adam.
    /// </summary>
    public Variable? GetSlot(Variable var, string name)
    {
        ArgumentNullException.ThrowIfNull(var);
        ArgumentNullException.ThrowIfNull(name);
        lock (_slots)
        {
            return _slots.TryGetValue(name, out var named) && named.TryGetValue(var, out var slot) ? slot : null;
        }
    }

    /// <summary>The names of the slots this optimizer has created, sorted (TensorFlow's <c>get_slot_names</c>).</summary>
    public List<string> GetSlotNames()
    {
        lock (_slots)
        {
            return _slots.Where(s => s.Value.Count > 0).Select(s => s.Key).OrderBy(k => k, StringComparer.Ordinal).ToList();
        }
    }

    /// <summary>
    /// The optimizer's variables in the current default graph (eagerly: its eager ones): non-slot variables such as
    /// Adam's <c>beta1_power</c> and the slots, sorted by name (TensorFlow's <c>variables()</c>).
    /// </summary>
    public List<Variable> Variables()
    {
        var graph = DefaultGraphStack.Top;
        lock (_slots)
        {
            return _nonSlot.Values.Concat(_slots.Values.SelectMany(s => s.Values))
                .Where(v => ReferenceEquals(v.Graph, graph))
                .OrderBy(v => v.Name, StringComparer.Ordinal)
                .ToList();
        }
    }

    /// <summary>How Python prints <c>[str(v) for v in variables]</c>: each string in double quotes (they contain single quotes).</summary>
    private static string PythonStrList(IEnumerable<Variable> variables) =>
        "[" + string.Join(", ", variables.Select(v => "\"" + v + "\"")) + "]";

    /// <summary>A tensor as TensorFlow names it in graph-mismatch errors.</summary>
    internal static string Describe(Tensor t) => t.Graph is null && t is not Variable ? t.ToString() : $"Tensor({t.Name})";

    /// <summary>
    /// A hyperparameter as TensorFlow's <c>_prepare</c> converts it (<c>ops.convert_to_tensor</c>): a graph tensor
    /// stays, a constant becomes a <c>Const</c> named <paramref name="name"/> in the optimizer's name scope. A C#
    /// double is a Python float: float32.
    /// </summary>
    private protected static Tensor Hyper(Graph? graph, Tensor value, string name) =>
        graph is null || value.Graph is not null ? value : Ops.ConstInGraph(graph, value.AsInput().Numpy(), name);

    /// <summary>A Python float hyperparameter as a float32 tensor (TensorFlow's <c>convert_to_tensor(beta1)</c>).</summary>
    private protected static Tensor Hyper(Graph? graph, double value, string name) =>
        Hyper(graph, new Tensor(NDArray.Scalar(value, DType.Float32)), name);

    /// <summary>TensorFlow's <c>math_ops.cast</c>: the tensor itself when it already has <paramref name="dtype"/>.</summary>
    private protected static Tensor CastTo(Tensor value, DType dtype) => value.DType == dtype ? value : Ops.Cast(value, dtype);

    /// <summary>The variable as a reference input of a fused kernel (the op output in a graph, the variable eagerly).</summary>
    private protected static Tensor Ref(Variable variable) => variable.Op is { } op ? op.Outputs[0] : variable;

    /// <summary>The gradient for a kernel of <paramref name="variable"/>'s dtype; TensorFlow refuses another dtype when building the op.</summary>
    private protected static Tensor Gradient(Tensor grad, Variable variable, string op, string argument)
    {
        if (grad.DType == variable.DType)
        {
            return grad;
        }

        if (grad.IsWeak)
        {
            return Ops.ConvertTo(grad, variable.DType);
        }

        throw new TypeErrorException(
            $"Input '{argument}' of '{op}' Op has type {grad.DType.TfName()} that does not match type {variable.DType.TfName()} of argument 'var'.");
    }

    private protected Attrs KernelAttrs(bool useNesterov = false) => new() { ["use_locking"] = UseLocking, ["use_nesterov"] = useNesterov };

    /// <summary>Converts the hyperparameters to tensors (TensorFlow's <c>_prepare</c>), once per apply.</summary>
    private protected abstract void Prepare(Graph? graph);

    /// <summary>The update of one variable (TensorFlow's <c>_apply_dense</c>); returns the updated variable.</summary>
    private protected abstract Tensor ApplyDense(Tensor grad, Variable variable);

    private protected virtual void CreateSlots(Graph? graph, IReadOnlyList<Variable> variables)
    {
    }

    /// <summary>Groups the updates into the op named <paramref name="name"/> (null eagerly).</summary>
    private protected virtual Operation? Finish(Graph? graph, List<object?> updates, string name)
    {
        if (graph is null)
        {
            return null;
        }

        using (graph.ControlDependencies(updates))
        {
            return graph.CreateNoOp(name);
        }
    }

    /// <summary>
    /// The zero-initialized slot <paramref name="slotName"/> for <paramref name="primary"/>, created once
    /// (TensorFlow's <c>_zeros_slot</c>): a non-trainable global variable named <c>primary/OptimizerName</c>,
    /// made unique (<c>w/Adam</c>, <c>w/Adam_1</c>).
    /// </summary>
    private protected Variable ZerosSlot(Graph? graph, Variable primary, string slotName)
    {
        lock (_slots)
        {
            if (!_slots.TryGetValue(slotName, out var named))
            {
                _slots[slotName] = named = new Dictionary<Variable, Variable>(ReferenceEqualityComparer.Instance);
            }

            if (named.TryGetValue(primary, out var slot))
            {
                return slot;
            }

            var zeros = new Tensor(NDArray.Zeros(primary.DType, primary.Shape.AsArray()));
            if (graph is null)
            {
                slot = Variable.Create(null, zeros, primary.Name.Split(':')[0] + "/" + Name, trainable: false, primary.DType, collections: null);
            }
            else
            {
                using (graph.NameScope(null))
                {
                    slot = Variable.Create(graph, zeros, primary.Op!.Name + "/" + Name, trainable: false, primary.DType, collections: null,
                        initialValueName: "Initializer/zeros");
                }
            }

            named[primary] = slot;
            return slot;
        }
    }

    /// <summary>
    /// A variable of the optimizer not tied to one variable (TensorFlow's <c>_create_non_slot_variable</c>), one per
    /// graph: created in the caller's name scope from a Python float, so float32.
    /// </summary>
    private protected Variable NonSlot(Graph? graph, string name, double initialValue)
    {
        lock (_slots)
        {
            if (!_nonSlot.TryGetValue((name, graph), out var variable))
            {
                variable = Variable.Create(graph, new Tensor(NDArray.Scalar(initialValue, DType.Float32)), name, trainable: false, DType.Float32, collections: null);
                _nonSlot[(name, graph)] = variable;
            }

            return variable;
        }
    }

    private protected Variable GetNonSlot(Graph? graph, string name)
    {
        lock (_slots)
        {
            return _nonSlot[(name, graph)];
        }
    }
}

/// <summary>
/// Plain gradient descent: the fused <c>ApplyGradientDescent</c> kernel, <c>var -= grad * lr</c>, with the learning
/// rate cast to the variable's dtype (tensorflow/python/training/gradient_descent.py).
/// </summary>
public sealed class GradientDescentOptimizer : Optimizer
{
    private Tensor? _learningRate;

    /// <summary>Creates the optimizer.</summary>
    public GradientDescentOptimizer(Tensor learningRate, bool useLocking = false, string name = "GradientDescent")
        : base(name, useLocking)
    {
        ArgumentNullException.ThrowIfNull(learningRate);
        LearningRate = learningRate;
    }

    /// <summary>The learning rate (a constant or a tensor such as a decayed rate).</summary>
    public Tensor LearningRate { get; }

    private protected override void Prepare(Graph? graph) => _learningRate = Hyper(graph, LearningRate, "learning_rate");

    private protected override Tensor ApplyDense(Tensor grad, Variable variable) =>
        Ops.Apply("ApplyGradientDescent",
            new[] { Ref(variable), CastTo(_learningRate!, variable.DType), Gradient(grad, variable, "ApplyGradientDescent", "delta") },
            "ApplyGradientDescent", new Attrs { ["use_locking"] = UseLocking })[0];
}

/// <summary>
/// Momentum: the fused <c>ApplyMomentum</c> kernel, <c>accum = accum * momentum + grad; var -= accum * lr</c>
/// (Nesterov: <c>var -= grad * lr + accum * momentum * lr</c>), with the slot <c>"momentum"</c> named
/// <c>var/Momentum</c> (tensorflow/python/training/momentum.py).
/// </summary>
public sealed class MomentumOptimizer : Optimizer
{
    private Tensor? _learningRate;
    private Tensor? _momentum;
    private Graph? _graph;

    /// <summary>Creates the optimizer.</summary>
    public MomentumOptimizer(Tensor learningRate, double momentum, bool useLocking = false, string name = "Momentum", bool useNesterov = false)
        : base(name, useLocking)
    {
        ArgumentNullException.ThrowIfNull(learningRate);
        LearningRate = learningRate;
        Momentum = momentum;
        UseNesterov = useNesterov;
    }

    /// <summary>The learning rate.</summary>
    public Tensor LearningRate { get; }

    /// <summary>The momentum.</summary>
    public double Momentum { get; }

    /// <summary>Whether Nesterov momentum is used.</summary>
    public bool UseNesterov { get; }

    private protected override void CreateSlots(Graph? graph, IReadOnlyList<Variable> variables)
    {
        _graph = graph;
        foreach (var v in variables)
        {
            ZerosSlot(graph, v, "momentum");
        }
    }

    private protected override void Prepare(Graph? graph)
    {
        _learningRate = Hyper(graph, LearningRate, "learning_rate");
        _momentum = Hyper(graph, Momentum, "momentum");
    }

    private protected override Tensor ApplyDense(Tensor grad, Variable variable)
    {
        var accum = ZerosSlot(_graph, variable, "momentum");
        var dtype = variable.DType;
        return Ops.Apply("ApplyMomentum",
            new[] { Ref(variable), Ref(accum), CastTo(_learningRate!, dtype), Gradient(grad, variable, "ApplyMomentum", "grad"), CastTo(_momentum!, dtype) },
            "ApplyMomentum", KernelAttrs(UseNesterov))[0];
    }
}

/// <summary>
/// Adam with TF1's defaults (epsilon 1e-8): the fused <c>ApplyAdam</c> kernel with slots <c>"m"</c> and
/// <c>"v"</c> (<c>var/Adam</c>, <c>var/Adam_1</c>) and the float32 non-slot variables <c>beta1_power</c> and
/// <c>beta2_power</c>, multiplied by beta1 and beta2 after the updates (tensorflow/python/training/adam.py).
/// </summary>
public sealed class AdamOptimizer : Optimizer
{
    private Graph? _graph;
    private Tensor? _learningRate;
    private Tensor? _beta1;
    private Tensor? _beta2;
    private Tensor? _epsilon;

    /// <summary>Creates the optimizer.</summary>
    public AdamOptimizer(Tensor? learningRate = null, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8, bool useLocking = false, string name = "Adam")
        : base(name, useLocking)
    {
        LearningRate = learningRate ?? 0.001;
        Beta1 = beta1;
        Beta2 = beta2;
        Epsilon = epsilon;
    }

    /// <summary>The learning rate.</summary>
    public Tensor LearningRate { get; }

    /// <summary>Decay of the first moment.</summary>
    public double Beta1 { get; }

    /// <summary>Decay of the second moment.</summary>
    public double Beta2 { get; }

    /// <summary>Added to the denominator for stability.</summary>
    public double Epsilon { get; }

    private protected override void CreateSlots(Graph? graph, IReadOnlyList<Variable> variables)
    {
        _graph = graph;
        NonSlot(graph, "beta1_power", Beta1);
        NonSlot(graph, "beta2_power", Beta2);
        foreach (var v in variables)
        {
            ZerosSlot(graph, v, "m");
            ZerosSlot(graph, v, "v");
        }
    }

    private protected override void Prepare(Graph? graph)
    {
        _learningRate = Hyper(graph, LearningRate, "learning_rate");
        _beta1 = Hyper(graph, Beta1, "beta1");
        _beta2 = Hyper(graph, Beta2, "beta2");
        _epsilon = Hyper(graph, Epsilon, "epsilon");
    }

    private protected override Tensor ApplyDense(Tensor grad, Variable variable)
    {
        var m = ZerosSlot(_graph, variable, "m");
        var v = ZerosSlot(_graph, variable, "v");
        var dtype = variable.DType;
        return Ops.Apply("ApplyAdam",
            new[]
            {
                Ref(variable), Ref(m), Ref(v),
                CastTo(GetNonSlot(_graph, "beta1_power"), dtype), CastTo(GetNonSlot(_graph, "beta2_power"), dtype),
                CastTo(_learningRate!, dtype), CastTo(_beta1!, dtype), CastTo(_beta2!, dtype), CastTo(_epsilon!, dtype),
                Gradient(grad, variable, "ApplyAdam", "grad"),
            },
            "ApplyAdam", KernelAttrs())[0];
    }

    private protected override Operation? Finish(Graph? graph, List<object?> updates, string name)
    {
        var beta1Power = GetNonSlot(graph, "beta1_power");
        var beta2Power = GetNonSlot(graph, "beta2_power");
        using (graph?.ControlDependencies(updates))
        {
            var b1 = beta1Power.Assign(beta1Power * _beta1!);
            var b2 = beta2Power.Assign(beta2Power * _beta2!);
            updates = updates.Concat(new object?[] { b1, b2 }).ToList();
        }

        return base.Finish(graph, updates, name);
    }
}
