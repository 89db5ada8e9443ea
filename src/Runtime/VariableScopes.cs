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

/// <summary>TF1 variable scopes and <c>get_variable</c>.</summary>
internal static class VariableScopes
{
    internal static IDisposable Open(string name, bool? reuse)
    {
        ArgumentNullException.ThrowIfNull(name);
        var graph = DefaultGraphStack.Current;
        var frames = graph.VariableScopes;
        var inherited = frames.Count > 0 ? frames[^1].Reuse : null;
        // As in TensorFlow (reuse = reuse or old.reuse), reuse=True is inherited and cannot be turned off below.
        frames.Add(new VariableScopeFrame(name, inherited == true ? true : reuse ?? inherited));
        NameScope nameScope;
        try
        {
            nameScope = graph.NameScope(name);
        }
        catch
        {
            frames.RemoveAt(frames.Count - 1);
            throw;
        }

        return new Graph.Scope(() =>
        {
            nameScope.Dispose();
            frames.RemoveAt(frames.Count - 1);
        });
    }

    internal static Variable GetVariable(string name, TensorShape? shape, DType? dtype, Initializer? initializer, bool? trainable, IEnumerable<string>? collections)
    {
        ArgumentNullException.ThrowIfNull(name);
        var graph = DefaultGraphStack.Top;
        var scopeGraph = graph ?? DefaultGraphStack.Global;
        var frames = scopeGraph.VariableScopes;
        var prefix = string.Join("/", frames.Select(f => f.Name).Where(n => n.Length > 0));
        var fullName = prefix.Length > 0 ? prefix + "/" + name : name;
        var reuse = frames.Count > 0 ? frames[^1].Reuse : null;
        var resolvedDType = dtype ?? DType.Float32;

        if (graph is not null)
        {
            lock (graph.VariableStore)
            {
                if (graph.VariableStore.TryGetValue(fullName, out var existing))
                {
                    if (reuse != true)
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

                if (reuse == true)
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

        var value = (initializer ?? new ConstantInitializer(0)).Call(shape, resolvedDType);
        if (graph is null)
        {
            return Variable.Create(null, new Tensor(value), fullName, trainable ?? true, resolvedDType, collections: null);
        }

        Variable created;
        using (graph.NameScope(null))
        {
            created = Variable.Create(graph, new Tensor(value), fullName, trainable ?? true, resolvedDType, collections);
        }

        lock (graph.VariableStore)
        {
            graph.VariableStore[fullName] = created;
        }

        return created;
    }
}
