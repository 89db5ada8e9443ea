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
    private readonly Dictionary<(Variable, string), Variable> _slots = new();
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
            CreateSlots(graph, withGrads.Select(gv => gv.Variable).ToList());
            using var scope = graph.NameScope(name ?? Name);
            var updates = withGrads.Select(gv => (object?)ApplyDense(gv.Gradient!, gv.Variable)).ToList();
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

    /// <summary>How Python prints <c>[str(v) for v in variables]</c>: each string in double quotes (they contain single quotes).</summary>
    private static string PythonStrList(IEnumerable<Variable> variables) =>
        "[" + string.Join(", ", variables.Select(v => "\"" + v + "\"")) + "]";

    /// <summary>A tensor as TensorFlow names it in graph-mismatch errors.</summary>
    internal static string Describe(Tensor t) => t.Graph is null && t is not Variable ? t.ToString() : $"Tensor({t.Name})";

    /// <summary>The learning rate as a tensor of <paramref name="dtype"/>.</summary>
    private protected static Tensor Cast(Tensor value, DType dtype) => Ops.ConvertTo(value, dtype);

    /// <summary>The update of one variable; returns the updated value.</summary>
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
            return graph.CreateOp(OpRegistry.Get("NoOp"), name, Array.Empty<Tensor>(), new Attrs(), Array.Empty<(DType, TensorShape)>());
        }
    }

    /// <summary>A zero-initialized slot variable for <paramref name="primary"/> (named <c>var/OptimizerName</c> and suffixes).</summary>
    private protected Variable Slot(Graph? graph, Variable primary, string slotName, string suffix)
    {
        if (_slots.TryGetValue((primary, slotName), out var slot))
        {
            return slot;
        }

        var zeros = new Tensor(NDArray.Zeros(primary.DType, primary.Shape.AsArray()));
        if (graph is null)
        {
            slot = Variable.Create(null, zeros, primary.Name.Split(':')[0] + "/" + Name + suffix, trainable: false, primary.DType, collections: null);
        }
        else
        {
            using (graph.NameScope(null))
            {
                slot = Variable.Create(graph, zeros, primary.Op!.Name + "/" + Name + suffix, trainable: false, primary.DType, collections: null);
            }
        }

        _slots[(primary, slotName)] = slot;
        return slot;
    }
}

/// <summary>Plain gradient descent: <c>var -= learning_rate * grad</c>.</summary>
public sealed class GradientDescentOptimizer : Optimizer
{
    /// <summary>Creates the optimizer.</summary>
    public GradientDescentOptimizer(Tensor learningRate, bool useLocking = false, string name = "GradientDescent")
        : base(name, useLocking)
    {
        ArgumentNullException.ThrowIfNull(learningRate);
        LearningRate = learningRate;
    }

    /// <summary>The learning rate (a constant or a tensor such as a decayed rate).</summary>
    public Tensor LearningRate { get; }

    private protected override Tensor ApplyDense(Tensor grad, Variable variable) =>
        variable.AssignSub(Cast(LearningRate, variable.DType) * Cast(grad, variable.DType));
}

/// <summary>Momentum: <c>accum = accum * momentum + grad; var -= learning_rate * accum</c>.</summary>
public sealed class MomentumOptimizer : Optimizer
{
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

    private Graph? _graph;

    private protected override void CreateSlots(Graph? graph, IReadOnlyList<Variable> variables)
    {
        _graph = graph;
        foreach (var v in variables)
        {
            Slot(graph, v, "momentum", "");
        }
    }

    private protected override Tensor ApplyDense(Tensor grad, Variable variable)
    {
        var accum = Slot(_graph, variable, "momentum", "");
        var lr = Cast(LearningRate, variable.DType);
        var g = Cast(grad, variable.DType);
        var newAccum = accum.Assign(accum * Momentum + g);
        return UseNesterov
            ? variable.AssignSub(g * lr + newAccum * Momentum * lr)
            : variable.AssignSub(lr * newAccum);
    }
}

/// <summary>Adam with TF1's defaults (epsilon 1e-8) and bias-correction powers kept in variables.</summary>
public sealed class AdamOptimizer : Optimizer
{
    private Graph? _graph;
    private Variable? _beta1Power;
    private Variable? _beta2Power;

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
        if (_beta1Power is null || !ReferenceEquals(_graph, graph))
        {
            _graph = graph;
            var dtype = variables[0].DType;
            using var scope = graph?.NameScope(null);
            _beta1Power = Variable.Create(graph, new Tensor(NDArray.Scalar(Beta1, dtype)), "beta1_power", trainable: false, dtype, collections: null);
            _beta2Power = Variable.Create(graph, new Tensor(NDArray.Scalar(Beta2, dtype)), "beta2_power", trainable: false, dtype, collections: null);
        }

        foreach (var v in variables)
        {
            Slot(graph, v, "m", "");
            Slot(graph, v, "v", "_1");
        }
    }

    private protected override Tensor ApplyDense(Tensor grad, Variable variable)
    {
        var m = Slot(_graph, variable, "m", "");
        var v = Slot(_graph, variable, "v", "_1");
        var dtype = variable.DType;
        var g = Cast(grad, dtype);
        var alpha = Cast(LearningRate, dtype) * Tf.Sqrt(1.0 - Cast(_beta2Power!, dtype)) / (1.0 - Cast(_beta1Power!, dtype));
        var newM = m.AssignAdd((g - m) * (1 - Beta1));
        var newV = v.AssignAdd((Tf.Square(g) - v) * (1 - Beta2));
        return variable.AssignSub(newM * alpha / (Tf.Sqrt(newV) + Epsilon));
    }

    private protected override Operation? Finish(Graph? graph, List<object?> updates, string name)
    {
        using (graph?.ControlDependencies(updates))
        {
            var b1 = _beta1Power!.Assign(_beta1Power * Beta1);
            var b2 = _beta2Power!.Assign(_beta2Power * Beta2);
            updates = updates.Concat(new object?[] { b1, b2 }).ToList();
        }

        return base.Finish(graph, updates, name);
    }
}
