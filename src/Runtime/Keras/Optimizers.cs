using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using GlobalStepMigration.Runtime.Keras.Optimizers.Schedules;

namespace GlobalStepMigration.Runtime.Keras.Optimizers;

/// <summary>
/// The Keras optimizer base, with Keras 3's semantics (keras/src/optimizers/base_optimizer.py, Keras 3.15):
/// <see cref="Iterations"/> is an int64 scalar variable <c>name/iteration</c> created with value 0; a constant
/// learning rate is a float32 variable <c>name/learning_rate</c>; the first <see cref="Apply"/> builds the optimizer
/// on its variables (the slot variables of all of them), later calls may only pass those variables; every
/// <see cref="Apply"/> with at least one gradient increments <see cref="Iterations"/> by one after the updates, and
/// a schedule sees the value before the increment.
/// </summary>
public abstract class Optimizer
{
    private static readonly Regex NotWord = new(@"\W+", RegexOptions.CultureInvariant);
    private static readonly Regex UpperWord = new("(.)([A-Z][a-z]+)", RegexOptions.CultureInvariant);
    private static readonly Regex LowerUpper = new("([a-z])([A-Z])", RegexOptions.CultureInvariant);

    [ThreadStatic]
    private static Dictionary<string, int>? t_nameUids;

    private readonly object _gate = new();
    private readonly List<Variable> _variables = new();
    private readonly Dictionary<Variable, int> _trainableIndices = new(ReferenceEqualityComparer.Instance);
    private readonly List<Variable> _trainableVariables = new();
    private readonly Dictionary<int, NDArray> _pendingRestores = new();
    private readonly Variable? _learningRate;
    private readonly Graph? _graph;

    private protected Optimizer(string? name, string className, double learningRate, LearningRateSchedule? schedule)
    {
        name ??= AutoName(className);
        ArgumentException.ThrowIfNullOrEmpty(name);
        LearningRateSchedule = schedule;
        _graph = DefaultGraphStack.Top;
        if (_graph is null)
        {
            Name = name;
        }
        else
        {
            using var scope = _graph.NameScope(name);
            Name = scope.Name.TrimEnd('/');
        }

        Iterations = AddVariable(new Tensor(NDArray.Scalar(0, DType.Int64)), "iteration", DType.Int64);
        if (schedule is null)
        {
            _learningRate = AddVariable(new Tensor(NDArray.Scalar(learningRate, DType.Float32)), "learning_rate", DType.Float32);
        }
    }

    /// <summary>The optimizer's name: Keras' automatic name (<c>sgd</c>, <c>sgd_1</c>, ... per thread) unless given; unique in a graph.</summary>
    public string Name { get; }

    /// <summary>How many times gradients were applied (Keras' <c>optimizer.iterations</c>).</summary>
    public Variable Iterations { get; }

    /// <summary>The schedule, when the learning rate is one.</summary>
    public LearningRateSchedule? LearningRateSchedule { get; }

    /// <summary>The current learning rate: the schedule at the current <see cref="Iterations"/>, or the float32 learning-rate variable.</summary>
    public Tensor LearningRate => LearningRateSchedule?.Call(Iterations) ?? _learningRate!;

    /// <summary>Whether the optimizer has been built on its variables (Keras' <c>built</c>).</summary>
    public bool Built { get; private set; }

    /// <summary>
    /// The optimizer's own variables in creation order (Keras' <c>optimizer.variables</c>): <see cref="Iterations"/>,
    /// the learning rate (unless a schedule), then the slot variables the build created.
    /// </summary>
    public IReadOnlyList<Variable> Variables
    {
        get
        {
            lock (_gate)
            {
                return _variables.ToArray();
            }
        }
    }

    /// <summary>
    /// Builds the optimizer on <paramref name="variables"/> (Keras' <c>build</c>): remembers them and creates their
    /// slot variables. Does nothing once built.
    /// </summary>
    public void Build(IEnumerable<Variable> variables)
    {
        ArgumentNullException.ThrowIfNull(variables);
        var list = variables.ToList();
        lock (_gate)
        {
            if (Built)
            {
                return;
            }

            for (var i = 0; i < list.Count; i++)
            {
                _trainableIndices[list[i] ?? throw new ArgumentNullException(nameof(variables), "A variable is null.")] = i;
            }

            _trainableVariables.AddRange(list);
            BuildSlots(list);
            Built = true;
        }
    }

    /// <summary>
    /// Keras' <c>apply_gradients(grads_and_vars)</c>: unpacks the pairs (Python's <c>zip(*grads_and_vars)</c>, so
    /// an empty list is a <see cref="ValueErrorException"/>: <c>not enough values to unpack (expected 2, got 0)</c>)
    /// and calls <see cref="Apply"/>. Returns the train op in a graph, null eagerly.
    /// </summary>
    public Operation? ApplyGradients(IEnumerable<(Tensor? Gradient, Variable Variable)> gradsAndVars)
    {
        ArgumentNullException.ThrowIfNull(gradsAndVars);
        var list = gradsAndVars.ToList();
        if (list.Count == 0)
        {
            throw new ValueErrorException("not enough values to unpack (expected 2, got 0)");
        }

        return Apply(list.Select(gv => gv.Gradient).ToList(), list.Select(gv => gv.Variable).ToList());
    }

    /// <summary>
    /// Keras' <c>apply(grads, trainable_variables)</c>. No gradients: nothing happens (no increment). Without
    /// variables the optimizer must be built and the gradients match its variables one to one. The first call
    /// builds the optimizer on the variables given; later calls may only pass those. Null gradients are skipped
    /// (with Keras' warning); all null is a <see cref="ValueErrorException"/>. Returns the train op in a graph.
    /// </summary>
    public Operation? Apply(IReadOnlyList<Tensor?> grads, IReadOnlyList<Variable>? trainableVariables = null)
    {
        ArgumentNullException.ThrowIfNull(grads);
        if (grads.Count == 0)
        {
            return null;
        }

        List<Variable> variables;
        if (trainableVariables is null)
        {
            if (!Built)
            {
                throw new ValueErrorException(
                    "When passing `grads` without `variables`, the optimizer must already be built on a list of variables. "
                    + "Call `optimizer.build(trainable_variables)` first. ");
            }

            if (grads.Count != _trainableIndices.Count)
            {
                throw new ValueErrorException(
                    "When passing `grads` as a list of gradient tensors, the gradients must match `optimizer.variables` one-to-on. "
                    + $"Received a list of {grads.Count} gradients, but the optimizer is tracking {_trainableVariables.Count} trainable variables.");
            }

            variables = _trainableVariables.ToList();
        }
        else
        {
            variables = trainableVariables.ToList();
            if (variables.Count != grads.Count)
            {
                throw new ArgumentException(
                    $"{grads.Count} gradients were given for {variables.Count} variables; Keras pairs them one to one.", nameof(trainableVariables));
            }

            if (variables.Any(v => v is null))
            {
                throw new ArgumentNullException(nameof(trainableVariables), "A variable in grads_and_vars is null.");
            }

            CheckGraph(variables);
            Build(variables);
            foreach (var v in variables)
            {
                if (!_trainableIndices.ContainsKey(v))
                {
                    throw new ValueErrorException(
                        $"Unknown variable: {v}. This optimizer can only be called for the variables it was originally built with. "
                        + "When working with a new set of variables, you should recreate a new optimizer instance.");
                }
            }
        }

        var pairs = grads.Zip(variables, (g, v) => (Gradient: g, Variable: v)).ToList();
        var missing = pairs.Where(p => p.Gradient is null).Select(p => p.Variable).ToList();
        var present = pairs.Where(p => p.Gradient is not null).ToList();
        if (present.Count == 0)
        {
            throw new ValueErrorException("No gradients provided for any variable.");
        }

        if (missing.Count > 0)
        {
            Tf.Compat.V1.Logging.PythonWarning(
                "Gradients do not exist for variables " + PythonList(missing.Select(v => v.Name))
                + " when minimizing the loss. If using `model.compile()`, did you forget to provide a `loss` argument?");
        }

        if (_graph is null)
        {
            var lr = LearningRate;
            foreach (var (g, v) in present)
            {
                UpdateStep(g!, v, lr);
            }

            Iterations.AssignAdd(1);
            return null;
        }

        using (_graph.AsDefault())
        using (_graph.NameScope(Name + "/"))
        {
            var lr = LearningRate;
            var updates = present.Select(p => (object?)UpdateStep(p.Gradient!, p.Variable, lr)).ToList();
            using (_graph.ControlDependencies(updates))
            {
                return Iterations.AssignAdd(1).Op;
            }
        }
    }

    /// <summary>
    /// In a graph: the train op that computes the gradients of <paramref name="loss"/> and applies them. Keras 3 has
    /// no <c>minimize</c>; this is tf.keras 2's, which is <see cref="ApplyGradients"/> of the gradients.
    /// </summary>
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

    /// <summary>Eagerly: records <paramref name="loss"/> on a tape, then applies its gradients (tf.keras 2's <c>minimize</c>).</summary>
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

    /// <summary>The update of one variable (Keras' <c>update_step</c>); returns the updated variable.</summary>
    private protected abstract Tensor UpdateStep(Tensor gradient, Variable variable, Tensor learningRate);

    /// <summary>Creates the slot variables of <paramref name="variables"/> (the optimizer's part of <c>build</c>).</summary>
    private protected abstract void BuildSlots(IReadOnlyList<Variable> variables);

    /// <summary>The index of <paramref name="variable"/> among the variables the optimizer was built with.</summary>
    private protected int IndexOf(Variable variable) => _trainableIndices[variable];

    /// <summary>
    /// Keras' <c>add_variable_from_reference</c>: a zero variable shaped like <paramref name="reference"/>, named
    /// <c>{reference name with / and : as _}_{name}</c> in the optimizer's name scope (a tf.Variable has no Keras
    /// path, so Keras takes its name, <c>w:0</c>: <c>w_0_momentum</c>).
    /// </summary>
    private protected Variable AddSlot(Variable reference, string name) =>
        AddVariable(new Tensor(NDArray.Zeros(reference.DType, reference.Shape.AsArray())),
            reference.Name.Replace('/', '_').Replace(':', '_') + "_" + name, reference.DType);

    /// <summary>Keras' <c>add_variable</c>: a non-trainable variable in the optimizer's name scope, appended to <see cref="Variables"/>.</summary>
    private Variable AddVariable(Tensor initialValue, string name, DType dtype)
    {
        var index = _variables.Count;
        Variable variable;
        if (_graph is null)
        {
            variable = Variable.Create(null, initialValue, Name + "/" + name, trainable: false, dtype, collections: null);
        }
        else
        {
            using (_graph.ClearControlDependencies())
            using (_graph.NameScope(Name + "/"))
            {
                variable = Variable.Create(_graph, initialValue, name, trainable: false, dtype, collections: null);
            }
        }

        variable.KerasPath = Name + "/" + name;
        lock (_gate)
        {
            _variables.Add(variable);
            if (_pendingRestores.Remove(index, out var restored))
            {
                variable.SetEagerValue(restored);
            }
        }

        return variable;
    }

    /// <summary>
    /// A checkpoint value for optimizer variable <paramref name="index"/> (see <see cref="Variables"/>): assigned now
    /// when the variable exists, else when the build creates it (TensorFlow's deferred restoration).
    /// </summary>
    internal bool RestoreVariable(int index, NDArray value)
    {
        lock (_gate)
        {
            if (index < _variables.Count)
            {
                _variables[index].SetEagerValue(value);
                return true;
            }

            _pendingRestores[index] = value;
            return false;
        }
    }

    /// <summary>The checkpoint values still waiting for their variable.</summary>
    internal IReadOnlyCollection<int> PendingRestores
    {
        get
        {
            lock (_gate)
            {
                return _pendingRestores.Keys.ToArray();
            }
        }
    }

    private void CheckGraph(List<Variable> variables)
    {
        foreach (var v in variables)
        {
            if (!ReferenceEquals(v.Graph, _graph))
            {
                throw new ValueErrorException(
                    $"{Compat.V1.Train.Optimizer.Describe(v)} must be from the same graph as {Compat.V1.Train.Optimizer.Describe(Iterations)}. "
                    + "Create the optimizer where its variables live (inside graph.AsDefault() for a graph).");
            }
        }
    }

    private static string PythonList(IEnumerable<string> items) => "[" + string.Join(", ", items.Select(i => "'" + i + "'")) + "]";

    /// <summary>Keras' <c>auto_name</c>: the class name in snake case, made unique per thread (<c>sgd</c>, <c>sgd_1</c>, ...).</summary>
    private static string AutoName(string className)
    {
        var name = NotWord.Replace(className, "");
        name = UpperWord.Replace(name, "$1_$2");
        name = LowerUpper.Replace(name, "$1_$2").ToLowerInvariant();
        var uids = t_nameUids ??= new Dictionary<string, int>(StringComparer.Ordinal);
        uids.TryGetValue(name, out var count);
        uids[name] = count + 1;
        return count == 0 ? name : string.Create(CultureInfo.InvariantCulture, $"{name}_{count}");
    }

    /// <summary>Keras' <c>clear_session</c> as far as names go: the calling thread's automatic names start over.</summary>
    internal static void ResetNames() => t_nameUids = null;
}

/// <summary>
/// Keras SGD (keras/src/optimizers/sgd.py): without momentum <c>var -= g * lr</c>; with momentum
/// <c>m = m * momentum - g * lr; var += m</c> (Nesterov: <c>var += m * momentum - g * lr</c>), the slot
/// <c>{var}_momentum</c> created at build only when momentum is not 0.
/// </summary>
public sealed class SGD : Optimizer
{
    private readonly List<Variable> _momentums = new();

    /// <summary>Creates the optimizer with a constant learning rate (default name <c>sgd</c>).</summary>
    public SGD(double learningRate = 0.01, double momentum = 0.0, bool nesterov = false, string? name = null)
        : base(name, nameof(SGD), learningRate, null)
    {
        Momentum = CheckMomentum(momentum);
        Nesterov = nesterov;
    }

    /// <summary>Creates the optimizer with a learning-rate schedule.</summary>
    public SGD(LearningRateSchedule learningRate, double momentum = 0.0, bool nesterov = false, string? name = null)
        : base(name, nameof(SGD), 0, learningRate ?? throw new ArgumentNullException(nameof(learningRate)))
    {
        Momentum = CheckMomentum(momentum);
        Nesterov = nesterov;
    }

    /// <summary>The momentum (0 for plain SGD).</summary>
    public double Momentum { get; }

    /// <summary>Whether Nesterov momentum is used.</summary>
    public bool Nesterov { get; }

    private static double CheckMomentum(double momentum) =>
        momentum is < 0 or > 1 || double.IsNaN(momentum) ? throw new ValueErrorException("`momentum` must be a float between [0, 1].") : momentum;

    private protected override void BuildSlots(IReadOnlyList<Variable> variables)
    {
        if (Momentum != 0)
        {
            _momentums.AddRange(variables.Select(v => AddSlot(v, "momentum")));
        }
    }

    private protected override Tensor UpdateStep(Tensor gradient, Variable variable, Tensor learningRate)
    {
        var lr = Ops.ConvertTo(learningRate, variable.DType);
        var g = Ops.ConvertTo(gradient, variable.DType);
        if (Momentum == 0)
        {
            return variable.AssignSub(g * lr);
        }

        // ops.cast(self.momentum, dtype): the Python float in the variable's dtype.
        var momentum = new Tensor(NDArray.Scalar(Momentum, variable.DType));
        var m = _momentums[IndexOf(variable)];
        var newM = m.Assign(m * momentum - g * lr);
        return Nesterov ? variable.AssignAdd(newM * momentum - g * lr) : variable.AssignAdd(newM);
    }
}

/// <summary>
/// Keras Adam (keras/src/optimizers/adam.py; epsilon 1e-7 by default): bias correction with
/// <c>beta ^ (iterations + 1)</c>, <c>1 - beta</c> computed in Python (double), slots <c>{var}_momentum</c> and
/// <c>{var}_velocity</c> per variable and, with AMSGrad, <c>{var}_velocity_hat</c>.
/// </summary>
public sealed class Adam : Optimizer
{
    private readonly List<Variable> _momentums = new();
    private readonly List<Variable> _velocities = new();
    private readonly List<Variable> _velocityHats = new();

    /// <summary>Creates the optimizer with a constant learning rate (default name <c>adam</c>).</summary>
    public Adam(double learningRate = 0.001, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-7, bool amsgrad = false, string? name = null)
        : base(name, nameof(Adam), learningRate, null)
    {
        (Beta1, Beta2, Epsilon, Amsgrad) = (beta1, beta2, epsilon, amsgrad);
    }

    /// <summary>Creates the optimizer with a learning-rate schedule.</summary>
    public Adam(LearningRateSchedule learningRate, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-7, bool amsgrad = false, string? name = null)
        : base(name, nameof(Adam), 0, learningRate ?? throw new ArgumentNullException(nameof(learningRate)))
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

    private protected override void BuildSlots(IReadOnlyList<Variable> variables)
    {
        foreach (var v in variables)
        {
            _momentums.Add(AddSlot(v, "momentum"));
            _velocities.Add(AddSlot(v, "velocity"));
        }

        if (Amsgrad)
        {
            _velocityHats.AddRange(variables.Select(v => AddSlot(v, "velocity_hat")));
        }
    }

    private protected override Tensor UpdateStep(Tensor gradient, Variable variable, Tensor learningRate)
    {
        var dtype = variable.DType;
        var lr = Ops.ConvertTo(learningRate, dtype);
        var g = Ops.ConvertTo(gradient, dtype);
        var localStep = Tf.Cast(Iterations + 1L, dtype);
        var beta1Power = Tf.Pow(new Tensor(NDArray.Scalar(Beta1, dtype)), localStep);
        var beta2Power = Tf.Pow(new Tensor(NDArray.Scalar(Beta2, dtype)), localStep);
        var index = IndexOf(variable);
        var m = _momentums[index];
        var v = _velocities[index];
        var alpha = lr * Tf.Sqrt(1 - beta2Power) / (1 - beta1Power);
        var newM = m.AssignAdd((g - m) * (1 - Beta1));
        var newV = v.AssignAdd((Tf.Square(g) - v) * (1 - Beta2));
        if (Amsgrad)
        {
            var vHat = _velocityHats[index];
            newV = vHat.Assign(Tf.Maximum(vHat, newV));
        }

        return variable.AssignSub(newM * alpha / (Tf.Sqrt(newV) + Epsilon));
    }
}
