using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using CsCheck;

namespace GlobalStepMigration.Reliability.Tests.Generation;

/// <summary>
/// Turns a failing generated program into a small reproducer, in two stages:
/// <list type="number">
/// <item>CsCheck's own shrinking: <c>ProgramGenerator.Program.SampleAsync</c> seeded with the failing
/// program's seed string, so CsCheck replays it and then keeps only smaller failing programs of the
/// same generator; its "Set seed" string replays the smallest one.</item>
/// <item>A greedy pass over that program's own choices: drop a unit, leave top-level statements, or
/// reset one dimension (kind, mode, creation, storage, decay, spelling, ...) to its simplest value,
/// keeping each change while the program still fails the same way. CsCheck's random shrinking alone
/// is weak on a spec with ~60 independent choices (measured: 3-5 shrinks in 300 iterations on 20
/// booleans), so this pass is what makes the reproducer minimal. The changes kept are written after
/// the seed, <c>&lt;CsCheck seed&gt;~&lt;change&gt;.&lt;change&gt;</c>, so one string replays the minimal program.</item>
/// </list>
/// </summary>
internal static class Shrinker
{
    /// <summary>The dimensions of a unit the greedy pass resets, in order; index = position in this list.</summary>
    private static readonly (string Name, Func<UnitSpec, UnitSpec> Reset)[] Dimensions =
    {
        ("kind", u => u with { Kind = UnitKind.Tf1 }),
        ("mode", u => u with { Mode = Mode.Graph }),
        ("creation", u => u with { Creation = Creation.GetOrCreate }),
        ("storage", u => u with { Storage = Storage.Local }),
        ("optimizer", u => u with { Optimizer = Tf1Optimizer.GradientDescent }),
        ("second", u => u with { SecondOptimizer = Tf1Optimizer.GradientDescent }),
        ("keras", u => u with { Keras = KerasOptimizer.Sgd }),
        ("decay", u => u with { Decay = Decay.None }),
        ("rate", u => u with { PrintRate = false }),
        ("argument", u => u with { Argument = StepArgument.Positional }),
        ("spelling", u => u with { Spelling = Spelling.Qualified }),
        ("apply", u => u with { ApplyGradients = false }),
        ("helper", u => u with { HelperRead = false }),
        ("lookup", u => u with { LaterLookup = false }),
        ("variable", u => u with { StepIsVariable = false }),
        ("steps", u => u with { Steps = 1 }),
        ("start", u => u with { Start = 0 }),
        ("explicitGraph", u => u with { ExplicitGraph = false }),
        ("fieldInit", u => u with { FieldInit = FieldInit.InRun }),
        ("decayVariant", u => u with { DecayVariant = false }),
        ("helperLookup", u => u with { HelperLookup = false }),
        ("observe", u => u with { Observe = Observe.None }),
        ("nesterov", u => u with { Nesterov = false }),
    };

    /// <summary>Per unit: "drop the unit", then one change per dimension.</summary>
    private static readonly int PerUnit = Dimensions.Length + 1;

    /// <summary>The change "not in top-level statements" (after the changes of three units).</summary>
    private static readonly int TopLevelChange = 3 * PerUnit;

    internal sealed record Result(string Replay, ProgramSpec Spec, IReadOnlyList<string> Problems, string CsCheckSummary, int GreedyChecks, IReadOnlyList<string> Changes);

    /// <summary>Raised inside CsCheck's sample to mark a failing program.</summary>
    private sealed class PropertyFailure : Exception
    {
        public PropertyFailure(IReadOnlyList<string> problems) : base(string.Join("\n", problems)) => Problems = problems;

        public IReadOnlyList<string> Problems { get; }
    }

    /// <summary>The kind of a failure, so that shrinking does not slip from one defect to another.</summary>
    public static string Category(string problem) =>
        problem.Contains("analyzer exception", StringComparison.Ordinal) ? "analyzer exception"
        : problem.Contains("threw", StringComparison.Ordinal) ? "exception"
        : problem.Contains("second fix-all", StringComparison.Ordinal) ? "not idempotent"
        : problem.Contains("removed the diagnostics", StringComparison.Ordinal) ? "declined diagnostic lost"
        : problem.Contains("no GSM diagnostic", StringComparison.Ordinal) ? "unit not flagged"
        : problem.Contains("prints differently", StringComparison.Ordinal) ? "behaviour changed"
        : problem.Contains("original program", StringComparison.Ordinal) ? "generator produced an invalid program"
        : problem.Contains("compile", StringComparison.Ordinal) || problem.Contains("errors", StringComparison.Ordinal) ? "does not compile"
        : "other";

    /// <summary>Replays a string made by <see cref="ShrinkAsync"/>, a bare CsCheck seed string, or "&lt;run seed&gt;:&lt;index&gt;".</summary>
    public static ProgramSpec Replay(string replay)
    {
        // "<run seed>:<index>": program <index> of a run (what the failure list of a run names).
        var run = replay.Trim().Split(':');
        if (run.Length == 2 && ulong.TryParse(run[0], NumberStyles.None, CultureInfo.InvariantCulture, out var runSeed)
            && int.TryParse(run[1], NumberStyles.None, CultureInfo.InvariantCulture, out var index))
        {
            return ProgramGenerator.Generate(runSeed, index);
        }

        var parts = replay.Trim().Split('~', 2);
        var spec = ProgramGenerator.FromSeedString(parts[0]);
        if (parts.Length == 1 || parts[1].Length == 0)
        {
            return spec;
        }

        return Apply(spec, parts[1].Split('.').Select(c => int.Parse(c, CultureInfo.InvariantCulture)).ToHashSet());
    }

    public static async Task<Result?> ShrinkAsync(string seed, Func<ProgramSpec, Task<List<string>>> check, int iterations, int threads)
    {
        // Stage 1: CsCheck. It replays `seed` first, then samples, checking only programs smaller than the smallest failure so far.
        var categories = new HashSet<string>(StringComparer.Ordinal);
        string minimal;
        string summary;
        try
        {
            await ProgramGenerator.Program.SampleAsync(
                async spec =>
                {
                    var problems = await check(spec);
                    if (problems.Count > 0 && (categories.Count == 0 || problems.Any(p => categories.Contains(Category(p)))))
                    {
                        lock (categories)
                        {
                            if (categories.Count == 0)
                            {
                                categories.Add(Category(problems[0]));
                            }
                        }

                        throw new PropertyFailure(problems);
                    }
                },
                seed: seed,
                iter: Math.Max(1, iterations),
                threads: Math.Max(1, threads),
                print: spec => spec.ToString());
            return null;
        }
        catch (CsCheckException exception)
        {
            var match = Regex.Match(exception.Message, "Set seed: \"([^\"]+)\"");
            minimal = match.Success ? match.Groups[1].Value : seed;
            summary = exception.Message.Split('\n')[0].Trim();
        }

        // Stage 2: greedy simplification of the smallest program CsCheck found.
        var original = ProgramGenerator.FromSeedString(minimal);
        var kept = new HashSet<int>();
        var current = original;
        var currentText = ProgramWriter.Write(current);
        var currentProblems = await check(current);
        if (currentProblems.Count == 0)
        {
            // Flaky (for example scheduling-dependent): report what CsCheck found, unsimplified.
            return new Result(minimal, original, new[] { "(did not fail again when replayed)" }, summary, 1, Array.Empty<string>());
        }

        var checks = 1;
        for (var pass = 0; pass < 3; pass++)
        {
            var changed = false;
            foreach (var change in Changes(original).Where(c => !kept.Contains(c)))
            {
                var candidateSet = new HashSet<int>(kept) { change };
                var candidate = Apply(original, candidateSet);
                var text = ProgramWriter.Write(candidate);
                if (candidate.Units.Count == 0)
                {
                    continue;
                }

                if (text == currentText)
                {
                    // The choice does not show in this program (for example a second optimizer of a one-optimizer unit): take the simplest value, no check needed.
                    kept = candidateSet;
                    current = candidate;
                    continue;
                }

                checks++;
                var problems = await check(candidate);
                if (problems.Any(p => categories.Contains(Category(p))))
                {
                    kept = candidateSet;
                    current = candidate;
                    currentText = text;
                    currentProblems = problems;
                    changed = true;
                }
            }

            if (!changed)
            {
                break;
            }
        }

        var replay = kept.Count == 0 ? minimal : minimal + "~" + string.Join(".", kept.OrderBy(c => c).Select(c => c.ToString(CultureInfo.InvariantCulture)));
        return new Result(replay, current, currentProblems, summary, checks, kept.OrderBy(c => c).Select(Describe).ToList());
    }

    /// <summary>The changes that can apply to <paramref name="spec"/>: unit drops first, then top-level, then dimension resets.</summary>
    private static IEnumerable<int> Changes(ProgramSpec spec)
    {
        for (var i = 0; i < spec.Units.Count && spec.Units.Count > 1; i++)
        {
            yield return i * PerUnit;
        }

        if (spec.FirstAtTopLevel)
        {
            yield return TopLevelChange;
        }

        for (var i = 0; i < spec.Units.Count; i++)
        {
            for (var d = 0; d < Dimensions.Length; d++)
            {
                yield return i * PerUnit + 1 + d;
            }
        }
    }

    private static string Describe(int change) =>
        change == TopLevelChange ? "not top-level"
        : change % PerUnit == 0 ? $"drop U{change / PerUnit}"
        : $"U{change / PerUnit}: reset {Dimensions[change % PerUnit - 1].Name}";

    /// <summary>The program with the changes applied, made valid again by the generator's normalization.</summary>
    internal static ProgramSpec Apply(ProgramSpec spec, IReadOnlySet<int> changes)
    {
        var units = new List<UnitSpec>();
        for (var i = 0; i < spec.Units.Count; i++)
        {
            if (changes.Contains(i * PerUnit))
            {
                continue;
            }

            var u = spec.Units[i];
            for (var d = 0; d < Dimensions.Length; d++)
            {
                if (changes.Contains(i * PerUnit + 1 + d))
                {
                    u = Dimensions[d].Reset(u);
                }
            }

            units.Add(u);
        }

        return ProgramGenerator.Normalize(new ProgramSpec(units, spec.FirstAtTopLevel && !changes.Contains(TopLevelChange)));
    }
}
