using System;
using System.Collections.Generic;
using System.Linq;
using GlobalStepMigration.Runtime.Keras.Optimizers.Schedules;

namespace GlobalStepMigration.Runtime.Keras.Optimizers;

/// <summary>
/// The Keras optimizer base (Keras 3 semantics). <see cref="Iterations"/> is an int64 scalar
/// variable <c>name/iteration</c> created with value 0; every <see cref="ApplyGradients"/> with at
/// least one gradient increments it by one after the updates. A schedule sees the value before the
/// increment.
/// </summary>
public abstract class Optimizer
{
    private readonly Dictionary<(Variable, string), Variable> _slots = new();
    private readonly double _learningRate;

    private protected Optimizer(string name, double learningRate, LearningRateSchedule? schedule)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        _learningRate = learningRate;
        LearningRateSchedule = schedule;
        var graph = DefaultGraphStack.Top;
        if (graph is null)
        {
            Name = name;
            Iterations = Variable.Create(null, new Tensor(NDArray.Scalar(0, DType.Int64)), name + "/iteration", trainable: false, DType.Int64, collections: null);
        }
        else
        {
            using var scope = graph.NameScope(name);
            Name = scope.Name.TrimEnd('/');
            Iterations = Variable.Create(graph, new Tensor(NDArray.Scalar(0, DType.Int64)), "iteration", trainable: false, DType.Int64, collections: null);
        }
    }

    /// <summary>The optimizer's name (made unique in a graph).</summary>
    public string Name { get; }

    /// <summary>How many times gradients were applied (Keras' <c>optimizer.iterations</c>).</summary>
    public Variable Iterations { get; }

    /// <summary>The schedule, when the learning rate is one.</summary>
    public LearningRateSchedule? LearningRateSchedule { get; }

    /// <summary>The current learning rate: the schedule at the current <see cref="Iterations"/>, or the constant.</summary>
    public Tensor LearningRate => LearningRateSchedule?.Call(Iterations) ?? new Tensor(NDArray.Scalar(_learningRate, DType.Float32));

    /// <summary>
    /// Applies gradients and increments <see cref="Iterations"/>. An empty list does nothing;
    /// all-null gradients are an error. Returns the train op in a graph, null eagerly.
    /// </summary>
    public Operation? ApplyGradients(IEnumerable<(Tensor? Gradient, Variable Variable)> gradsAndVars)
    {
        ArgumentNullException.ThrowIfNull(gradsAndVars);
        var list = gradsAndVars.ToList();
        if (list.Count == 0)
        {
            return null;
        }

        var withGrads = list.Where(gv => gv.Gradient is not null).ToList();
        if (withGrads.Count == 0)
        {
            throw new ValueErrorException("No gradients provided for any variable.");
        }

        if (list.Any(gv => gv.Variable is null))
        {
            throw new ArgumentNullException(nameof(gradsAndVars), "A variable in grads_and_vars is null.");
        }

        var graph = Iterations.Graph;
        foreach (var (_, v) in withGrads)
        {
            if (!ReferenceEquals(v.Graph, graph))
            {
                throw new ValueErrorException(
                    $"{Compat.V1.Train.Optimizer.Describe(v)} must be from the same graph as {Compat.V1.Train.Optimizer.Describe(Iterations)}. "
                    + "Create the optimizer where its variables live (inside graph.AsDefault() for a graph).");
            }
        }

        if (graph is null)
        {
            var lr = LearningRate;
            foreach (var (g, v) in withGrads)
            {
                UpdateStep(null, g!, v, lr);
            }

            Iterations.AssignAdd(1);
            return null;
        }

        using (graph.AsDefault())
        using (var scope = graph.NameScope(Name + "/"))
        {
            var lr = LearningRate;
            var updates = withGrads.Select(gv => (object?)UpdateStep(graph, gv.Gradient!, gv.Variable, lr)).ToList();
            using (graph.ControlDependencies(updates))
            {
                return Iterations.AssignAdd(1).Op;
            }
        }
    }

    /// <summary>In a graph: the train op that computes gradients of <paramref name="loss"/>, updates and increments.</summary>
    public Operation? Minimize(Tensor loss, IEnumerable<Variable> varList)
    {
        ArgumentNullException.ThrowIfNull(loss);
        ArgumentNullException.ThrowIfNull(varList);
        if (loss.Graph is null)
        {
            throw new InvalidOperationException("Minimize(Tensor) needs a graph loss; eagerly, pass a loss function or use GradientTape.");
        }

        var vars = varList.ToList();
        return ApplyGradients(Tf.Gradients(loss, vars).Zip(vars, (g, v) => (g, v)));
    }

    /// <summary>Eagerly: records <paramref name="loss"/> on a tape, then applies its gradients.</summary>
    public Operation? Minimize(Func<Tensor> loss, IEnumerable<Variable> varList)
    {
        ArgumentNullException.ThrowIfNull(loss);
        ArgumentNullException.ThrowIfNull(varList);
        if (!Tf.ExecutingEagerly())
        {
            return Minimize(loss(), varList);
        }

        var vars = varList.ToList();
        Tensor value;
        using (var tape = new GradientTape())
        {
            value = loss();
            tape.Dispose();
            return ApplyGradients(tape.Gradient(value, vars).Zip(vars, (g, v) => (g, v)));
        }
    }

    private protected abstract Tensor UpdateStep(Graph? graph, Tensor gradient, Variable variable, Tensor learningRate);

    /// <summary>A zero-initialized optimizer variable for <paramref name="reference"/>, created on first use.</summary>
    private protected Variable Slot(Graph? graph, Variable reference, string slotName)
    {
        if (_slots.TryGetValue((reference, slotName), out var slot))
        {
            return slot;
        }

        var zeros = new Tensor(NDArray.Zeros(reference.DType, reference.Shape.AsArray()));
        var baseName = reference.Name.Split(':')[0].Replace('/', '_');
        slot = Variable.Create(graph, zeros, graph is null ? $"{Name}/{baseName}_{slotName}" : $"{baseName}_{slotName}", trainable: false, reference.DType, collections: null);
        _slots[(reference, slotName)] = slot;
        return slot;
    }
}

/// <summary>Keras SGD: <c>m = momentum * m - lr * g; var += m</c> (or <c>var -= lr * g</c> without momentum).</summary>
public sealed class SGD : Optimizer
{
    /// <summary>Creates the optimizer with a constant learning rate.</summary>
    public SGD(double learningRate = 0.01, double momentum = 0.0, bool nesterov = false, string name = "SGD")
        : base(name, learningRate, null)
    {
        Momentum = CheckMomentum(momentum);
        Nesterov = nesterov;
    }

    /// <summary>Creates the optimizer with a learning-rate schedule.</summary>
    public SGD(LearningRateSchedule learningRate, double momentum = 0.0, bool nesterov = false, string name = "SGD")
        : base(name, 0, learningRate ?? throw new ArgumentNullException(nameof(learningRate)))
    {
        Momentum = CheckMomentum(momentum);
        Nesterov = nesterov;
    }

    /// <summary>The momentum (0 for plain SGD).</summary>
    public double Momentum { get; }

    /// <summary>Whether Nesterov momentum is used.</summary>
    public bool Nesterov { get; }

    private static double CheckMomentum(double momentum) =>
        momentum is < 0 or > 1 ? throw new ValueErrorException("`momentum` must be a float between [0, 1].") : momentum;

    private protected override Tensor UpdateStep(Graph? graph, Tensor gradient, Variable variable, Tensor learningRate)
    {
        var lr = Ops.ConvertTo(learningRate, variable.DType);
        var g = Ops.ConvertTo(gradient, variable.DType);
        if (Momentum == 0)
        {
            return variable.AssignSub(g * lr);
        }

        var m = Slot(graph, variable, "momentum");
        var newM = m.Assign(-g * lr + m * Momentum);
        return Nesterov ? variable.AssignAdd(-g * lr + newM * Momentum) : variable.AssignAdd(newM);
    }
}

/// <summary>Keras Adam (epsilon 1e-7 by default), bias-corrected with <c>iterations + 1</c>.</summary>
public sealed class Adam : Optimizer
{
    /// <summary>Creates the optimizer with a constant learning rate.</summary>
    public Adam(double learningRate = 0.001, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-7, bool amsgrad = false, string name = "adam")
        : base(name, learningRate, null)
    {
        (Beta1, Beta2, Epsilon, Amsgrad) = (beta1, beta2, epsilon, amsgrad);
    }

    /// <summary>Creates the optimizer with a learning-rate schedule.</summary>
    public Adam(LearningRateSchedule learningRate, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-7, bool amsgrad = false, string name = "adam")
        : base(name, 0, learningRate ?? throw new ArgumentNullException(nameof(learningRate)))
    {
        (Beta1, Beta2, Epsilon, Amsgrad) = (beta1, beta2, epsilon, amsgrad);
    }

    /// <summary>Decay of the first moment.</summary>
    public double Beta1 { get; }

    /// <summary>Decay of the second moment.</summary>
    public double Beta2 { get; }

    /// <summary>Added to the denominator for stability.</summary>
    public double Epsilon { get; }

    /// <summary>Whether the AMSGrad variant is used.</summary>
    public bool Amsgrad { get; }

    private protected override Tensor UpdateStep(Graph? graph, Tensor gradient, Variable variable, Tensor learningRate)
    {
        var dtype = variable.DType;
        var lr = Ops.ConvertTo(learningRate, dtype);
        var g = Ops.ConvertTo(gradient, dtype);
        var localStep = Tf.Cast(Iterations + 1, dtype);
        var beta1Power = Tf.Pow(new Tensor(NDArray.Scalar(Beta1, dtype)), localStep);
        var beta2Power = Tf.Pow(new Tensor(NDArray.Scalar(Beta2, dtype)), localStep);
        var m = Slot(graph, variable, "momentum");
        var v = Slot(graph, variable, "velocity");
        var alpha = lr * Tf.Sqrt(1 - beta2Power) / (1 - beta1Power);
        var newM = m.AssignAdd((g - m) * (1 - Beta1));
        var newV = v.AssignAdd((Tf.Square(g) - v) * (1 - Beta2));
        if (Amsgrad)
        {
            var vHat = Slot(graph, variable, "velocity_hat");
            newV = vHat.Assign(Tf.Maximum(vHat, newV));
        }

        return variable.AssignSub(newM * alpha / (Tf.Sqrt(newV) + Epsilon));
    }
}
