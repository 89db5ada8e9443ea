using System.Threading.Tasks;
using Xunit;
using static GlobalStepMigration.Analyzers.Tests.AnalyzerVerifier;

namespace GlobalStepMigration.Analyzers.Tests;

/// <summary>The patterns of shared/spec/migration.md ("Patterns the tests must cover"), through Microsoft.CodeAnalysis.Testing.</summary>
public sealed class PatternTests
{
    /// <summary>Pattern 1: the seed's TF1 graph program.</summary>
    public const string SeedProgram = """
        using System;
        using GlobalStepMigration.Runtime;

        var g = new Graph();
        Tensor globalStep;
        Operation? trainOp;
        Tensor x;
        Operation init;
        using (g.AsDefault())
        {
            x = Tf.Compat.V1.Placeholder(DType.Float32);
            var v = Tf.Variable(3.0);
            var loss = x * 5 - x * v;
            globalStep = {|#0:Tf.Compat.V1.Train.GetOrCreateGlobalStep()|};
            init = Tf.Compat.V1.GlobalVariablesInitializer();
            var optimizer = Tf.Compat.V1.Train.GradientDescentOptimizer(0.1);
            trainOp = optimizer.Minimize(loss, {|#1:globalStep|}, new[] { v });
        }

        var sess = Tf.Compat.V1.Session(g);
        sess.Run(init);
        Console.WriteLine("before training: " + sess.Run(globalStep));
        sess.Run(trainOp!, new FeedDict { [x] = 3.0 });
        Console.WriteLine("after training: " + sess.Run(globalStep));
        using (g.AsDefault())
        {
            Console.WriteLine(sess.Run({|#2:Tf.Compat.V1.Train.GetGlobalStep()|}!));
        }
        """;

    [Fact]
    public Task SeedProgram_FlagsCreationOptimizerArgumentAndLaterLookup() => VerifyAsync(
        SeedProgram,
        Diagnostic("GSM001").WithLocation(0).WithArguments("GetOrCreateGlobalStep", "'globalStep'", string.Empty),
        Diagnostic("GSM002").WithLocation(1).WithArguments("Minimize", "'globalStep'", string.Empty),
        Diagnostic("GSM001").WithLocation(2).WithArguments("GetGlobalStep", "'globalStep'", string.Empty));

    [Fact]
    public Task HandMadeStep_NamedAfterOtherNamedArguments() => VerifyAsync("""
        using GlobalStepMigration.Runtime;

        var v = Tf.Variable(3.0);
        var loss = v * 2.0;
        var step = Tf.Variable(0, trainable: false, name: "global_step");
        var opt = Tf.Compat.V1.Train.GradientDescentOptimizer(0.1);
        var train = opt.Minimize(loss, varList: new[] { v }, name: "train", globalStep: {|#0:step|});
        """,
        Diagnostic("GSM002").WithLocation(0).WithArguments("Minimize", "'step'", string.Empty));

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

        var v = Tf.Variable(3.0);
        var step = Tf.Variable(0, trainable: false, name: "global_step");
        var opt = Tf.Compat.V1.Train.GradientDescentOptimizer(0.1);
        opt.Minimize(v * 2.0, {|#0:step|}, new[] { v });
        Console.WriteLine(step.Numpy());
        Console.WriteLine($"step {step}");
        """,
        Diagnostic("GSM002").WithLocation(0).WithArguments("Minimize", "'step'", string.Empty));

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
        Diagnostic("GSM002").WithLocation(0).WithArguments("ApplyGradients", "'step'", string.Empty));

    /// <summary>Pattern 3: a step stored in a field, created in one method and read or passed in another.</summary>
    [Fact]
    public Task FieldStep_CreatedInOneMethodPassedInAnother() => VerifyAsync("""
        using GlobalStepMigration.Runtime;

        var t = new Trainer();
        t.Build();

        class Trainer
        {
            private Tensor? _step;
            private Operation? _train;

            public void Build()
            {
                _step = {|#0:Tf.Compat.V1.Train.GetOrCreateGlobalStep()|};
                Train();
            }

            private void Train()
            {
                var v = Tf.Variable(3.0);
                var opt = Tf.Compat.V1.Train.GradientDescentOptimizer(0.1);
                _train = opt.Minimize(v * 2.0, {|#1:_step|}, new[] { v });
            }

            public long Read(Session s) => (long)s.Run(_step!);
        }
        """,
        Diagnostic("GSM001").WithLocation(0).WithArguments("GetOrCreateGlobalStep", "'_step'", string.Empty),
        Diagnostic("GSM002").WithLocation(1).WithArguments("Minimize", "'_step'", string.Empty));

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

    /// <summary>Pattern 4: half-migrated TF2 code.</summary>
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

    /// <summary>Pattern 5: learning-rate decay fed by the step.</summary>
    [Theory]
    [InlineData("ExponentialDecay(0.1, step, 100, 0.96)")]
    [InlineData("ExponentialDecay(0.1, step, 100, 0.96, staircase: true)")]
    [InlineData("PolynomialDecay(0.1, step, 100)")]
    [InlineData("PiecewiseConstant(step, new[] { 10.0 }, new[] { 0.1, 0.01 })")]
    [InlineData("InverseTimeDecay(0.1, step, 100, 0.5)")]
    [InlineData("CosineDecay(0.1, step, 100)")]
    [InlineData("ExponentialDecay(decayRate: 0.96, decaySteps: 100, globalStep: step, learningRate: 0.1)")]
    public Task Decay_FedByStep(string call) => VerifyAsync($$"""
        using GlobalStepMigration.Runtime;
        using Train = GlobalStepMigration.Runtime.Tf.Compat.V1.Train;

        var v = Tf.Variable(3.0);
        var step = {|#0:Train.GetOrCreateGlobalStep()|};
        var lr = {|#1:Train.{{call}}|};
        var opt = Train.GradientDescentOptimizer(lr);
        var train = opt.Minimize(v * 2.0, {|#2:step|}, new[] { v });
        """,
        Diagnostic("GSM001").WithLocation(0).WithArguments("GetOrCreateGlobalStep", "'step'", string.Empty),
        Diagnostic("GSM003").WithLocation(1).WithArguments(call.Substring(0, call.IndexOf('(')), "'step'", string.Empty),
        Diagnostic("GSM002").WithLocation(2).WithArguments("Minimize", "'step'", string.Empty));

    [Fact]
    public Task Decay_WithoutKerasEquivalent_NoFix()
    {
        const string reason = "; no automatic fix: NaturalExpDecay has no Keras schedule with the same formula; replace it by hand";
        return VerifyAsync("""
            using GlobalStepMigration.Runtime;
            using Train = GlobalStepMigration.Runtime.Tf.Compat.V1.Train;

            var v = Tf.Variable(3.0);
            var step = {|#0:Train.GetOrCreateGlobalStep()|};
            var lr = {|#1:Train.NaturalExpDecay(0.1, step, 100, 0.5)|};
            var opt = Train.GradientDescentOptimizer(lr);
            var train = opt.Minimize(v * 2.0, {|#2:step|}, new[] { v });
            """,
            Diagnostic("GSM001").WithLocation(0).WithArguments("GetOrCreateGlobalStep", "'step'", reason),
            Diagnostic("GSM003").WithLocation(1).WithArguments("NaturalExpDecay", "'step'", reason),
            Diagnostic("GSM002").WithLocation(2).WithArguments("Minimize", "'step'", reason));
    }

    /// <summary>Pattern 6: two optimizers share one step (GAN).</summary>
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

    /// <summary>Pattern 7: reads in a helper with no optimizer or step in reach.</summary>
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

    /// <summary>Pattern 8: lookups by name or collection.</summary>
    [Fact]
    public Task LookupsByNameAndCollection_FlaggedWithoutFix() => VerifyAsync("""
        using System;
        using GlobalStepMigration.Runtime;
        using V1 = GlobalStepMigration.Runtime.Tf.Compat.V1;

        var g = new Graph();
        using (g.AsDefault())
        {
            var step = {|#0:V1.Train.GetOrCreateGlobalStep()|};
            var byName = {|#1:g.GetTensorByName("global_step:0")|};
            var op = {|#2:g.GetOperationByName("global_step")|};
            var inCollection = {|#3:g.GetCollection(V1.GraphKeys.GLOBAL_STEP)|};
            var viaTf = {|#4:V1.GetCollection("global_step")|};
            {|#5:g.AddToCollection(V1.GraphKeys.GLOBAL_STEP, step)|};
            var other = g.GetCollection(V1.GraphKeys.GLOBAL_VARIABLES);
            var loss = g.GetTensorByName("loss:0");
        }
        """,
        Diagnostic("GSM001").WithLocation(0).WithArguments(
            "GetOrCreateGlobalStep",
            "'step'",
            "; no automatic fix: the step is also found by name at line 9 ('GetTensorByName', GSM004), which would no longer find it; pass the step's variable (or its optimizer) to that code instead (see GSM004), then fix"),
        Diagnostic("GSM004").WithLocation(1).WithArguments("GetTensorByName", "by name", "pass the step's variable (or the optimizer, whose Iterations counts its updates) to this code instead of looking it up by name"),
        Diagnostic("GSM004").WithLocation(2).WithArguments("GetOperationByName", "by name", "pass the step's variable (or the optimizer, whose Iterations counts its updates) to this code instead of looking it up by name"),
        Diagnostic("GSM004").WithLocation(3).WithArguments("GetCollection", "through the GLOBAL_STEP collection", "pass the step's variable (or the optimizer, whose Iterations counts its updates) to this code instead of going through the collection"),
        Diagnostic("GSM004").WithLocation(4).WithArguments("GetCollection", "through the GLOBAL_STEP collection", "pass the step's variable (or the optimizer, whose Iterations counts its updates) to this code instead of going through the collection"),
        Diagnostic("GSM004").WithLocation(5).WithArguments("AddToCollection", "through the GLOBAL_STEP collection", "pass the step's variable (or the optimizer, whose Iterations counts its updates) to this code instead of going through the collection"));

    [Fact]
    public Task MethodGroup_FlaggedWithoutFix() => VerifyAsync("""
        using System;
        using GlobalStepMigration.Runtime;
        using static GlobalStepMigration.Runtime.Tf.Compat.V1.Train;

        Func<Graph?, Tensor?> lookup = {|#0:GetGlobalStep|};
        Func<Graph?, Tensor> create = {|#1:GetOrCreateGlobalStep|};
        """,
        Diagnostic("GSM004").WithLocation(0).WithArguments("GetGlobalStep", "through a method group", "call the function directly where its graph is known, or pass the step's variable instead of the function"),
        Diagnostic("GSM004").WithLocation(1).WithArguments("GetOrCreateGlobalStep", "through a method group", "call the function directly where its graph is known, or pass the step's variable instead of the function"));

    /// <summary>Pattern 9: several graphs are different units.</summary>
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

    /// <summary>Pattern 11: a conditionally null step.</summary>
    [Fact]
    public Task ConditionalStep_FlaggedWithoutFix()
    {
        const string reason = "; no automatic fix: the step passed to 'Minimize' at line 8 is conditional ('decay ? step : null'); migrate that call by hand";
        return VerifyAsync("""
            using GlobalStepMigration.Runtime;
            using Train = GlobalStepMigration.Runtime.Tf.Compat.V1.Train;

            var decay = System.Environment.GetCommandLineArgs().Length > 1;
            var v = Tf.Variable(3.0);
            var step = {|#0:Train.GetOrCreateGlobalStep()|};
            var opt = Train.GradientDescentOptimizer(0.1);
            var train = opt.Minimize(v * 2.0, {|#1:decay ? step : null|}, new[] { v });
            """,
            Diagnostic("GSM001").WithLocation(0).WithArguments("GetOrCreateGlobalStep", "'step'", reason),
            Diagnostic("GSM002").WithLocation(1).WithArguments("Minimize", "'step'", reason));
    }

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
}
