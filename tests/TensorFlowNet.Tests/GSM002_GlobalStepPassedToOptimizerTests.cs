using System.Linq;
using System.Threading.Tasks;
using GlobalStepMigration.Analyzers;
using Xunit;
using static GlobalStepMigration.TensorFlowNet.Tests.TfNetVerifier;

namespace GlobalStepMigration.TensorFlowNet.Tests;

/// <summary>GSM002 on TensorFlow.NET: a step passed to minimize or apply_gradients, hand-made or created, in every storage type.</summary>
public sealed class GSM002_GlobalStepPassedToOptimizerTests
{
    /// <summary>What most TensorFlow.NET code does: a hand-made step passed to minimize, read with sess.run.</summary>
    [Fact]
    public Task HandMadeStep_NamedGlobalStep() => VerifyAsync(Usings + """
        var x = tf.placeholder(tf.float32);
        var w = tf.Variable(3.0f, name: "w");
        var loss = x * w;
        var gs = tf.Variable(0, trainable: false, name: "global_step");
        var optimizer = tf.train.GradientDescentOptimizer(0.1f);
        var train_op = optimizer.minimize(loss, global_step: {|#0:gs|});
        using var sess = tf.Session();
        sess.run(tf.global_variables_initializer());
        sess.run(train_op);
        print(sess.run(gs));
        """,
        Diagnostic("GSM002").WithLocation(0).WithArguments("minimize", "'gs'", LibraryLimits));

    [Fact]
    public Task HandMadeStep_NamedAfterOtherNamedArguments() => VerifyAsync(Usings + """
        var x = tf.placeholder(tf.float32);
        var w = tf.Variable(3.0f, name: "w");
        Tensor loss = x * w;
        var gs = tf.Variable(0, trainable: false, name: "global_step");
        var optimizer = new GradientDescentOptimizer(0.1f);
        var train_op = optimizer.minimize(loss, var_list: new List<IVariableV1> { w }, name: "train", global_step: {|#0:gs|});
        """,
        Diagnostic("GSM002").WithLocation(0).WithArguments("minimize", "'gs'", LibraryLimits));

    [Fact]
    public Task HandMadeStep_Positional() => VerifyAsync(Usings + """
        var x = tf.placeholder(tf.float32);
        var w = tf.Variable(3.0f, name: "w");
        Tensor loss = x * w;
        var gs = tf.Variable(0, trainable: false, name: "global_step");
        var optimizer = tf.train.AdamOptimizer(0.01f);
        var train_op = optimizer.minimize(loss, {|#0:gs|}, new List<IVariableV1> { w });
        """,
        Diagnostic("GSM002").WithLocation(0).WithArguments("minimize", "'gs'", LibraryLimits));

    [Fact]
    public Task ApplyGradients_NamedAndPositional() => VerifyAsync(Usings + """
        class Trainer
        {
            public void Build(Tensor loss, Optimizer optimizer)
            {
                var gs = tf.compat.v1.get_variable("global_step", dtype: tf.int64, trainable: false);
                var grads_and_vars = optimizer.compute_gradients(loss);
                var train_op = optimizer.apply_gradients(grads_and_vars, global_step: {|#0:gs|});
            }

            public void BuildPositional(Tensor loss, Optimizer optimizer)
            {
                var gs = tf.Variable(0L, trainable: false, name: "global_step");
                var train_op = optimizer.apply_gradients(optimizer.compute_gradients(loss), {|#1:gs|});
            }
        }
        """,
        // Both hand-made steps are named global_step: in graph mode the by-name fallback sees either, so they are one unit.
        Diagnostic("GSM002").WithLocation(0).WithArguments("apply_gradients", "'gs'", LibraryLimits),
        Diagnostic("GSM002").WithLocation(1).WithArguments("apply_gradients", "'gs'", LibraryLimits));

    [Fact]
    public Task FieldTypedIVariableV1_CreatedInOneMethodPassedAndReadInOthers() => VerifyAsync(Usings + """
        class Trainer
        {
            private IVariableV1 _step;
            private Optimizer _optimizer;

            public void Create()
            {
                _step = tf.Variable(0L, trainable: false, name: "global_step");
                _optimizer = tf.train.GradientDescentOptimizer(0.1f);
            }

            public Operation Build(Tensor loss) => _optimizer.minimize(loss, global_step: {|#0:_step|});

            public void Report(Session sess) => print(sess.run(_step));
        }
        """,
        Diagnostic("GSM002").WithLocation(0).WithArguments("minimize", "'_step'", LibraryLimits));

    [Fact]
    public Task HandMadeSteps_FromConstructors() => VerifyAsync(Usings + """
        using Tensorflow.Training;

        class Trainer
        {
            private RefVariable _step = new RefVariable(0, trainable: false, name: "global_step");

            public Tensor Rate() => {|#0:learning_rate_decay.polynomial_decay(0.1f, _step, 1000f)|};

            public Operation Build(Tensor loss)
            {
                var other = new ResourceVariable(0L, trainable: false, name: "other_step");
                return tf.train.GradientDescentOptimizer(Rate()).minimize(loss, global_step: {|#1:other|});
            }
        }
        """,
        Diagnostic("GSM003").WithLocation(0).WithArguments("polynomial_decay", "'_step'", LibraryLimits),
        Diagnostic("GSM002").WithLocation(1).WithArguments("minimize", "'other'", LibraryLimits));
}
