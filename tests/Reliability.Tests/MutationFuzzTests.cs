using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Xunit;
using Xunit.Abstractions;

namespace GlobalStepMigration.Reliability.Tests;

/// <summary>
/// Mutants of the pattern corpus (tokens deleted or duplicated, truncation, arguments swapped or
/// deleted, identifiers replaced, statements deleted or duplicated): the analyzer never throws and
/// reports the same diagnostics twice; fix registration, each offered action and fix-all never
/// throw; no fix is offered on a unit whose code has errors; a fix of error-free code adds no error.
/// </summary>
public sealed class MutationFuzzTests
{
    /// <summary>Mutants per CI run; GSM_RELIABILITY_MUTANTS overrides it.</summary>
    public const int CiMutants = 2000;

    private readonly ITestOutputHelper _output;

    public MutationFuzzTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public async Task MutantsOfTheCorpus_NeverCrash_AreDeterministic_AndGetNoGuessingFix()
    {
        var seed = Sandbox.Seed("mutants");
        var count = Sandbox.Count("GSM_RELIABILITY_MUTANTS", CiMutants);
        _output.WriteLine($"mutation fuzzer: seed {seed} (rerun with GSM_RELIABILITY_SEED={seed}), {count} mutants");
        var report = await RunAsync(seed, count);
        _output.WriteLine(report.Summary);
        Assert.True(report.Failures.Count == 0, $"seed {seed}: {report.Failures.Count} failing mutant(s)\n{string.Join("\n\n", report.Failures.Take(5))}");
    }

    [Fact]
    public void Mutator_IsDeterministic_AndMakesEveryKindOfMutation()
    {
        var source = Corpus.Get("SeedProgram.cs");
        var descriptions = new HashSet<string>();
        for (var i = 0; i < 200; i++)
        {
            var a = Mutator.Mutate(source, new Random(i));
            var b = Mutator.Mutate(source, new Random(i));
            Assert.Equal(a, b);
            descriptions.UnionWith(a.Description.Split("; ").Select(d => d.Split(' ')[0] + " " + d.Split(' ')[1]));
        }

        foreach (var kind in new[] { "delete '", "duplicate '", "truncate at", "swap arguments", "delete argument", "replace '", "delete statement", "duplicate statement" })
        {
            Assert.Contains(descriptions, d => d.StartsWith(kind, StringComparison.Ordinal) || (d + " ").StartsWith(kind, StringComparison.Ordinal));
        }
    }

    internal sealed record Report(List<string> Failures, string Summary);

    internal static async Task<Report> RunAsync(ulong seed, int count)
    {
        var corpus = Corpus.All;
        var total = new Invariants.Stats();
        var failures = new List<(int Index, string Text)>();
        var clock = Stopwatch.StartNew();
        var done = 0;

        // One worker per core, each with its own counters; mutant i is the same whatever worker runs it.
        var workers = Math.Max(1, Environment.ProcessorCount);
        await Task.WhenAll(Enumerable.Range(0, workers).Select(worker => Task.Run(async () =>
        {
            var stats = new Invariants.Stats();
            for (var i = worker; i < count; i += workers)
            {
                var (name, mutant, description) = Make(seed, i, corpus);
                var problems = await Invariants.CheckAnyInputAsync(mutant, stats);
                if (problems.Count > 0)
                {
                    var text = new StringBuilder()
                        .AppendLine($"mutant {i} of {name} (seed {seed}): {description}")
                        .AppendLine(string.Join("\n", problems))
                        .AppendLine("--- mutant")
                        .AppendLine(mutant);
                    lock (failures)
                    {
                        failures.Add((i, text.ToString()));
                    }
                }

                Sandbox.Progress("mutants", seed, Interlocked.Increment(ref done), count, failures.Count, clock.Elapsed);
            }

            lock (total)
            {
                total.Add(stats);
            }
        })));

        return new Report(
            failures.OrderBy(f => f.Index).Select(f => f.Text).ToList(),
            $"{count} mutants in {clock.Elapsed.TotalSeconds:F1} s on {workers} workers: {total}; {failures.Count} failing");
    }

    /// <summary>Mutant <paramref name="index"/> of a run: its own Random, so it reproduces from (seed, index) alone.</summary>
    internal static (string Name, string Source, string Description) Make(ulong seed, int index, IReadOnlyList<(string Name, string Source)> corpus)
    {
        var random = new Random(unchecked((int)(seed * 31 + (ulong)index * 2654435761UL) ^ (int)(seed >> 32)));
        var (name, source) = corpus[random.Next(corpus.Count)];
        var (mutant, description) = Mutator.Mutate(source, random);
        return (name, mutant, description);
    }
}
