using System.Threading.Tasks;
using GlobalStepMigration.TestKit;
using Xunit;
using static GlobalStepMigration.Analyzers.Tests.AnalyzerVerifier;

namespace GlobalStepMigration.Analyzers.Tests;

/// <summary>Programs that combine several rules, by pattern of docs/design/patterns.md, through Microsoft.CodeAnalysis.Testing (single-rule tests: GSM00x_*Tests.cs).</summary>
public sealed class PatternTests
{
    /// <summary>The seed program (samples/SeedTf1, stored once) with its three GSM sites marked #0, #1, #2.</summary>
    public static string SeedProgram { get; } = Markup.Locations(
        TestPrograms.Get("SeedProgram"),
        "globalStep = [|Tf.Compat.V1.Train.GetOrCreateGlobalStep()|]",
        "optimizer.Minimize(loss, [|globalStep|]",
        "sess.Run([|Tf.Compat.V1.Train.GetGlobalStep()|]");

    [Fact]
    public Task SeedProgram_FlagsCreationOptimizerArgumentAndLaterLookup() => VerifyAsync(
        SeedProgram,
        Diagnostic("GSM001").WithLocation(0).WithArguments("GetOrCreateGlobalStep", "'globalStep'", string.Empty),
        Diagnostic("GSM002").WithLocation(1).WithArguments("Minimize", "'globalStep'", string.Empty),
        Diagnostic("GSM001").WithLocation(2).WithArguments("GetGlobalStep", "'globalStep'", string.Empty));

    /// <summary>Field step across methods: a step stored in a field, created in one method and read or passed in another.</summary>
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

    /// <summary>Conditional step: a conditionally null step.</summary>
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
