using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using GlobalStepMigration.Reliability.Tests.Generation;
using Xunit;
using Xunit.Abstractions;

namespace GlobalStepMigration.Reliability.Tests;

/// <summary>
/// Random but valid programs composed from migration.md's patterns. For each: the original compiles
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

    [Fact]
    public async Task GeneratedPrograms_RunTheSame_AfterEveryFixAndFixAll()
    {
        var seed = Sandbox.Seed("programs");
        var count = Sandbox.Count("GSM_RELIABILITY_COUNT", CiPrograms);
        _output.WriteLine($"program generator: seed {seed} (rerun with GSM_RELIABILITY_SEED={seed}), {count} programs");
        var report = await RunAsync(seed, count);
        _output.WriteLine(report.Summary);
        Assert.True(report.Failures.Count == 0, $"seed {seed}: {report.Failures.Count} failing program(s)\n{string.Join("\n\n", report.Failures.Take(3))}");
    }

    [Fact]
    public void Generator_IsReproducible_AndCoversThePatterns()
    {
        var specs = Enumerable.Range(0, 400).Select(i => ProgramGenerator.Generate(12345, i)).ToList();
        Assert.Equal(ProgramWriter.Write(specs[17]), ProgramWriter.Write(ProgramGenerator.Generate(12345, 17)));
        var units = specs.SelectMany(s => s.Units).ToList();
        foreach (var kind in Enum.GetValues<UnitKind>())
        {
            Assert.Contains(units, u => u.Kind == kind);
        }

        foreach (var decay in Enum.GetValues<Decay>())
        {
            Assert.Contains(units, u => u.Decay == decay);
        }

        foreach (var spelling in Enum.GetValues<Spelling>())
        {
            Assert.Contains(units, u => u.Spelling == spelling);
        }

        foreach (var creation in Enum.GetValues<Creation>())
        {
            Assert.Contains(units, u => u.Creation == creation);
        }

        Assert.Contains(units, u => u.Mode == Mode.Eager && u.Kind == UnitKind.Tf1);
        Assert.Contains(units, u => u.Storage == Storage.Field && u.HelperRead);
        Assert.Contains(units, u => u.LaterLookup);
        Assert.Contains(specs, s => s.FirstAtTopLevel);
        Assert.Contains(specs, s => s.Units.Count >= 3);
    }

    internal sealed record Report(List<string> Failures, string Summary);

    internal static async Task<Report> RunAsync(ulong seed, int count)
    {
        var total = new Invariants.Stats();
        var failures = new List<(int Index, string Text)>();
        var clock = Stopwatch.StartNew();
        var workers = Math.Max(1, Environment.ProcessorCount);
        await Task.WhenAll(Enumerable.Range(0, workers).Select(worker => Task.Run(async () =>
        {
            var stats = new Invariants.Stats();
            for (var i = worker; i < count; i += workers)
            {
                var spec = ProgramGenerator.Generate(seed, i);
                var source = ProgramWriter.Write(spec);
                List<string> problems;
                try
                {
                    problems = await Invariants.CheckValidProgramAsync(source, stats);
                }
                catch (Exception exception)
                {
                    problems = new List<string> { "the check threw: " + exception };
                }

                if (problems.Count > 0)
                {
                    var text = new StringBuilder()
                        .AppendLine($"program {i} (seed {seed}):")
                        .AppendLine(spec.ToString())
                        .AppendLine(string.Join("\n", problems))
                        .AppendLine("--- program")
                        .AppendLine(source);
                    lock (failures)
                    {
                        failures.Add((i, text.ToString()));
                    }
                }
            }

            lock (total)
            {
                total.Add(stats);
            }
        })));

        return new Report(
            failures.OrderBy(f => f.Index).Select(f => f.Text).ToList(),
            $"{count} programs in {clock.Elapsed.TotalSeconds:F1} s on {workers} workers: {total}; {failures.Count} failing");
    }
}
