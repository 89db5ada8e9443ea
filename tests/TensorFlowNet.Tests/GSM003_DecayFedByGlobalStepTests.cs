using System.Linq;
using System.Threading.Tasks;
using GlobalStepMigration.Analyzers;
using Xunit;
using static GlobalStepMigration.TensorFlowNet.Tests.TfNetVerifier;

namespace GlobalStepMigration.TensorFlowNet.Tests;

/// <summary>GSM003 on TensorFlow.NET: learning_rate_decay.polynomial_decay fed by the step.</summary>
public sealed class GSM003_DecayFedByGlobalStepTests
{
    [Fact]
    public Task PolynomialDecay_OnALookedUpStep() => VerifyAsync(Usings + """
        using Tensorflow.Training;

        var lr = {|#0:learning_rate_decay.polynomial_decay(0.1f, {|#1:TrainingUtil.get_global_step()|}, 1000f, end_learning_rate: 0.01f)|};
        """,
        Diagnostic("GSM003").WithLocation(0).WithArguments("polynomial_decay", "global_step of the default graph", NotCreatedIn("Program")),
        Diagnostic("GSM001").WithLocation(1).WithArguments("get_global_step", "global_step of the default graph", NotCreatedIn("Program")));
}
