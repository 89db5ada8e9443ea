using System.Linq;
using System.Threading.Tasks;
using GlobalStepMigration.Analyzers;
using Xunit;
using static GlobalStepMigration.TensorFlowNet.Tests.TfNetVerifier;

namespace GlobalStepMigration.TensorFlowNet.Tests;

/// <summary>All four rules on one TensorFlow.NET unit (per-rule tests: GSM00x_*Tests.cs; docs/tensorflow-net.md).</summary>
public sealed class RuleTests
{
    [Fact]
    public Task AllRules_FieldTypedRefVariable_FromTrainingUtil_WithDecay() => VerifyAsync(Usings + """
        using Tensorflow.Training;

        class Trainer
        {
            private RefVariable _step;

            public Operation Build(Tensor loss)
            {
                _step = (RefVariable){|#0:TrainingUtil.create_global_step()|};
                var lr = {|#1:learning_rate_decay.polynomial_decay(0.1f, _step, 1000f)|};
                var optimizer = tf.train.GradientDescentOptimizer(lr);
                return optimizer.minimize(loss, {|#2:_step|});
            }
        }
        """,
        Diagnostic("GSM001").WithLocation(0).WithArguments("create_global_step", "'_step'", LibraryLimits),
        Diagnostic("GSM003").WithLocation(1).WithArguments("polynomial_decay", "'_step'", LibraryLimits),
        Diagnostic("GSM002").WithLocation(2).WithArguments("minimize", "'_step'", LibraryLimits));
}
