using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using GlobalStepMigration.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace GlobalStepMigration.CodeFixes.Tests;

/// <summary>
/// The code fixes' cross-type index keeps what it learns from a syntax tree for as long as the tree lives, so an
/// IDE's next snapshot (one document edited) reuses it for every other document. These tests edit one file and ask
/// again on the new snapshot, where the other files keep their trees, and compare every action (title and key) and
/// the reason with a cold index: a new solution parsed from the same texts. The edits change what an unchanged
/// file's call binds to (a type with a colliding name, its rename, a new overload), which is where an index that
/// kept its semantic facts from the older snapshot would answer wrongly.
/// </summary>
public sealed class IncrementalIndexTests
{
    /// <summary>A unit in a private graph whose scope calls <paramref name="call"/> of the helper file.</summary>
    private static string Unit(string call) => GraphScopeCallTests.Program(call, string.Empty);

    /// <summary>
    /// The file the unit calls into; it is never edited. <c>Train.GetGlobalStep()</c> binds to the runtime through the
    /// alias unless namespace <c>Helpers</c> declares a <c>Train</c>; the unqualified <c>GetGlobalStep()</c> binds to
    /// the runtime through <c>using static</c> unless the partial class declares a method of that name.
    /// </summary>
    private const string Helpers = """
        using System;
        using Train = GlobalStepMigration.Runtime.Tf.Compat.V1.Train;
        using static GlobalStepMigration.Runtime.Tf.Compat.V1.Train;

        namespace Helpers
        {
            static partial class Helper
            {
                public static void Report() => Console.WriteLine(Train.GetGlobalStep() is null);

                public static void Count() => Console.WriteLine(GetGlobalStep() is null);
            }
        }
        """;

    /// <summary>The edited file, in the states the tests step through.</summary>
    private static string Other(string members = "", string types = "") => $$"""
        namespace Helpers
        {
            static partial class Helper
            {
                {{members}}
            }

            {{types}}
        }
        """;

    [Fact]
    public async Task ATypeWithACollidingNameAndItsRename_InAnotherFile_ChangeTheOutcomeAsAColdIndexDoes()
    {
        var unit = Unit("Helpers.Helper.Report();");

        // The helper reads the default graph's step inside the unit's scope: no fix, and the reason names it.
        var harness = await StepAsync(null, unit, Other(), fixes: 0);
        Assert.Contains("'Helper.Report'", string.Join("\n", await harness.ExplanationsAsync(0)), StringComparison.Ordinal);

        // A Helpers.Train in the edited file: the unchanged file's Train.GetGlobalStep() now binds to it.
        harness = await StepAsync(harness, unit, Other(types: "static class Train { public static object? GetGlobalStep() => null; }"), fixes: 2);

        // Renamed: the alias, so the runtime, is back.
        harness = await StepAsync(harness, unit, Other(types: "static class Trainer { public static object? GetGlobalStep() => null; }"), fixes: 0);

        // And the colliding name once more.
        await StepAsync(harness, unit, Other(types: "static class Train { public static object? GetGlobalStep() => null; }"), fixes: 2);
    }

    [Fact]
    public async Task ANewOverloadInAnotherFile_ChangesTheOutcomeAsAColdIndexDoes()
    {
        var unit = Unit("Helpers.Helper.Count();");
        var harness = await StepAsync(null, unit, Other(), fixes: 0);

        // A method of that name in the other part of the class hides the using static: the call binds to it.
        harness = await StepAsync(harness, unit, Other(members: "static object? GetGlobalStep(string tag = \"\") => null;"), fixes: 2);

        // Removed again.
        await StepAsync(harness, unit, Other(members: "static int Unrelated() => 0;"), fixes: 0);
    }

    [Fact]
    public async Task AnEditOfTheFileThatHoldsTheSite_IsSeenOnTheNextSnapshot()
    {
        var unit = Unit("Helpers.Helper.Report();");
        var harness = await StepAsync(null, unit, Other(), fixes: 0);

        // The helper's own file edited (its tree replaced): the read is gone.
        var helpers = harness.Project.Documents.ElementAt(1).Id;
        var edited = Helpers.Replace("Train.GetGlobalStep() is null", "1 is 2", StringComparison.Ordinal);
        harness = harness.With(harness.Solution.WithDocumentText(helpers, SourceText.From(edited)));
        var fresh = FixHarness.Create(new[] { unit, edited, Other() });
        Assert.Equal(await SummaryAsync(fresh), await SummaryAsync(harness));
        Assert.Equal(2, (await harness.FixesAsync(0)).Count);
    }

    [Fact]
    public async Task AnEditElsewhereThatBreaksOrMendsTheUnitsDocument_IsSeenOnTheNextSnapshot()
    {
        // Whether the unit's document compiles is kept per tree and project semantic version: an edit of a method body
        // elsewhere keeps it, a changed declaration elsewhere asks again.
        var unit = Unit("Helpers.Helper.Scale(1);");
        var harness = await StepAsync(null, unit, Other(members: "public static double Scale(int x) => x;"), fixes: 2);
        harness = await StepAsync(harness, unit, Other(members: "public static double Scale(int x) => x * 2;"), fixes: 2);

        // Renamed: the unit's document no longer compiles, so nothing is offered and the reason says why.
        harness = await StepAsync(harness, unit, Other(members: "public static double Rescale(int x) => x * 2;"), fixes: 0, compiles: false);
        Assert.Equal(BlockerKind.DocumentHasErrors, (await harness.DeclinedAsync(0, FixKind.UseOptimizerIterations))?.Kind);
        await StepAsync(harness, unit, Other(members: "public static double Scale(int x) => x * 2;"), fixes: 2);
    }

    /// <summary>
    /// The snapshot after <paramref name="other"/> replaces the edited file of <paramref name="previous"/> (or the first
    /// snapshot): every action equal to a cold index's, with <paramref name="fixes"/> fixes offered, the unchanged files
    /// keeping their trees.
    /// </summary>
    private static async Task<FixHarness> StepAsync(FixHarness? previous, string unit, string other, int fixes, bool compiles = true)
    {
        FixHarness harness;
        if (previous is null)
        {
            harness = FixHarness.Create(new[] { unit, Helpers, other });
        }
        else
        {
            var trees = await Task.WhenAll(previous.Project.Documents.Take(2).Select(document => document.GetSyntaxTreeAsync()));
            harness = previous.With(previous.Solution.WithDocumentText(previous.Project.Documents.ElementAt(2).Id, SourceText.From(other)));
            var after = await Task.WhenAll(harness.Project.Documents.Take(2).Select(document => document.GetSyntaxTreeAsync()));
            Assert.Same(trees[0], after[0]);
            Assert.Same(trees[1], after[1]);
        }

        var compilation = await harness.CompilationAsync();
        Assert.Equal(compiles, !compilation.GetDiagnostics().Any(d => d.Severity == DiagnosticSeverity.Error));
        var incremental = await SummaryAsync(harness);
        var cold = await SummaryAsync(FixHarness.Create(new[] { unit, Helpers, other }));
        Assert.Equal(cold, incremental);
        Assert.Equal(fixes, (await harness.FixesAsync(0)).Count);
        return harness;
    }

    /// <summary>Every action of every diagnostic (title and equivalence key), and why each fix is declined for the first (or that it is offered).</summary>
    private static async Task<List<string>> SummaryAsync(FixHarness harness)
    {
        var result = new List<string>();
        var diagnostics = await harness.DiagnosticsAsync();
        for (var i = 0; i < diagnostics.Length; i++)
        {
            result.AddRange((await harness.ActionsAsync(i)).Select(action => diagnostics[i].Id + ": " + action.Title + " [" + action.EquivalenceKey + "]"));
        }

        foreach (var fix in new[] { FixKind.UseOptimizerIterations, FixKind.UseExplicitVariable })
        {
            result.Add(fix + ": " + (await harness.DeclinedAsync(0, fix) is { } blocker ? BlockerText.WithAdvice(blocker) : "offered"));
        }
        return result;
    }
}
