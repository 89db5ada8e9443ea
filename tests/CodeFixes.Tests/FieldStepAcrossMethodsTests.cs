using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.CodeFixes;
using Xunit;

namespace GlobalStepMigration.CodeFixes.Tests;

/// <summary>
/// The field-step-across-methods pattern (docs/design/patterns.md) with "Use optimizer.Iterations": a private field step created in one method and
/// incremented by an optimizer of another. The creation moves to the optimizer when nothing can
/// read the field in between; otherwise only the explicit variable is offered.
/// </summary>
public sealed class FieldStepAcrossMethodsTests
{
    private const string A = GlobalStepFixes.UseOptimizerIterationsKey;
    private const string B = GlobalStepFixes.UseExplicitVariableKey;

    /// <summary>Eager: the step is created in Run, the optimizer in Train, and read in Report.</summary>
    private const string Eager = """
        using System;
        using GlobalStepMigration.Runtime;

        new Trainer().Run();

        sealed class Trainer
        {
            private Tensor? _step;
            private Variable? _w;

            public void Run()
            {
                _w = Tf.Variable(2.0, name: "w");
                _step = Tf.Compat.V1.Train.GetOrCreateGlobalStep();
                // BETWEEN
                Train(3);
                Console.WriteLine(Report());
            }

            private void Train(int steps)
            {
                var w = _w!;
                // the optimizer
                var opt = Tf.Compat.V1.Train.GradientDescentOptimizer(0.25);
                for (var i = 0; i < steps; i++)
                {
                    opt.Minimize(() => Tf.Square(w), _step, new[] { w });
                    Console.WriteLine(Report());
                }
            }

            private string Report() => $"step {_step!.Numpy()} w {(double)_w!.Numpy():F4}";
        }
        """;

    [Fact]
    public async Task GraphFieldStep_Pattern3_OffersIterationsFirst_AndKeepsBehaviour()
    {
        var harness = FixHarness.Create(Programs.FieldStep);
        Assert.Equal(new[] { A, B }, (await harness.ActionsAsync(0)).Select(a => a.EquivalenceKey));

        var after = await FixHarness.ProveAsync(Programs.FieldStep, h => h.ApplyAsync(1, A));
        Assert.Equal(Programs.FieldStepAfterOptimizerIterations, after);
    }

    [Theory]
    [InlineData(FixAllScope.Document)]
    [InlineData(FixAllScope.Solution)]
    public async Task EagerFieldStep_FixAll_OnePass(FixAllScope scope)
    {
        var text = await FixHarness.Create(Eager).ProveFixAllAsync(scope, A);
        Assert.Contains("        var opt = Tf.Keras.Optimizers.SGD(0.25);\n        _step = opt.Iterations;\n", text);
        Assert.Contains("        _w = Tf.Variable(2.0, name: \"w\");\n        // BETWEEN\n        Train(3);", text);
        Assert.Contains("opt.Minimize(() => Tf.Square(w), new[] { w });", text);
        Assert.DoesNotContain("GetOrCreateGlobalStep", text);
    }

    [Theory]
    [InlineData("// BETWEEN", "Console.WriteLine(_step!.Numpy());", "a read of the field between the creation and the optimizer")]
    [InlineData("// BETWEEN", "Console.WriteLine(Report());", "a call of the program's own code between them")]
    [InlineData("// BETWEEN", "Console.WriteLine(Tf.Compat.V1.Train.GetGlobalStep()!.Numpy());", "a lookup of the step between them")]
    [InlineData("// the optimizer", "Console.WriteLine(_step!.Numpy());", "a read before the optimizer's construction")]
    [InlineData("Train(3);", "Train(3);\n        Train(1);", "the optimizer's method called twice (two counters)")]
    [InlineData("_step = Tf.Compat", "Train(0);\n        _step = Tf.Compat", "the optimizer's method called before the creation")]
    [InlineData("private void Train(int steps)", "internal void Train(int steps)", "the optimizer's method reachable from other code")]
    [InlineData("Train(3);", "Action train = () => Train(3);\n        train();", "the optimizer's method called from a lambda")]
    public async Task NothingMayReadTheFieldBeforeTheOptimizerExists_ElseOnlyTheExplicitVariable(string anchor, string replacement, string why)
    {
        var program = Eager.Replace(anchor, replacement);
        Assert.NotEqual(Eager, program);
        var harness = FixHarness.Create(program);
        var diagnostics = await harness.DiagnosticsAsync();
        Assert.True(diagnostics.Length > 0, why);
        var titles = (await harness.ActionsAsync(0)).Select(a => a.Title).ToList();
        Assert.DoesNotContain(GlobalStepFixes.UseOptimizerIterationsTitle, titles);
        if (titles.Contains(GlobalStepFixes.UseExplicitVariableTitle))
        {
            await FixHarness.ProveAsync(program, h => h.ApplyAsync(0, B));
        }
    }
}
