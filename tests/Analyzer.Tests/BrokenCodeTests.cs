using System.Linq;
using System.Threading.Tasks;
using Xunit;
using static GlobalStepMigration.Analyzers.Tests.AnalyzerVerifier;

namespace GlobalStepMigration.Analyzers.Tests;

/// <summary>Broken code: broken or incomplete code never crashes the analyzer (AD0001 fails <see cref="AnalyzerVerifier.GetDiagnosticsAsync"/>).</summary>
public sealed class BrokenCodeTests
{
    [Theory]
    [InlineData("var step = Tf.Compat.V1.Train.GetOrCreateGlobalStep()\nvar x = 1;")]
    [InlineData("var step = Tf.Compat.V1.Train.GetOrCreateGlobalStep(")]
    [InlineData("var step = Tf.Compat.V1.Train.GetGlobalStep(undefinedGraph);")]
    [InlineData("var step = Tf.Compat.V1.Train.GetOrCreateGlobalStep(); var opt = Tf.Compat.V1.Train.GradientDescentOptimizer(0.1); opt.Minimize(")]
    [InlineData("var step = Tf.Compat.V1.Train.GetOrCreateGlobalStep(); var opt = Tf.Compat.V1.Train.GradientDescentOptimizer(0.1); opt.Minimize(missingLoss, step, );")]
    [InlineData("var step = Tf.Compat.V1.Train.GetOrCreateGlobalStep(); var opt = Tf.Compat.V1.Train.GradientDescentOptimizer(0.1); opt.Minimize(step, globalStep: );")]
    [InlineData("var step = Tf.Compat.V1.Train.GetOrCreateGlobalStep(); var lr = Tf.Compat.V1.Train.ExponentialDecay(0.1, step, ")]
    [InlineData("var step = Tf.Compat.V1.Train.; step.AssignAdd(1);")]
    [InlineData("var step = Unknown.GetOrCreateGlobalStep(); var opt = Tf.Compat.V1.Train.GradientDescentOptimizer(0.1); opt.Minimize(step, step);")]
    [InlineData("var g = new Graph(); g.GetTensorByName(); g.GetCollection(Tf.Compat.V1.GraphKeys.); g.AddToCollection(\"global_step\");")]
    [InlineData("System.Func<Graph?, Tensor?> f = Tf.Compat.V1.Train.GetGlobalStep; f = Tf.Compat.V1.Train.Nope;")]
    [InlineData("class C { Tensor _s = Tf.Compat.V1.Train.GetOrCreateGlobalStep() void M() { _s. } }")]
    [InlineData("var step = Tf.Variable(0, trainable: false, name: ); var opt = Tf.Compat.V1.Train.GradientDescentOptimizer(0.1); opt.Minimize(step * 2.0, step);")]
    public async Task NoAnalyzerException(string body)
    {
        var diagnostics = await GetDiagnosticsAsync("using GlobalStepMigration.Runtime;\n" + body);
        Assert.All(diagnostics, d => Assert.StartsWith("GSM", d.Id));
    }

    [Fact]
    public async Task CompleteCallsInBrokenFileAreStillReportedWithoutFix()
    {
        var diagnostics = await GetDiagnosticsAsync("""
            using GlobalStepMigration.Runtime;
            var step = Tf.Compat.V1.Train.GetOrCreateGlobalStep();
            var opt = Tf.Compat.V1.Train.GradientDescentOptimizer(0.1);
            opt.Minimize(step * 2.0, step);
            var broken = missingLoss +;
            Helper(step)
            """);
        Assert.Equal(new[] { "GSM001", "GSM002" }, diagnostics.Select(d => d.Id));
        Assert.All(diagnostics, d => Assert.Equal(string.Empty, d.Properties[UnitProperties.Fixes]));
    }
}
