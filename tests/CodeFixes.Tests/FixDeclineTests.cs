using System.Linq;
using System.Threading.Tasks;
using GlobalStepMigration.Analyzers;
using GlobalStepMigration.TestKit;
using Xunit;

namespace GlobalStepMigration.CodeFixes.Tests;

/// <summary>
/// Declines that only the code fixes see (the analysis allows the fix, the rewrite cannot be exact): each
/// names its reason as a <see cref="Blocker"/> of the shared kind table, and no action is offered for it.
/// </summary>
public sealed class FixDeclineTests
{
    private const string Usings = "using System;\nusing GlobalStepMigration.Runtime;\nusing Train = GlobalStepMigration.Runtime.Tf.Compat.V1.Train;\n\n";

    [Theory]
    [InlineData(
        "adam",
        "var v = Tf.Variable(3.0);\nvar step = Train.GetOrCreateGlobalStep();\nvar opt = Train.AdamOptimizer(0.1);\nopt.Minimize(() => v * v, step, new[] { v });\n",
        nameof(BlockerKind.NoExactKerasOptimizer),
        null)]
    [InlineData(
        "minimize without varList",
        "var g = new Graph();\nusing (g.AsDefault())\n{\n    var v = Tf.Variable(3.0);\n    var step = Train.GetOrCreateGlobalStep();\n    var opt = Train.GradientDescentOptimizer(0.1);\n    opt.Minimize(v * v, step);\n}\n",
        nameof(BlockerKind.UpdateNotTranslatable),
        null)]
    [InlineData(
        "eager decay",
        "var v = Tf.Variable(3.0);\nvar step = Train.GetOrCreateGlobalStep();\nvar opt = Train.GradientDescentOptimizer(Train.ExponentialDecay(0.1, step, 2, 0.5));\nopt.Minimize(() => v * v, step, new[] { v });\n",
        nameof(BlockerKind.DecayEvaluatedEagerly),
        null)]
    [InlineData(
        "decay with a tensor rate",
        "var g = new Graph();\nusing (g.AsDefault())\n{\n    var v = Tf.Variable(3.0);\n    var step = Train.GetOrCreateGlobalStep();\n    var lr = Train.ExponentialDecay(Tf.Constant(0.1), step, 2, 0.5);\n    var opt = Train.GradientDescentOptimizer(lr);\n    opt.Minimize(v * v, step, new[] { v });\n}\n",
        nameof(BlockerKind.DecayRateNotNumber),
        nameof(BlockerKind.DecayRateNotNumber))]
    [InlineData(
        "another type's lookup",
        "var step = Train.GetOrCreateGlobalStep();\nvar v = Tf.Variable(3.0);\nvar opt = Train.GradientDescentOptimizer(0.1);\nopt.Minimize(() => v * v, step, new[] { v });\nOther.Print();\n\nstatic class Other\n{\n    public static void Print() => Console.WriteLine(Train.GetGlobalStep()!.Numpy());\n}\n",
        nameof(BlockerKind.SharedWithOtherType),
        nameof(BlockerKind.SharedWithOtherType))]
    public async Task FixDeclinesWithAReasonOfItsOwn(string name, string body, string fixA, string? fixB)
    {
        var harness = FixHarness.Create(Usings + body);
        Assert.Empty(TestCompilation.Problems(await harness.CompilationAsync()));
        var diagnostics = await harness.DiagnosticsAsync();
        var index = diagnostics.ToList().FindIndex(d => d.Id is "GSM001" or "GSM002" or "GSM003");
        Assert.True(index >= 0, name);
        Assert.Equal(UnitProperties.BothFixes, diagnostics[index].Properties[UnitProperties.Fixes]);

        var a = await harness.DeclinedAsync(index, FixKind.UseOptimizerIterations);
        Assert.Equal(fixA, a?.Kind.ToString());
        Assert.Equal(FixKind.UseOptimizerIterations, a!.OnlyFix ?? FixKind.UseOptimizerIterations);
        Assert.False(string.IsNullOrWhiteSpace(BlockerText.WithAdvice(a)));

        var b = await harness.DeclinedAsync(index, FixKind.UseExplicitVariable);
        Assert.Equal(fixB, b?.Kind.ToString());
        var titles = (await harness.ActionsAsync(index)).Select(action => action.Title).ToList();
        Assert.DoesNotContain(GlobalStepFixes.UseOptimizerIterationsTitle, titles);
        Assert.Equal(fixB is null, titles.Contains(GlobalStepFixes.UseExplicitVariableTitle));
    }

    [Fact]
    public async Task BrokenFile_DeclinesBothFixes_NamingTheDocument()
    {
        var harness = FixHarness.Create(Usings + "var step = Train.GetOrCreateGlobalStep();\nvar opt = Train.GradientDescentOptimizer(0.1);\nopt.Minimize(step * 2.0, step);\nvar broken = missing +;\n");
        var index = (await harness.DiagnosticsAsync()).ToList().FindIndex(d => d.Id == "GSM002");
        foreach (var fix in new[] { FixKind.UseOptimizerIterations, FixKind.UseExplicitVariable })
        {
            var blocker = await harness.DeclinedAsync(index, fix);
            Assert.Equal(BlockerKind.DocumentHasErrors, blocker?.Kind);
            Assert.Equal("File0.cs", blocker!.Name);
        }
    }
}
