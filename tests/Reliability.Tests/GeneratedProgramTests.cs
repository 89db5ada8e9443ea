using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using GlobalStepMigration.Reliability.Tests.Generation;
using Xunit;
using Xunit.Abstractions;

namespace GlobalStepMigration.Reliability.Tests;

/// <summary>
/// Random but valid programs composed from the patterns of docs/design/patterns.md. For each: the original compiles
/// cleanly and runs; the analyzer never throws and is deterministic; every offered fix and both
/// fix-alls compile without diagnostics and print exactly what the original printed; a second
/// fix-all pass changes nothing.
/// </summary>
public sealed class GeneratedProgramTests
{
    /// <summary>Programs per CI run; GSM_RELIABILITY_COUNT overrides it (the long run uses 5,000).</summary>
    public const int CiPrograms = 300;

    private readonly ITestOutputHelper _output;

    public GeneratedProgramTests(ITestOutputHelper output) => _output = output;

    /// <summary>Iterations of each shrinking stage when a program fails; GSM_RELIABILITY_SHRINK overrides it.</summary>
    public const int ShrinkIterations = 100;

    [Fact]
    public async Task GeneratedPrograms_RunTheSame_AfterEveryFixAndFixAll()
    {
        var replay = Environment.GetEnvironmentVariable("GSM_RELIABILITY_REPLAY");
        if (!string.IsNullOrWhiteSpace(replay))
        {
            // One program, from the string a shrunk failure reported.
            var spec = Shrinker.Replay(replay);
            var source = ProgramWriter.Write(spec);
            var problems = await CheckAsync(spec, new Invariants.Stats(), new Invariants.ProgramOutcome());
            var analysis = await AnalyzerRunner.RunAsync(Sandbox.Compile(source), concurrent: false);
            _output.WriteLine($"replay {replay}:\n{spec}\n--- program\n{source}\n--- diagnostics\n{analysis.Fingerprint}");
            Assert.True(problems.Count == 0, $"replay {replay}:\n{spec}\n{string.Join("\n", problems)}\n--- program\n{source}");
            return;
        }

        var seed = Sandbox.Seed("programs");
        var count = Sandbox.Count("GSM_RELIABILITY_COUNT", CiPrograms);
        _output.WriteLine($"program generator: seed {seed} (rerun with GSM_RELIABILITY_SEED={seed}), {count} programs");
        var report = await RunAsync(seed, count);
        _output.WriteLine(report.Summary);
        _output.WriteLine(report.Shapes);
        if (report.Failures.Count == 0)
        {
            return;
        }

        // Shrink the first failure to a small program and a string that replays it.
        var first = report.FailingIndexes[0];
        var shrunk = await Shrinker.ShrinkAsync(
            ProgramGenerator.SeedString(seed, first),
            spec => CheckAsync(spec, new Invariants.Stats(), new Invariants.ProgramOutcome()),
            Sandbox.Count("GSM_RELIABILITY_SHRINK", ShrinkIterations),
            Math.Max(1, Environment.ProcessorCount));
        var shrinkText = shrunk is null
            ? $"program {first} did not fail again under CsCheck (seed string {ProgramGenerator.SeedString(seed, first)})"
            : ShrinkReport(shrunk);
        _output.WriteLine(shrinkText);
        Assert.Fail($"seed {seed}: {report.Failures.Count} failing program(s)\n{shrinkText}\n\n{string.Join("\n\n", report.Failures.Take(3))}");
    }

    internal static string ShrinkReport(Shrinker.Result shrunk) =>
        new StringBuilder()
            .AppendLine($"shrunk: CsCheck {shrunk.CsCheckSummary}; then {shrunk.GreedyChecks} greedy checks, changes kept: {(shrunk.Changes.Count == 0 ? "none" : string.Join(", ", shrunk.Changes))}")
            .AppendLine($"replay the minimal program with GSM_RELIABILITY_REPLAY={shrunk.Replay}")
            .AppendLine(shrunk.Spec.ToString())
            .AppendLine(string.Join("\n", shrunk.Problems.Select(p => p.Length > 3000 ? p[..3000] + " ..." : p)))
            .AppendLine("--- minimal program")
            .AppendLine(ProgramWriter.Write(shrunk.Spec))
            .ToString();

    /// <summary>Every check of a valid program, plus: every generated unit that uses a legacy API is flagged.</summary>
    internal static async Task<List<string>> CheckAsync(ProgramSpec spec, Invariants.Stats stats, Invariants.ProgramOutcome outcome)
    {
        List<string> problems;
        try
        {
            problems = await Invariants.CheckValidProgramAsync(ProgramWriter.Write(spec), stats, outcome);
        }
        catch (Exception exception)
        {
            return new List<string> { "the check threw: " + exception };
        }

        if (!problems.Any(p => p.StartsWith("the original program", StringComparison.Ordinal)))
        {
            for (var i = 0; i < spec.Units.Count; i++)
            {
                if (!spec.Units[i].UsesLegacyApi)
                {
                    continue;
                }

                if (!outcome.Diagnostics.ContainsKey("U" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)))
                {
                    problems.Add($"U{i} has no GSM diagnostic ({spec.Units[i]})");
                }
            }
        }

        return problems;
    }

    [Fact]
    public void Generator_IsReproducible_AndCoversThePatterns()
    {
        var specs = Enumerable.Range(0, 400).Select(i => ProgramGenerator.Generate(12345, i)).ToList();
        Assert.Equal(ProgramWriter.Write(specs[17]), ProgramWriter.Write(ProgramGenerator.Generate(12345, 17)));
        Assert.Equal(ProgramWriter.Write(specs[17]), ProgramWriter.Write(ProgramGenerator.FromSeedString(ProgramGenerator.SeedString(12345, 17))));
        var units = specs.SelectMany(s => s.Units).ToList();
        foreach (var kind in Enum.GetValues<UnitKind>())
        {
            Assert.Contains(units, u => u.Kind == kind);
        }

        foreach (var decay in Enum.GetValues<Decay>())
        {
            Assert.Contains(units, u => u.Decay == decay && u.Mode == Mode.Graph);
            Assert.Contains(units, u => u.Decay == decay && u.Mode == Mode.Eager);
        }

        foreach (var decay in new[] { Decay.Exponential, Decay.Polynomial, Decay.InverseTime, Decay.NaturalExp })
        {
            Assert.Contains(units, u => u.Decay == decay && u.DecayVariant);
        }

        foreach (var decay in new[] { Decay.Exponential, Decay.Polynomial, Decay.Piecewise, Decay.InverseTime, Decay.Cosine })
        {
            Assert.Contains(units, u => u.Decay == decay && u.Kind == UnitKind.HalfMigrated);
        }

        foreach (var spelling in Enum.GetValues<Spelling>())
        {
            Assert.Contains(units, u => u.Spelling == spelling);
        }

        foreach (var creation in Enum.GetValues<Creation>())
        {
            Assert.Contains(units, u => u.Creation == creation);
        }

        foreach (var mode in Enum.GetValues<Mode>())
        {
            Assert.Contains(units, u => u.Mode == mode && u.Kind == UnitKind.Tf1);
            Assert.Contains(units, u => u.Mode == mode && u.Kind == UnitKind.Gan);
            Assert.Contains(units, u => u.Mode == mode && u.Storage == Storage.Field && u.FieldInit == FieldInit.InConstructor);
            Assert.Contains(units, u => u.Mode == mode && u.Storage == Storage.Field && u.HelperRead);
            Assert.Contains(units, u => u.Mode == mode && u.Storage == Storage.Local && u.HelperRead);
        }

        Assert.Contains(units, u => u.Kind == UnitKind.Tf1 && u.ExplicitGraph && u.Storage == Storage.Local);
        Assert.Contains(units, u => u.Kind == UnitKind.Tf1 && u.ExplicitGraph && u.Storage == Storage.Field);
        Assert.Contains(units, u => u.Kind == UnitKind.Gan && u.ExplicitGraph);
        Assert.Contains(units, u => u.Kind == UnitKind.TwoGraphs && u.ExplicitGraph);
        Assert.Contains(units, u => u.Kind == UnitKind.TwoGraphs && u.Decay != Decay.None);
        Assert.Contains(units, u => u.HelperLookup && u.Storage == Storage.Field);
        Assert.Contains(units, u => u.HelperLookup && u.Storage == Storage.Local);
        Assert.Contains(units, u => u.Kind == UnitKind.HalfMigrated && u.HelperRead);
        Assert.Contains(units, u => u.LaterLookup && u.ExplicitGraph);
        Assert.Contains(units, u => u.LaterLookup && !u.ExplicitGraph);
        Assert.Contains(specs, s => s.FirstAtTopLevel && s.Units[0].HelperRead);
        Assert.Contains(specs, s => s.Units.Count >= 3);
        Assert.Contains(specs, s => s.Units.Count(u => u.Mode == Mode.Graph) >= 2);
        Assert.Contains(specs, s => s.Units.Any(u => u.Mode == Mode.Graph) && s.Units.Any(u => u.Mode == Mode.Eager));

        // Every observation class, in a graph (and the ones that exist eagerly, eagerly too); every optimizer, Nesterov's
        // momentum included, with a constant and with each decayed rate.
        foreach (var observe in Enum.GetValues<Observe>().Where(o => o != Observe.None))
        {
            Assert.Contains(units, u => u.Observe == observe && u.Mode == Mode.Graph);
        }

        foreach (var observe in EagerObservations)
        {
            Assert.Contains(units, u => u.Observe == observe && u.Mode == Mode.Eager);
        }

        foreach (var optimizer in Enum.GetValues<Tf1Optimizer>())
        {
            foreach (var decay in Enum.GetValues<Decay>())
            {
                Assert.Contains(units, u => u.Kind == UnitKind.Tf1 && u.Optimizer == optimizer && u.Decay == decay);
            }
        }

        Assert.Contains(units, u => u.Kind == UnitKind.Tf1 && u.Optimizer == Tf1Optimizer.Momentum && u.Nesterov && u.Decay == Decay.None);
        Assert.Contains(units, u => u.Kind == UnitKind.Tf1 && u.Optimizer == Tf1Optimizer.Momentum && u.Nesterov && u.Decay != Decay.None);
    }

    /// <summary>The observation classes that are written in eager code too.</summary>
    private static readonly Observe[] EagerObservations =
    {
        Observe.ValueDType, Observe.ValueEquality, Observe.StepName, Observe.StepOp, Observe.EmptyGradients, Observe.NoGradients, Observe.TryCatch,
    };

    /// <summary>
    /// A unit where the class tells a fix apart: a constant looked up by name next to a GradientDescent optimizer fed a
    /// decay with a Keras pair (fix A would move the decay's constants), a dtype seen of an int32 step (fix A would make it
    /// int64); any unit of the class otherwise.
    /// </summary>
    private static bool Telling(UnitSpec u) =>
        !u.HelperRead && !u.HelperLookup && !u.PrintRate && !u.ExplicitGraph && u.Observe switch
        {
            Observe.ConstantByName => u.Optimizer == Tf1Optimizer.GradientDescent && u.Decay is not (Decay.None or Decay.NaturalExp)
                && u.Creation is Creation.GetOrCreate or Creation.Create && !u.ApplyGradients && !u.DecayVariant,
            Observe.ValueDType or Observe.ValueEquality => u.Creation == Creation.HandMade32 && u.Optimizer == Tf1Optimizer.GradientDescent,
            _ => true,
        };

    /// <summary>What a program of each observation class prints besides the step's value (the class is seen in the output).</summary>
    private static string Marker(Observe observe) => observe switch
    {
        Observe.ValueDType => ": dtype ",
        Observe.ValueEquality => ": equals ",
        Observe.StepName or Observe.NameScope or Observe.VariableScope => ": name ",
        Observe.StepOp => ": op ",
        Observe.CollectionsCounted => ": variables ",
        Observe.ScopedHelper => ": peek ",
        Observe.EmptyGradients => ": No variables provided.",
        Observe.NoGradients => ": No gradients provided for any variable",
        Observe.Checkpoint => ": restored ",
        Observe.GlobalStepFunction => ": global_step ",
        Observe.TrainByName => ": train ",
        Observe.TrainControlInputs => ": below ",
        Observe.ConstantByName => ": Const Tensor(",
        _ => ": step ",
    };

    /// <summary>
    /// One program per observation class and mode (the first of seed 12345 that has it in a unit where it tells a fix
    /// apart, see <see cref="Telling"/>), whatever the run's seed: it
    /// prints what it observes, and passes every check of a generated program (so a fix that changes what it
    /// observes fails here in every CI run, not only when the random run draws the class).
    /// </summary>
    [Fact]
    public async Task EveryObservationClass_PrintsWhatItObserves_AndRunsTheSameAfterEveryFix()
    {
        var specs = Enumerable.Range(0, 20000).Select(i => ProgramGenerator.Generate(12345, i)).ToList();
        var failures = new List<string>();
        var stats = new Invariants.Stats();
        var wanted = Enum.GetValues<Observe>().Where(o => o != Observe.None).Select(o => (o, Mode.Graph))
            .Concat(EagerObservations.Select(o => (o, Mode.Eager)));
        foreach (var (observe, mode) in wanted)
        {
            var spec = specs.FirstOrDefault(s => s.Units.Any(u => u.Observe == observe && u.Mode == mode && Telling(u)))
                ?? specs.First(s => s.Units.Any(u => u.Observe == observe && u.Mode == mode));
            var source = ProgramWriter.Write(spec);
            var run = TestKit.ProgramRunner.Run(Sandbox.Compile(source));
            Assert.True(run.Ok, $"{observe} {mode}: {run.Output}\n{source}");
            Assert.Contains(Marker(observe), run.Output, StringComparison.Ordinal);
            var outcome = new Invariants.ProgramOutcome();
            var problems = await CheckAsync(spec, stats, outcome);
            _output.WriteLine($"{observe} {mode}: program {specs.IndexOf(spec)} of seed 12345, offered {string.Join("; ", outcome.Offered.Select(o => o.Key + ": " + string.Join(", ", o.Value.Order(StringComparer.Ordinal))))}");
            failures.AddRange(problems.Select(p => $"{observe} {mode}: {p}\n--- program\n{source}"));
        }

        _output.WriteLine($"{stats.Inputs} programs, {stats.ActionsOffered} actions offered, {stats.ActionsApplied} applied, {stats.FixAlls} fix-alls, {stats.Runs} runs");
        Assert.True(failures.Count == 0, string.Join("\n\n", failures));
    }

    /// <summary>
    /// The shrinker, on a property that fails for one combination of choices: it ends at a one-unit
    /// program that keeps exactly that combination, and its replay string rebuilds that program.
    /// </summary>
    [Fact]
    public async Task Shrinker_FindsTheMinimalProgram_AndItsReplayStringRebuildsIt()
    {
        static bool Fails(ProgramSpec spec) => spec.Units.Any(u => u.Decay == Decay.Cosine && u.Mode == Mode.Eager && u.Storage == Storage.Field);
        var index = Enumerable.Range(0, 2000).First(i =>
        {
            var s = ProgramGenerator.Generate(99, i);
            return Fails(s) && s.Units.Count == 3;
        });

        var shrunk = await Shrinker.ShrinkAsync(
            ProgramGenerator.SeedString(99, index),
            spec => Task.FromResult(Fails(spec) ? new List<string> { "U0: the migrated program prints differently" } : new List<string>()),
            iterations: 300,
            threads: 1);

        Assert.NotNull(shrunk);
        var unit = Assert.Single(shrunk!.Spec.Units);
        Assert.Equal(
            new UnitSpec(UnitKind.Tf1, Mode.Eager, Creation.GetOrCreate, Storage.Field, Tf1Optimizer.GradientDescent, Tf1Optimizer.GradientDescent,
                KerasOptimizer.Sgd, Decay.Cosine, false, StepArgument.Positional, Spelling.Qualified, false, false, false, false, 1, 0),
            unit);
        Assert.False(shrunk.Spec.FirstAtTopLevel);
        Assert.Equal(ProgramWriter.Write(shrunk.Spec), ProgramWriter.Write(Shrinker.Replay(shrunk.Replay)));
        _output.WriteLine(ShrinkReport(shrunk));
    }

    internal sealed record Report(List<string> Failures, List<int> FailingIndexes, string Summary, string Shapes);

    /// <summary>Per shape: units generated, units flagged, units offered fix A / fix B, units where every fix declines.</summary>
    internal sealed class ShapeCounts
    {
        private readonly SortedDictionary<string, int[]> _counts = new(StringComparer.Ordinal);

        public void Add(ProgramSpec spec, Invariants.ProgramOutcome outcome)
        {
            lock (_counts)
            {
                for (var i = 0; i < spec.Units.Count; i++)
                {
                    var container = "U" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    var flagged = outcome.Diagnostics.ContainsKey(container);
                    outcome.Offered.TryGetValue(container, out var offered);
                    // By title: a unit offered one fix offers it under the preferred key, and a "Not offered: ..." action
                    // (which changes nothing) carries the key of the fix it explains.
                    var a = offered?.Contains(CodeFixes.GlobalStepFixes.UseOptimizerIterationsTitle) == true;
                    var b = offered?.Contains(CodeFixes.GlobalStepFixes.UseExplicitVariableTitle) == true;
                    foreach (var shape in spec.Units[i].Shapes().Append($"program of {spec.Units.Count} unit(s)").Append(i == 0 && spec.FirstAtTopLevel ? "top-level statements" : "in a type"))
                    {
                        if (!_counts.TryGetValue(shape, out var row))
                        {
                            _counts[shape] = row = new int[5];
                        }

                        row[0]++;
                        row[1] += flagged ? 1 : 0;
                        row[2] += a ? 1 : 0;
                        row[3] += b ? 1 : 0;
                        row[4] += flagged && !a && !b ? 1 : 0;
                    }
                }
            }
        }

        public override string ToString()
        {
            var text = new StringBuilder("per-shape counts (units: generated, flagged, fix A offered, fix B offered, no fix offered):\n");
            foreach (var (shape, row) in _counts)
            {
                text.Append($"  {shape,-48} {row[0],6} {row[1],6} {row[2],6} {row[3],6} {row[4],6}\n");
            }

            return text.ToString();
        }
    }

    internal static async Task<Report> RunAsync(ulong seed, int count)
    {
        var total = new Invariants.Stats();
        var shapes = new ShapeCounts();
        var failures = new List<(int Index, string Text)>();
        var clock = Stopwatch.StartNew();
        var done = 0;
        var workers = Math.Max(1, Environment.ProcessorCount);
        await Task.WhenAll(Enumerable.Range(0, workers).Select(worker => Task.Run(async () =>
        {
            var stats = new Invariants.Stats();
            for (var i = worker; i < count; i += workers)
            {
                var spec = ProgramGenerator.Generate(seed, i);
                var outcome = new Invariants.ProgramOutcome();
                var problems = await CheckAsync(spec, stats, outcome);
                shapes.Add(spec, outcome);
                if (problems.Count > 0)
                {
                    var text = new StringBuilder()
                        .AppendLine($"program {i} (seed {seed}, CsCheck seed string {ProgramGenerator.SeedString(seed, i)}):")
                        .AppendLine(spec.ToString())
                        .AppendLine(string.Join("\n", problems))
                        .AppendLine("--- program")
                        .AppendLine(ProgramWriter.Write(spec));
                    lock (failures)
                    {
                        failures.Add((i, text.ToString()));
                    }
                }

                Sandbox.Progress("programs", seed, Interlocked.Increment(ref done), count, failures.Count, clock.Elapsed);
            }

            lock (total)
            {
                total.Add(stats);
            }
        })));

        var ordered = failures.OrderBy(f => f.Index).ToList();
        return new Report(
            ordered.Select(f => f.Text).ToList(),
            ordered.Select(f => f.Index).ToList(),
            $"{count} programs in {clock.Elapsed.TotalSeconds:F1} s on {workers} workers: {total}; {failures.Count} failing",
            shapes.ToString());
    }
}
