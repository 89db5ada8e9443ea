using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using GlobalStepMigration.CodeFixes;

namespace GlobalStepMigration.TestKit;

/// <summary>
/// Which fixes may have made the program after (docs/design/observables.md, "Allowed graph differences"): an action
/// is one fix (its title says which; the equivalence key does not, a unit offered one fix offers it under the
/// preferred key); a fix-all under the preferred key applies the preferred fix where it is offered and the other
/// elsewhere, a fix-all under the other key that fix only.
/// </summary>
public sealed class AppliedFixes
{
    private AppliedFixes(bool a, bool b) => (A, B) = (a, b);

    /// <summary>The caller does not know which fix was applied: either fix's differences are allowed.</summary>
    public static AppliedFixes Any { get; } = new(true, true);

    /// <summary>No fix was applied (an action that explains a declined fix changes nothing): the graphs must be identical.</summary>
    public static AppliedFixes None { get; } = new(false, false);

    /// <summary>Fix A, "Use optimizer.Iterations", may have been applied.</summary>
    public bool A { get; }

    /// <summary>Fix B, "Use an explicitly incremented variable", may have been applied.</summary>
    public bool B { get; }

    /// <summary>The fix an action with <paramref name="title"/> applies.</summary>
    public static AppliedFixes OfAction(string title) => title switch
    {
        GlobalStepFixes.UseOptimizerIterationsTitle => new(true, false),
        GlobalStepFixes.UseExplicitVariableTitle => new(false, true),
        _ when title.StartsWith(GlobalStepFixes.NotOfferedPrefix, StringComparison.Ordinal) => None,
        _ => Any,
    };

    /// <summary>The fixes a fix-all under <paramref name="key"/> applies (fix A is preferred unless <paramref name="preferExplicit"/>).</summary>
    public static AppliedFixes OfFixAll(string key, bool preferExplicit = false)
    {
        var preferred = preferExplicit ? GlobalStepFixes.UseExplicitVariableKey : GlobalStepFixes.UseOptimizerIterationsKey;
        return key == preferred ? Any
            : key == GlobalStepFixes.UseOptimizerIterationsKey ? new(true, false)
            : key == GlobalStepFixes.UseExplicitVariableKey ? new(false, true)
            : Any;
    }

    /// <summary>Either these fixes or <paramref name="other"/> (several actions applied one after the other).</summary>
    public AppliedFixes Or(AppliedFixes other) => new(A || other.A, B || other.B);

    public override string ToString() => (A, B) switch
    {
        (true, true) => "fix A or B",
        (true, false) => "fix A",
        (false, true) => "fix B",
        _ => "no fix",
    };
}

/// <summary>
/// The differences between two snapshots of one graph, and which of them the applied fixes may make: the list of
/// docs/design/observables.md, "Allowed graph differences". Everything is decided from the graph before the fix:
/// <list type="bullet">
/// <item>a TF1 train op with a step is an <c>AssignAdd</c> <c>S</c> with the control input <c>S/update</c> (a <c>NoOp</c>);
/// its first input is the step.</item>
/// <item>Fix B keeps <c>S</c> and builds the update <c>NoOp</c> <c>U</c> with <c>ApplyGradients(name: optimizer.Name + "/update")</c>:
/// <c>S/update</c> is renamed <c>U</c> and every other op <c>S/x</c> is renamed <c>U/x</c> (<c>U</c> is <c>S/update</c>, or
/// <c>S0/update_k</c> for the k-th optimizer of one name <c>S0</c> in the graph, whose scope TF1 made <c>S0_k</c>); a step
/// created by a global-step function keeps its variable, and its initializer <c>step/Initializer/zeros</c> is
/// <c>Tf.Variable</c>'s <c>step/initial_value</c>. Nothing else changes; <c>GLOBAL_STEP</c> loses the step, <c>TRAIN_OP</c>
/// holds <c>U</c> for <c>S</c>.</item>
/// <item>Fix A removes the TF1 optimizer's ops (<c>S</c>, <c>S/...</c>), the step's (the variable and <c>step/...</c>), the
/// TF1 decays' and every op built on them that is gone after, and adds the Keras optimizer's (<c>K/...</c> for each new
/// <c>K/iteration</c>) and every op built on them; a constant used only by removed (added) ops is removed (added) with
/// them. Each other op is the same (name, type, inputs, control inputs, outputs), but that an input or control input
/// that was a removed op may be an added one, and that an auto-numbered name (<c>Const_3</c>) may be numbered again
/// (<c>Const</c>), the removed and added ops having taken other numbers. <c>GLOBAL_STEP</c> and <c>TRAIN_OP</c> lose
/// what was removed, <c>GLOBAL_VARIABLES</c> and every other collection have the added variables in place of the
/// removed ones.</item>
/// </list>
/// A fix-all under the preferred key applies fix A to some units and fix B to others: each train op is judged by
/// the shape it has after (kept: fix B; gone: fix A).
/// </summary>
public static class GraphDifferences
{
    private static readonly Regex DecayScope = new("^(ExponentialDecay|PolynomialDecay|PiecewiseConstant|InverseTimeDecay|CosineDecay|NaturalExpDecay)(_[0-9]+)?$", RegexOptions.CultureInvariant);
    private static readonly Regex AutoNumbered = new("^(?<base>.*?)(_[0-9]+)?$", RegexOptions.CultureInvariant);

    private const int MaxLines = 40;

    /// <summary>Every difference between <paramref name="before"/> and <paramref name="after"/> that <paramref name="fixes"/> do not allow, one line each.</summary>
    public static IReadOnlyList<string> Disallowed(GraphSnapshot before, GraphSnapshot after, AppliedFixes fixes)
    {
        var lines = Compare(before, after, fixes);
        if (lines.Count > 0 && Environment.GetEnvironmentVariable("GSM_GRAPH_LOG") is { Length: > 0 } log)
        {
            lock (typeof(GraphDifferences))
            {
                System.IO.File.AppendAllText(log, "=== " + fixes + "\n" + string.Join("\n", lines) + "\n");
            }
        }

        return lines.Count > MaxLines ? lines.Take(MaxLines).Append($"... and {lines.Count - MaxLines} more").ToList() : lines;
    }

    private static string OpOf(string tensor) => tensor.IndexOf(':') is var colon and >= 0 ? tensor[..colon] : tensor;

    private static bool Under(string name, string scope) => name.StartsWith(scope + "/", StringComparison.Ordinal);

    private static List<string> Compare(GraphSnapshot before, GraphSnapshot after, AppliedFixes fixes)
    {
        var lines = new List<string>();
        var beforeOps = before.Ops.ToDictionary(op => op.Name, StringComparer.Ordinal);
        var afterOps = after.Ops.ToDictionary(op => op.Name, StringComparer.Ordinal);

        // Renames (fix B) and the ops fix A removes (before) and adds (after).
        var rename = new Dictionary<string, string>(StringComparer.Ordinal);
        var removed = new HashSet<string>(StringComparer.Ordinal);
        var added = new HashSet<string>(StringComparer.Ordinal);
        var steps = new HashSet<string>(StringComparer.Ordinal);
        foreach (var train in before.Ops.Where(op => op.Type == "AssignAdd" && op.ControlInputs.Contains(op.Name + "/update")
                     && beforeOps.TryGetValue(op.Name + "/update", out var update) && update.Type == "NoOp"))
        {
            var step = OpOf(train.Inputs[0]);
            steps.Add(step);
            if (fixes.B && afterOps.TryGetValue(train.Name, out var kept) && kept.Type == "AssignAdd" && kept.ControlInputs.Count == 1
                && afterOps.TryGetValue(kept.ControlInputs[0], out var newUpdate) && newUpdate.Type == "NoOp"
                && after.Collections.TryGetValue("train_op", out var trainOps) && trainOps.Contains("op " + newUpdate.Name) && !trainOps.Contains("op " + train.Name))
            {
                // Rewritten by fix B (an untouched TF1 update keeps S in TRAIN_OP and compares as it is).
                var u = newUpdate.Name;
                rename[train.Name + "/update"] = u;
                foreach (var op in before.Ops.Where(op => Under(op.Name, train.Name) && op.Name != train.Name + "/update"))
                {
                    rename[op.Name] = u + op.Name[train.Name.Length..];
                }
            }
            else if (fixes.A && !afterOps.ContainsKey(train.Name))
            {
                removed.Add(train.Name);
                removed.UnionWith(before.Ops.Where(op => Under(op.Name, train.Name)).Select(op => op.Name));
            }
        }

        foreach (var step in before.Collections.TryGetValue("global_step", out var inCollection) ? inCollection.Where(m => m.StartsWith("variable ", StringComparison.Ordinal)).Select(m => OpOf(m["variable ".Length..])) : Enumerable.Empty<string>())
        {
            steps.Add(step);
        }

        foreach (var step in steps)
        {
            if (fixes.B && afterOps.ContainsKey(step) && beforeOps.ContainsKey(step + "/Initializer/zeros") && !afterOps.ContainsKey(step + "/Initializer/zeros")
                && afterOps.ContainsKey(step + "/initial_value") && !beforeOps.ContainsKey(step + "/initial_value"))
            {
                rename[step + "/Initializer/zeros"] = step + "/initial_value";
            }
            else if (fixes.A && beforeOps.ContainsKey(step) && !afterOps.ContainsKey(step))
            {
                removed.Add(step);
                removed.UnionWith(before.Ops.Where(op => Under(op.Name, step)).Select(op => op.Name));
            }
        }

        if (fixes.A)
        {
            removed.UnionWith(before.Ops.Where(op => !afterOps.ContainsKey(op.Name) && op.Name.Split('/').Any(DecayScope.IsMatch)).Select(op => op.Name));
            foreach (var iteration in after.Ops.Where(op => op.Type == "VariableV2" && op.Name.EndsWith("/iteration", StringComparison.Ordinal) && !beforeOps.ContainsKey(op.Name)))
            {
                var scope = iteration.Name[..^"/iteration".Length];
                added.UnionWith(after.Ops.Where(op => Under(op.Name, scope) && !beforeOps.ContainsKey(op.Name)).Select(op => op.Name));
            }

            Close(before.Ops, removed, afterOps);
            Close(after.Ops, added, beforeOps);
        }

        // The other ops, in creation order: the same, but for renames and references to removed/added ops.
        string Mapped(string name) => rename.TryGetValue(name, out var to) ? to : name;
        var left = before.Ops.Where(op => !removed.Contains(op.Name)).ToList();
        var right = after.Ops.Where(op => !added.Contains(op.Name)).ToList();
        var rightByName = right.ToDictionary(op => op.Name, StringComparer.Ordinal);
        var pairs = new List<(OpSnapshot Before, OpSnapshot After)>();
        var pairedRight = new HashSet<string>(StringComparer.Ordinal);
        var unpairedLeft = new List<OpSnapshot>();
        foreach (var op in left)
        {
            if (rightByName.TryGetValue(Mapped(op.Name), out var other) && other.Type == op.Type)
            {
                pairs.Add((op, other));
                pairedRight.Add(other.Name);
            }
            else
            {
                unpairedLeft.Add(op);
            }
        }

        var unpairedRight = right.Where(op => !pairedRight.Contains(op.Name)).ToList();
        if (fixes.A)
        {
            // Fix A: an op left over on both sides, in creation order, of the same type and the same name but for its number.
            var j = 0;
            foreach (var op in unpairedLeft.ToList())
            {
                var k = unpairedRight.FindIndex(j, r => r.Type == op.Type && AutoNumbered.Match(r.Name).Groups["base"].Value == AutoNumbered.Match(op.Name).Groups["base"].Value);
                if (k >= 0)
                {
                    pairs.Add((op, unpairedRight[k]));
                    rename[op.Name] = unpairedRight[k].Name;
                    unpairedLeft.Remove(op);
                    unpairedRight.RemoveAt(k);
                    j = k;
                }
            }
        }

        lines.AddRange(unpairedLeft.Select(op => "only before: " + op));
        lines.AddRange(unpairedRight.Select(op => "only after: " + op));
        foreach (var (b, a) in pairs)
        {
            if (!Same(b, a, Mapped, removed, added))
            {
                lines.Add("changed: " + b + "  =>  " + a);
            }
        }

        // Collections: members renamed, removed and added ones left out.
        string? Member(string member, HashSet<string> gone)
        {
            var space = member.IndexOf(' ');
            if (space < 0)
            {
                return member;
            }

            var name = member[(space + 1)..];
            var op = OpOf(name);
            if (gone.Contains(op))
            {
                return null;
            }

            return member[..(space + 1)] + Mapped(op) + name[op.Length..];
        }

        foreach (var key in before.Collections.Keys.Union(after.Collections.Keys).OrderBy(k => k, StringComparer.Ordinal))
        {
            var b = (before.Collections.TryGetValue(key, out var x) ? x : Array.Empty<string>()).Select(m => Member(m, removed)).OfType<string>().ToList();
            var a = (after.Collections.TryGetValue(key, out var y) ? y : Array.Empty<string>()).Select(m => Member(m, added)).OfType<string>().ToList();
            if (key == "global_step" && (fixes.A || fixes.B) && a.Count == 0)
            {
                // Both fixes: the step is in no GLOBAL_STEP collection any more.
                continue;
            }

            if (key == "train_op" && fixes.B)
            {
                // Fix B: TRAIN_OP holds the update NoOp U for the train op S (already mapped: S/update -> U; S itself is kept).
                b = b.Select(m => m.StartsWith("op ", StringComparison.Ordinal) && rename.TryGetValue(m[3..] + "/update", out var u) ? "op " + u : m).ToList();
            }

            if (!b.SequenceEqual(a))
            {
                lines.Add($"collection {key}: [{string.Join(", ", b)}]  =>  [{string.Join(", ", a)}]");
            }
        }

        return lines;
    }

    /// <summary>Adds to <paramref name="set"/> the ops of <paramref name="ops"/> (absent from <paramref name="other"/>) built on it, and the constants used only by it.</summary>
    private static void Close(IReadOnlyList<OpSnapshot> ops, HashSet<string> set, Dictionary<string, OpSnapshot> other)
    {
        var consumers = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var op in ops)
        {
            foreach (var input in op.Inputs.Select(OpOf).Concat(op.ControlInputs))
            {
                if (!consumers.TryGetValue(input, out var list))
                {
                    consumers[input] = list = new List<string>();
                }

                list.Add(op.Name);
            }
        }

        for (var changed = true; changed;)
        {
            changed = false;
            foreach (var op in ops.Where(op => !set.Contains(op.Name)))
            {
                var builtOn = !other.ContainsKey(op.Name) && op.Inputs.Select(OpOf).Concat(op.ControlInputs).Any(set.Contains);
                var constantOfIt = op.Type == "Const" && op.Inputs.Count == 0 && consumers.TryGetValue(op.Name, out var users) && users.All(set.Contains);
                if (builtOn || constantOfIt)
                {
                    changed |= set.Add(op.Name);
                }
            }
        }
    }

    private static bool Same(OpSnapshot before, OpSnapshot after, Func<string, string> mapped, HashSet<string> removed, HashSet<string> added)
    {
        if (before.Type != after.Type || !before.Outputs.SequenceEqual(after.Outputs) || before.Inputs.Count != after.Inputs.Count)
        {
            return false;
        }

        for (var i = 0; i < before.Inputs.Count; i++)
        {
            var b = OpOf(before.Inputs[i]);
            var a = OpOf(after.Inputs[i]);
            var sameIndex = before.Inputs[i][b.Length..] == after.Inputs[i][a.Length..];
            if (!(removed.Contains(b) && added.Contains(a)) && !(mapped(b) == a && sameIndex))
            {
                return false;
            }
        }

        var controlsBefore = before.ControlInputs.Where(c => !removed.Contains(c)).Select(mapped).ToList();
        var controlsAfter = after.ControlInputs.Where(c => !added.Contains(c)).ToList();
        return controlsBefore.SequenceEqual(controlsAfter)
            && (before.ControlInputs.Any(removed.Contains) || !after.ControlInputs.Any(added.Contains));
    }
}
