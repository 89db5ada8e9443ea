using System.Linq;
using System.Threading.Tasks;
using GlobalStepMigration.Analyzers;
using Xunit;

namespace GlobalStepMigration.CodeFixes.Tests;

/// <summary>No fix is offered where migrating would mean guessing; the diagnostic says why.</summary>
public sealed class NoFixTests
{
    private static async Task AssertNoFixAsync(string source, string? reasonPart)
    {
        var harness = FixHarness.Create(source);
        var diagnostics = (await harness.DiagnosticsAsync()).Where(d => d.Id is "GSM001" or "GSM002" or "GSM003").ToList();
        Assert.NotEmpty(diagnostics);
        for (var i = 0; i < diagnostics.Count; i++)
        {
            Assert.Empty(await harness.FixesAsync(i));
            if (reasonPart is not null)
            {
                Assert.Contains(reasonPart, diagnostics[i].GetMessage(System.Globalization.CultureInfo.InvariantCulture));
            }
        }
    }

    [Fact]
    public Task HelperReadWithNoStepInReach() => AssertNoFixAsync("""
        using System;
        using GlobalStepMigration.Runtime;

        public static class Reporter
        {
            public static void Print(Session sess) => Console.WriteLine(sess.Run(Tf.Compat.V1.Train.GetGlobalStep()!));
        }
        """, "no automatic fix: no creation of this step is visible in 'Reporter'");

    [Fact]
    public Task LookupByName() => AssertNoFixAsync("""
        using GlobalStepMigration.Runtime;

        var g = new Graph();
        using (g.AsDefault())
        {
            var step = Tf.Compat.V1.Train.GetOrCreateGlobalStep();
            var byName = g.GetTensorByName("global_step:0");
        }
        """, "no automatic fix: the step is also found by name");

    [Fact]
    public Task ConditionallyNullStep() => AssertNoFixAsync("""
        using GlobalStepMigration.Runtime;

        var decay = System.Environment.GetCommandLineArgs().Length > 5;
        var v = Tf.Variable(3.0);
        var step = Tf.Compat.V1.Train.GetOrCreateGlobalStep();
        var opt = Tf.Compat.V1.Train.GradientDescentOptimizer(0.1);
        opt.Minimize(() => v * v, decay ? step : null, new[] { v });
        """, "no automatic fix: the step passed to 'Minimize' at line 7 is conditional");

    [Fact]
    public Task StepEscapesToOwnCode() => AssertNoFixAsync("""
        using GlobalStepMigration.Runtime;

        var step = Tf.Compat.V1.Train.GetOrCreateGlobalStep();
        Keep(step);

        static void Keep(Tensor t) { }
        """, "no automatic fix: it is passed to 'Keep' at line 4");

    [Fact]
    public Task StepSeenByGetGlobalStepInAnotherType_NoFixOffered() => AssertNoFixAsync("""
        using System;
        using GlobalStepMigration.Runtime;

        var step = Tf.Compat.V1.Train.GetOrCreateGlobalStep();
        var v = Tf.Variable(3.0);
        var opt = Tf.Compat.V1.Train.GradientDescentOptimizer(0.1);
        opt.Minimize(() => v * v, step, new[] { v });
        Other.Print();

        static class Other
        {
            public static void Print() => Console.WriteLine(Tf.Compat.V1.Train.GetGlobalStep()!.Numpy());
        }
        """, reasonPart: null);

    [Fact]
    public Task StepOfAnExplicitGraphArgument_NoFixOffered() => AssertNoFixAsync("""
        using GlobalStepMigration.Runtime;

        var g = new Graph();
        var step = Tf.Compat.V1.Train.CreateGlobalStep(g);
        var again = Tf.Compat.V1.Train.GetGlobalStep(g);
        """, "no automatic fix: the step is created at line 4 outside 'using (g.AsDefault())', and the fixes create variables in the current default graph; move the creation into that scope");

    [Fact]
    public async Task TensorFlowNetUnit_GetsFixBInItsOwnIdiom_NeverFixA()
    {
        // Fix B writes TensorFlow.NET's idiom for its units (TensorFlowNetFixTests); fix A stays unavailable.
        Microsoft.CodeAnalysis.MetadataReference tensorflow = Microsoft.CodeAnalysis.MetadataReference.CreateFromFile(typeof(Tensorflow.Binding).Assembly.Location);
        var harness = FixHarness.Create(System.Collections.Immutable.ImmutableArray.Create(tensorflow), new[]
        {
            """
            using Tensorflow;
            using static Tensorflow.Binding;

            var x = tf.placeholder(tf.float32);
            var w = tf.Variable(3.0f, name: "w");
            Tensor loss = x * w;
            var optimizer = tf.train.GradientDescentOptimizer(0.1f);
            var gs = tf.Variable(0, trainable: false, name: "global_step");
            var train_op = optimizer.minimize(loss, global_step: gs);
            """,
        });
        var diagnostic = Assert.Single(await harness.DiagnosticsAsync());
        Assert.Contains("optimizer.Iterations cannot own it: TensorFlow.NET's Keras OptimizerV2 keeps its iteration counter non-public", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        var action = Assert.Single(await harness.FixesAsync(0));
        Assert.Equal(GlobalStepFixes.UseExplicitVariableTitle, action.Title);

        // The analysis rules fix A out for the library; the fix returns that reason as its blocker.
        var declined = await harness.DeclinedAsync(0, FixKind.UseOptimizerIterations);
        Assert.Equal(BlockerKind.DeclinedByAnalysis, declined?.Kind);
        Assert.Equal(diagnostic.Properties["NoFixAReason"], BlockerText.Reason(declined!));
        Assert.Null(await harness.DeclinedAsync(0, FixKind.UseExplicitVariable));
    }

    [Theory]
    [InlineData("var step = Tf.Compat.V1.Train.GetOrCreateGlobalStep(); var opt = Tf.Compat.V1.Train.GradientDescentOptimizer(0.1); opt.Minimize(step * 2.0, step); var broken = missing +;")]
    [InlineData("var step = Tf.Compat.V1.Train.GetOrCreateGlobalStep(); Unknown(step);")]
    [InlineData("Tensor step = Tf.Compat.V1.Train.GetOrCreateGlobalStep(; var opt = Tf.Compat.V1.Train.GradientDescentOptimizer(0.1); opt.Minimize(step * 2.0, step);")]
    public async Task BrokenCode_NoFixNoCrash(string body)
    {
        var harness = FixHarness.Create("using GlobalStepMigration.Runtime;\n" + body);
        var diagnostics = await harness.DiagnosticsAsync();
        for (var i = 0; i < diagnostics.Length; i++)
        {
            if (diagnostics[i].Id is "GSM001" or "GSM002" or "GSM003")
            {
                Assert.Empty(await harness.FixesAsync(i));
            }
        }
    }
}
