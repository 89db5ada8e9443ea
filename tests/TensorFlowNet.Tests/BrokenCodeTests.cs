using System.Linq;
using System.Threading.Tasks;
using Xunit;
using static GlobalStepMigration.TensorFlowNet.Tests.TfNetVerifier;

namespace GlobalStepMigration.TensorFlowNet.Tests;

/// <summary>The broken-code pattern (docs/design/patterns.md) on TensorFlow.NET code: incomplete code never crashes the analyzer (AD0001 fails the test).</summary>
public sealed class BrokenCodeTests
{
    [Theory]
    [InlineData("optimizer.minimize(loss, global_step: );")]
    [InlineData("optimizer.minimize(loss, global_step: gs, global_step: gs);")]
    [InlineData("optimizer.minimize(loss, gs, gs, gs, gs, gs, gs, gs, gs, gs);")]
    [InlineData("optimizer.apply_gradients(null, global_step: undefined);")]
    [InlineData("var s = tf.train.get_global_step(;")]
    [InlineData("var s = TrainingUtil.create_global_step(1, 2, 3);")]
    [InlineData("var k = tf.get_collection<IVariableV1>(tf.GraphKeys.NO_SUCH_KEY);")]
    [InlineData("var (a, b) = sess.run((gs, ));")]
    [InlineData("gs.assign_add();")]
    [InlineData("var v = tf.Variable(name: \"global_step\");")]
    [InlineData("Tensorflow.Training.learning_rate_decay.polynomial_decay(0.1f, gs);")]
    public async Task IncompleteCode_NoAnalyzerFailure(string line)
    {
        var source = Usings + """
            var loss = tf.placeholder(tf.float32);
            var gs = tf.Variable(0, trainable: false, name: "global_step");
            var optimizer = tf.train.GradientDescentOptimizer(0.1f);
            var sess = tf.Session();

            """ + line + "\n";

        var diagnostics = await GetDiagnosticsAsync(source, allowCompilerErrors: true);

        // Whatever is reported, it is one of the four rules (AD0001 is asserted absent inside).
        Assert.All(diagnostics, d => Assert.Contains(d.Id, new[] { "GSM001", "GSM002", "GSM003", "GSM004" }));
    }

    [Fact]
    public async Task WellFormedCounterpart_IsReported()
    {
        // The harness above would also pass if nothing ran: the same source with a valid line is flagged.
        var diagnostics = await GetDiagnosticsAsync(Usings + """
            var loss = tf.placeholder(tf.float32);
            var gs = tf.Variable(0, trainable: false, name: "global_step");
            var optimizer = tf.train.GradientDescentOptimizer(0.1f);
            optimizer.minimize(loss, global_step: gs);
            """, allowCompilerErrors: true);

        Assert.Equal("GSM002", Assert.Single(diagnostics).Id);
    }
}
