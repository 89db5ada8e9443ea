using System;
using System.Buffers.Binary;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using GlobalStepMigration.Runtime.Checkpoints;
using Xunit;
using Train = GlobalStepMigration.Runtime.Tf.Compat.V1.Train;
using V1 = GlobalStepMigration.Runtime.Tf.Compat.V1;

namespace GlobalStepMigration.Runtime.Tests;

/// <summary>
/// <c>tf.compat.v1.train.Saver</c>: real files in a temporary directory, keys by variable name, the <c>-N</c> step
/// suffix, <c>max_to_keep</c>, the <c>checkpoint</c> state file, <c>latest_checkpoint</c>, and TensorFlow's errors for
/// missing, mismatched and corrupt checkpoints (tensorflow/python/training/saver.py, checkpoint_management.py,
/// tensorflow/core/util/tensor_bundle/tensor_bundle.cc).
/// </summary>
public class SaverTests
{
    /// <summary>A graph with a float32 vector w, a float64 scalar d, an int32 matrix i, an int64 step and a bool flag.</summary>
    private sealed class Model : IDisposable
    {
        public Model(double seed = 0)
        {
            using (Graph.AsDefault())
            {
                W = Tf.Variable(Tf.Constant(NDArray.FromValues(DType.Float32, new[] { 3 }, new[] { 0.1 + seed, -2.5, 1e-20 })), name: "w");
                D = Tf.Variable(Tf.Constant(NDArray.Scalar(Math.PI + seed, DType.Float64)), name: "d");
                I = Tf.Variable(Tf.Constant(NDArray.FromValues(DType.Int32, new[] { 2, 2 }, new[] { 1.0, -2, int.MaxValue, int.MinValue })), name: "i");
                Step = (Variable)Train.GetOrCreateGlobalStep();
                Flag = Tf.Variable(Tf.Constant(NDArray.Scalar(1, DType.Bool)), trainable: false, name: "flag");
                Increment = Step.AssignAdd(1L);
                Saver = Train.Saver();
                Init = V1.GlobalVariablesInitializer();
            }

            Session = V1.Session(Graph);
        }

        public Graph Graph { get; } = new();

        public Variable W { get; }

        public Variable D { get; }

        public Variable I { get; }

        public Variable Step { get; }

        public Variable Flag { get; }

        public Tensor Increment { get; }

        public Compat.V1.Train.Saver Saver { get; }

        public Operation Init { get; }

        public Session Session { get; }

        public NDArray[] Values() => new[] { W, D, I, Step, Flag }.Select(v => Session.Run(v)).ToArray();

        public void Dispose() => Session.Dispose();
    }

    [Fact]
    public void SaveAndRestoreRoundTripEveryDTypeExactly()
    {
        using var dir = new TempDir();
        using var saved = new Model();
        saved.Session.Run(saved.Init);
        saved.Session.Run(saved.W.Assign(Tf.Constant(NDArray.FromValues(DType.Float32, new[] { 3 }, new[] { 1.0 / 3, float.Epsilon, -0.0 }))));
        saved.Session.Run(saved.Step.Assign((long)1 << 40));
        Assert.Equal(dir["model.ckpt"], saved.Saver.Save(saved.Session, dir["model.ckpt"]));

        // A fresh graph and session restore without running the initializer: restoring initializes.
        using var restored = new Model(seed: 1);
        restored.Saver.Restore(restored.Session, dir["model.ckpt"]);
        Assert.Equal(saved.Values(), restored.Values());
        Assert.Equal(new[] { 1.0f / 3, float.Epsilon, -0.0f }, restored.Session.Run(restored.W).ToArray<float>());
        Assert.True(float.IsNegative(restored.Session.Run(restored.W).ToArray<float>()[2]));
        Assert.Equal((long)1 << 40, (long)restored.Session.Run(restored.Step));
        Assert.Equal(new[] { "checkpoint", "model.ckpt.index" }, dir.Files());
    }

    [Fact]
    public void KeysAreTheVariablesNamesAndSlotsKeepTheirs()
    {
        using var dir = new TempDir();
        var g = new Graph();
        Variable w, step;
        Operation trainOp, init;
        Compat.V1.Train.Saver saver;
        using (g.AsDefault())
        {
            w = Tf.Variable(1.0, name: "w");
            step = (Variable)Train.GetOrCreateGlobalStep();
            trainOp = Train.MomentumOptimizer(0.1, 0.9).Minimize(Tf.Square(w - 3.0), step)!;
            saver = Train.Saver();
            init = V1.GlobalVariablesInitializer();
        }

        using var sess = V1.Session(g);
        sess.Run(init);
        sess.Run(trainOp);
        var path = saver.Save(sess, dir["model"], globalStep: step)!;
        Assert.Equal(dir["model-1"], path);
        Assert.Equal(new[] { "global_step", "w", "w/Momentum" }, saver.Keys);
        Assert.Equal(new[] { "global_step", "w", "w/Momentum" }, Tf.Train.ListVariables(path).Select(v => v.Name));
        Assert.Empty(Tf.Train.ListVariables(dir.Path).Single(v => v.Name == "w").Shape);
        Assert.Equal(1L, (long)Tf.Train.LoadVariable(dir.Path, "global_step:0"));
        Assert.Equal((float)sess.Run(w), (float)Tf.Train.LoadVariable(path, "w"));
        Assert.Equal((float)sess.Run(g.GetTensorByName("w/Momentum:0")), (float)Tf.Train.LoadVariable(path, "w/Momentum"));

        var missing = Assert.Throws<NotFoundException>(() => Tf.Train.LoadVariable(path, "v"));
        Assert.Equal("Key v not found in checkpoint", missing.Message);
        var noFile = Assert.Throws<NotFoundException>(() => Tf.Train.ListVariables(dir["nothing"]));
        Assert.Equal($"Unsuccessful TensorSliceReader constructor: Failed to find any matching files for {dir["nothing"]}", noFile.Message);
    }

    [Fact]
    public void TheStepSuffixComesFromAStepTensorANumberOrIsPadded()
    {
        using var dir = new TempDir();
        using var m = new Model();
        m.Session.Run(m.Init);
        m.Session.Run(m.Increment);
        m.Session.Run(m.Increment);
        Assert.Equal(dir["m-2"], m.Saver.Save(m.Session, dir["m"], globalStep: m.Step));
        Assert.Equal(dir["m-7"], m.Saver.Save(m.Session, dir["m"], globalStep: 7));
        var padded = Train.Saver(new[] { Tf.Variable(1.0, name: "e") }, padStepNumber: true);
        Assert.Equal(dir["e-00000012"], padded.Save(null, dir["e"], globalStep: 12L));
        Assert.True(File.Exists(dir["e-00000012.index"]));
    }

    [Fact]
    public void TheStateFileListsTheCheckpointsInTensorFlowsTextFormat()
    {
        using var dir = new TempDir();
        using var m = new Model();
        m.Session.Run(m.Init);
        for (var i = 0; i < 3; i++)
        {
            m.Session.Run(m.Increment);
            m.Saver.Save(m.Session, dir["model.ckpt"], globalStep: m.Step);
        }

        Assert.Equal(
            $"model_checkpoint_path: \"{dir["model.ckpt-3"]}\"\n"
            + $"all_model_checkpoint_paths: \"{dir["model.ckpt-1"]}\"\n"
            + $"all_model_checkpoint_paths: \"{dir["model.ckpt-2"]}\"\n"
            + $"all_model_checkpoint_paths: \"{dir["model.ckpt-3"]}\"\n",
            File.ReadAllText(dir["checkpoint"]));
        var state = Tf.Train.GetCheckpointState(dir.Path)!;
        Assert.Equal(dir["model.ckpt-3"], state.ModelCheckpointPath);
        Assert.Equal(new[] { dir["model.ckpt-1"], dir["model.ckpt-2"], dir["model.ckpt-3"] }, state.AllModelCheckpointPaths);
        Assert.Empty(state.AllModelCheckpointTimestamps);
        Assert.Equal(dir["model.ckpt-3"], Tf.Train.LatestCheckpoint(dir.Path));
        Assert.Equal(dir["model.ckpt-3"], V1.Train.LatestCheckpoint(dir.Path));

        // Relative paths on request; read back joined with the directory.
        var relative = Train.Saver(new[] { Tf.Variable(1.0, name: "r") }, saveRelativePaths: true);
        relative.Save(null, dir["r"], globalStep: 5);
        Assert.Equal("model_checkpoint_path: \"r-5\"\nall_model_checkpoint_paths: \"r-5\"\n", File.ReadAllText(dir["checkpoint"]));
        Assert.Equal(dir["r-5"], Tf.Train.LatestCheckpoint(dir.Path));
    }

    [Fact]
    public void MaxToKeepDeletesTheOldestCheckpoints()
    {
        using var dir = new TempDir();
        var w = Tf.Variable(1.0, name: "w");
        var saver = Train.Saver(new[] { w }, maxToKeep: 2);
        for (var step = 1; step <= 4; step++)
        {
            saver.Save(null, dir["model"], globalStep: step);
        }

        Assert.Equal(new[] { "checkpoint", "model-3.index", "model-4.index" }, dir.Files());
        Assert.Equal(new[] { dir["model-3"], dir["model-4"] }, saver.LastCheckpoints);
        Assert.Equal(new[] { dir["model-3"], dir["model-4"] }, Tf.Train.GetCheckpointState(dir.Path)!.AllModelCheckpointPaths);

        // Saving the same path again moves it to the end without deleting anything.
        saver.Save(null, dir["model"], globalStep: 3);
        Assert.Equal(new[] { dir["model-4"], dir["model-3"] }, saver.LastCheckpoints);
        Assert.Equal(new[] { "checkpoint", "model-3.index", "model-4.index" }, dir.Files());
    }

    [Fact]
    public void MaxToKeepNullKeepsAllButTheStateFileListsOnlyTheLatest()
    {
        // saver.py _RecordLastCheckpoint returns at once when max_to_keep is falsy, so last_checkpoints stays empty.
        using var dir = new TempDir();
        var saver = Train.Saver(new[] { Tf.Variable(1.0, name: "w") }, maxToKeep: null);
        for (var step = 1; step <= 7; step++)
        {
            saver.Save(null, dir["model"], globalStep: step);
        }

        Assert.Equal(8, dir.Files().Length);
        Assert.Empty(saver.LastCheckpoints);
        Assert.Equal(new[] { dir["model-7"] }, Tf.Train.GetCheckpointState(dir.Path)!.AllModelCheckpointPaths);
    }

    [Fact]
    public void ANewSaverCountsOnlyItsOwnCheckpointsUnlessRecovered()
    {
        using var dir = new TempDir();
        var w = Tf.Variable(1.0, name: "w");
        var first = Train.Saver(new[] { w }, maxToKeep: 2);
        first.Save(null, dir["model"], globalStep: 1);
        first.Save(null, dir["model"], globalStep: 2);

        var second = Train.Saver(new[] { w }, maxToKeep: 2);
        second.RecoverLastCheckpoints(Tf.Train.GetCheckpointState(dir.Path)!.AllModelCheckpointPaths.Append(dir["model-99"]));
        Assert.Equal(new[] { dir["model-1"], dir["model-2"] }, second.LastCheckpoints);
        second.Save(null, dir["model"], globalStep: 3);
        Assert.Equal(new[] { "checkpoint", "model-2.index", "model-3.index" }, dir.Files());
    }

    [Fact]
    public void LatestCheckpointIsNullWithoutStateOrFiles()
    {
        using var dir = new TempDir();
        Assert.Null(Tf.Train.LatestCheckpoint(dir.Path));
        Assert.Null(Tf.Train.GetCheckpointState(dir.Path));

        var saver = Train.Saver(new[] { Tf.Variable(1.0, name: "w") });
        var path = saver.Save(null, dir["model"], globalStep: 1)!;
        File.Delete(path + ".index");
        var log = T.CaptureLog(() => Assert.Null(Tf.Train.LatestCheckpoint(dir.Path)));
        Assert.Equal(new[] { $"Couldn't match files for checkpoint {path}" }, log);

        File.WriteAllText(dir["checkpoint"], "model_checkpoint_path: \"model-1\"\nbogus_field: 3\n");
        log = T.CaptureLog(() => Assert.Null(Tf.Train.LatestCheckpoint(dir.Path)));
        Assert.Equal(
            new[] { "ParseError: 2:1 : Message type \"tensorflow.CheckpointState\" has no field named \"bogus_field\".", $"{dir["checkpoint"]}: Checkpoint ignored" },
            log);

        File.WriteAllText(dir["checkpoint"], "all_model_checkpoint_paths: \"model-1\"\n");
        var e = Assert.Throws<ValueErrorException>(() => Tf.Train.LatestCheckpoint(dir.Path));
        Assert.Equal("Invalid checkpoint state loaded from " + dir.Path, e.Message);
    }

    [Fact]
    public void RestoreErrorsAreTensorFlows()
    {
        using var dir = new TempDir();
        using var m = new Model();
        m.Session.Run(m.Init);
        var path = m.Saver.Save(m.Session, dir["model"])!;

        var invalid = Assert.Throws<ValueErrorException>(() => m.Saver.Restore(m.Session, dir["other"]));
        Assert.Equal("The passed save_path is not a valid checkpoint: " + dir["other"], invalid.Message);
        Assert.Equal("Can't load save_path when it is None.", Assert.Throws<ValueErrorException>(() => m.Saver.Restore(m.Session, null!)).Message);

        // A variable the checkpoint lacks: NotFoundError, wrapped, and nothing is assigned.
        var g = new Graph();
        Variable w, extra;
        Compat.V1.Train.Saver saver;
        using (g.AsDefault())
        {
            w = Tf.Variable(Tf.Constant(NDArray.FromValues(DType.Float32, new[] { 3 }, new[] { 9.0, 9, 9 })), name: "w");
            extra = Tf.Variable(0.0, name: "extra");
            saver = Train.Saver();
        }

        using var sess = V1.Session(g);
        var notFound = Assert.Throws<NotFoundException>(() => saver.Restore(sess, path));
        Assert.Equal(
            "Restoring from checkpoint failed. This is most likely due to a Variable name or other graph key that is missing from the checkpoint. "
            + "Please ensure that you have not altered the graph expected based on the checkpoint. Original error:\n\nKey extra not found in checkpoint",
            notFound.Message);
        Assert.Throws<FailedPreconditionException>(() => sess.Run(w));

        // Another dtype, another shape: InvalidArgumentError, wrapped.
        var g2 = new Graph();
        using (g2.AsDefault())
        {
            Tf.Variable(Tf.Constant(NDArray.Scalar(1, DType.Float64)), name: "w");
            saver = Train.Saver();
        }

        using var sess2 = V1.Session(g2);
        var dtype = Assert.Throws<InvalidArgumentException>(() => saver.Restore(sess2, path));
        Assert.Equal(
            "Restoring from checkpoint failed. This is most likely due to a mismatch between the current graph and the graph from the checkpoint. "
            + "Please ensure that you have not altered the graph expected based on the checkpoint. Original error:\n\n"
            + "tensor_name = w; expected dtype double does not equal original dtype float",
            dtype.Message);

        var g3 = new Graph();
        using (g3.AsDefault())
        {
            Tf.Variable(Tf.Constant(NDArray.FromValues(DType.Float32, new[] { 2 }, new[] { 1.0, 2 })), name: "w");
            saver = Train.Saver();
        }

        using var sess3 = V1.Session(g3);
        var shape = Assert.Throws<InvalidArgumentException>(() => saver.Restore(sess3, path));
        Assert.EndsWith("Original error:\n\nAssign requires shapes of both tensors to match. lhs shape= [2] rhs shape= [3]", shape.Message);
    }

    [Fact]
    public void CorruptFilesGiveTensorFlowsDataLossErrors()
    {
        using var dir = new TempDir();
        var w = Tf.Variable(Tf.Constant(NDArray.FromValues(DType.Float64, new[] { 2 }, new[] { 1.5, -2.5 })), name: "w");
        var saver = Train.Saver(new[] { w });
        var path = saver.Save(null, dir["model"])!;
        var index = path + ".index";
        var good = File.ReadAllBytes(index);

        void Corrupt(Func<byte[], byte[]> change) => File.WriteAllBytes(index, change((byte[])good.Clone()));

        Corrupt(b => b[..10]);
        Assert.Equal("file is too short to be an sstable", Assert.Throws<DataLossException>(() => saver.Restore(null, path)).Message);

        Corrupt(b =>
        {
            b[^1] ^= 0xFF;
            return b;
        });
        Assert.Equal("not an sstable (bad magic number)", Assert.Throws<DataLossException>(() => saver.Restore(null, path)).Message);

        // The footer gives where the index ends and the data begin (docs/design/runtime-api.md, "Checkpoint files").
        var indexLength = (int)BinaryPrimitives.ReadInt64LittleEndian(good.AsSpan(good.Length - 20));
        Corrupt(b =>
        {
            b[indexLength - 1] ^= 0x01;
            return b;
        });
        Assert.Equal("block checksum mismatch", Assert.Throws<DataLossException>(() => saver.Restore(null, path)).Message);

        Corrupt(b =>
        {
            b[indexLength + 3] ^= 0x40;
            return b;
        });
        var checksum = Assert.Throws<DataLossException>(() => saver.Restore(null, path));
        var match = Regex.Match(checksum.Message,
            $"^TensorBundle at {Regex.Escape(path)} shard 0 \\(16 bytes\\): Checksum does not match: stored (\\d{{8,}}) vs\\. calculated on the restored bytes (\\d+)$");
        Assert.True(match.Success, checksum.Message);
        Assert.NotEqual(uint.Parse(match.Groups[1].Value), uint.Parse(match.Groups[2].Value));

        // The reader API (tf.train.Checkpoint, list_variables) reports a bad table as an unknown error, as TensorFlow's translator does.
        Corrupt(b => b[..10]);
        var unknown = Assert.Throws<OpErrorException>(() => Tf.Train.ListVariables(path));
        Assert.Equal(typeof(OpErrorException), unknown.GetType());

        Assert.Equal(1.5, w.Numpy().ToArray<double>()[0]);
    }

    [Fact]
    public void AFailedSaveLeavesThePreviousCheckpointAndStateIntact()
    {
        using var dir = new TempDir();
        var w = Tf.Variable(1.0, name: "w");
        var saver = Train.Saver(new[] { w });
        saver.Save(null, dir["model"], globalStep: 1);
        var state = File.ReadAllText(dir["checkpoint"]);

        // The next checkpoint cannot be written (its index path is a directory).
        w.Assign(2.0);
        Directory.CreateDirectory(dir["model-2.index"]);
        var e = Assert.Throws<FailedPreconditionException>(() => saver.Save(null, dir["model"], globalStep: 2));
        Assert.Equal(dir["model-2.index"] + "; Is a directory", e.Message);
        Assert.Equal(state, File.ReadAllText(dir["checkpoint"]));
        Assert.Equal(dir["model-1"], Tf.Train.LatestCheckpoint(dir.Path));
        Assert.Equal(new[] { "checkpoint", "model-1.index", "model-2.index" }, dir.Files());

        // Overwriting a checkpoint that fails after the new file is written keeps the old one whole.
        Bundle.BeforeCommit.Value = _ => throw new IOException("disk full");
        try
        {
            Assert.Throws<OpErrorException>(() => saver.Save(null, dir["model-1"], writeState: false));
        }
        finally
        {
            Bundle.BeforeCommit.Value = null;
        }

        Assert.Equal(new[] { "checkpoint", "model-1.index", "model-2.index" }, dir.Files());
        saver.Restore(null, dir["model-1"]);
        Assert.Equal(1f, (float)w.Numpy());
    }

    [Fact]
    public void SaveErrorsAreTensorFlows()
    {
        using var dir = new TempDir();
        using var m = new Model();
        var parent = Path.Combine(dir.Path, "missing", "model");
        m.Session.Run(m.Init);
        var e = Assert.Throws<ValueErrorException>(() => m.Saver.Save(m.Session, parent));
        Assert.Equal($"Parent directory of {parent} doesn't exist, can't save.", e.Message);
        Assert.Equal("'sess' must be a Session; None", Assert.Throws<TypeErrorException>(() => m.Saver.Save(null, dir["m"])).Message);

        // An uninitialized variable fails the save before anything is written.
        using var fresh = new Model();
        var uninitialized = Assert.Throws<FailedPreconditionException>(() => fresh.Saver.Save(fresh.Session, dir["m"]));
        Assert.StartsWith("Attempting to use uninitialized value", uninitialized.Message);
        Assert.Empty(dir.Files());
    }

    [Fact]
    public void SaverConstructionErrorsAreTensorFlows()
    {
        var eager = Assert.Throws<InvalidOperationException>(() => Train.Saver());
        Assert.Equal("When eager execution is enabled, `var_list` must specify a list or dict of variables to save", eager.Message);

        using (new Graph().AsDefault())
        {
            Assert.Equal("No variables to save", Assert.Throws<ValueErrorException>(() => Train.Saver()).Message);
            var empty = Train.Saver(allowEmpty: true);
            Assert.Null(empty.Save(null, Path.Combine(Path.GetTempPath(), "never-written")));
        }

        var same = Assert.Throws<ValueErrorException>(() => Train.Saver(new[] { Tf.Variable(1.0), Tf.Variable(2.0) }));
        Assert.Equal("At least two variables have the same name: Variable", same.Message);
    }

    [Fact]
    public void ASaverWithADictionaryUsesItsKeysAndCanRestoreUnderOtherNames()
    {
        using var dir = new TempDir();
        var old = Tf.Variable(4.0, name: "old_name");
        Train.Saver(new System.Collections.Generic.Dictionary<string, Variable> { ["weights"] = old }).Save(null, dir["m"]);
        Assert.Equal(new[] { "weights" }, Tf.Train.ListVariables(dir["m"]).Select(v => v.Name));

        var renamed = Tf.Variable(0.0, name: "new_name");
        Train.Saver(new System.Collections.Generic.Dictionary<string, Variable> { ["weights"] = renamed }).Restore(null, dir["m"]);
        Assert.Equal(4f, (float)renamed.Numpy());
    }

    [Fact]
    public void ASaverRestoresAnObjectBasedCheckpointByVariableName()
    {
        using var dir = new TempDir();
        var w = Tf.Variable(5.0, name: "w");
        var path = Tf.Train.Checkpoint(model: new System.Collections.Generic.Dictionary<string, Variable> { ["layer"] = w }).Save(dir["ckpt"]);

        var again = Tf.Variable(0.0, name: "w");
        var log = T.CaptureLog(() => Train.Saver(new[] { again }).Restore(null, path));
        Assert.Equal(5f, (float)again.Numpy());
        Assert.Equal(
            "Restoring an object-based checkpoint using a name-based saver. This may be somewhat fragile, and will re-build the Saver. "
            + "Instead, consider loading object-based checkpoints using tf.train.Checkpoint().",
            Assert.Single(log));
    }
}
