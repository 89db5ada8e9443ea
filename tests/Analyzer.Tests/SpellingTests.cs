using System.Threading.Tasks;
using Xunit;
using static GlobalStepMigration.Analyzers.Tests.AnalyzerVerifier;

namespace GlobalStepMigration.Analyzers.Tests;

/// <summary>Pattern 10: every spelling of the legacy API is found by symbol, at the right span.</summary>
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
}
