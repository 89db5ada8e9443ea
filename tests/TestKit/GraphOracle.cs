using System;
using System.Collections.Generic;
using System.Linq;
using GlobalStepMigration.Runtime;
using Microsoft.CodeAnalysis;

namespace GlobalStepMigration.TestKit;

/// <summary>One op of a recorded graph: what a program can reach of it (name, type, inputs, control inputs, outputs).</summary>
public sealed record OpSnapshot(string Name, string Type, IReadOnlyList<string> Inputs, IReadOnlyList<string> ControlInputs, IReadOnlyList<string> Outputs)
{
    public override string ToString() =>
        $"{Name} = {Type}({string.Join(", ", Inputs)})"
        + (ControlInputs.Count > 0 ? " ^" + string.Join(" ^", ControlInputs) : "")
        + " -> " + string.Join(", ", Outputs);

    public bool SameAs(OpSnapshot other) =>
        Name == other.Name && Type == other.Type && Inputs.SequenceEqual(other.Inputs) && ControlInputs.SequenceEqual(other.ControlInputs) && Outputs.SequenceEqual(other.Outputs);
}

/// <summary>A graph as a program left it: its ops in creation order and every collection with its members' names, as text only (nothing of the program's load context is kept).</summary>
public sealed record GraphSnapshot(bool IsDefault, IReadOnlyList<OpSnapshot> Ops, IReadOnlyDictionary<string, IReadOnlyList<string>> Collections)
{
    /// <summary>An empty graph: what a default graph that was never made up would have held.</summary>
    public static GraphSnapshot Empty { get; } = new(true, Array.Empty<OpSnapshot>(), new Dictionary<string, IReadOnlyList<string>>());

    /// <summary>Snapshots of <paramref name="graphs"/>, in the order they were created.</summary>
    public static IReadOnlyList<GraphSnapshot> Of(IReadOnlyList<(Graph Graph, bool IsDefault)> graphs) => graphs.Select(g => Of(g.Graph, g.IsDefault)).ToList();

    private static GraphSnapshot Of(Graph graph, bool isDefault)
    {
        var ops = graph.GetOperations()
            .Select(op => new OpSnapshot(
                op.Name,
                op.Type,
                op.Inputs.Select(input => input.Name).ToList(),
                op.ControlInputs.Select(control => control.Name).ToList(),
                op.Outputs.Select(output => $"{output.DType.TfName()}{output.Shape}").ToList()))
            .ToList();
        var collections = graph.GetAllCollectionKeys()
            .OrderBy(key => key, StringComparer.Ordinal)
            .ToDictionary(key => key, key => (IReadOnlyList<string>)graph.GetCollection(key).Select(Member).ToList(), StringComparer.Ordinal);
        return new GraphSnapshot(isDefault, ops, collections);
    }

    /// <summary>How a collection member is named: a variable, an op or a tensor by its name, anything else by its type.</summary>
    private static string Member(object item) => item switch
    {
        Variable variable => "variable " + variable.Name,
        Operation op => "op " + op.Name,
        Tensor tensor when tensor.Op is not null => "tensor " + tensor.Name,
        _ => item.GetType().Name,
    };
}

/// <summary>
/// The graph oracle (docs/design/observables.md, "Allowed graph differences"): compares every graph a program built
/// before and after a fix, op by op (name, type, inputs, control inputs, output dtypes and shapes) and collection by
/// collection, and reports every difference that the fixes applied (<see cref="AppliedFixes"/>) are not allowed to
/// make. Graphs are matched in the order the program created them. An eager program builds no graph: there is
/// nothing to compare, and the oracle sees two empty lists.
/// </summary>
public sealed class GraphOracle : IProgramOracle
{
    /// <summary>The graphs the program built; null snapshots when it did not run to its end (the output oracle reports that, once).</summary>
    public IProgramObservation Observe(Compilation program)
    {
        var observed = ProgramRunner.Observe(program);
        return new Graphs(observed.Run.Ok ? observed.Graphs : null);
    }

    /// <summary>The graphs one program built.</summary>
    public sealed class Graphs : IProgramObservation
    {
        public Graphs(IReadOnlyList<GraphSnapshot>? snapshots) => Snapshots = snapshots;

        /// <summary>Null when the program failed.</summary>
        public IReadOnlyList<GraphSnapshot>? Snapshots { get; }

        public string? Difference(IProgramObservation after, AppliedFixes fixes)
        {
            var other = ((Graphs)after).Snapshots;
            if (Snapshots is null || other is null)
            {
                return null;
            }

            // The program's own graphs (new Graph()) in order; the default graphs in order, one that is made on first use
            // only on one side comparing as an empty graph (eagerly the default graph holds only what global-step functions
            // put in its collections).
            var lines = new List<string>();
            var mine = Snapshots.Where(g => !g.IsDefault).ToList();
            var theirs = other.Where(g => !g.IsDefault).ToList();
            if (mine.Count != theirs.Count)
            {
                lines.Add($"builds {theirs.Count} graph(s) instead of {mine.Count}");
            }

            for (var i = 0; i < Math.Min(mine.Count, theirs.Count); i++)
            {
                lines.AddRange(GraphDifferences.Disallowed(mine[i], theirs[i], fixes).Select(line => $"graph {i}: {line}"));
            }

            var defaults = Snapshots.Where(g => g.IsDefault).ToList();
            var otherDefaults = other.Where(g => g.IsDefault).ToList();
            for (var i = 0; i < Math.Max(defaults.Count, otherDefaults.Count); i++)
            {
                var b = i < defaults.Count ? defaults[i] : GraphSnapshot.Empty;
                var a = i < otherDefaults.Count ? otherDefaults[i] : GraphSnapshot.Empty;
                lines.AddRange(GraphDifferences.Disallowed(b, a, fixes).Select(line => $"default graph {i}: {line}"));
            }

            return lines.Count == 0 ? null : "builds a different graph (" + fixes + "):\n" + string.Join("\n", lines);
        }
    }
}
