using System.Threading.Tasks;
using Xunit;
using static GlobalStepMigration.Analyzers.Tests.AnalyzerVerifier;

namespace GlobalStepMigration.Analyzers.Tests;

/// <summary>Spellings: every spelling of the legacy API is found by symbol, at the right span.</summary>
public sealed class SpellingTests
{
    [Fact]
    public Task UsingStatic() => VerifyAsync("""
        using GlobalStepMigration.Runtime;
        using static GlobalStepMigration.Runtime.Tf.Compat.V1.Train;

        var v = Tf.Variable(1.0);
        var step = {|#0:GetOrCreateGlobalStep()|};
        var opt = GradientDescentOptimizer(0.5);
        opt.Minimize(v * 2.0, {|#1:step|});
        """,
        Diagnostic("GSM001").WithLocation(0),
        Diagnostic("GSM002").WithLocation(1));

    [Fact]
    public Task TopLevelStatementsReportAtTheRightLineAndColumn() => VerifyAsync(
        """
        using GlobalStepMigration.Runtime;

        var v = Tf.Variable(1.0);
        var step = Tf.Compat.V1.Train.GetOrCreateGlobalStep();
        var opt = Tf.Compat.V1.Train.GradientDescentOptimizer(0.5);
        opt.Minimize(v * 2.0, globalStep: step);
        """,
        Diagnostic("GSM001").WithSpan(4, 12, 4, 54),
        Diagnostic("GSM002").WithSpan(6, 35, 6, 39));
}
