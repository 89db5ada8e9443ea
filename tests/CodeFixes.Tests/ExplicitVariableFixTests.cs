using System.Linq;
using System.Threading.Tasks;
using GlobalStepMigration.TestKit;
using Microsoft.CodeAnalysis.CodeFixes;
using Xunit;

namespace GlobalStepMigration.CodeFixes.Tests;

/// <summary>Fix B, proved by execution: the program prints the same before and after, and the result compiles cleanly.</summary>
public sealed class ExplicitVariableFixTests
{
    private const string B = GlobalStepFixes.UseExplicitVariableKey;

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public async Task SeedProgram_FromAnySite(int site)
    {
        var after = await FixHarness.ProveAsync(Programs.SeedTf1, h => h.ApplyAsync(site, B), "before training: 0\nafter training: 1\n1\n");
        Assert.Contains("Variable globalStep;", after);
        Assert.Contains("globalStep = Tf.Variable(0L, trainable: false, name: \"global_step\");", after);
        Assert.Contains("trainOp = Tf.Group(optimizer.Minimize(loss, varList: varList), globalStep.AssignAdd(1));", after);
        Assert.Contains("Console.WriteLine(sess.Run(globalStep!));", after);
        Assert.DoesNotContain("GlobalStepMigration.Runtime.Tf", after);
    }

    [Fact]
    public async Task HandMadeStep_NamedArgument()
    {
        var after = await FixHarness.ProveAsync(Programs.HandMadeNamed, h => h.ApplyAsync(0, B), "step 1 w 1.6000\nstep 2 w 2.0800\nstep 3 w 2.4640\n");
        Assert.Contains("train = Tf.Group(opt.Minimize(loss, varList: new[] { w }, name: \"train\"), step.AssignAdd(1));", after);
        Assert.Contains("step = Tf.Variable(0, trainable: false, name: \"global_step\");", after);
    }

    [Fact]
    public async Task HandMadeStep_PositionalEager()
    {
        var after = await FixHarness.ProveAsync(Programs.HandMadePositionalEager, h => h.ApplyAsync(0, B));
        Assert.Contains("Tf.Group(opt.Minimize(() => v * v, varList: new[] { v }), step.AssignAdd(1));", after);
    }

    [Fact]
    public async Task FieldStep_CreatedInOneMethodUsedInOthers()
    {
        var after = await FixHarness.ProveAsync(Programs.FieldStep, h => h.ApplyAsync(1, B));
        Assert.Contains("private Variable? _step;", after);
        Assert.Contains("_train = Tf.Group(opt.Minimize(Tf.Square(_w), varList: new[] { _w }), _step!.AssignAdd(1));", after);
    }

    [Fact]
    public async Task HalfMigratedTf2_KeepsTheManualIncrement()
    {
        var after = await FixHarness.ProveAsync(Programs.HalfMigrated, h => h.ApplyAsync(0, B));
        Assert.Contains("var step = Tf.Variable(0L, trainable: false, name: \"global_step\");", after);
        Assert.Contains("((Variable)step).AssignAdd(1);", after);
    }

    [Theory]
    [InlineData("ExponentialDecay(0.1, step, 2, 0.5)", "ExponentialDecay(0.1, 2, 0.5).Call(step)")]
    [InlineData("ExponentialDecay(0.1, step, 2, 0.5, staircase: true)", "ExponentialDecay(0.1, 2, 0.5, staircase: true).Call(step)")]
    [InlineData("ExponentialDecay(learningRate: 0.1, globalStep: step, decaySteps: 2, decayRate: 0.5)", "ExponentialDecay(initialLearningRate: 0.1, decaySteps: 2, decayRate: 0.5).Call(step)")]
    [InlineData("PolynomialDecay(0.1, step, 4, 0.01, power: 2.0)", "PolynomialDecay(0.1, 4, 0.01, power: 2.0).Call(step)")]
    [InlineData("PiecewiseConstant(step, new[] { 2.0 }, new[] { 0.1, 0.05 })", "PiecewiseConstantDecay(new[] { 2.0 }, new[] { 0.1, 0.05 }).Call(step)")]
    [InlineData("InverseTimeDecay(0.1, step, 2, 0.5)", "InverseTimeDecay(0.1, 2, 0.5).Call(step)")]
    [InlineData("CosineDecay(0.1, step, 4)", "CosineDecay(0.1, 4).Call(step)")]
    public async Task Decay_BecomesKerasScheduleCalledWithTheVariable(string decay, string schedule)
    {
        var after = await FixHarness.ProveAsync(Programs.DecayTemplate.Replace("DECAY", decay), h => h.ApplyAsync(0, B));
        Assert.Contains("lr = Tf.Keras.Optimizers.Schedules." + schedule + ";", after);
    }

    [Fact]
    public async Task ApplyGradients_StepPositional_OnlyTheExplicitVariable()
    {
        const string program = """
            using System;
            using GlobalStepMigration.Runtime;

            var g = new Graph();
            Operation? train;
            Operation init;
            Tensor step;
            Variable w;
            using (g.AsDefault())
            {
                w = Tf.Variable(1.0, name: "w");
                step = Tf.Compat.V1.Train.GetOrCreateGlobalStep();
                var opt = Tf.Compat.V1.Train.GradientDescentOptimizer(0.5);
                var gradients = opt.ComputeGradients(Tf.Square(w - 2.0), new[] { w });
                train = opt.ApplyGradients(gradients, step, "apply");
                init = Tf.Compat.V1.GlobalVariablesInitializer();
            }

            using var sess = new Session(g);
            sess.Run(init);
            sess.Run(train!);
            sess.Run(train!);
            Console.WriteLine($"{sess.Run(step)} {(double)sess.Run(w):F4}");
            """;

        // Keras optimizers have no ComputeGradients: optimizer.Iterations is not offered.
        var harness = FixHarness.Create(program);
        Assert.Equal(new[] { GlobalStepFixes.UseExplicitVariableTitle }, (await harness.ActionsAsync(0)).Select(a => a.Title));
        var after = await FixHarness.ProveAsync(program, h => h.ApplyAsync(1, B), "2 2.0000\n");
        Assert.Contains("train = Tf.Group(opt.ApplyGradients(gradients, name: \"apply\"), step.AssignAdd(1));", after);
    }

    [Fact]
    public async Task SharedStep_StillCountsTwicePerIteration()
    {
        var after = await FixHarness.ProveAsync(Programs.SharedStep, h => h.ApplyAsync(0, B), "step 2\nstep 4\n");
        Assert.Contains("dTrain = Tf.Group(dOpt.Minimize(Tf.Square(d), varList: new[] { d }), step.AssignAdd(1));", after);
        Assert.Contains("gTrain = Tf.Group(gOpt.Minimize(Tf.Square(gen), varList: new[] { gen }), step.AssignAdd(1));", after);
    }

    [Fact]
    public async Task ActionIsOfferedOnEverySiteWithAConstantKey()
    {
        var harness = FixHarness.Create(Programs.SeedTf1);
        for (var i = 0; i < 3; i++)
        {
            var actions = await harness.ActionsAsync(i);
            var action = Assert.Single(actions, a => a.EquivalenceKey == B);
            Assert.Equal(GlobalStepFixes.UseExplicitVariableTitle, action.Title);
        }
    }
}
