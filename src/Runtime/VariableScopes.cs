using System;
using System.Collections.Generic;
using System.Linq;

namespace GlobalStepMigration.Runtime;

/// <summary>Computes initial values for <see cref="Tf.Compat.V1.GetVariable"/>.</summary>
public abstract class Initializer
{
    /// <summary>The initial value for a variable of this shape and dtype.</summary>
    public abstract NDArray Call(TensorShape shape, DType dtype);
}

/// <summary>Fills the variable with one value (zeros by default).</summary>
public sealed class ConstantInitializer : Initializer
{
    /// <summary>Creates the initializer.</summary>
    public ConstantInitializer(double value) => Value = value;

    internal ConstantInitializer(double value, string opName)
        : this(value) => OpName = opName;

    /// <summary>The name TensorFlow gives the initializer's op in the variable's <c>Initializer</c> scope.</summary>
    internal string OpName { get; } = "Const";

    /// <summary>The fill value.</summary>
    public double Value { get; }

    /// <inheritdoc />
    public override NDArray Call(TensorShape shape, DType dtype)
    {
        ArgumentNullException.ThrowIfNull(shape);
        var dims = shape.AsArray();
        return NDArray.FromValues(dtype, dims, Enumerable.Repeat(Value, dims.Aggregate(1, (a, b) => a * b)));
    }
}

/// <summary>
/// TensorFlow's variable-scope reuse modes (<c>reuse=False</c>, <c>reuse=True</c>, <c>reuse=tf.compat.v1.AUTO_REUSE</c>).
/// </summary>
public enum ReuseMode
{
    /// <summary>New variables only: an existing name is an error.</summary>
    False,

    /// <summary>Existing variables only: a missing name is an error.</summary>
    True,

    /// <summary>Returns the existing variable or creates it (<c>tf.compat.v1.AUTO_REUSE</c>).</summary>
    AutoReuse,
}

/// <summary>
/// A TF1 variable scope as <c>with tf.compat.v1.variable_scope(...) as scope</c> gives it: its <see cref="Name"/>
/// (the prefix of <c>get_variable</c> names), the name scope it opened (<see cref="OriginalNameScope"/>) and its
/// <see cref="Reuse"/> mode. The object returned by <c>Tf.Compat.V1.VariableScope(...)</c> is the entered scope;
/// disposing it leaves the scope. Pass it to <c>Tf.Compat.V1.VariableScope(scope, ...)</c> to enter it again.
/// </summary>
public sealed class VariableScope : IDisposable
{
    private Action? _exit;

    internal VariableScope(string name, string originalNameScope, ReuseMode reuse)
    {
        Name = name;
        OriginalNameScope = originalNameScope;
        Reuse = reuse;
    }

    /// <summary>The scope's name: <c>a/b</c> inside <c>a</c>, <c>""</c> for the root scope.</summary>
    public string Name { get; }

    /// <summary>The name scope opened with the scope, with its trailing slash (<c>a/</c>, <c>a_1/</c>); <c>""</c> at the root.</summary>
    public string OriginalNameScope { get; }

    /// <summary>The reuse mode (TensorFlow's <c>scope.reuse</c>).</summary>
    public ReuseMode Reuse { get; private set; }

    /// <summary>Reuses variables in this scope from now on (TensorFlow's <c>scope.reuse_variables()</c>).</summary>
    public void ReuseVariables() => Reuse = ReuseMode.True;

    /// <summary>Leaves the scope (once).</summary>
    public void Dispose()
    {
        _exit?.Invoke();
        _exit = null;
    }

    /// <inheritdoc />
    public override string ToString() => $"<VariableScope name='{Name}' reuse={Reuse}>";

    internal void OnExit(Action exit) => _exit = exit;
}

/// <summary>TF1 variable scopes and <c>get_variable</c> (tensorflow/python/ops/variable_scope.py).</summary>
internal static class VariableScopes
{
    internal static bool IsTruthy(ReuseMode? reuse) => reuse is ReuseMode.True or ReuseMode.AutoReuse;

    internal static ReuseMode? FromBool(bool? reuse) => reuse switch { null => null, true => ReuseMode.True, false => ReuseMode.False };

    /// <summary>The current variable scope of the calling thread in the default graph (the root scope when none).</summary>
    internal static VariableScope Current()
    {
        var graph = DefaultGraphStack.Current;
        var frames = graph.VariableScopes;
        return frames.Count > 0 ? frames[^1] : graph.RootVariableScope;
    }

    /// <summary>
    /// Enters a scope by name, under the current one: <c>reuse = reuse or old.reuse</c> (Python's <c>or</c>, so
    /// reuse and AUTO_REUSE are inherited), and a name scope of the same name (made unique).
    /// </summary>
    internal static VariableScope Open(string name, ReuseMode? reuse)
    {
        ArgumentNullException.ThrowIfNull(name);
        var old = Current();
        var mode = IsTruthy(reuse) ? reuse!.Value : old.Reuse;
        var fullName = old.Name.Length > 0 ? old.Name + "/" + name : name;
        return Enter(fullName, name, mode);
    }

    /// <summary>
    /// Enters an existing scope again: same name, <c>reuse = scope.reuse if not reuse else reuse</c>, and its exact
    /// name scope re-entered.
    /// </summary>
    internal static VariableScope Open(VariableScope scope, ReuseMode? reuse)
    {
        ArgumentNullException.ThrowIfNull(scope);
        return Enter(scope.Name, scope.OriginalNameScope.Length > 0 ? scope.OriginalNameScope : null, IsTruthy(reuse) ? reuse!.Value : scope.Reuse);
    }

    private static VariableScope Enter(string fullName, string? nameScope, ReuseMode reuse)
    {
        var graph = DefaultGraphStack.Current;
        var opened = graph.NameScope(nameScope);
        var scope = new VariableScope(fullName, opened.Name, reuse);
        var frames = graph.VariableScopes;
        frames.Add(scope);
        scope.OnExit(() =>
        {
            opened.Dispose();
            frames.Remove(scope);
        });
        return scope;
    }

    internal static Variable GetVariable(string name, TensorShape? shape, DType? dtype, Initializer? initializer, bool? trainable, IEnumerable<string>? collections)
    {
        ArgumentNullException.ThrowIfNull(name);
        var graph = DefaultGraphStack.Top;
        var scope = Current();
        var fullName = scope.Name.Length > 0 ? scope.Name + "/" + name : name;
        var reuse = scope.Reuse;
        var resolvedDType = dtype ?? DType.Float32;

        if (graph is null && IsTruthy(reuse))
        {
            throw new InvalidOperationException(
                "When eager execution is enabled variable reuse is only supported when an EagerVariableStore is active. "
                + "See the documentation on EagerVariableStore for example usage.");
        }

        if (graph is not null)
        {
            lock (graph.VariableStore)
            {
                if (graph.VariableStore.TryGetValue(fullName, out var existing))
                {
                    if (reuse == ReuseMode.False)
                    {
                        throw new ValueErrorException(
                            $"Variable {fullName} already exists, disallowed. Did you mean to set reuse=True or reuse=tf.AUTO_REUSE in VarScope?");
                    }

                    if (shape is not null && !shape.IsCompatibleWith(existing.Shape))
                    {
                        throw new ValueErrorException(
                            $"Trying to share variable {fullName}, but specified shape {shape} and found shape {existing.Shape}.");
                    }

                    if (existing.DType != resolvedDType)
                    {
                        throw new ValueErrorException(
                            $"Trying to share variable {fullName}, but specified dtype {resolvedDType.TfName()} and found dtype {existing.DType.TfName()}_ref.");
                    }

                    return existing;
                }

                if (reuse == ReuseMode.True)
                {
                    throw new ValueErrorException(
                        $"Variable {fullName} does not exist, or was not created with tf.get_variable(). Did you mean to set reuse=tf.AUTO_REUSE in VarScope?");
                }
            }
        }

        if (shape is null || !shape.IsFullyDefined)
        {
            throw new ValueErrorException(
                $"Shape of a new variable ({fullName}) must be fully defined, but instead was {shape ?? TensorShape.Unknown}.");
        }

        initializer ??= new ConstantInitializer(0, "zeros");
        var value = initializer.Call(shape, resolvedDType);
        var initialValueName = "Initializer/" + ((initializer as ConstantInitializer)?.OpName ?? "Const");
        if (graph is null)
        {
            return Variable.Create(null, new Tensor(value), fullName, trainable ?? true, resolvedDType, collections: null);
        }

        Variable created;
        using (graph.NameScope(null))
        {
            created = Variable.Create(graph, new Tensor(value), fullName, trainable ?? true, resolvedDType, collections, initialValueName);
        }

        lock (graph.VariableStore)
        {
            graph.VariableStore[fullName] = created;
        }

        return created;
    }
}
