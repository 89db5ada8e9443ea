using System.Threading.Tasks;
using Xunit;
using static GlobalStepMigration.Analyzers.Tests.AnalyzerVerifier;

namespace GlobalStepMigration.Analyzers.Tests;

/// <summary>GSM003: a TF1 decay fed by the step (src/Analyzer/Rules/GSM003_DecayFedByGlobalStep.cs), with and without a Keras schedule of the same formula.</summary>
public sealed class GSM003_DecayFedByGlobalStepTests
{
    /// <summary>Decays: learning-rate decay fed by the step.</summary>
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

        var g = new Graph();
        using (g.AsDefault())
        {
            var v = Tf.Variable(3.0);
            var step = {|#0:Train.GetOrCreateGlobalStep()|};
            var lr = {|#1:Train.{{call}}|};
            var opt = Train.GradientDescentOptimizer(lr);
            var train = opt.Minimize(v * 2.0, {|#2:step|}, new[] { v });
        }
        """,
        Diagnostic("GSM001").WithLocation(0).WithArguments("GetOrCreateGlobalStep", "'step'", string.Empty),
        Diagnostic("GSM003").WithLocation(1).WithArguments(call.Substring(0, call.IndexOf('(')), "'step'", string.Empty),
        Diagnostic("GSM002").WithLocation(2).WithArguments("Minimize", "'step'", string.Empty));

    /// <summary>Eagerly a TF1 decay is a constant computed once, a Keras schedule follows every update (O11): no fix A, and the message says so.</summary>
    [Fact]
    public Task Decay_Eager_OnlyTheExplicitVariable()
    {
        const string reason = "; optimizer.Iterations cannot own it: the decay at line 6 is evaluated once (eagerly), while a Keras schedule follows every update";
        return VerifyAsync("""
            using GlobalStepMigration.Runtime;
            using Train = GlobalStepMigration.Runtime.Tf.Compat.V1.Train;

            var v = Tf.Variable(3.0);
            var step = {|#0:Train.GetOrCreateGlobalStep()|};
            var lr = {|#1:Train.ExponentialDecay(0.1, step, 100, 0.96)|};
            var opt = Train.GradientDescentOptimizer(lr);
            opt.Minimize(() => v * 2.0, {|#2:step|}, new[] { v });
            """,
            Diagnostic("GSM001").WithLocation(0).WithArguments("GetOrCreateGlobalStep", "'step'", reason),
            Diagnostic("GSM003").WithLocation(1).WithArguments("ExponentialDecay", "'step'", reason),
            Diagnostic("GSM002").WithLocation(2).WithArguments("Minimize", "'step'", reason));
    }

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
}
