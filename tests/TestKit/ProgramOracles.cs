using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace GlobalStepMigration.TestKit;

/// <summary>
/// A way to look at what a program does, so that a program before and after a fix can be compared: its printed
/// output (<see cref="OutputOracle"/>) and, for graph programs, the graphs it builds (<see cref="GraphOracle"/>). Every proof by
/// execution (<see cref="ProgramProof"/>, and through it <see cref="FixVerifier"/>) asks the same oracles.
/// </summary>
public interface IProgramOracle
{
    /// <summary>What the oracle sees of one program; throws when the program cannot be observed (it does not run).</summary>
    IProgramObservation Observe(Compilation program);
}

/// <summary>One oracle's observation of one program.</summary>
public interface IProgramObservation
{
    /// <summary>
    /// Null when <paramref name="after"/> (the same oracle's observation of the program after <paramref name="fixes"/>)
    /// shows the same, or differs only as those fixes may (docs/design/observables.md); else what differs.
    /// </summary>
    string? Difference(IProgramObservation after, AppliedFixes fixes);
}

/// <summary>Runs the program and compares what it printed, line by line.</summary>
public sealed class OutputOracle : IProgramOracle
{
    public IProgramObservation Observe(Compilation program) => new Output(ProgramRunner.Output(program));

    /// <summary>What a program printed.</summary>
    public sealed class Output : IProgramObservation
    {
        public Output(string text) => Text = text;

        public string Text { get; }

        public string? Difference(IProgramObservation after, AppliedFixes fixes) =>
            after is Output other && other.Text == Text ? null : "prints differently\n--- before\n" + Text + "--- after\n" + (after as Output)?.Text;
    }
}

/// <summary>The oracles every proof by execution asks unless a test says otherwise.</summary>
public static class ProgramOracles
{
    /// <summary>The printed output and, for graph programs, the graphs built.</summary>
    public static IReadOnlyList<IProgramOracle> Default { get; } = new IProgramOracle[] { new OutputOracle(), new GraphOracle() };
}

/// <summary>
/// A proof by execution: observes the program before a fix once (every oracle), then requires each program after
/// it to compile without warnings and to show every oracle the same.
/// </summary>
public sealed class ProgramProof
{
    private readonly IReadOnlyList<(IProgramOracle Oracle, IProgramObservation Before)> _before;

    private ProgramProof(IReadOnlyList<(IProgramOracle, IProgramObservation)> before) => _before = before;

    /// <summary>Observes <paramref name="before"/> with <paramref name="oracles"/> (default: <see cref="ProgramOracles.Default"/>).</summary>
    public static ProgramProof Start(Compilation before, IReadOnlyList<IProgramOracle>? oracles = null) =>
        new((oracles ?? ProgramOracles.Default).Select(oracle => (oracle, oracle.Observe(before))).ToList());

    /// <summary>What the program printed before the fix (when the output oracle is one of the oracles).</summary>
    public string? BeforeOutput => _before.Select(pair => pair.Before).OfType<OutputOracle.Output>().FirstOrDefault()?.Text;

    /// <summary>Throws unless <paramref name="after"/> compiles cleanly and every oracle sees what it saw before, but for what <paramref name="fixes"/> (default: any fix) may change.</summary>
    public void RequireSame(Compilation after, AppliedFixes? fixes = null)
    {
        var differences = Differences(after, fixes);
        if (differences.Count > 0)
        {
            throw new InvalidOperationException("The fix changed the program:\n" + string.Join("\n", differences));
        }
    }

    /// <summary>What differs in <paramref name="after"/>: its warnings and errors, a failed run, or each oracle's difference; empty when nothing does.</summary>
    public IReadOnlyList<string> Differences(Compilation after, AppliedFixes? fixes = null)
    {
        var problems = TestCompilation.Problems(after);
        if (problems.Length > 0)
        {
            return new[] { "does not compile cleanly:\n" + string.Join("\n", problems) };
        }

        var differences = new List<string>();
        foreach (var (oracle, before) in _before)
        {
            try
            {
                if (before.Difference(oracle.Observe(after), fixes ?? AppliedFixes.Any) is { } difference)
                {
                    differences.Add(difference);
                }
            }
            catch (InvalidOperationException failure)
            {
                differences.Add(failure.Message);
            }
        }

        return differences;
    }
}
