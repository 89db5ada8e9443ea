using System.Threading.Tasks;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis;
using Xunit;
using static GlobalStepMigration.Analyzers.Tests.AnalyzerVerifier;

namespace GlobalStepMigration.Analyzers.Tests;

/// <summary>GSM002: a step passed to a TF1 optimizer's update (src/Analyzer/Rules/GSM002_GlobalStepPassedToOptimizer.cs): named or positional, hand-made or not, shared by two optimizers, through a subclass; and no diagnostic without a step.</summary>
public sealed class GSM002_GlobalStepPassedToOptimizerTests
{
    [Fact]
    public Task HandMadeStep_NamedAfterOtherNamedArguments() => VerifyAsync("""
        using GlobalStepMigration.Runtime;

        var v = Tf.Variable(3.0);
        var loss = v * 2.0;
        var step = Tf.Variable(0, trainable: false, name: "global_step");
        var opt = Tf.Compat.V1.Train.GradientDescentOptimizer(0.1);
        var train = opt.Minimize(loss, varList: new[] { v }, name: "train", globalStep: {|#0:step|});
        """,
        Diagnostic("GSM002").WithLocation(0).WithArguments("Minimize", "'step'", "; optimizer.Iterations cannot own it: 'Minimize' at line 7 has no Keras equivalent (a name argument)"));

    [Fact]
    public Task HandMadeStep_Positional_Int32AndRead_OnlyExplicitVariable() => VerifyAsync("""
        using System;
        using GlobalStepMigration.Runtime;

        var v = Tf.Variable(3.0);
        var loss = v * 2.0;
        var step = Tf.Variable(0, trainable: false, name: "global_step");
        var opt = Tf.Compat.V1.Train.GradientDescentOptimizer(0.1);
        opt.Minimize(loss, {|#0:step|}, new[] { v });
        Console.WriteLine(step.DType);
        """,
        Diagnostic("GSM002").WithLocation(0).WithArguments(
            "Minimize",
            "'step'",
            "; optimizer.Iterations cannot own it: it is int32 and read at line 9 in a way that depends on its dtype, and optimizer.Iterations is int64"));

    [Fact]
    public Task HandMadeStep_Int32ReadOnlyForItsValue_BothFixesAllowed() => VerifyAsync("""
        using System;
        using GlobalStepMigration.Runtime;

        var g = new Graph();
        using (g.AsDefault())
        {
            var v = Tf.Variable(3.0);
            var step = Tf.Variable(0, trainable: false, name: "global_step");
            var opt = Tf.Compat.V1.Train.GradientDescentOptimizer(0.1);
            var train = opt.Minimize(v * 2.0, {|#0:step|}, new[] { v });
            using var sess = new Session(g);
            Console.WriteLine(sess.Run(step));
            Console.WriteLine($"step {sess.Run(step)} {(long)sess.Run(step)}");
            Console.WriteLine(Tf.Compat.V1.Train.GlobalStep(sess, step));
        }
        """,
        Diagnostic("GSM002").WithLocation(0).WithArguments("Minimize", "'step'", string.Empty),
        Diagnostic("GSM001").WithSpan(14, 23, 14, 64).WithArguments("GlobalStep", "'step'", string.Empty));

    /// <summary>
    /// Printing the step itself shows its name and dtype (<c>&lt;tf.Variable 'global_step:0' shape=() dtype=int32, numpy=1&gt;</c>,
    /// O3 and O4): fix A's Iterations prints another name; so does <c>step.ToString()</c>, and <c>$"{step}"</c>.
    /// </summary>
    [Theory]
    [InlineData("Console.WriteLine(step);", "printed")]
    [InlineData("Console.WriteLine(step.ToString());", "formatted")]
    [InlineData("Console.WriteLine($\"step {step}\");", "formatted")]
    [InlineData("Console.WriteLine(step.Name);", "asked for its Name")]
    public Task Int64Step_ItselfPrinted_OnlyTheExplicitVariable(string read, string how) => VerifyAsync($$"""
        using System;
        using GlobalStepMigration.Runtime;

        var v = Tf.Variable(3.0);
        var step = Tf.Variable(0L, trainable: false, name: "global_step");
        var opt = Tf.Compat.V1.Train.GradientDescentOptimizer(0.1);
        opt.Minimize(() => v * 2.0, {|#0:step|}, new[] { v });
        {{read}}
        """,
        Diagnostic("GSM002").WithLocation(0).WithArguments("Minimize", "'step'", "; optimizer.Iterations cannot own it: the step itself is " + how + " at line 8, which shows its name, and optimizer.Iterations has another"));

    [Fact]
    public Task HandMadeStep_ApplyGradientsPositional() => VerifyAsync("""
        using GlobalStepMigration.Runtime;

        var v = Tf.Variable(3.0);
        var loss = v * 2.0;
        var step = Tf.Variable(0L, trainable: false, name: "global_step");
        var opt = Tf.Compat.V1.Train.GradientDescentOptimizer(0.1);
        var gv = opt.ComputeGradients(loss, new[] { v });
        opt.ApplyGradients(gv, {|#0:step|});
        """,
        Diagnostic("GSM002").WithLocation(0).WithArguments("ApplyGradients", "'step'", "; optimizer.Iterations cannot own it: optimizer 'opt' is used for more than its updates, which a Keras optimizer may not support"));

    /// <summary>Shared step: two optimizers share one step (GAN).</summary>
    [Fact]
    public Task SharedStep_TwoOptimizers_OnlyExplicitVariable()
    {
        const string reason = "; optimizer.Iterations cannot own it: optimizers 'dOpt' and 'gOpt' both increment it, and an optimizer's Iterations counts only its own updates";
        return VerifyAsync("""
            using GlobalStepMigration.Runtime;
            using Train = GlobalStepMigration.Runtime.Tf.Compat.V1.Train;

            var d = Tf.Variable(1.0);
            var gen = Tf.Variable(2.0);
            var step = {|#0:Train.GetOrCreateGlobalStep()|};
            var dOpt = Train.AdamOptimizer(0.001);
            var gOpt = Train.AdamOptimizer(0.002);
            var dTrain = dOpt.Minimize(d * 2.0, {|#1:step|}, new[] { d });
            var gTrain = gOpt.Minimize(gen * 3.0, {|#2:step|}, new[] { gen });
            """,
            Diagnostic("GSM001").WithLocation(0).WithArguments("GetOrCreateGlobalStep", "'step'", reason),
            Diagnostic("GSM002").WithLocation(1).WithArguments("Minimize", "'step'", reason),
            Diagnostic("GSM002").WithLocation(2).WithArguments("Minimize", "'step'", reason));
    }

    [Fact]
    public Task DerivedOptimizerAndSubclassCall() => VerifyAsync("""
        using GlobalStepMigration.Runtime;
        using GlobalStepMigration.Runtime.Compat.V1.Train;

        var v = Tf.Variable(1.0);
        var step = {|#0:Tf.Compat.V1.Train.GetOrCreateGlobalStep()|};
        Optimizer opt = new MomentumOptimizer(0.1, 0.9);
        opt.Minimize(v * 2.0, {|#1:step|});
        """,
        Diagnostic("GSM001").WithLocation(0),
        Diagnostic("GSM002").WithLocation(1));

    [Theory]
    [InlineData("opt.Minimize(loss, null, new[] { v })")]
    [InlineData("opt.Minimize(loss, globalStep: null)")]
    [InlineData("opt.Minimize(loss, default, new[] { v })")]
    [InlineData("opt.Minimize(loss, (Tensor?)null)")]
    [InlineData("opt.Minimize(loss, varList: new[] { v })")]
    [InlineData("opt.Minimize(loss)")]
    [InlineData("opt.ApplyGradients(opt.ComputeGradients(loss, new[] { v }))")]
    [InlineData("opt.ApplyGradients(opt.ComputeGradients(loss, new[] { v }), null)")]
    public Task OptimizerWithoutStep(string call) => VerifyAsync($$"""
        using GlobalStepMigration.Runtime;

        var v = Tf.Variable(1.0);
        var loss = v * 2.0;
        var opt = Tf.Compat.V1.Train.GradientDescentOptimizer(0.5);
        {{call}};
        """);
}
