using System;

namespace GlobalStepMigration.Runtime.Keras.Optimizers.Schedules;

/// <summary>A learning rate as a function of the optimizer's step (Keras' <c>LearningRateSchedule</c>).</summary>
public abstract class LearningRateSchedule
{
    private protected LearningRateSchedule(string? name) => Name = name;

    /// <summary>The name scope of the schedule's ops.</summary>
    public string? Name { get; }

    /// <summary>The learning rate at <paramref name="step"/> (TensorFlow's <c>__call__</c>).</summary>
    public Tensor Call(Tensor step)
    {
        ArgumentNullException.ThrowIfNull(step);
        var graph = step.Graph ?? DefaultGraphStack.Top;
        using var scope = graph?.NameScope(Name ?? DefaultName);
        return Compute(step);
    }

    private protected abstract Tensor Compute(Tensor step);

    /// <summary>TensorFlow's default name scope of the schedule's ops.</summary>
    private protected virtual string DefaultName => GetType().Name;

    private protected static Tensor Const(double value, DType dtype) => new(NDArray.Scalar(value, dtype));

    private protected static Tensor Rate(double value) => new(NDArray.Scalar(value, DType.Float32));

    /// <summary>Keras 3 refuses a non-positive period (the TF1 decay functions, built on the same classes, do not check).</summary>
    private protected static double PositiveDecaySteps(double decaySteps) => decaySteps > 0
        ? decaySteps
        : throw new ValueErrorException(string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"Argument `decay_steps` must be > 0. Received: decay_steps={decaySteps:R}"));
}

/// <summary><c>initial * decay_rate ^ (step / decay_steps)</c>, with a floored exponent when staircase.</summary>
public sealed class ExponentialDecay : LearningRateSchedule
{
    private readonly Tensor _initial;
    private readonly Tensor _decayRate;

    /// <summary>Creates the schedule.</summary>
    public ExponentialDecay(double initialLearningRate, double decaySteps, double decayRate, bool staircase = false, string? name = null)
        : this(Rate(initialLearningRate), PositiveDecaySteps(decaySteps), Rate(decayRate), staircase, name)
    {
    }

    internal ExponentialDecay(Tensor initialLearningRate, double decaySteps, Tensor decayRate, bool staircase, string? name)
        : base(name)
    {
        _initial = initialLearningRate;
        _decayRate = decayRate;
        DecaySteps = decaySteps;
        Staircase = staircase;
    }

    /// <summary>Steps per decay period.</summary>
    public double DecaySteps { get; }

    /// <summary>Whether the decay happens in whole periods.</summary>
    public bool Staircase { get; }

    private protected override Tensor Compute(Tensor step)
    {
        var dtype = _initial.DType;
        var p = Tf.Cast(step, dtype) / Const(DecaySteps, dtype);
        if (Staircase)
        {
            p = Tf.Floor(p);
        }

        return Tf.Multiply(_initial, Tf.Pow(Ops.ConvertTo(_decayRate, dtype), p));
    }
}

/// <summary>Polynomial decay from the initial rate to <see cref="EndLearningRate"/> over <see cref="DecaySteps"/>.</summary>
public sealed class PolynomialDecay : LearningRateSchedule
{
    private readonly Tensor _initial;

    /// <summary>Creates the schedule.</summary>
    public PolynomialDecay(double initialLearningRate, double decaySteps, double endLearningRate = 0.0001, double power = 1.0, bool cycle = false, string? name = null)
        : this(Rate(initialLearningRate), PositiveDecaySteps(decaySteps), endLearningRate, power, cycle, name)
    {
    }

    internal PolynomialDecay(Tensor initialLearningRate, double decaySteps, double endLearningRate, double power, bool cycle, string? name)
        : base(name)
    {
        _initial = initialLearningRate;
        DecaySteps = decaySteps;
        EndLearningRate = endLearningRate;
        Power = power;
        Cycle = cycle;
    }

    /// <summary>Steps to reach the end rate.</summary>
    public double DecaySteps { get; }

    /// <summary>The final learning rate.</summary>
    public double EndLearningRate { get; }

    /// <summary>The polynomial's power.</summary>
    public double Power { get; }

    /// <summary>Whether the decay restarts after <see cref="DecaySteps"/>.</summary>
    public bool Cycle { get; }

    private protected override Tensor Compute(Tensor step)
    {
        var dtype = _initial.DType;
        var end = Const(EndLearningRate, dtype);
        var power = Const(Power, dtype);
        var stepF = Tf.Cast(step, dtype);
        var decaySteps = Const(DecaySteps, dtype);
        if (Cycle)
        {
            var multiplier = Tf.Where(Ops.Binary("Equal", stepF, Ops.Literal(0, stepF)), Ops.Literal(1.0, stepF),
                Ops.Unary("Ceil", stepF / DecaySteps));
            decaySteps = Tf.Multiply(decaySteps, multiplier);
        }
        else
        {
            stepF = Tf.Minimum(stepF, decaySteps);
        }

        var p = Tf.Divide(stepF, decaySteps);
        return Tf.Add(Tf.Multiply(_initial - end, Tf.Pow(1 - p, power)), end);
    }
}

/// <summary>Constant rates between step boundaries: <c>values[i]</c> while <c>boundaries[i-1] &lt; step &lt;= boundaries[i]</c>.</summary>
public sealed class PiecewiseConstantDecay : LearningRateSchedule
{
    private readonly double[] _boundaries;
    private readonly double[] _values;

    /// <summary>Creates the schedule; <paramref name="values"/> has one more element than <paramref name="boundaries"/>.</summary>
    public PiecewiseConstantDecay(double[] boundaries, double[] values, string? name = null)
        : base(name)
    {
        ArgumentNullException.ThrowIfNull(boundaries);
        ArgumentNullException.ThrowIfNull(values);
        if (boundaries.Length != values.Length - 1)
        {
            throw new ValueErrorException("The length of boundaries should be 1 less than the length of values");
        }

        _boundaries = (double[])boundaries.Clone();
        _values = (double[])values.Clone();
    }

    private protected override string DefaultName => "PiecewiseConstant";

    /// <summary>The step boundaries.</summary>
    public double[] GetBoundaries() => (double[])_boundaries.Clone();

    /// <summary>The rates.</summary>
    public double[] GetValues() => (double[])_values.Clone();

    private protected override Tensor Compute(Tensor step)
    {
        var x = step.AsInput();
        var result = Rate(_values[^1]);
        for (var i = _boundaries.Length - 1; i >= 0; i--)
        {
            var boundary = Const(_boundaries[i], x.DType);
            result = Tf.Where(x <= boundary, Rate(_values[i]), result);
        }

        return Tf.Identity(result);
    }
}

/// <summary><c>initial / (1 + decay_rate * step / decay_steps)</c>, with a floored ratio when staircase.</summary>
public sealed class InverseTimeDecay : LearningRateSchedule
{
    private readonly Tensor _initial;

    /// <summary>Creates the schedule.</summary>
    public InverseTimeDecay(double initialLearningRate, double decaySteps, double decayRate, bool staircase = false, string? name = null)
        : this(Rate(initialLearningRate), PositiveDecaySteps(decaySteps), decayRate, staircase, name)
    {
    }

    internal InverseTimeDecay(Tensor initialLearningRate, double decaySteps, double decayRate, bool staircase, string? name)
        : base(name)
    {
        _initial = initialLearningRate;
        DecaySteps = decaySteps;
        DecayRate = decayRate;
        Staircase = staircase;
    }

    /// <summary>Steps per decay period.</summary>
    public double DecaySteps { get; }

    /// <summary>The decay rate.</summary>
    public double DecayRate { get; }

    /// <summary>Whether the decay happens in whole periods.</summary>
    public bool Staircase { get; }

    private protected override Tensor Compute(Tensor step)
    {
        var dtype = _initial.DType;
        var p = Tf.Cast(step, dtype) / Const(DecaySteps, dtype);
        if (Staircase)
        {
            p = Tf.Floor(p);
        }

        var denominator = Tf.Add(Const(1, dtype), Tf.Multiply(Const(DecayRate, dtype), p));
        return Tf.Divide(_initial, denominator);
    }
}

/// <summary>Cosine decay from the initial rate to <c>alpha * initial</c> over <see cref="DecaySteps"/>.</summary>
public sealed class CosineDecay : LearningRateSchedule
{
    private readonly Tensor _initial;

    /// <summary>Creates the schedule.</summary>
    public CosineDecay(double initialLearningRate, double decaySteps, double alpha = 0.0, string? name = null)
        : this(Rate(initialLearningRate), PositiveDecaySteps(decaySteps), alpha, name)
    {
    }

    internal CosineDecay(Tensor initialLearningRate, double decaySteps, double alpha, string? name)
        : base(name)
    {
        _initial = initialLearningRate;
        DecaySteps = decaySteps;
        Alpha = alpha;
    }

    /// <summary>Steps of the decay.</summary>
    public double DecaySteps { get; }

    /// <summary>The final fraction of the initial rate.</summary>
    public double Alpha { get; }

    private protected override Tensor Compute(Tensor step)
    {
        var dtype = _initial.DType;
        var decaySteps = Const(DecaySteps, dtype);
        var stepF = Tf.Minimum(Tf.Cast(step, dtype), decaySteps);
        var fraction = stepF / decaySteps;
        var cosine = 0.5 * (1.0 + Tf.Cos(Const(Math.PI, dtype) * fraction));
        var decayed = (1 - Alpha) * cosine + Alpha;
        return Tf.Multiply(_initial, decayed);
    }
}
