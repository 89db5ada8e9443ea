using System.Linq;
using System.Threading.Tasks;
using GlobalStepMigration.TestKit;
using Microsoft.CodeAnalysis.CodeFixes;
using Xunit;

namespace GlobalStepMigration.CodeFixes.Tests;

/// <summary>Fix-all through the custom FixAllProvider: several units, documents and projects, one pass, then a no-op.</summary>
public sealed class FixAllTests
{
    private const string B = GlobalStepFixes.UseExplicitVariableKey;

    /// <summary>Three units in one file: a graph program, a field with a decay, half-migrated eager code.</summary>
    private const string ThreeUnits = """
        using System;
        using System.Collections.Generic;
        using GlobalStepMigration.Runtime;

        SeedGraph.Run();
        new DecayTrainer().Run();
        HalfMigrated.Run();

        static class SeedGraph
        {
            public static void Run()
            {
                var g = new Graph();
                Tensor x;
                Tensor globalStep;
                Operation init;
                Operation? trainOp;
                using (g.AsDefault())
                {
                    x = Tf.Compat.V1.Placeholder(Tf.Float32, TensorShape.Scalar);
                    var v = Tf.Variable(3.0);
                    var loss = x * 5 - x * v;
                    globalStep = Tf.Compat.V1.Train.GetOrCreateGlobalStep();
                    var optimizer = Tf.Compat.V1.Train.GradientDescentOptimizer(0.1);
                    trainOp = optimizer.Minimize(loss, globalStep, new List<Variable> { v });
                    init = Tf.Compat.V1.GlobalVariablesInitializer();
                }

                using var sess = new Session(g);
                sess.Run(init);
                sess.Run(trainOp!, new FeedDict { [x] = 3 });
                Console.WriteLine($"seed: {sess.Run(globalStep)}");
            }
        }

        sealed class DecayTrainer
        {
            private readonly Graph _graph = new();
            private Variable? _step;

            public void Run()
            {
                Variable w;
                Operation? trainOp;
                Operation init;
                Tensor learningRate;
                using (_graph.AsDefault())
                {
                    w = Tf.Variable(1.0, name: "w");
                    var loss = Tf.Square(w - 4.0);
                    _step = Tf.Variable(0, trainable: false, name: "global_step");
                    learningRate = Tf.Compat.V1.Train.ExponentialDecay(0.1, _step, decaySteps: 2, decayRate: 0.5, staircase: true);
                    var optimizer = Tf.Compat.V1.Train.GradientDescentOptimizer(learningRate);
                    trainOp = optimizer.Minimize(loss, globalStep: _step);
                    init = Tf.Compat.V1.GlobalVariablesInitializer();
                }

                using var sess = new Session(_graph);
                sess.Run(init);
                for (var i = 0; i < 4; i++)
                {
                    var rate = (double)sess.Run(learningRate);
                    sess.Run(trainOp!);
                    Console.WriteLine($"decay: step {sess.Run(_step!)} rate {rate:F4} w {(double)sess.Run(w):F4}");
                }
            }
        }

        static class HalfMigrated
        {
            public static void Run()
            {
                var step = Tf.Compat.V1.Train.GetOrCreateGlobalStep();
                var optimizer = Tf.Keras.Optimizers.SGD(0.05);
                var v = Tf.Variable(2.0);
                for (var i = 0; i < 3; i++)
                {
                    using (var tape = Tf.GradientTape())
                    {
                        var loss = Tf.Square(v);
                        var grads = tape.Gradient(loss, new List<Tensor> { v });
                        optimizer.ApplyGradients(new[] { (grads[0], v) });
                        ((Variable)step).AssignAdd(1);
                    }

                    Console.WriteLine($"eager: step {step.Numpy()} v {(double)v.Numpy():F4}");
                }
            }
        }
        """;

    [Theory]
    [InlineData(FixAllScope.Document, B)]
    [InlineData(FixAllScope.Project, B)]
    [InlineData(FixAllScope.Solution, B)]
    [InlineData(FixAllScope.Document, GlobalStepFixes.UseOptimizerIterationsKey)]
    [InlineData(FixAllScope.Solution, GlobalStepFixes.UseOptimizerIterationsKey)]
    public async Task ThreeUnits_OnePass_ThenNoOp(FixAllScope scope, string key)
    {
        var harness = FixHarness.Create(ThreeUnits);
        var before = ProgramRunner.Output(await harness.CompilationAsync());
        Assert.Equal(new[] { "GSM001", "GSM002", "GSM003", "GSM002", "GSM001" }, (await harness.DiagnosticsAsync()).Select(d => d.Id));

        await harness.FixAllAsync(scope, key);

        var after = await harness.CompilationAsync();
        Assert.Empty(TestCompilation.Problems(after));
        Assert.Empty(await harness.DiagnosticsAsync());
        Assert.Equal(before, ProgramRunner.Output(after));

        var text = harness.Text();
        if (System.Environment.GetEnvironmentVariable("GSM_DUMP_DIR") is { Length: > 0 } dump)
        {
            System.IO.File.WriteAllText(System.IO.Path.Combine(dump, "fixall_" + scope + ".cs"), text);
        }

        await harness.FixAllAsync(scope, key);
        Assert.Equal(text, harness.Text());
        if (key == GlobalStepFixes.UseOptimizerIterationsKey)
        {
            // A for the graph program and the half-migrated code, B for the step whose decay is also printed.
            Assert.Contains("globalStep = optimizer.Iterations;", text);
            Assert.Contains("var step = optimizer.Iterations;", text);
            Assert.Contains("""
                            var gradients = optimizer.ComputeGradients(loss);
                            using (Tf.ControlDependencies(optimizer.ApplyGradients(gradients, name: optimizer.Name + "/update")))
                            {
                                trainOp = _step.AssignAdd(1, name: optimizer.Name).Op;
                            }
                """, text);
        }
    }

    [Theory]
    [InlineData(B)]
    [InlineData(GlobalStepFixes.UseOptimizerIterationsKey)]
    public async Task DotnetFormatStyle_OneFixAllPerId_InAnyOrder_SameResult(string key)
    {
        string? first = null;
        foreach (var order in new[] { new[] { "GSM001", "GSM002", "GSM003" }, new[] { "GSM003", "GSM002", "GSM001" }, new[] { "GSM002", "GSM001", "GSM003" } })
        {
            var harness = FixHarness.Create(ThreeUnits);
            foreach (var id in order)
            {
                await harness.FixAllAsync(FixAllScope.Solution, key, id);
            }

            Assert.Empty((await harness.DiagnosticsAsync()).Where(d => d.Id is "GSM001" or "GSM002" or "GSM003"));
            first ??= harness.Text();
            Assert.Equal(first, harness.Text());
        }
    }

    [Fact]
    public async Task UnitSpanningTwoDocuments_AndSeveralProjects()
    {
        const string part1 = """
            using GlobalStepMigration.Runtime;

            public partial class Model
            {
                private readonly Graph _graph = new();
                private Tensor? _step;
                private Operation? _train;

                public void Build()
                {
                    using (_graph.AsDefault())
                    {
                        _step = Tf.Compat.V1.Train.GetOrCreateGlobalStep();
                        Train();
                    }
                }
            }
            """;
        const string part2 = """
            using GlobalStepMigration.Runtime;

            public partial class Model
            {
                private void Train()
                {
                    var w = Tf.Variable(2.0);
                    var opt = Tf.Compat.V1.Train.GradientDescentOptimizer(0.5);
                    _train = opt.Minimize(Tf.Square(w), _step, new[] { w });
                }
            }
            """;
        const string other = """
            using GlobalStepMigration.Runtime;

            public static class Other
            {
                public static Operation? Make()
                {
                    var g = new Graph();
                    using (g.AsDefault())
                    {
                        var w = Tf.Variable(1.0);
                        var step = Tf.Variable(0L, trainable: false, name: "global_step");
                        var opt = Tf.Compat.V1.Train.GradientDescentOptimizer(0.5);
                        return opt.Minimize(Tf.Square(w), step, new[] { w });
                    }
                }
            }
            """;

        var harness = FixHarness.Create(new[] { part1, part2 }, new[] { other });
        await harness.FixAllAsync(FixAllScope.Solution, B);

        Assert.Empty(TestCompilation.Problems(await harness.CompilationAsync(0)));
        Assert.Empty(TestCompilation.Problems(await harness.CompilationAsync(1)));
        Assert.Empty(await harness.DiagnosticsAsync(0));
        Assert.Empty(await harness.DiagnosticsAsync(1));
        Assert.Contains("_step = Tf.Variable(0L, trainable: false, name: \"global_step\");", harness.Text(0));
        Assert.Contains("private Variable? _step;", harness.Text(0));
        Assert.Contains("""
                    var gradients = opt.ComputeGradients(Tf.Square(w), varList: new[] { w });
                    using (Tf.ControlDependencies(opt.ApplyGradients(gradients, name: opt.Name + "/update")))
                    {
                        _train = _step!.AssignAdd(1, name: opt.Name).Op;
                    }
            """, harness.Text(1));
        Assert.Contains("""
                        var gradients = opt.ComputeGradients(Tf.Square(w), varList: new[] { w });
                        using (Tf.ControlDependencies(opt.ApplyGradients(gradients, name: opt.Name + "/update")))
                        {
                            return step.AssignAdd(1, name: opt.Name).Op;
                        }
            """, harness.Text(0, project: 1));
    }
}
