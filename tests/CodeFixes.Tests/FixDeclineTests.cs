using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using GlobalStepMigration.Analyzers;
using GlobalStepMigration.TestKit;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Xunit;

namespace GlobalStepMigration.CodeFixes.Tests;

/// <summary>
/// Declines that only the code fixes see (the analysis of one type allows the fix; another type, or the rewrite
/// itself, rules it out): each names its reason as a <see cref="Blocker"/> of the shared kind table, and the fix is
/// replaced by an action "Not offered: fix — reason" that changes nothing, under the declined fix's key, so a fix-all
/// started from it migrates every other unit as that key always did (docs/design/observables.md).
/// </summary>
public sealed class FixDeclineTests
{
    private const string Usings = "using System;\nusing GlobalStepMigration.Runtime;\nusing Train = GlobalStepMigration.Runtime.Tf.Compat.V1.Train;\n\n";

    /// <summary>An eager unit of the default graph in top-level code, then OTHER (the other types).</summary>
    private const string EagerUnit = Usings + """
        var w = Tf.Variable(3.0);
        var step = Train.GetOrCreateGlobalStep();
        var opt = Train.GradientDescentOptimizer(0.1);
        opt.Minimize(() => w * w, step, new[] { w });
        Console.WriteLine(step.Numpy());
        Other.Run();

        """;

    [Theory]
    [InlineData(
        "another type's lookup (O5)",
        "static class Other\n{\n    public static void Run() => Console.WriteLine(Train.GetGlobalStep()!.Numpy());\n}\n",
        nameof(BlockerKind.SharedWithOtherType),
        nameof(BlockerKind.SharedWithOtherType))]
    [InlineData(
        "another type's read of GLOBAL_VARIABLES (O6)",
        "static class Other\n{\n    public static void Run() => Console.WriteLine(Tf.Compat.V1.GlobalVariables().Count);\n}\n",
        nameof(BlockerKind.GraphStructureObserved),
        null)]
    [InlineData(
        "another type enumerates the graph (O6)",
        "static class Other\n{\n    public static void Run() { var g = new Graph(); Console.WriteLine(g.GetOperations().Count); }\n}\n",
        nameof(BlockerKind.TrainStructureObserved),
        nameof(BlockerKind.TrainStructureObserved))]
    [InlineData(
        "another type's checkpoint (O12)",
        "static class Other\n{\n    public static void Run() { if (Environment.GetCommandLineArgs().Length > 9) { Train.Saver(); } }\n}\n",
        nameof(BlockerKind.CheckpointObserved),
        null)]
    public async Task AnotherTypeObserves_TheFixIsReplacedByItsReason(string name, string other, string fixA, string? fixB)
    {
        var harness = FixHarness.Create(EagerUnit + other);
        Assert.Empty(TestCompilation.Problems(await harness.CompilationAsync()));
        var diagnostics = await harness.DiagnosticsAsync();
        var index = diagnostics.ToList().FindIndex(d => d.Id is "GSM001" or "GSM002" or "GSM003");
        Assert.True(index >= 0, name);
        Assert.Equal(UnitProperties.BothFixes, diagnostics[index].Properties[UnitProperties.Fixes]);

        var a = await harness.DeclinedAsync(index, FixKind.UseOptimizerIterations);
        Assert.Equal(fixA, a?.Kind.ToString());
        var b = await harness.DeclinedAsync(index, FixKind.UseExplicitVariable);
        Assert.Equal(fixB, b?.Kind.ToString());

        // The fix that is offered comes first; the reason of the other is an action of its own, naming it.
        var titles = (await harness.ActionsAsync(index)).Select(action => action.Title).ToList();
        var expected = new[]
        {
            fixB is null ? GlobalStepFixes.UseExplicitVariableTitle : null,
            "Not offered: Use optimizer.Iterations \u2014 " + BlockerText.Reason(a!),
            b is null ? null : "Not offered: Use an explicitly incremented variable \u2014 " + BlockerText.Reason(b),
        };
        Assert.Equal(expected.Where(title => title is not null), titles);
    }

    [Fact]
    public async Task ExplanationAction_ChangesNothing_AndAFixAllFromItMigratesTheOtherUnitsAsBefore()
    {
        // Two types: Declined's unit is seen by Other's lookup (no fix for either: the rule is symmetric); Clean's unit
        // lives in a private graph and gets fix A. The explanation on Declined's unit changes nothing, and a fix-all
        // started from it (its key is fix A's family) gives exactly what a fix-all under fix A's key gives.
        const string program = Usings + """
            Declined.Run();
            Clean.Run();

            static class Declined
            {
                public static void Run()
                {
                    var w = Tf.Variable(3.0);
                    var step = Train.GetOrCreateGlobalStep();
                    var opt = Train.GradientDescentOptimizer(0.1);
                    opt.Minimize(() => w * w, step, new[] { w });
                    Console.WriteLine(Other.Read());
                }
            }

            static class Other
            {
                public static long Read() => (long)Train.GetGlobalStep()!.Numpy();
            }

            static class Clean
            {
                public static void Run()
                {
                    var g = new Graph();
                    using (g.AsDefault())
                    {
                        var w = Tf.Variable(1.0);
                        var step = Train.GetOrCreateGlobalStep();
                        var opt = Train.GradientDescentOptimizer(0.25);
                        var train = opt.Minimize(Tf.Square(w - 2.0), step, new[] { w });
                        using var sess = new Session(g);
                        sess.Run(Tf.Compat.V1.GlobalVariablesInitializer());
                        sess.Run(train!);
                        Console.WriteLine($"{sess.Run(step)} {(double)sess.Run(w):F4}");
                    }
                }
            }
            """;
        var harness = FixHarness.Create(program);
        var diagnostics = await harness.DiagnosticsAsync();
        var declined = diagnostics.ToList().FindIndex(d => d.Id == "GSM002");
        var explanation = (await harness.ActionsAsync(declined)).First(action => action.Title.StartsWith(GlobalStepFixes.NotOfferedPrefix, StringComparison.Ordinal));
        Assert.Equal(GlobalStepFixes.UseOptimizerIterationsKey, explanation.EquivalenceKey);
        Assert.Contains("'GetGlobalStep' in 'Other'", explanation.Title);

        // Applying it changes nothing.
        var operations = await explanation.GetOperationsAsync(CancellationToken.None);
        var changed = operations.OfType<ApplyChangesOperation>().Single().ChangedSolution;
        Assert.Equal(program, (await changed.Projects.First().Documents.First().GetTextAsync()).ToString());

        // A fix-all started from it is the fix-all of its key.
        var fromExplanation = FixHarness.Create(program);
        await fromExplanation.FixAllAsync(FixAllScope.Solution, explanation.EquivalenceKey!);
        var underA = FixHarness.Create(program);
        await underA.FixAllAsync(FixAllScope.Solution, GlobalStepFixes.UseOptimizerIterationsKey);
        Assert.Equal(underA.Text(), fromExplanation.Text());
        Assert.Contains("var opt = Tf.Keras.Optimizers.SGD(0.25);", fromExplanation.Text());
        Assert.Contains("var opt = Train.GradientDescentOptimizer(0.1);", fromExplanation.Text());
        ProgramProof.Start(await harness.CompilationAsync()).RequireSame(await fromExplanation.CompilationAsync(), fromExplanation.Applied);
    }

    [Fact]
    public async Task BrokenFile_DeclinesTheFixTheAnalysisAllows_NamingTheDocument()
    {
        var harness = FixHarness.Create(Usings + "var step = Train.GetOrCreateGlobalStep();\nvar opt = Train.GradientDescentOptimizer(0.1);\nopt.Minimize(step * 2.0, step);\nvar broken = missing +;\n");
        var index = (await harness.DiagnosticsAsync()).ToList().FindIndex(d => d.Id == "GSM002");

        // Fix A: the analysis says why (an eager Minimize without a variable list); fix B: the file does not compile.
        Assert.Equal(BlockerKind.DeclinedByAnalysis, (await harness.DeclinedAsync(index, FixKind.UseOptimizerIterations))?.Kind);
        var blocker = await harness.DeclinedAsync(index, FixKind.UseExplicitVariable);
        Assert.Equal(BlockerKind.DocumentHasErrors, blocker?.Kind);
        Assert.Equal("File0.cs", blocker!.Name);
        Assert.Equal(
            new[] { "Not offered: Use an explicitly incremented variable \u2014 'File0.cs' has compiler errors, so the step may be incomplete" },
            (await harness.ActionsAsync(index)).Select(action => action.Title));
    }
}
