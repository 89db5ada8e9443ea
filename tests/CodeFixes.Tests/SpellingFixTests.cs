using System.Threading.Tasks;
using Xunit;

namespace GlobalStepMigration.CodeFixes.Tests;

/// <summary>The spellings pattern (docs/design/patterns.md) through the fixes: the output uses the file's own spelling and gets the using directive it needs.</summary>
public sealed class SpellingFixTests
{
    private const string A = GlobalStepFixes.UseOptimizerIterationsKey;
    private const string B = GlobalStepFixes.UseExplicitVariableKey;

    private const string UsingStatic = """
        using System;
        using GlobalStepMigration.Runtime;
        using static GlobalStepMigration.Runtime.Tf.Compat.V1.Train;

        var w = Tf.Variable(1.0);
        var step = GetOrCreateGlobalStep();
        var opt = GradientDescentOptimizer(0.25);
        for (var i = 0; i < 2; i++)
        {
            opt.Minimize(() => Tf.Square(w), step, new[] { w });
        }

        Console.WriteLine($"{step.Numpy()} {(double)w.Numpy():F4}");
        """;

    private const string FullyQualified = """
        var w = GlobalStepMigration.Runtime.Tf.Variable(1.0);
        var step = global::GlobalStepMigration.Runtime.Tf.Compat.V1.Train.GetOrCreateGlobalStep();
        var opt = GlobalStepMigration.Runtime.Tf.Compat.V1.Train.GradientDescentOptimizer(0.25);
        opt.Minimize(() => GlobalStepMigration.Runtime.Tf.Square(w), step, new[] { w });
        System.Console.WriteLine(step.Numpy());
        """;

    private const string FieldInitializer = """
        using System;
        using GlobalStepMigration.Runtime;

        new Model().Train();

        sealed class Model
        {
            private readonly Tensor _step = Tf.Compat.V1.Train.GetOrCreateGlobalStep();
            private readonly Variable _w = Tf.Variable(1.0);

            public void Train()
            {
                var opt = Tf.Compat.V1.Train.GradientDescentOptimizer(0.25);
                opt.Minimize(() => Tf.Square(_w), _step, new[] { _w });
                Console.WriteLine(Report());
            }

            private string Report() => $"{_step.Numpy()} {(double)_w.Numpy():F4}";
        }
        """;

    [Fact]
    public async Task UsingStatic_ExplicitVariable()
    {
        var after = await FixHarness.ProveAsync(UsingStatic, h => h.ApplyAsync(0, B), "2 0.2500\n");
        Assert.Contains("var step = Tf.Variable(0L, trainable: false, name: \"global_step\");", after);
        Assert.Contains("""
                var gradients = opt.ComputeGradients(() => Tf.Square(w), varList: new[] { w });
                using (Tf.ControlDependencies(opt.ApplyGradients(gradients, name: opt.Name + "/update")))
                {
                    step.AssignAdd(1, name: opt.Name);
                }
            """, after);
    }

    [Fact]
    public async Task UsingStatic_OptimizerIterations()
    {
        var after = await FixHarness.ProveAsync(UsingStatic, h => h.ApplyAsync(0, A), "2 0.2500\n");
        Assert.Contains("var opt = Tf.Keras.Optimizers.SGD(0.25);\nvar step = opt.Iterations;", after);
    }

    [Fact]
    public async Task FullyQualified_AddsTheUsingDirective()
    {
        var after = await FixHarness.ProveAsync(FullyQualified, h => h.ApplyAsync(0, B), "1\n");
        Assert.StartsWith("using GlobalStepMigration.Runtime;\n", after);
        Assert.Contains("var step = Tf.Variable(0L, trainable: false, name: \"global_step\");", after);
        Assert.Contains("""
            var gradients = opt.ComputeGradients(() => GlobalStepMigration.Runtime.Tf.Square(w), varList: new[] { w });
            using (Tf.ControlDependencies(opt.ApplyGradients(gradients, name: opt.Name + "/update")))
            {
                step.AssignAdd(1, name: opt.Name);
            }
            """, after);
        Assert.Contains("var opt = GlobalStepMigration.Runtime.Tf.Compat.V1.Train.GradientDescentOptimizer(0.25);", after);
    }

    [Fact]
    public async Task FieldInitializer_ExplicitVariable()
    {
        var after = await FixHarness.ProveAsync(FieldInitializer, h => h.ApplyAsync(0, B), "1 0.5000\n");
        Assert.Contains("private readonly Variable _step = Tf.Variable(0L, trainable: false, name: \"global_step\");", after);
        Assert.Contains("""
                    var gradients = opt.ComputeGradients(() => Tf.Square(_w), varList: new[] { _w });
                    using (Tf.ControlDependencies(opt.ApplyGradients(gradients, name: opt.Name + "/update")))
                    {
                        _step.AssignAdd(1, name: opt.Name);
                    }
            """, after);
    }
}
