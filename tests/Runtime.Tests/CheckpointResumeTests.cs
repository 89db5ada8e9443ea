using System;
using System.Linq;
using Xunit;
using Train = GlobalStepMigration.Runtime.Tf.Compat.V1.Train;
using V1 = GlobalStepMigration.Runtime.Tf.Compat.V1;

namespace GlobalStepMigration.Runtime.Tests;

/// <summary>
/// What a migration does to a checkpoint's step: a legacy TF1 program saves every two steps with
/// <c>saver.save(sess, path, global_step=step)</c>; the program the explicit-variable fix writes (the step stays a
/// variable named <c>global_step</c>, incremented after the update) restores from it and continues at the same step
/// with the same weights as the legacy program run without a stop. A program whose step became
/// <c>optimizer.Iterations</c> cannot restore it: the checkpoint has no key for the Keras counter.
/// </summary>
public class CheckpointResumeTests
{
    private const int SaveEvery = 2;

    /// <summary>The legacy program: the global step of get_or_create_global_step, passed to minimize, saved with the step suffix.</summary>
    private sealed class LegacyProgram : IDisposable
    {
        private readonly Operation _trainOp;
        private readonly Compat.V1.Train.Saver _saver;

        public LegacyProgram(bool momentum)
        {
            using (Graph.AsDefault())
            {
                W = Tf.Variable(0.5, name: "w");
                Step = (Variable)Train.GetOrCreateGlobalStep();
                Compat.V1.Train.Optimizer optimizer = momentum ? Train.MomentumOptimizer(0.1, 0.9) : Train.GradientDescentOptimizer(0.1);
                _trainOp = optimizer.Minimize(Tf.Square(W - 3.0), Step)!;
                _saver = Train.Saver(maxToKeep: 3);
                Session.Run(V1.GlobalVariablesInitializer());
            }
        }

        public Graph Graph { get; } = new();

        public Session Session => _session ??= V1.Session(Graph);

        public Variable W { get; }

        public Variable Step { get; }

        private Session? _session;

        /// <summary>Trains until the step reaches <paramref name="until"/>, saving every two steps into <paramref name="dir"/>.</summary>
        public void Run(int until, string? dir)
        {
            while (CurrentStep() < until)
            {
                Session.Run(_trainOp);
                if (dir is not null && CurrentStep() % SaveEvery == 0)
                {
                    _saver.Save(Session, System.IO.Path.Combine(dir, "model.ckpt"), globalStep: Step);
                }
            }
        }

        public void Restore(string path) => _saver.Restore(Session, path);

        public long CurrentStep() => V1.Train.GlobalStep(Session, Step);

        public void Dispose() => Session.Dispose();
    }

    [Fact]
    public void AProgramMigratedToAnExplicitStepVariableResumesFromTheLegacyCheckpoint()
    {
        using var dir = new TempDir();

        // The legacy program trains 5 steps and stops; its last checkpoint is at step 4.
        using (var legacy = new LegacyProgram(momentum: true))
        {
            legacy.Run(5, dir.Path);
        }

        Assert.Equal(dir["model.ckpt-4"], Tf.Train.LatestCheckpoint(dir.Path));
        Assert.Equal(new[] { "global_step", "w", "w/Momentum" }, Tf.Train.ListVariables(dir.Path).Select(v => v.Name));

        // The migrated program, as the explicit-variable fix writes it.
        var g = new Graph();
        Variable w, step;
        Operation trainOp;
        Compat.V1.Train.Saver saver;
        using (g.AsDefault())
        {
            w = Tf.Variable(0.5, name: "w");
            step = Tf.Variable(0L, trainable: false, name: "global_step");
            var optimizer = Train.MomentumOptimizer(0.1, 0.9);
            trainOp = Tf.Group(optimizer.Minimize(Tf.Square(w - 3.0)), step.AssignAdd(1L))!;
            saver = Train.Saver();
        }

        using var sess = V1.Session(g);
        saver.Restore(sess, Tf.Train.LatestCheckpoint(dir.Path)!);
        Assert.Equal(4L, Train.GlobalStep(sess, step));
        while (Train.GlobalStep(sess, step) < 8)
        {
            sess.Run(trainOp);
        }

        // The legacy program run to step 8 without a stop.
        using var reference = new LegacyProgram(momentum: true);
        reference.Run(8, dir: null);
        Assert.Equal(8L, Train.GlobalStep(sess, step));
        Assert.Equal(BitConverter.SingleToInt32Bits((float)reference.Session.Run(reference.W)), BitConverter.SingleToInt32Bits((float)sess.Run(w)));
        Assert.Equal(reference.Session.Run(reference.Graph.GetTensorByName("w/Momentum:0")), sess.Run(g.GetTensorByName("w/Momentum:0")));
    }

    [Fact]
    public void TheLegacyProgramItselfResumesTheSameWay()
    {
        using var dir = new TempDir();
        using (var legacy = new LegacyProgram(momentum: false))
        {
            legacy.Run(3, dir.Path);
        }

        using var resumed = new LegacyProgram(momentum: false);
        resumed.Restore(Tf.Train.LatestCheckpoint(dir.Path)!);
        Assert.Equal(2L, resumed.CurrentStep());
        resumed.Run(6, dir.Path);

        using var reference = new LegacyProgram(momentum: false);
        reference.Run(6, dir: null);
        Assert.Equal(reference.Session.Run(reference.W), resumed.Session.Run(resumed.W));

        // A new Saver counts only its own checkpoints (TensorFlow's last_checkpoints starts empty): the state file lists
        // 4 and 6, and model.ckpt-2 stays on disk unmanaged.
        Assert.Equal(new[] { dir["model.ckpt-4"], dir["model.ckpt-6"] }, Tf.Train.GetCheckpointState(dir.Path)!.AllModelCheckpointPaths);
        Assert.Equal(new[] { "checkpoint", "model.ckpt-2.index", "model.ckpt-4.index", "model.ckpt-6.index" }, dir.Files());
    }

    [Fact]
    public void AProgramWhoseStepBecameOptimizerIterationsCannotRestoreTheLegacyCheckpoint()
    {
        using var dir = new TempDir();
        using (var legacy = new LegacyProgram(momentum: false))
        {
            legacy.Run(4, dir.Path);
        }

        // The program "Use optimizer.Iterations" writes: the Keras counter is the step; its key is sgd/iteration.
        Tf.Keras.Backend.ClearSession();
        var g = new Graph();
        Compat.V1.Train.Saver saver;
        using (g.AsDefault())
        {
            var w = Tf.Variable(0.5, name: "w");
            var optimizer = Tf.Keras.Optimizers.SGD(0.1);
            var globalStep = optimizer.Iterations;
            optimizer.Minimize(Tf.Square(w - 3.0), new[] { w });
            Assert.Equal("sgd/iteration:0", globalStep.Name);
            saver = Train.Saver();
        }

        using var sess = V1.Session(g);
        var e = Assert.Throws<NotFoundException>(() => saver.Restore(sess, Tf.Train.LatestCheckpoint(dir.Path)!));
        Assert.Equal(
            "Restoring from checkpoint failed. This is most likely due to a Variable name or other graph key that is missing from the checkpoint. "
            + "Please ensure that you have not altered the graph expected based on the checkpoint. Original error:\n\nKey sgd/iteration not found in checkpoint",
            e.Message);
    }

    [Fact]
    public void EagerlyACheckpointRestoresTheLegacyStepByNameButNotIntoIterations()
    {
        using var dir = new TempDir();
        using (var legacy = new LegacyProgram(momentum: false))
        {
            legacy.Run(4, dir.Path);
        }

        var path = Tf.Train.LatestCheckpoint(dir.Path)!;

        // An explicit step variable named global_step: tf.train.Checkpoint's name-based mode restores it.
        var w = Tf.Variable(0.5, name: "w");
        var step = Tf.Variable(0L, trainable: false, name: "global_step");
        var log = T.CaptureLog(() => Tf.Train.Checkpoint(model: w, step: step).Restore(path).AssertConsumed());
        Assert.StartsWith("Restoring a name-based tf.train.Saver checkpoint using the object-based restore API.", Assert.Single(log));
        Assert.Equal(4L, (long)step.Numpy());
        Assert.Equal((float)Tf.Train.LoadVariable(path, "w"), (float)w.Numpy());

        // optimizer.Iterations has no value in the legacy checkpoint: it stays 0, and only the assertion says so.
        Tf.Keras.Backend.ClearSession();
        var sgd = Tf.Keras.Optimizers.SGD(0.1);
        var status = Tf.Train.Checkpoint(optimizer: sgd, model: Tf.Variable(0.5, name: "w")).Restore(path);
        Assert.Equal(0L, (long)sgd.Iterations.Numpy());
        var e = Assert.Throws<InvalidOperationException>(() => status.AssertConsumed());
        Assert.Equal(
            "Some objects had attributes which were not restored: [\"\\n    <Variable path=sgd/iteration, shape=(), dtype=int64, value=0>: ['VARIABLE_VALUE']\", "
            + "\"\\n    <Variable path=sgd/learning_rate, shape=(), dtype=float32, value=0.1>: ['VARIABLE_VALUE']\"]",
            e.Message);
    }
}
