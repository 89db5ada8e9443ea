using System.Linq;
using System.Threading.Tasks;
using GlobalStepMigration.TestKit;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace GlobalStepMigration.CodeFixes.Tests;

/// <summary>Fix A, proved by execution.</summary>
public sealed class OptimizerIterationsFixTests
{
    private const string A = GlobalStepFixes.UseOptimizerIterationsKey;

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public async Task SeedProgram_FromAnySite(int site)
    {
        var after = await FixHarness.ProveAsync(Programs.SeedTf1, h => h.ApplyAsync(site, A), "before training: 0\nafter training: 1\n1\n");
        Assert.Equal(Programs.SeedTf1AfterOptimizerIterations, after);
    }

    [Fact]
    public async Task HandMadeStep_NamedArgument()
    {
        var after = await FixHarness.ProveAsync(Programs.HandMadeNamed.Replace(", name: \"train\"", string.Empty), h => h.ApplyAsync(0, A));
        Assert.Contains("var opt = Tf.Keras.Optimizers.SGD(0.1);\n    step = opt.Iterations;", after);
        Assert.Contains("train = opt.Minimize(loss, new[] { w });", after);
    }

    [Fact]
    public async Task HandMadeStep_PositionalEager()
    {
        var after = await FixHarness.ProveAsync(Programs.HandMadePositionalEager, h => h.ApplyAsync(0, A));
        Assert.Contains("opt.Minimize(() => v * v, new[] { v });", after);
        Assert.Contains("var step = opt.Iterations;", after);
    }

    [Fact]
    public async Task HalfMigratedTf2_RemovesTheManualIncrement()
    {
        var after = await FixHarness.ProveAsync(Programs.HalfMigrated, h => h.ApplyAsync(0, A));
        Assert.Contains("var optimizer = Tf.Keras.Optimizers.SGD(0.05);\nvar step = optimizer.Iterations;", after);
        Assert.DoesNotContain("AssignAdd", after);
    }

    [Fact]
    public async Task RemovedIncrement_WithACommentAbove_KeepsTheComment_AndLeavesNoBlankLine()
    {
        var before = Programs.HalfMigrated.Replace(
            "        ((Variable)step).AssignAdd(1);\n",
            "        // bump the step\n        ((Variable)step).AssignAdd(1);\n");
        Assert.NotEqual(Programs.HalfMigrated, before);
        var after = await FixHarness.ProveAsync(before, h => h.ApplyAsync(0, A));
        Assert.Contains("        optimizer.ApplyGradients(new[] { (grads[0], v) });\n        // bump the step\n    }\n", after);
        Assert.DoesNotContain("AssignAdd", after);
    }

    [Theory]
    [InlineData("ExponentialDecay(0.1, step, 2, 0.5)", "ExponentialDecay(0.1, 2, 0.5)")]
    [InlineData("ExponentialDecay(0.1, step, 2, 0.5, staircase: true)", "ExponentialDecay(0.1, 2, 0.5, staircase: true)")]
    [InlineData("PolynomialDecay(0.1, step, 4, 0.01, power: 2.0)", "PolynomialDecay(0.1, 4, 0.01, power: 2.0)")]
    [InlineData("PiecewiseConstant(step, new[] { 2.0 }, new[] { 0.1, 0.05 })", "PiecewiseConstantDecay(new[] { 2.0 }, new[] { 0.1, 0.05 })")]
    [InlineData("InverseTimeDecay(0.1, step, 2, 0.5)", "InverseTimeDecay(0.1, 2, 0.5)")]
    [InlineData("CosineDecay(0.1, step, 4)", "CosineDecay(0.1, 4)")]
    public async Task DecayFeedingOnlyTheOptimizer_BecomesItsSchedule(string decay, string schedule)
    {
        const string program = """
            using System;
            using GlobalStepMigration.Runtime;
            using Train = GlobalStepMigration.Runtime.Tf.Compat.V1.Train;

            var g = new Graph();
            Operation? train;
            Operation init;
            Tensor step;
            Variable w;
            using (g.AsDefault())
            {
                w = Tf.Variable(1.0, name: "w");
                step = Train.GetOrCreateGlobalStep();
                var lr = Train.DECAY;
                var opt = Train.GradientDescentOptimizer(lr);
                train = opt.Minimize(Tf.Square(w - 4.0), step, new[] { w });
                init = Tf.Compat.V1.GlobalVariablesInitializer();
            }

            using var sess = new Session(g);
            sess.Run(init);
            for (var i = 0; i < 5; i++)
            {
                sess.Run(train!);
                Console.WriteLine($"step {sess.Run(step)} w {(double)sess.Run(w):F6}");
            }
            """;
        var after = await FixHarness.ProveAsync(program.Replace("DECAY", decay), h => h.ApplyAsync(0, A));
        Assert.Contains("var opt = Tf.Keras.Optimizers.SGD(Tf.Keras.Optimizers.Schedules." + schedule + ");\n    step = opt.Iterations;", after);
        Assert.DoesNotContain("var lr", after);
    }

    [Fact]
    public async Task InlineDecayAsTheLearningRate_InAGraph_BecomesTheSchedule()
    {
        const string program = """
            using System;
            using GlobalStepMigration.Runtime;
            using Train = GlobalStepMigration.Runtime.Tf.Compat.V1.Train;

            var g = new Graph();
            Variable w;
            Tensor step;
            Operation? train;
            Operation init;
            using (g.AsDefault())
            {
                w = Tf.Variable(1.0);
                step = Train.GetOrCreateGlobalStep();
                var opt = Train.GradientDescentOptimizer(Train.InverseTimeDecay(0.2, step, 1, 1.0));
                train = opt.Minimize(Tf.Square(w - 3.0), step, new[] { w });
                init = Tf.Compat.V1.GlobalVariablesInitializer();
            }

            using var sess = new Session(g);
            sess.Run(init);
            for (var i = 0; i < 3; i++)
            {
                sess.Run(train!);
                Console.WriteLine($"{sess.Run(step)} {(double)sess.Run(w):F6}");
            }
            """;
        var after = await FixHarness.ProveAsync(program, h => h.ApplyAsync(1, A), "1 1.800000\n2 2.040000\n3 2.168000\n");
        Assert.Contains("var opt = Tf.Keras.Optimizers.SGD(Tf.Keras.Optimizers.Schedules.InverseTimeDecay(0.2, 1, 1.0));\n    step = opt.Iterations;", after);
    }

    [Fact]
    public async Task DecayInEagerCode_EvaluatedOnceByTf1_NoIterationsFix_ExplicitVariableKeepsIt()
    {
        // Eagerly, TF1's decay is a constant computed once; a Keras schedule would follow the step.
        const string program = """
            using System;
            using GlobalStepMigration.Runtime;
            using Train = GlobalStepMigration.Runtime.Tf.Compat.V1.Train;

            var w = Tf.Variable(1.0);
            var step = Train.GetOrCreateGlobalStep();
            var opt = Train.GradientDescentOptimizer(Train.InverseTimeDecay(0.2, step, 1, 1.0));
            for (var i = 0; i < 3; i++)
            {
                opt.Minimize(() => Tf.Square(w - 3.0), step, new[] { w });
                Console.WriteLine($"{step.Numpy()} {(double)w.Numpy():F6}");
            }
            """;
        var harness = FixHarness.Create(program);
        Assert.Equal(new[] { GlobalStepFixes.UseExplicitVariableTitle }, (await harness.FixesAsync(0)).Select(a => a.Title));
        await FixHarness.ProveAsync(program, h => h.ApplyAsync(0, GlobalStepFixes.UseExplicitVariableKey), "1 1.800000\n2 2.280000\n3 2.568000\n");
    }

    [Theory]
    [InlineData("new GlobalStepMigration.Runtime.Compat.V1.Train.GradientDescentOptimizer(0.1)", "Tf.Keras.Optimizers.SGD(0.1)")]
    [InlineData("Train.GradientDescentOptimizer(0.1, name: \"gd\")", "Tf.Keras.Optimizers.SGD(0.1, name: \"gd\")")]
    public async Task ProvedPairs_KeepTheirHyperparameters(string tf1, string keras)
    {
        var after = await FixHarness.ProveAsync(EagerTrainer.Replace("OPTIMIZER", tf1), h => h.ApplyAsync(0, A));
        Assert.Contains("var opt = " + keras + ";\nvar step = opt.Iterations;", after);
    }

    /// <summary>
    /// TF1 Momentum (and Nesterov) against Keras SGD(momentum): equal in exact arithmetic, not in float32 or float64
    /// (tests/Runtime.Tests/OptimizerPairTests.cs), so fix A is not offered and the message says why (O9); the explicit
    /// variable keeps the TF1 optimizer and every bit of the weights.
    /// </summary>
    [Theory]
    [InlineData("Train.MomentumOptimizer(0.1, 0.9)", "MomentumOptimizer")]
    [InlineData("Train.MomentumOptimizer(0.1, 0.9, useNesterov: true)", "MomentumOptimizer")]
    [InlineData("Train.AdamOptimizer(0.1)", "AdamOptimizer")]
    public async Task OptimizersWithoutAProvedPair_OnlyTheExplicitVariable(string tf1, string kind)
    {
        var program = EagerTrainer.Replace("OPTIMIZER", tf1);
        var harness = FixHarness.Create(program);
        var diagnostic = (await harness.DiagnosticsAsync())[0];
        Assert.EndsWith($"; optimizer.Iterations cannot own it: '{kind}' has no Keras optimizer proven bit-identical in this runtime", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(new[] { GlobalStepFixes.UseExplicitVariableTitle }, (await harness.FixesAsync(0)).Select(a => a.Title));
        Assert.Empty(await harness.ExplanationsAsync(0));
        var after = await FixHarness.ProveAsync(program, h => h.ApplyAsync(0, GlobalStepFixes.UseExplicitVariableKey));
        Assert.Contains("var opt = " + tf1 + ";", after);
    }

    /// <summary>The issue's held-out example: TF1 Momentum swapped for Keras SGD(momentum) prints other weights (the 8th digit).</summary>
    [Fact]
    public void MomentumSwappedForKerasSgd_PrintsOtherWeights()
    {
        var before = ProgramRunner.Output(TestCompilation.Create(EagerTrainer.Replace("OPTIMIZER", "Train.MomentumOptimizer(0.1, 0.9)").Replace(":F6", ":R").Replace("i < 4", "i < 30")));
        var swapped = ProgramRunner.Output(TestCompilation.Create(EagerTrainer.Replace("i < 4", "i < 30")
            .Replace("var step = Train.GetOrCreateGlobalStep();\nvar opt = OPTIMIZER;", "var opt = Tf.Keras.Optimizers.SGD(0.1, momentum: 0.9);\nvar step = opt.Iterations;")
            .Replace("opt.Minimize(() => Tf.Square(w - 4.0), step, new[] { w });", "opt.Minimize(() => Tf.Square(w - 4.0), new[] { w });")
            .Replace(":F6", ":R")));
        Assert.NotEqual(before, swapped);
    }

    /// <summary>An eager program training one weight with OPTIMIZER (a TF1 optimizer) and a global step.</summary>
    private const string EagerTrainer = """
        using System;
        using GlobalStepMigration.Runtime;
        using Train = GlobalStepMigration.Runtime.Tf.Compat.V1.Train;

        var w = Tf.Variable(1.0);
        var step = Train.GetOrCreateGlobalStep();
        var opt = OPTIMIZER;
        for (var i = 0; i < 4; i++)
        {
            opt.Minimize(() => Tf.Square(w - 4.0), step, new[] { w });
            Console.WriteLine($"step {step.Numpy()} w {(double)w.Numpy():F6}");
        }
        """;

    [Fact]
    public async Task ActionsAreOrderedAThenB_AndEditorconfigFlipsThem()
    {
        var harness = FixHarness.Create(Programs.SeedTf1);
        Assert.Equal(new[] { A, GlobalStepFixes.UseExplicitVariableKey }, (await harness.FixesAsync(0)).Select(a => a.EquivalenceKey));
        Assert.Equal(new[] { GlobalStepFixes.UseOptimizerIterationsTitle, GlobalStepFixes.UseExplicitVariableTitle }, (await harness.FixesAsync(1)).Select(a => a.Title));

        var project = harness.Project;
        var withConfig = project.Solution.AddAnalyzerConfigDocument(
            DocumentId.CreateNewId(project.Id),
            ".editorconfig",
            SourceText.From("root = true\n\n[*.cs]\ngsm_preferred_fix = explicit_variable\n"),
            filePath: "/p0/.editorconfig");
        var flipped = FixHarnessWith(harness, withConfig);
        Assert.Equal(new[] { GlobalStepFixes.UseExplicitVariableKey, A }, (await flipped.FixesAsync(0)).Select(a => a.EquivalenceKey));
    }

    /// <summary>A unit with a TF1 Adam optimizer: Keras Adam is not the same update, so only fix B applies.</summary>
    private const string AdamUnit = """
        using GlobalStepMigration.Runtime;

        var w = Tf.Variable(1.0);
        var step = Tf.Compat.V1.Train.GetOrCreateGlobalStep();
        var opt = Tf.Compat.V1.Train.AdamOptimizer(0.1);
        opt.Minimize(() => Tf.Square(w - 4.0), step, new[] { w });
        """;

    /// <summary>
    /// A unit that allows only one fix offers it under the key of the preferred fix, so that the first
    /// action of every unit has the same key and a fix-all started anywhere (dotnet format starts from
    /// whichever diagnostic it sees first) migrates all units alike.
    /// </summary>
    [Fact]
    public async Task AUnitWithOnlyOneFix_OffersItUnderThePreferredKey()
    {
        var harness = FixHarness.Create(AdamUnit);
        var action = Assert.Single(await harness.FixesAsync(0));
        Assert.Equal((GlobalStepFixes.UseExplicitVariableTitle, A), (action.Title, action.EquivalenceKey));

        var project = harness.Project;
        var flipped = harness.With(project.Solution.AddAnalyzerConfigDocument(
            DocumentId.CreateNewId(project.Id),
            ".editorconfig",
            SourceText.From("root = true\n\n[*.cs]\ngsm_preferred_fix = explicit_variable\n"),
            filePath: "/p0/.editorconfig"));
        action = Assert.Single(await flipped.FixesAsync(0));
        Assert.Equal((GlobalStepFixes.UseExplicitVariableTitle, GlobalStepFixes.UseExplicitVariableKey), (action.Title, action.EquivalenceKey));
    }

    [Fact]
    public async Task SharedStep_OnlyTheExplicitVariable()
    {
        // A field step with its optimizer in another method: FieldStepAcrossMethodsTests.
        var harness = FixHarness.Create(Programs.SharedStep);
        var actions = await harness.FixesAsync(0);
        Assert.Equal(new[] { GlobalStepFixes.UseExplicitVariableTitle }, actions.Select(a => a.Title));
    }

    [Fact]
    public async Task Int32StepWhoseReadDependsOnItsDType_OnlyTheExplicitVariable_WhichKeepsTheDType()
    {
        const string program = """
            using System;
            using GlobalStepMigration.Runtime;

            var w = Tf.Variable(1.0);
            var step = Tf.Variable(0, trainable: false, name: "global_step");
            var opt = Tf.Compat.V1.Train.GradientDescentOptimizer(0.25);
            opt.Minimize(() => Tf.Square(w), step, new[] { w });
            Console.WriteLine($"{step.DType} {step.Numpy()}");
            """;
        var harness = FixHarness.Create(program);
        Assert.Equal(new[] { GlobalStepFixes.UseExplicitVariableTitle }, (await harness.FixesAsync(0)).Select(a => a.Title));
        var after = await FixHarness.ProveAsync(program, h => h.ApplyAsync(0, GlobalStepFixes.UseExplicitVariableKey), null);
        Assert.Contains("var step = Tf.Variable(0, trainable: false, name: \"global_step\");", after);
    }

    [Fact]
    public async Task DecayAlsoReadElsewhere_OnlyTheExplicitVariable()
    {
        var harness = FixHarness.Create(Programs.DecayTemplate.Replace("DECAY", "ExponentialDecay(0.1, step, 2, 0.5)"));
        Assert.Equal(new[] { GlobalStepFixes.UseExplicitVariableTitle }, (await harness.FixesAsync(0)).Select(a => a.Title));
    }

    [Fact]
    public async Task FixAllUnderA_GivesBToUnitsThatOnlyAllowB()
    {
        var program = Programs.SharedStep;
        var after = await FixHarness.ProveAsync(program, h => h.FixAllAsync(Microsoft.CodeAnalysis.CodeFixes.FixAllScope.Document, A));
        Assert.Contains("step.AssignAdd(1, name: ", after);
    }

    private static FixHarness FixHarnessWith(FixHarness harness, Solution solution) => harness.With(solution);
}
