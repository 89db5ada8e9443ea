using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Xunit;
using KerasOptimizers = GlobalStepMigration.Runtime.Tf.Keras.Optimizers;

namespace GlobalStepMigration.Runtime.Tests;

/// <summary>
/// <c>tf.train.Checkpoint</c> and <c>tf.train.CheckpointManager</c> for the Keras side: object-graph keys, save
/// numbering, deferred restoration of optimizer slots, <c>max_to_keep</c>, the state file and TensorFlow's errors
/// (tensorflow/python/checkpoint/checkpoint.py, checkpoint_management.py).
/// </summary>
public class CheckpointTests
{
    private static Variable Vector(string name, params double[] values) =>
        Tf.Variable(Tf.Constant(NDArray.FromValues(DType.Float32, new[] { values.Length }, values)), name: name);

    private static void Step(Runtime.Keras.Optimizers.Optimizer optimizer, Variable w, Variable b)
    {
        List<Tensor?> grads;
        using (var tape = Tf.GradientTape())
        {
            grads = tape.Gradient(Tf.ReduceSum(Tf.Square(w * 2.0 + b - 3.0)), new Tensor[] { w, b });
        }

        optimizer.ApplyGradients(grads.Zip(new[] { w, b }));
    }

    [Fact]
    public void KeysFollowTheObjectGraph()
    {
        using var dir = new TempDir();
        var w = Vector("w", 1, 2);
        var b = Vector("b", 0.5);
        var step = Tf.Variable(7L, trainable: false, name: "step");
        var adam = KerasOptimizers.Adam(0.1, name: "adam");
        Step(adam, w, b);
        var checkpoint = Tf.Train.Checkpoint(optimizer: adam, model: new Dictionary<string, Variable> { ["w"] = w, ["b"] = b }, step: step);

        var path = checkpoint.Save(dir["ckpt"]);
        Assert.Equal(dir["ckpt-1"], path);
        Assert.Equal(1L, (long)checkpoint.SaveCounter.Numpy());
        Assert.Equal(
            new[]
            {
                "_CHECKPOINTABLE_OBJECT_GRAPH",
                "model/b/.ATTRIBUTES/VARIABLE_VALUE",
                "model/w/.ATTRIBUTES/VARIABLE_VALUE",
                "optimizer/_iterations/.ATTRIBUTES/VARIABLE_VALUE",
                "optimizer/_learning_rate/.ATTRIBUTES/VARIABLE_VALUE",
                "optimizer/_variables/2/.ATTRIBUTES/VARIABLE_VALUE",
                "optimizer/_variables/3/.ATTRIBUTES/VARIABLE_VALUE",
                "optimizer/_variables/4/.ATTRIBUTES/VARIABLE_VALUE",
                "optimizer/_variables/5/.ATTRIBUTES/VARIABLE_VALUE",
                "save_counter/.ATTRIBUTES/VARIABLE_VALUE",
                "step/.ATTRIBUTES/VARIABLE_VALUE",
            },
            Tf.Train.ListVariables(path).Select(v => v.Name));
        Assert.Equal(1L, (long)Tf.Train.LoadVariable(path, "optimizer/_iterations/.ATTRIBUTES/VARIABLE_VALUE"));
        Assert.Equal(adam.Variables[2].Numpy(), Tf.Train.LoadVariable(path, "optimizer/_variables/2/.ATTRIBUTES/VARIABLE_VALUE"));
        Assert.Equal(new[] { 2 }, Tf.Train.ListVariables(path).Single(v => v.Name.StartsWith("model/w", StringComparison.Ordinal)).Shape);

        // Checkpoint.save records the path, alone and relative, in the directory's state file.
        Assert.Equal("model_checkpoint_path: \"ckpt-1\"\nall_model_checkpoint_paths: \"ckpt-1\"\n", File.ReadAllText(dir["checkpoint"]));
        Assert.Equal(dir["ckpt-2"], checkpoint.Save(dir["ckpt"]));
        Assert.Equal("model_checkpoint_path: \"ckpt-2\"\nall_model_checkpoint_paths: \"ckpt-2\"\n", File.ReadAllText(dir["checkpoint"]));

        // Write: exactly the prefix, no counter, no state file.
        Assert.Equal(dir["plain"], checkpoint.Write(dir["plain"]));
        Assert.Equal(2L, (long)checkpoint.SaveCounter.Numpy());
        Assert.Equal(dir["ckpt-2"], Tf.Train.LatestCheckpoint(dir.Path));
    }

    [Fact]
    public void RestoringDefersOptimizerSlotsUntilTheOptimizerIsBuiltAndTrainingContinuesExactly()
    {
        using var dir = new TempDir();
        var w = Vector("w", 1, 2);
        var b = Vector("b", 0.5);
        var adam = KerasOptimizers.Adam(0.1);
        for (var i = 0; i < 3; i++)
        {
            Step(adam, w, b);
        }

        var path = Tf.Train.Checkpoint(optimizer: adam, model: new[] { w, b }).Save(dir["ckpt"]);
        Step(adam, w, b);

        // A new program: fresh variables and optimizer, restored before the optimizer was built.
        var w2 = Vector("w", 0, 0);
        var b2 = Vector("b", 0);
        var adam2 = KerasOptimizers.Adam(0.1);
        var status = Tf.Train.Checkpoint(optimizer: adam2, model: new[] { w2, b2 }).Restore(path);
        status.AssertExistingObjectsMatched();
        var unresolved = Assert.Throws<InvalidOperationException>(() => status.AssertConsumed());
        Assert.StartsWith("Unresolved object in checkpoint (root).optimizer._variables.2: attributes {\n  name: \"VARIABLE_VALUE\"\n", unresolved.Message);
        Assert.Equal(3L, (long)adam2.Iterations.Numpy());
        Assert.False(adam2.Built);

        Step(adam2, w2, b2);
        status.AssertConsumed();
        Assert.Equal(4L, (long)adam2.Iterations.Numpy());
        Assert.Equal(w.Numpy(), w2.Numpy());
        Assert.Equal(b.Numpy(), b2.Numpy());
        Assert.Equal(adam.Variables.Select(v => v.Numpy()), adam2.Variables.Select(v => v.Numpy()));
    }

    [Fact]
    public void ManagerNumbersKeepsAndRecordsCheckpoints()
    {
        using var dir = new TempDir();
        var w = Vector("w", 1);
        var checkpoint = Tf.Train.Checkpoint(model: w);
        var manager = Tf.Train.CheckpointManager(checkpoint, dir.Path, maxToKeep: 2);
        Assert.Null(manager.LatestCheckpoint);
        Assert.Null(manager.RestoreOrInitialize());
        for (var i = 1; i <= 3; i++)
        {
            w.Assign(Tf.Constant(NDArray.FromValues(DType.Float32, new[] { 1 }, new double[] { i })));
            Assert.Equal(dir[$"ckpt-{i}"], manager.Save());
        }

        Assert.Equal(new[] { dir["ckpt-2"], dir["ckpt-3"] }, manager.Checkpoints);
        Assert.Equal(dir["ckpt-3"], manager.LatestCheckpoint);
        Assert.Equal(new[] { "checkpoint", "ckpt-2.index", "ckpt-3.index" }, dir.Files());
        var lines = File.ReadAllLines(dir["checkpoint"]);
        Assert.Equal(new[] { "model_checkpoint_path: \"ckpt-3\"", "all_model_checkpoint_paths: \"ckpt-2\"", "all_model_checkpoint_paths: \"ckpt-3\"" }, lines[..3]);
        Assert.Equal(2, lines.Count(l => l.StartsWith("all_model_checkpoint_timestamps: ", StringComparison.Ordinal)));
        Assert.Single(lines, l => l.StartsWith("last_preserved_timestamp: ", StringComparison.Ordinal));
        var state = Tf.Train.GetCheckpointState(dir.Path)!;
        Assert.Equal(2, state.AllModelCheckpointTimestamps.Count);
        Assert.True(state.AllModelCheckpointTimestamps[0] <= state.AllModelCheckpointTimestamps[1]);

        // A step as the number; the save counter still counts.
        var step = Tf.Variable(100L, trainable: false, name: "step");
        Assert.Equal(dir["ckpt-100"], manager.Save(checkpointNumber: step));
        Assert.Equal(4L, (long)checkpoint.SaveCounter.Numpy());

        // A new manager on the directory takes over its checkpoints and restores the latest.
        var w2 = Vector("w", 0);
        var again = Tf.Train.CheckpointManager(Tf.Train.Checkpoint(model: w2), dir.Path, maxToKeep: 2);
        Assert.Equal(new[] { dir["ckpt-3"], dir["ckpt-100"] }, again.Checkpoints);
        Assert.Equal(dir["ckpt-100"], again.RestoreOrInitialize());
        Assert.Equal(3f, w2.Numpy().ToArray<float>()[0]);
        Assert.Equal(4L, (long)again.Checkpoint.SaveCounter.Numpy());
        Assert.Equal(dir["ckpt-5"], again.Save());
        Assert.Equal(new[] { "checkpoint", "ckpt-100.index", "ckpt-5.index" }, dir.Files());
    }

    [Fact]
    public void ManagerWithAnIntervalSavesOnlyEveryNSteps()
    {
        using var dir = new TempDir();
        var step = Tf.Variable(0L, trainable: false, name: "step");
        var manager = Tf.Train.CheckpointManager(Tf.Train.Checkpoint(step: step), dir.Path, maxToKeep: null, stepCounter: step, checkpointInterval: 3);
        var saved = new List<string?>();
        for (var i = 0; i < 7; i++)
        {
            saved.Add(manager.Save(checkpointNumber: step));
            step.AssignAdd(1L);
        }

        Assert.Equal(new[] { dir["ckpt-0"], null, null, dir["ckpt-3"], null, null, dir["ckpt-6"] }, saved);

        var e = Assert.Throws<ValueErrorException>(() => Tf.Train.CheckpointManager(Tf.Train.Checkpoint(step: step), dir.Path, maxToKeep: 0));
        Assert.Equal("Expected a positive integer or `None` for `max_to_keep`, got 0.", e.Message);
        e = Assert.Throws<ValueErrorException>(() => Tf.Train.CheckpointManager(Tf.Train.Checkpoint(step: step), dir.Path, maxToKeep: 1, checkpointInterval: 2));
        Assert.Equal("`step_counter` should be passed if `checkpoint_interval` is not None.", e.Message);
    }

    [Fact]
    public void RestoreErrorsAreTensorFlows()
    {
        using var dir = new TempDir();
        var w = Vector("w", 1, 2);
        var checkpoint = Tf.Train.Checkpoint(model: w);
        var missing = Assert.Throws<NotFoundException>(() => checkpoint.Restore(dir["ckpt-1"]));
        Assert.Equal(
            $"Error when restoring from checkpoint or SavedModel at {dir["ckpt-1"]}: Unsuccessful TensorSliceReader constructor: Failed to find any matching files for {dir["ckpt-1"]}\n"
            + "Please double-check that the path is correct. You may be missing the checkpoint suffix (e.g. the '-1' in 'path/to/ckpt-1').",
            missing.Message);

        var none = checkpoint.Restore(null);
        Assert.Equal("No checkpoint specified (save_path=None); nothing is being restored.", Assert.Throws<InvalidOperationException>(() => none.AssertConsumed()).Message);

        var path = checkpoint.Save(dir["ckpt"]);
        var shape = Assert.Throws<ValueErrorException>(() => Tf.Train.Checkpoint(model: Vector("w", 1, 2, 3)).Restore(path));
        Assert.Equal("Received incompatible tensor with shape (2,) when attempting to restore variable with shape (3,) and name w:0.", shape.Message);
        var dtype = Assert.Throws<InvalidArgumentException>(() => Tf.Train.Checkpoint(model: Tf.Variable(Tf.Constant(NDArray.FromValues(DType.Float64, new[] { 2 }, new[] { 0.0, 0 })))).Restore(path));
        Assert.Equal("tensor_name = model/.ATTRIBUTES/VARIABLE_VALUE; expected dtype double does not equal original dtype float", dtype.Message);

        // A checkpoint with more than the program has: the rest is unresolved.
        var partial = Tf.Train.Checkpoint(new Dictionary<string, object>()).Restore(path);
        partial.AssertExistingObjectsMatched();
        var unresolved = Assert.Throws<InvalidOperationException>(() => partial.AssertConsumed());
        Assert.Equal(
            "Unresolved object in checkpoint (root).model: attributes {\n  name: \"VARIABLE_VALUE\"\n  full_name: \"w\"\n  checkpoint_key: \"model/.ATTRIBUTES/VARIABLE_VALUE\"\n}\n",
            unresolved.Message);

        var notTrackable = Assert.Throws<ValueErrorException>(() => Tf.Train.Checkpoint(model: 3));
        Assert.Equal(
            "`Checkpoint` was expecting model to be a trackable object (an object derived from `Trackable`), got 3. If you believe this object should be "
            + "trackable (i.e. it is part of the TensorFlow Python API and manages state), please open an issue.",
            notTrackable.Message);
    }

    [Fact]
    public void ExistingObjectsWithoutAValueFailTheMatchAssertion()
    {
        using var dir = new TempDir();
        var path = Tf.Train.Checkpoint(model: new Dictionary<string, Variable> { ["w"] = Vector("w", 1) }).Save(dir["ckpt"]);
        var extra = Vector("extra", 0);
        var status = Tf.Train.Checkpoint(model: new Dictionary<string, Variable> { ["w"] = Vector("w", 0), ["extra"] = extra }).Restore(path);
        var e = Assert.Throws<InvalidOperationException>(() => status.AssertExistingObjectsMatched());
        Assert.Equal(
            "Found 1 Python objects that were not bound to checkpointed values, likely due to changes in the Python program. "
            + $"Showing 1 of 1 unmatched objects: [{extra}]",
            e.Message);
        Assert.Same(status, status.ExpectPartial());
    }

    [Fact]
    public void ACheckpointOfGraphVariablesIsRefusedWithAPointerToSaver()
    {
        using var dir = new TempDir();
        Variable w;
        using (new Graph().AsDefault())
        {
            w = Tf.Variable(1.0, name: "w");
        }

        var e = Assert.Throws<InvalidOperationException>(() => Tf.Train.Checkpoint(model: w).Save(dir["ckpt"]));
        Assert.Equal(
            "w:0 is a graph variable: tf.train.Checkpoint here saves and restores eager state; use tf.compat.v1.train.Saver with a session for a graph.",
            e.Message);
        Assert.Empty(dir.Files());
    }
}
