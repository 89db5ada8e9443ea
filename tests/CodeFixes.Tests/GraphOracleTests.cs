using System;
using System.Linq;
using GlobalStepMigration.TestKit;
using Xunit;

namespace GlobalStepMigration.CodeFixes.Tests;

/// <summary>
/// The graph oracle (docs/design/observables.md, "Allowed graph differences") on the seed program: each fix's own
/// differences pass under that fix only, and a rewrite that prints the same but builds another graph fails.
/// </summary>
public sealed class GraphOracleTests
{
    private static readonly AppliedFixes FixA = AppliedFixes.OfAction(GlobalStepFixes.UseOptimizerIterationsTitle);
    private static readonly AppliedFixes FixB = AppliedFixes.OfAction(GlobalStepFixes.UseExplicitVariableTitle);

    [Fact]
    public void FixB_ItsDifferencesPassUnderFixBOnly()
    {
        var proof = ProgramProof.Start(TestCompilation.Create(Programs.SeedTf1));
        var after = TestCompilation.Create(Programs.SeedTf1AfterExplicitVariable);
        Assert.Empty(proof.Differences(after, FixB));

        // Under no fix, every difference of the list shows, one line each.
        var none = Assert.Single(proof.Differences(after, AppliedFixes.None));
        Assert.Contains("builds a different graph (no fix)", none, StringComparison.Ordinal);
        Assert.Contains("only before: GradientDescent/learning_rate = Const()", none, StringComparison.Ordinal);
        Assert.Contains("only after: GradientDescent/update/learning_rate = Const()", none, StringComparison.Ordinal);
        Assert.Contains("only before: global_step/Initializer/zeros", none, StringComparison.Ordinal);
        Assert.Contains("collection train_op: [op GradientDescent]  =>  [op GradientDescent/update]", none, StringComparison.Ordinal);
        Assert.Contains("collection global_step: [variable global_step:0]  =>  []", none, StringComparison.Ordinal);

        // Fix A's list does not contain B's renames.
        Assert.Contains("only after: GradientDescent/update/update_", Assert.Single(proof.Differences(after, FixA)), StringComparison.Ordinal);
    }

    [Fact]
    public void FixA_ItsDifferencesPassUnderFixAOnly()
    {
        var proof = ProgramProof.Start(TestCompilation.Create(Programs.SeedTf1));
        var after = TestCompilation.Create(Programs.SeedTf1AfterOptimizerIterations);
        Assert.Empty(proof.Differences(after, FixA));
        Assert.Empty(proof.Differences(after, AppliedFixes.OfFixAll(GlobalStepFixes.UseOptimizerIterationsKey)));

        var underB = Assert.Single(proof.Differences(after, FixB));
        Assert.Contains("only before: GradientDescent = AssignAdd(global_step:0", underB, StringComparison.Ordinal);
        Assert.Contains("only after: sgd/iteration = VariableV2()", underB, StringComparison.Ordinal);
        Assert.Contains("collection variables:", underB, StringComparison.Ordinal);
    }

    [Fact]
    public void TheGroupFormOfEarlierVersions_PrintsTheSame_AndFails()
    {
        // Fix B's form before issue 13: the increment grouped with the update. The output is the same; the graph is not
        // (the train op is a NoOp group named "group_deps", S is gone, the update is named S).
        var group = Programs.SeedTf1AfterExplicitVariable.Replace(
            "    var gradients = optimizer.ComputeGradients(loss, varList: varList);\n"
            + "    using (Tf.ControlDependencies(optimizer.ApplyGradients(gradients, name: optimizer.Name + \"/update\")))\n"
            + "    {\n"
            + "        trainOp = globalStep.AssignAdd(1, name: optimizer.Name).Op;\n"
            + "    }\n",
            "    trainOp = Tf.Group(optimizer.Minimize(loss, varList: varList)!, globalStep.AssignAdd(1).Op!);\n");
        Assert.NotEqual(Programs.SeedTf1AfterExplicitVariable, group);
        var proof = ProgramProof.Start(TestCompilation.Create(Programs.SeedTf1));
        var differences = proof.Differences(TestCompilation.Create(group), AppliedFixes.Any);
        var difference = Assert.Single(differences);
        Assert.Contains("builds a different graph", difference, StringComparison.Ordinal);
        Assert.Contains("GradientDescent", difference, StringComparison.Ordinal);
    }

    [Fact]
    public void AnOpTheFixesDoNotBuild_FailsUnderEveryFix()
    {
        var extra = Programs.SeedTf1AfterExplicitVariable.Replace(
            "        trainOp = globalStep.AssignAdd(1, name: optimizer.Name).Op;\n",
            "        trainOp = globalStep.AssignAdd(1, name: optimizer.Name).Op;\n        Tf.Identity(globalStep, name: \"extra\");\n");
        Assert.NotEqual(Programs.SeedTf1AfterExplicitVariable, extra);
        var proof = ProgramProof.Start(TestCompilation.Create(Programs.SeedTf1));
        Assert.Contains("only after: extra = Identity(global_step:0)", Assert.Single(proof.Differences(TestCompilation.Create(extra), AppliedFixes.Any)), StringComparison.Ordinal);
    }

    [Fact]
    public void AnEagerProgram_BuildsNoGraphOfItsOwn()
    {
        var observed = ProgramRunner.Observe(TestCompilation.Create(
            "using GlobalStepMigration.Runtime;\nvar w = Tf.Variable(1.0);\nSystem.Console.WriteLine((double)w.Numpy());\n"));
        Assert.True(observed.Run.Ok, observed.Run.Output);
        Assert.DoesNotContain(observed.Graphs, g => !g.IsDefault);
        Assert.All(observed.Graphs, g => Assert.Empty(g.Ops));
    }

    [Fact]
    public void EveryGraphOfAProgram_IsRecorded_WithItsOpsAndCollections()
    {
        var observed = ProgramRunner.Observe(TestCompilation.Create(Programs.SeedTf1));
        var graph = Assert.Single(observed.Graphs, g => g.Ops.Count > 0);
        var train = Assert.Single(graph.Ops, op => op.Name == "GradientDescent");
        Assert.Equal("AssignAdd", train.Type);
        Assert.Equal(new[] { "GradientDescent/update" }, train.ControlInputs);
        Assert.Equal("global_step:0", train.Inputs[0]);
        Assert.Equal(new[] { "int64()" }, train.Outputs);
        Assert.Equal(new[] { "variable global_step:0" }, graph.Collections["global_step"]);
    }
}
