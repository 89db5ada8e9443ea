using System;
using System.Collections.Generic;
using System.Linq;

namespace GlobalStepMigration.Runtime;

/// <summary>
/// Records eager operations for automatic differentiation (TensorFlow's <c>tf.GradientTape</c>).
/// Trainable variables read while the tape is open are watched automatically.
/// </summary>
public sealed class GradientTape : IDisposable
{
    [ThreadStatic]
    private static List<GradientTape>? t_active;

    [ThreadStatic]
    private static int t_paused;

    private readonly List<Backprop.Node> _nodes = new();
    private readonly Dictionary<Tensor, Variable> _reads = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<Variable> _watchedVariables = new(ReferenceEqualityComparer.Instance);
    private readonly bool _watchAccessedVariables;
    private bool _recording = true;
    private bool _used;

    /// <summary>Opens a tape on the calling thread; dispose it to stop recording.</summary>
    public GradientTape(bool persistent = false, bool watchAccessedVariables = true)
    {
        Persistent = persistent;
        _watchAccessedVariables = watchAccessedVariables;
        (t_active ??= new List<GradientTape>()).Add(this);
    }

    /// <summary>Whether <see cref="Gradient(Tensor, IEnumerable{Tensor})"/> may be called more than once.</summary>
    public bool Persistent { get; }

    /// <summary>
    /// Watches a variable (needed for non-trainable ones, or with <c>watchAccessedVariables: false</c>).
    /// A plain tensor needs no watching here: every eager op is recorded while the tape is open.
    /// </summary>
    public void Watch(Tensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        if (tensor is Variable v)
        {
            _watchedVariables.Add(v);
        }
    }

    /// <summary>The gradient of <paramref name="target"/> with respect to each source (null where it does not depend on it).</summary>
    public List<Tensor?> Gradient(Tensor target, IEnumerable<Tensor> sources)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(sources);
        if (_used && !Persistent)
        {
            throw new InvalidOperationException(
                "A non-persistent GradientTape can only be used to compute one set of gradients (or jacobians)");
        }

        _used = true;
        var sourceList = sources.ToList();
        t_paused++;
        try
        {
            var seed = Ops.Unary("OnesLike", target);
            var grads = Backprop.Run(_nodes, target, seed);
            var result = new List<Tensor?>();
            foreach (var source in sourceList)
            {
                if (source is Variable v)
                {
                    var parts = _reads.Where(r => ReferenceEquals(r.Value, v) && grads.ContainsKey(r.Key)).Select(r => grads[r.Key]).ToList();
                    result.Add(parts.Count == 0 ? null : Backprop.Sum(parts));
                }
                else
                {
                    result.Add(grads.TryGetValue(source, out var g) ? g : null);
                }
            }

            return result;
        }
        finally
        {
            t_paused--;
        }
    }

    /// <summary>The gradient of <paramref name="target"/> with respect to one source.</summary>
    public Tensor? Gradient(Tensor target, Tensor source) => Gradient(target, new[] { source })[0];

    /// <summary>Stops recording.</summary>
    public void Dispose()
    {
        _recording = false;
        t_active?.Remove(this);
    }

    private static IEnumerable<GradientTape> Recording =>
        t_paused > 0 || t_active is null ? Enumerable.Empty<GradientTape>() : t_active.Where(t => t._recording);

    internal static void RecordOp(OpDef def, Tensor[] inputs, Tensor output, Attrs attrs)
    {
        foreach (var tape in Recording)
        {
            tape._nodes.Add(new Backprop.Node(def, inputs, output, attrs));
        }
    }

    internal static void RecordRead(Variable variable, Tensor read)
    {
        foreach (var tape in Recording)
        {
            if ((tape._watchAccessedVariables && variable.Trainable) || tape._watchedVariables.Contains(variable))
            {
                tape._reads[read] = variable;
            }
        }
    }
}
