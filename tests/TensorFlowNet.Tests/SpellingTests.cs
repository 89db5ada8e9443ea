using System.Threading.Tasks;
using Xunit;
using static GlobalStepMigration.TensorFlowNet.Tests.TfNetVerifier;

namespace GlobalStepMigration.TensorFlowNet.Tests;

/// <summary>The spellings pattern (docs/design/patterns.md) with TensorFlow.NET's spellings.</summary>
public sealed class SpellingTests
{
    [Fact]
    public Task FullyQualified_WithoutUsingStatic() => VerifyAsync("""
        class Model
        {
            public Tensorflow.Operation Train(Tensorflow.Tensor loss)
            {
                var gs = {|#0:Tensorflow.Train.TrainingUtil.create_global_step(null)|};
                return Tensorflow.Binding.tf.train.GradientDescentOptimizer(0.1f).minimize(loss, global_step: {|#1:gs|});
            }
        }
        """,
        Diagnostic("GSM001").WithLocation(0).WithArguments("create_global_step", "'gs'", LibraryLimits),
        Diagnostic("GSM002").WithLocation(1).WithArguments("minimize", "'gs'", LibraryLimits));

    [Fact]
    public Task Alias_LambdaAndLocalFunction() => VerifyAsync("""
        using System;
        using Tensorflow;
        using Util = Tensorflow.Train.TrainingUtil;
        using static Tensorflow.Binding;

        class Model
        {
            public Func<Tensor, Operation> Trainer()
            {
                var step = tf.Variable(0L, trainable: false, name: "global_step");
                var optimizer = tf.train.GradientDescentOptimizer(0.1f);
                Operation Minimize(Tensor loss) => optimizer.minimize(loss, global_step: {|#0:step|});
                Console.WriteLine(Minimize(tf.placeholder(tf.float32)));
                return loss => optimizer.minimize(loss, {|#1:step|});
            }

            public Func<IVariableV1> Finder() => () => {|#2:Util.get_global_step()|};
        }
        """,
        // The lookup on the default graph finds the hand-made step by name, so the lambda that returns it blocks the unit.
        Diagnostic("GSM002").WithLocation(0).WithArguments("minimize", "'step'", Returned),
        Diagnostic("GSM002").WithLocation(1).WithArguments("minimize", "'step'", Returned),
        Diagnostic("GSM001").WithLocation(2).WithArguments("get_global_step", "'step'", Returned));

    private const string Returned = "; no automatic fix: it is returned at line 17, so code the fix cannot see uses it; keep the step in a private field of this type instead of returning it, then fix";

    [Fact]
    public Task FieldInitializer_AndExpressionBodiedMembers() => VerifyAsync("""
        using Tensorflow;
        using static Tensorflow.Binding;

        class Model
        {
            private readonly IVariableV1 _step = tf.Variable(0, trainable: false, name: "global_step");
            private readonly Optimizer _optimizer = tf.train.AdamOptimizer(0.001f);

            public Operation Train(Tensor loss) => _optimizer.minimize(loss, global_step: {|#0:_step|});

            public string Step(Session sess) => sess.run(_step).ToString();
        }
        """,
        Diagnostic("GSM002").WithLocation(0).WithArguments("minimize", "'_step'", LibraryLimits));
}
