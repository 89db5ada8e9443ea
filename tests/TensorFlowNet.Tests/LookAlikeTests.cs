using System.Threading.Tasks;
using Xunit;
using static GlobalStepMigration.TensorFlowNet.Tests.TfNetVerifier;

namespace GlobalStepMigration.TensorFlowNet.Tests;

/// <summary>
/// Code that counts steps without a legacy global step is never flagged, in either generation (docs/tensorflow-net.md,
/// "Look-alikes that are not a legacy step"). Each program compiles against the generation's model without errors; the
/// same programs with a legacy step are flagged (<see cref="GenerationTests"/>).
/// </summary>
public sealed class LookAlikeTests
{
    /// <summary>
    /// ML.NET's ExponentialLRDecay.GlobalStep (dotnet/machinelearning src/Microsoft.ML.StandardTrainers/Optimizer/
    /// LearningRateScheduler.cs:152, computed on the host at :193): an int, with a TensorFlow.NET optimizer that gets
    /// no step (src/Microsoft.ML.Vision/ImageClassificationTrainer.cs:1291-1294). The class is a look-alike of ML.NET's.
    /// </summary>
    [Theory]
    [MemberData(nameof(Generations), MemberType = typeof(TfNetVerifier))]
    public Task MlNetHostSideGlobalStep_NoDiagnostic(Generation generation) => VerifyAsync(Usings + """
        using Microsoft.ML.Trainers;

        class ImageClassificationTrainer
        {
            private readonly ExponentialLRDecay _schedule = new ExponentialLRDecay();

            public Operation Build(Tensor loss, Tensor learningRate)
            {
                var optimizer = tf.train.GradientDescentOptimizer(learningRate);
                return optimizer.minimize(loss);
            }

            public float Rate(int epoch, int batch, int batchesPerEpoch)
            {
                _schedule.GlobalStep = epoch * batchesPerEpoch + batch;
                return _schedule.GetLearningRate();
            }
        }

        namespace Microsoft.ML.Trainers
        {
            public sealed class ExponentialLRDecay
            {
                public int GlobalStep;

                public float GetLearningRate() => 0.01f * (float)System.Math.Pow(0.94, GlobalStep / 100);
            }
        }
        """, generation);

    /// <summary>Keras OptimizerV2.apply_gradients has no step parameter; a counter the program increments itself is its own variable.</summary>
    [Theory]
    [MemberData(nameof(Generations), MemberType = typeof(TfNetVerifier))]
    public Task KerasApplyGradients_WithAHandMadeCounter_NoDiagnostic(Generation generation) => VerifyAsync(Usings + """
        using Tensorflow.Keras.Optimizers;

        var w = tf.Variable(1.0f, name: "w");
        var counter = tf.Variable(0, trainable: false, name: "global_step");
        var grads = new List<(Tensor, ResourceVariable)>();
        var opt = new SGD(0.1f);
        opt.apply_gradients(grads);
        counter.assign_add(1);
        var sess = tf.Session();
        print(sess.run(counter));
        """, generation);

    /// <summary>Saver.save's global_step is an int written into the checkpoint's name (Core/Training/Saving/Saver.cs:167-175).</summary>
    [Theory]
    [MemberData(nameof(Generations), MemberType = typeof(TfNetVerifier))]
    public Task SaverSave_WithAnIntGlobalStep_NoDiagnostic(Generation generation) => VerifyAsync(Usings + Trained + """
        var train_op = optimizer.minimize(loss);
        var saver = tf.train.Saver();
        var sess = tf.Session();
        for (int global_step = 0; global_step < 3; global_step++)
        {
            sess.run(train_op);
            saver.save(sess, "model.ckpt", global_step: global_step);
        }

        saver.save(sess, "model.ckpt", 100);
        """, generation);

    /// <summary>A user's own members named like TensorFlow.NET's, in a project that references TensorFlow.NET.</summary>
    [Theory]
    [MemberData(nameof(Generations), MemberType = typeof(TfNetVerifier))]
    public Task UsersOwnGlobalStepMembers_NoDiagnostic(Generation generation) => VerifyAsync(Usings + Trained + """
        var trainer = new Trainer();
        trainer.minimize(loss, global_step: trainer.get_global_step());
        var lr = trainer.polynomial_decay(0.1f, trainer.create_global_step(null), 100f);
        print(trainer.get_operation_by_name("global_step"));
        print(trainer.get_collection(tf.GraphKeys.GLOBAL_STEP));

        class Trainer
        {
            private int _step;

            public int get_global_step() => _step;

            public int create_global_step(Graph graph) => _step = 0;

            public void minimize(Tensor loss, int global_step) => _step = global_step + 1;

            public float polynomial_decay(float learning_rate, int global_step, float decay_steps) => learning_rate * (1 - global_step / decay_steps);

            public string get_operation_by_name(string name) => name;

            public string get_collection(string key) => key;
        }
        """, generation);
}
