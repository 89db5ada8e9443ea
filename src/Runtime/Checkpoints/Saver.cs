using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using GlobalStepMigration.Runtime.Checkpoints;
using GraphKeys = GlobalStepMigration.Runtime.Tf.Compat.V1.GraphKeys;

namespace GlobalStepMigration.Runtime.Compat.V1.Train;

/// <summary>
/// TensorFlow's <c>tf.compat.v1.train.Saver</c> (tensorflow/python/training/saver.py): saves and restores variables
/// by name (a graph variable's key is its op name, <c>w</c>, <c>w/Momentum</c>, <c>global_step</c>), numbers
/// checkpoints with the global step (<c>model.ckpt-100</c>), keeps the <c>checkpoint</c> state file of the directory
/// and deletes all but the last <see cref="MaxToKeep"/> checkpoints it wrote. The files are the runtime's own format
/// (docs/design/runtime-api.md); no meta graph is written.
/// </summary>
public sealed class Saver
{
    private readonly List<(string Key, Variable Variable)> _variables;
    private readonly List<(string Path, double Time)> _lastCheckpoints = new();
    private readonly List<(string Path, double Time)> _toDelete = new();
    private readonly Graph? _graph;
    private double _nextCheckpointTime;

    /// <summary>
    /// Creates the saver. Without <paramref name="varList"/> it saves the variables of the default graph's
    /// GLOBAL_VARIABLES and SAVEABLE_OBJECTS collections as they are now (TensorFlow's default); eagerly a var list
    /// is required. No variables is a <see cref="ValueErrorException"/> unless <paramref name="allowEmpty"/>.
    /// </summary>
    public Saver(IEnumerable<Variable>? varList = null, int? maxToKeep = 5, double keepCheckpointEveryNHours = 10000.0, bool allowEmpty = false,
        bool padStepNumber = false, bool saveRelativePaths = false)
        : this(Named(varList), maxToKeep, keepCheckpointEveryNHours, allowEmpty, padStepNumber, saveRelativePaths)
    {
    }

    /// <summary>Creates a saver that stores each variable under the key given (TensorFlow's dict <c>var_list</c>).</summary>
    public Saver(IReadOnlyDictionary<string, Variable> varList, int? maxToKeep = 5, double keepCheckpointEveryNHours = 10000.0, bool allowEmpty = false,
        bool padStepNumber = false, bool saveRelativePaths = false)
        : this(varList?.Select(kv => (kv.Key, kv.Value)).ToList() ?? throw new ArgumentNullException(nameof(varList)),
            maxToKeep, keepCheckpointEveryNHours, allowEmpty, padStepNumber, saveRelativePaths)
    {
    }

    private Saver(List<(string Key, Variable Variable)> variables, int? maxToKeep, double keepCheckpointEveryNHours, bool allowEmpty,
        bool padStepNumber, bool saveRelativePaths)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, variable) in variables)
        {
            if (variable is null)
            {
                throw new ArgumentNullException(nameof(variables), "A variable in var_list is null.");
            }

            if (!seen.Add(key))
            {
                throw new ValueErrorException($"At least two variables have the same name: {key}");
            }
        }

        _variables = variables.OrderBy(v => v.Key, StringComparer.Ordinal).ToList();
        if (_variables.Count == 0 && !allowEmpty)
        {
            throw new ValueErrorException("No variables to save");
        }

        _graph = _variables.Select(v => v.Variable.Graph).FirstOrDefault(g => g is not null);
        MaxToKeep = maxToKeep;
        KeepCheckpointEveryNHours = keepCheckpointEveryNHours;
        PadStepNumber = padStepNumber;
        SaveRelativePaths = saveRelativePaths;
        _nextCheckpointTime = CheckpointManagement.Now() + keepCheckpointEveryNHours * 3600;
    }

    /// <summary>How many recent checkpoints are kept (null or 0: all).</summary>
    public int? MaxToKeep { get; }

    /// <summary>A checkpoint this many hours after the last one kept is kept beyond <see cref="MaxToKeep"/>.</summary>
    public double KeepCheckpointEveryNHours { get; }

    /// <summary>Whether step numbers are zero-padded to 8 digits (<c>model-00000100</c>).</summary>
    public bool PadStepNumber { get; }

    /// <summary>Whether the state file holds paths relative to its directory.</summary>
    public bool SaveRelativePaths { get; }

    /// <summary>The checkpoint keys this saver writes, sorted.</summary>
    public IReadOnlyList<string> Keys => _variables.Select(v => v.Key).ToList();

    /// <summary>The checkpoints this saver keeps, oldest first (TensorFlow's <c>last_checkpoints</c>).</summary>
    public IReadOnlyList<string> LastCheckpoints
    {
        get
        {
            lock (_lastCheckpoints)
            {
                return _lastCheckpoints.Select(c => c.Path).ToList();
            }
        }
    }

    /// <summary>
    /// Saves the variables' values in <paramref name="sess"/> (eager variables: their values) to
    /// <paramref name="savePath"/>, or to <c>savePath-N</c> with the value N of <paramref name="globalStep"/> (a
    /// variable, a tensor or a number, read as <c>tf.compat.v1.train.global_step</c> does). Then records it in the
    /// <c>checkpoint</c> file of its directory and deletes the checkpoints beyond <see cref="MaxToKeep"/>. Returns
    /// the checkpoint prefix (null for an empty saver). The file is written to a temporary name and renamed, so
    /// a failed save leaves the previous files as they were.
    /// </summary>
    public string? Save(Session? sess, string savePath, Tensor? globalStep = null, string? latestFilename = null, bool writeState = true)
    {
        ArgumentNullException.ThrowIfNull(savePath);
        string checkpointFile;
        if (globalStep is not null)
        {
            var step = TrainingUtil.GlobalStepValue(sess, globalStep);
            checkpointFile = PadStepNumber
                ? string.Create(CultureInfo.InvariantCulture, $"{savePath}-{step:D8}")
                : string.Create(CultureInfo.InvariantCulture, $"{savePath}-{step}");
        }
        else
        {
            checkpointFile = savePath;
            if (latestFilename is not null && Path.GetFileName(savePath) == latestFilename)
            {
                throw new ValueErrorException($"'latest_filename' collides with 'save_path': '{latestFilename}' and '{savePath}'");
            }
        }

        if (_graph is not null && sess is null)
        {
            throw new TypeErrorException("'sess' must be a Session; None");
        }

        if (_variables.Count == 0)
        {
            return null;
        }

        var values = ReadValues(sess);
        var parent = CheckpointManagement.DirName(savePath);
        try
        {
            Bundle.Write(checkpointFile, values);
        }
        catch (Exception e) when (e is NotFoundException or FailedPreconditionException)
        {
            if (!Directory.Exists(CheckpointManagement.Existing(parent)))
            {
                throw new ValueErrorException($"Parent directory of {savePath} doesn't exist, can't save.", e);
            }

            throw;
        }

        if (writeState)
        {
            RecordLastCheckpoint(checkpointFile);
            CheckpointManagement.UpdateState(parent, checkpointFile, LastCheckpoints, latestFilename: latestFilename, saveRelativePaths: SaveRelativePaths);
            MaybeDeleteOldCheckpoints();
        }

        return checkpointFile;
    }

    /// <summary>
    /// Restores the variables from the checkpoint <paramref name="savePath"/> into <paramref name="sess"/> (eager
    /// variables directly); restoring also initializes them. All keys are checked before any value is assigned.
    /// Errors are TensorFlow's: an absent checkpoint is a <see cref="ValueErrorException"/> (<c>The passed save_path is
    /// not a valid checkpoint: ...</c>); a missing key a <see cref="NotFoundException"/> and another dtype or shape an
    /// <see cref="InvalidArgumentException"/>, both with <c>Restoring from checkpoint failed. ...</c>; a corrupt file a
    /// <see cref="DataLossException"/>. A checkpoint written by <c>tf.train.Checkpoint</c> is restored through its
    /// object graph by variable name, with TensorFlow's warning.
    /// </summary>
    public void Restore(Session? sess, string savePath)
    {
        if (_variables.Count == 0)
        {
            return;
        }

        if (savePath is null)
        {
            throw new ValueErrorException("Can't load save_path when it is None.");
        }

        if (!Bundle.Exists(savePath))
        {
            throw new ValueErrorException("The passed save_path is not a valid checkpoint: " + savePath);
        }

        if (_graph is not null && sess is null)
        {
            throw new AttributeErrorException("'NoneType' object has no attribute 'run'");
        }

        var reader = Bundle.Open(savePath);
        var keys = new Dictionary<Variable, string>(ReferenceEqualityComparer.Instance);
        foreach (var (key, variable) in _variables)
        {
            keys[variable] = key;
        }

        var missing = _variables.FirstOrDefault(v => !reader.Contains(v.Key));
        if (missing.Variable is not null)
        {
            if (!reader.Contains(Bundle.ObjectGraphKey))
            {
                throw Wrap(new NotFoundException($"Key {missing.Key} not found in checkpoint"), "a Variable name or other graph key that is missing");
            }

            // An object-based checkpoint: find each variable's key by its full name in the object graph.
            Tf.Compat.V1.Logging.Warning(
                "Restoring an object-based checkpoint using a name-based saver. This may be somewhat fragile, and will re-build the Saver. "
                + "Instead, consider loading object-based checkpoints using tf.train.Checkpoint().");
            var byName = ObjectGraph.Parse(reader.ReadString(Bundle.ObjectGraphKey)).ToDictionary(e => e.FullName, e => e.Key, StringComparer.Ordinal);
            var absent = _variables.Where(v => !byName.ContainsKey(Bundle.VariableName(v.Variable))).Select(v => Bundle.VariableName(v.Variable)).OrderBy(n => n, StringComparer.Ordinal).ToList();
            if (absent.Count > 0)
            {
                throw new NotFoundException("Existing variables not in the checkpoint: " + string.Join(", ", absent));
            }

            foreach (var (_, variable) in _variables)
            {
                keys[variable] = byName[Bundle.VariableName(variable)];
            }
        }

        var restored = new List<(Variable Variable, NDArray Value)>();
        foreach (var (_, variable) in _variables)
        {
            var key = keys[variable];
            var (dtype, shape) = reader.Describe(key);
            if (dtype != variable.DType)
            {
                throw Wrap(new InvalidArgumentException(
                    $"tensor_name = {key}; expected dtype {Bundle.DTypeString(variable.DType)} does not equal original dtype {(dtype is DType d ? Bundle.DTypeString(d) : "string")}"),
                    "a mismatch between the current graph and the graph");
            }

            if (!variable.Shape.IsCompatibleWith(shape))
            {
                throw Wrap(new InvalidArgumentException(
                    $"Assign requires shapes of both tensors to match. lhs shape= {Kernels.ShapeText(variable.Shape)} rhs shape= {Kernels.ShapeText(TensorShape.Of(shape))}"),
                    "a mismatch between the current graph and the graph");
            }

            restored.Add((variable, reader.Read(key)));
        }

        Assign(sess, restored);
    }

    /// <summary>
    /// Takes over checkpoints written before (TensorFlow's <c>recover_last_checkpoints</c>), for instance the
    /// <c>AllModelCheckpointPaths</c> of the state file, so <see cref="MaxToKeep"/> also counts them; missing ones are skipped.
    /// </summary>
    public void RecoverLastCheckpoints(IEnumerable<string> checkpointPaths)
    {
        ArgumentNullException.ThrowIfNull(checkpointPaths);
        lock (_lastCheckpoints)
        {
            _lastCheckpoints.Clear();
            foreach (var path in checkpointPaths)
            {
                var index = Bundle.IndexPath(path);
                if (File.Exists(index))
                {
                    _lastCheckpoints.Add((path, (File.GetLastWriteTimeUtc(index) - DateTime.UnixEpoch).TotalSeconds));
                }
            }
        }
    }

    /// <summary>TensorFlow's <c>_wrap_restore_error_with_msg</c>: the same error type, the original message quoted.</summary>
    private static OpErrorException Wrap(OpErrorException error, string extraVerbiage)
    {
        var message = $"Restoring from checkpoint failed. This is most likely due to {extraVerbiage} from the checkpoint. "
            + $"Please ensure that you have not altered the graph expected based on the checkpoint. Original error:\n\n{error.Message}";
        return error switch
        {
            NotFoundException => new NotFoundException(message, error),
            _ => new InvalidArgumentException(message, error),
        };
    }

    private static List<(string Key, Variable Variable)> Named(IEnumerable<Variable>? varList)
    {
        if (varList is not null)
        {
            return varList.Select(v => (v is null ? "" : Bundle.VariableName(v), v!)).ToList();
        }

        if (Tf.ExecutingEagerly())
        {
            throw new InvalidOperationException("When eager execution is enabled, `var_list` must specify a list or dict of variables to save");
        }

        var graph = DefaultGraphStack.Current;
        return graph.GetCollection(GraphKeys.GLOBAL_VARIABLES).Concat(graph.GetCollection(GraphKeys.SAVEABLE_OBJECTS))
            .OfType<Variable>().Distinct(ReferenceEqualityComparer.Instance).Cast<Variable>()
            .Select(v => (Bundle.VariableName(v), v)).ToList();
    }

    private Dictionary<string, NDArray> ReadValues(Session? sess)
    {
        var graphVariables = _variables.Where(v => v.Variable.Graph is not null).ToList();
        var values = new Dictionary<string, NDArray>(StringComparer.Ordinal);
        if (graphVariables.Count > 0)
        {
            var fetched = (List<object?>)sess!.Run(graphVariables.Select(v => (object)v.Variable).ToList())!;
            for (var i = 0; i < graphVariables.Count; i++)
            {
                values[graphVariables[i].Key] = (NDArray)fetched[i]!;
            }
        }

        foreach (var (key, variable) in _variables.Where(v => v.Variable.Graph is null))
        {
            values[key] = variable.Numpy();
        }

        return values;
    }

    private static void Assign(Session? sess, List<(Variable Variable, NDArray Value)> restored)
    {
        var graphValues = restored.Where(r => r.Variable.Op is not null).Select(r => (r.Variable.Op!, r.Value)).ToList();
        if (graphValues.Count > 0)
        {
            sess!.RestoreVariables(graphValues);
        }

        foreach (var (variable, value) in restored.Where(r => r.Variable.Op is null))
        {
            variable.SetEagerValue(value);
        }
    }

    /// <summary>TensorFlow's <c>_RecordLastCheckpoint</c>.</summary>
    private void RecordLastCheckpoint(string path)
    {
        if (MaxToKeep is null or 0)
        {
            return;
        }

        lock (_lastCheckpoints)
        {
            _lastCheckpoints.RemoveAll(c => c.Path == path);
            _lastCheckpoints.Add((path, CheckpointManagement.Now()));
            if (_lastCheckpoints.Count > MaxToKeep)
            {
                _toDelete.Add(_lastCheckpoints[0]);
                _lastCheckpoints.RemoveAt(0);
            }
        }
    }

    /// <summary>TensorFlow's <c>_MaybeDeleteOldCheckpoints</c>: one checkpoint leaves per save, unless kept by the hours rule.</summary>
    private void MaybeDeleteOldCheckpoints()
    {
        (string Path, double Time) oldest;
        lock (_lastCheckpoints)
        {
            if (_toDelete.Count == 0)
            {
                return;
            }

            oldest = _toDelete[0];
            _toDelete.RemoveAt(0);
            if (oldest.Time > _nextCheckpointTime)
            {
                _nextCheckpointTime += KeepCheckpointEveryNHours * 3600;
                return;
            }
        }

        try
        {
            CheckpointManagement.Remove(oldest.Path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Tf.Compat.V1.Logging.Warning("Ignoring: " + e.Message);
        }
    }
}
