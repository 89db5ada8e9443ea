using System.Collections.Generic;
using System.Linq;

namespace GlobalStepMigration.Runtime;

/// <summary>Reverse-mode differentiation over a list of recorded or graph operations.</summary>
internal static class Backprop
{
    internal sealed record Node(OpDef Def, Tensor[] Inputs, Tensor Output, Attrs Attrs);

    /// <summary>
    /// Propagates <paramref name="seed"/> (the gradient of <paramref name="target"/>) backwards through
    /// <paramref name="nodes"/>, given in execution order. Returns the summed gradient of every tensor reached.
    /// </summary>
    internal static Dictionary<Tensor, Tensor> Run(IReadOnlyList<Node> nodes, Tensor target, Tensor seed)
    {
        var pending = new Dictionary<Tensor, List<Tensor>>(ReferenceEqualityComparer.Instance)
        {
            [target] = new List<Tensor> { seed },
        };
        for (var i = nodes.Count - 1; i >= 0; i--)
        {
            var node = nodes[i];
            if (node.Def.Grad is null || !node.Output.DType.IsFloating() || !pending.TryGetValue(node.Output, out var outGrads))
            {
                continue;
            }

            var grad = Sum(outGrads);
            var inGrads = node.Def.Grad(new GradContext { Inputs = node.Inputs, Output = node.Output, Grad = grad, Attrs = node.Attrs });
            for (var k = 0; k < node.Inputs.Length; k++)
            {
                if (inGrads[k] is not Tensor g || !node.Inputs[k].DType.IsFloating())
                {
                    continue;
                }

                if (!pending.TryGetValue(node.Inputs[k], out var list))
                {
                    pending[node.Inputs[k]] = list = new List<Tensor>();
                }

                list.Add(g);
            }
        }

        return pending.ToDictionary<KeyValuePair<Tensor, List<Tensor>>, Tensor, Tensor>(p => p.Key, p => Sum(p.Value), ReferenceEqualityComparer.Instance);
    }

    internal static Tensor Sum(IReadOnlyList<Tensor> grads)
    {
        var total = grads[0];
        for (var i = 1; i < grads.Count; i++)
        {
            total = Ops.Binary("Add", total, grads[i]);
        }

        return total;
    }

    /// <summary>Symbolic gradients in a graph (TensorFlow's <c>tf.gradients</c>).</summary>
    internal static List<Tensor?> GraphGradients(Tensor ys, IEnumerable<Tensor> xs)
    {
        var target = ys.AsInput();
        var graph = target.Graph ?? throw new ValueErrorException("tf.gradients is not supported when eager execution is enabled. Use tf.GradientTape instead.");
        var sources = xs.Select(x => x.AsInput()).ToList();
        using var scope = graph.NameScope("gradients");
        var nodes = graph.GetOperations()
            .Where(op => op.Index <= target.Op!.Index && op.Outputs.Count == 1)
            .Select(op => new Node(op.Def, op.Inputs.ToArray(), op.Outputs[0], op.Attrs))
            .ToList();
        var seed = Ops.Unary("OnesLike", target, "grad_ys_0");
        var grads = Run(nodes, target, seed);
        return sources.Select(s => grads.TryGetValue(s, out var g) ? g : null).ToList();
    }
}
