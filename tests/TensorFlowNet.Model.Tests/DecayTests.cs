using Xunit;
using static GlobalStepMigration.TensorFlowNet.Model.Tests.Programs;

namespace GlobalStepMigration.TensorFlowNet.Model.Tests;

/// <summary>The TF1 decays TensorFlow.NET has: learning_rate_decay.polynomial_decay, and in the old generation tf.train.polynomial_decay.</summary>
public sealed class DecayTests
{
    /// <summary>learning_rate_decay.polynomial_decay's body is `throw new NotImplementedException("")` (current :18-23, old :22-27).</summary>
    [Theory]
    [InlineData(TfNetGeneration.Current)]
    [InlineData(TfNetGeneration.Old)]
    public void LearningRateDecayPolynomialDecay_IsNotImplemented(TfNetGeneration generation) => Expect(generation, """
        var step = new RefVariable(0L, trainable: false, name: "global_step");
        print(Out.Error(() => Tensorflow.Training.learning_rate_decay.polynomial_decay(0.1f, step, 10f)));
        """, """
        NotImplementedException: 
        """);

    /// <summary>
    /// Old tf.train.polynomial_decay (tf.train.cs:87-105, Keras PolynomialDecay.cs:37-66): end + (lr - end) *
    /// (1 - min(step, decay_steps) / decay_steps) ^ power, read each run, the result named "PolynomialDecay". A float
    /// step is needed: an integer one reaches truediv uncast.
    /// </summary>
    [Fact]
    public void Old_TfTrainPolynomialDecay_FollowsTheStep() => Expect(TfNetGeneration.Old, """
        var step = new RefVariable(0.0f, trainable: false, name: "global_step");
        var lr = tf.train.polynomial_decay(0.1f, step, 10f, end_learning_rate: 0.01f);
        print($"{lr.name} {lr.dtype}");
        var sess = tf.Session();
        sess.run(tf.global_variables_initializer());
        foreach (var s in new[] { 0f, 5f, 10f, 20f })
        {
            sess.run(tf.assign(step, tf.constant(s)));
            print(Out.F(sess.run(lr)));
        }

        var intStep = new RefVariable(0L, trainable: false, name: "int_step");
        print(Out.Error(() => tf.train.polynomial_decay(0.1f, intStep, 10f)));
        """, """
        PolynomialDecay:0 TF_FLOAT
        0.1
        0.055
        0.01
        0.01
        TypeError: x and y must have the same dtype, got TF_INT64 != TF_FLOAT
        """);
}
