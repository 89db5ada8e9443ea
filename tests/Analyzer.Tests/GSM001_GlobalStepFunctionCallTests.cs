using System.Threading.Tasks;
using Xunit;
using static GlobalStepMigration.Analyzers.Tests.AnalyzerVerifier;

namespace GlobalStepMigration.Analyzers.Tests;

/// <summary>GSM001: calls to GetGlobalStep, GetOrCreateGlobalStep and CreateGlobalStep (src/Analyzer/Rules/GSM001_GlobalStepFunctionCall.cs) in every spelling, their units and the reasons they get no fix.</summary>
public sealed class GSM001_GlobalStepFunctionCallTests
{
    [Fact]
    public Task FieldStep_NotPrivate_NoFix() => VerifyAsync("""
        using GlobalStepMigration.Runtime;

        class Trainer
        {
            public Tensor? Step;

            public void Build()
            {
                Step = {|#0:Tf.Compat.V1.Train.GetOrCreateGlobalStep()|};
            }
        }
        """,
        Diagnostic("GSM001").WithLocation(0).WithArguments(
            "GetOrCreateGlobalStep",
            "'Step'",
            "; no automatic fix: it is stored in field 'Step', which code outside 'Trainer' can reach; keep the step in a private field (pass it to other code as a parameter), then fix"));

    /// <summary>Half-migrated TF2 (docs/design/patterns.md).</summary>
    [Fact]
    public Task HalfMigratedTf2_KerasOptimizerAndManualIncrement() => VerifyAsync("""
        using System;
        using GlobalStepMigration.Runtime;

        var opt = Tf.Keras.Optimizers.SGD(0.01);
        var step = {|#0:Tf.Compat.V1.Train.GetOrCreateGlobalStep()|};
        var v = Tf.Variable(3.0);
        var tape = Tf.GradientTape();
        Tensor loss;
        using (tape)
        {
            loss = v * 3.0;
        }

        var grads = tape.Gradient(loss, new[] { v });
        opt.ApplyGradients(new[] { (grads[0], v) });
        ((Variable)step).AssignAdd(1);
        Console.WriteLine(step.Numpy());
        """,
        Diagnostic("GSM001").WithLocation(0).WithArguments("GetOrCreateGlobalStep", "'step'", string.Empty));

    [Fact]
    public Task HalfMigratedTf2_IncrementNotAfterUpdate_OnlyExplicitVariable() => VerifyAsync("""
        using GlobalStepMigration.Runtime;

        var step = {|#0:Tf.Compat.V1.Train.CreateGlobalStep()|};
        step.AssignAdd(1);
        """,
        Diagnostic("GSM001").WithLocation(0).WithArguments(
            "CreateGlobalStep",
            "'step'",
            "; optimizer.Iterations cannot own it: the increment at line 4 does not directly follow a Keras optimizer's update"));

    /// <summary>Helper reads (docs/design/patterns.md): reads in a helper with no optimizer or step in reach.</summary>
    [Fact]
    public Task HelperRead_NoCreationInReach_NoFix() => VerifyAsync("""
        using System;
        using GlobalStepMigration.Runtime;

        static class Reporter
        {
            public static void Print(Session sess)
            {
                var step = {|#0:Tf.Compat.V1.Train.GetGlobalStep()|};
                Console.WriteLine(sess.Run(step!));
            }
        }
        """,
        Diagnostic("GSM001").WithLocation(0).WithArguments(
            "GetGlobalStep",
            "'step'",
            "; no automatic fix: no creation of this step is visible in 'Reporter'; migrate the code that creates it, then pass its variable (or its optimizer) here"));

    /// <summary>Several graphs (docs/design/patterns.md): each graph is its own unit.</summary>
    [Fact]
    public Task SeveralGraphs_AreDifferentUnits() => VerifyAsync("""
        using GlobalStepMigration.Runtime;
        using Train = GlobalStepMigration.Runtime.Tf.Compat.V1.Train;

        var g1 = new Graph();
        var g2 = new Graph();
        var s1 = {|#0:Train.CreateGlobalStep(g1)|};
        var s2 = {|#1:Train.CreateGlobalStep(g2)|};
        var r1 = {|#2:Train.GetGlobalStep(g1)|};
        var r2 = {|#3:Train.GetGlobalStep(g2)|};
        """,
        Diagnostic("GSM001").WithLocation(0).WithArguments("CreateGlobalStep", "'s1'", NoFixOutsideScope("g1", 6)),
        Diagnostic("GSM001").WithLocation(1).WithArguments("CreateGlobalStep", "'s2'", NoFixOutsideScope("g2", 7)),
        Diagnostic("GSM001").WithLocation(2).WithArguments("GetGlobalStep", "'s1'", NoFixOutsideScope("g1", 6)),
        Diagnostic("GSM001").WithLocation(3).WithArguments("GetGlobalStep", "'s2'", NoFixOutsideScope("g2", 7)));

    private static string NoFixOutsideScope(string graph, int line) =>
        $"; no automatic fix: the step is created at line {line} outside 'using ({graph}.AsDefault())', and the fixes create variables in the current default graph; move the creation into that scope";

    [Fact]
    public Task StepPassedToOwnHelper_Escapes_NoFix() => VerifyAsync("""
        using GlobalStepMigration.Runtime;

        var step = {|#0:Tf.Compat.V1.Train.GetOrCreateGlobalStep()|};
        Helper.Use(step);

        static class Helper
        {
            public static void Use(Tensor t) { }
        }
        """,
        Diagnostic("GSM001").WithLocation(0).WithArguments(
            "GetOrCreateGlobalStep",
            "'step'",
            "; no automatic fix: it is passed to 'Use' at line 4, which the fix cannot follow; give that method the step's value instead of the step, or migrate it by hand"));

    [Fact]
    public Task DefaultAndExplicitGraphInOneType_NoFix() => VerifyAsync("""
        using GlobalStepMigration.Runtime;
        using Train = GlobalStepMigration.Runtime.Tf.Compat.V1.Train;

        var g = new Graph();
        var a = {|#0:Train.GetOrCreateGlobalStep()|};
        var b = {|#1:Train.GetGlobalStep(g)|};
        """,
        Diagnostic("GSM001").WithLocation(0).WithArguments("GetOrCreateGlobalStep", "'a'", "; no automatic fix: 'GetOrCreateGlobalStep' on the default graph (line 5) and 'GetGlobalStep' on graph 'g' (line 6) may see the same step; pass the graph explicitly in every global-step call of this type, or in none"),
        Diagnostic("GSM001").WithLocation(1).WithArguments("GetGlobalStep", "'b'", "; no automatic fix: 'GetOrCreateGlobalStep' on the default graph (line 5) and 'GetGlobalStep' on graph 'g' (line 6) may see the same step; pass the graph explicitly in every global-step call of this type, or in none"));

    [Fact]
    public Task Alias() => VerifyAsync("""
        using T = GlobalStepMigration.Runtime.Tf.Compat.V1.Train;

        var step = {|#0:T.CreateGlobalStep()|};
        """,
        Diagnostic("GSM001").WithLocation(0));

    [Fact]
    public Task FullyQualifiedWithGlobalAlias() => VerifyAsync("""
        var step = {|#0:global::GlobalStepMigration.Runtime.Tf.Compat.V1.Train.GetOrCreateGlobalStep()|};
        """,
        Diagnostic("GSM001").WithLocation(0));

    [Fact]
    public Task InsideLambda() => VerifyAsync("""
        using System;
        using GlobalStepMigration.Runtime;

        Func<Tensor?> read = () => {|#0:Tf.Compat.V1.Train.GetGlobalStep()|};
        """,
        Diagnostic("GSM001").WithLocation(0));

    [Fact]
    public Task InsideLocalFunction() => VerifyAsync("""
        using GlobalStepMigration.Runtime;

        Tensor Make() => {|#0:Tf.Compat.V1.Train.GetOrCreateGlobalStep()|};
        Make();
        """,
        Diagnostic("GSM001").WithLocation(0));

    [Fact]
    public Task FieldAndPropertyInitializers() => VerifyAsync("""
        using GlobalStepMigration.Runtime;

        class Model
        {
            private readonly Tensor _step = {|#0:Tf.Compat.V1.Train.GetOrCreateGlobalStep()|};

            private Tensor Other { get; } = {|#1:Tf.Compat.V1.Train.GetOrCreateGlobalStep()|};
        }
        """,
        Diagnostic("GSM001").WithLocation(0),
        Diagnostic("GSM001").WithLocation(1));

    [Fact]
    public Task ExpressionBodiedMembers() => VerifyAsync("""
        using GlobalStepMigration.Runtime;

        class Model
        {
            public Tensor? Step => {|#0:Tf.Compat.V1.Train.GetGlobalStep()|};

            public Tensor Make() => {|#1:Tf.Compat.V1.Train.GetOrCreateGlobalStep()|};
        }
        """,
        Diagnostic("GSM001").WithLocation(0),
        Diagnostic("GSM001").WithLocation(1));

    [Fact]
    public Task NestedTypesReportOnce() => VerifyAsync("""
        using GlobalStepMigration.Runtime;

        class Outer
        {
            class Inner
            {
                private readonly Tensor _step = {|#0:Tf.Compat.V1.Train.GetOrCreateGlobalStep()|};
            }
        }
        """,
        Diagnostic("GSM001").WithLocation(0));
}
