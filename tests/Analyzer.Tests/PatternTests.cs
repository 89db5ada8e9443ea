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
}
