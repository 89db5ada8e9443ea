using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using KerasOptimizer = GlobalStepMigration.Runtime.Keras.Optimizers.Optimizer;

namespace GlobalStepMigration.Runtime.Checkpoints;

/// <summary>
/// TensorFlow 2's <c>tf.train.Checkpoint</c> (tensorflow/python/checkpoint/checkpoint.py) for eager state: the
/// objects given by name (variables, Keras optimizers, and dictionaries or lists of them) are saved under
/// object-graph keys, <c>name/.ATTRIBUTES/VARIABLE_VALUE</c> for a variable, <c>model/w/...</c> in a dictionary,
/// <c>model/0/...</c> in a list; a Keras 3 optimizer's <c>optimizer/_iterations/...</c>,
/// <c>optimizer/_learning_rate/...</c> and its slots <c>optimizer/_variables/N/...</c> (N its index in
/// <c>optimizer.Variables</c>); <c>save_counter/...</c> numbers the saves. An object reachable twice is saved under
/// its shortest path (breadth first, names in order). The checkpoint also holds the object graph
/// (<c>_CHECKPOINTABLE_OBJECT_GRAPH</c>) with each variable's name, which lets a <c>Saver</c> restore it.
/// </summary>
public sealed class Checkpoint
{
    private const string Attribute = "/.ATTRIBUTES/VARIABLE_VALUE";
    private readonly List<(string Name, object Value)> _objects;
    private Variable? _saveCounter;

    /// <summary>
    /// Creates the checkpoint over named objects (Python's keyword arguments): a <see cref="Variable"/>, a Keras
    /// optimizer, or a dictionary (string keys) or list of these. Anything else is TensorFlow's
    /// <see cref="ValueErrorException"/> (<c>`Checkpoint` was expecting ... to be a trackable object ...</c>).
    /// </summary>
    public Checkpoint(IEnumerable<KeyValuePair<string, object>> objects)
    {
        ArgumentNullException.ThrowIfNull(objects);
        _objects = new List<(string, object)>();
        foreach (var (name, value) in objects.OrderBy(o => o.Key, StringComparer.Ordinal))
        {
            ArgumentException.ThrowIfNullOrEmpty(name);
            if (name == "save_counter")
            {
                throw new ValueErrorException("`Checkpoint` object can not be created with a save_counter attribute.");
            }

            CheckTrackable(value, name);
            _objects.Add((name, value));
        }
    }

    /// <summary>How many times <see cref="Save"/> ran (restored from a checkpoint); an int64 variable created on first use.</summary>
    public Variable SaveCounter => _saveCounter ??= Variable.Create(null, new Tensor(NDArray.Scalar(0, DType.Int64)), "save_counter", trainable: false, DType.Int64, collections: null);

    /// <summary>
    /// Saves to <c>filePrefix-N</c>, N the incremented <see cref="SaveCounter"/>, and records it (alone) in the
    /// <c>checkpoint</c> state file of its directory, as a relative path. The directory is created when missing.
    /// Returns the prefix.
    /// </summary>
    public string Save(string filePrefix)
    {
        ArgumentNullException.ThrowIfNull(filePrefix);
        var number = (long)SaveCounter.AssignAdd(1L).Numpy();
        var path = Write(string.Create(CultureInfo.InvariantCulture, $"{filePrefix}-{number}"));
        CheckpointManagement.UpdateState(CheckpointManagement.DirName(path), path, new[] { path }, saveRelativePaths: true);
        return path;
    }

    /// <summary>Saves to exactly <paramref name="filePrefix"/>, without numbering and without the state file. Returns the prefix.</summary>
    public string Write(string filePrefix)
    {
        ArgumentNullException.ThrowIfNull(filePrefix);
        var (variables, _) = Collect();
        var values = variables.ToDictionary(v => v.Key, v => EagerValue(v.Variable), StringComparer.Ordinal);
        var graph = ObjectGraph.Format(variables.Select(v => (v.Key, Bundle.VariableName(v.Variable))));
        var directory = CheckpointManagement.DirName(filePrefix);
        if (directory.Length > 0)
        {
            Directory.CreateDirectory(directory);
        }

        Bundle.Write(filePrefix, values, new Dictionary<string, string> { [Bundle.ObjectGraphKey] = graph });
        return filePrefix;
    }

    /// <summary>
    /// Restores from <paramref name="savePath"/> (TensorFlow's <c>restore</c>): variables that exist get their values
    /// now, a Keras optimizer's slots when it is built (deferred restoration). A missing checkpoint is a
    /// <see cref="NotFoundException"/> (<c>Error when restoring from checkpoint or SavedModel at ...</c>); a null path
    /// restores nothing. A checkpoint written by a <c>Saver</c> is restored by variable name (name-based mode, with
    /// TensorFlow's warning). The returned status checks what was matched.
    /// </summary>
    public CheckpointLoadStatus Restore(string? savePath)
    {
        if (savePath is null)
        {
            return new CheckpointLoadStatus(null, Array.Empty<string>(), Array.Empty<Variable>(), Array.Empty<Variable>(), Array.Empty<(KerasOptimizer, string)>(), nameBased: false);
        }

        try
        {
            return Read(savePath);
        }
        catch (NotFoundException e)
        {
            throw new NotFoundException(
                $"Error when restoring from checkpoint or SavedModel at {savePath}: {e.Message}\n"
                + "Please double-check that the path is correct. You may be missing the checkpoint suffix (e.g. the '-1' in 'path/to/ckpt-1').", e);
        }
    }

    /// <summary>Restores like <see cref="Restore"/> without rewording a <see cref="NotFoundException"/> (TensorFlow's <c>read</c>).</summary>
    public CheckpointLoadStatus Read(string savePath)
    {
        ArgumentNullException.ThrowIfNull(savePath);
        var reader = CheckpointReaders.Open(savePath);
        if (!reader.Contains(Bundle.ObjectGraphKey))
        {
            _ = SaveCounter;
            return ReadByName(reader, savePath, Collect().Variables);
        }

        // The save counter is created to take the checkpoint's value when it has one (TensorFlow creates it on restore).
        if (reader.Contains("save_counter" + Attribute))
        {
            _ = SaveCounter;
        }

        var (variables, optimizers) = Collect();
        var fullNames = ObjectGraph.Parse(reader.ReadString(Bundle.ObjectGraphKey)).ToDictionary(e => e.Key, e => e.FullName, StringComparer.Ordinal);
        var current = variables.ToDictionary(v => v.Key, v => v.Variable, StringComparer.Ordinal);
        var assignments = new List<(Variable Variable, NDArray Value)>();
        var deferred = new List<(KerasOptimizer Optimizer, int Index, NDArray Value, string Key)>();
        var unresolved = new List<string>();
        foreach (var key in reader.Keys.Where(k => k != Bundle.ObjectGraphKey))
        {
            if (current.TryGetValue(key, out var variable))
            {
                assignments.Add((variable, Checked(reader, key, variable)));
            }
            else if (SlotOf(key, optimizers) is (KerasOptimizer optimizer, int index))
            {
                deferred.Add((optimizer, index, reader.Read(key), key));
            }
            else
            {
                unresolved.Add(key);
            }
        }

        foreach (var (variable, value) in assignments)
        {
            variable.SetEagerValue(value);
        }

        var pending = new List<(KerasOptimizer, string)>();
        foreach (var (optimizer, index, value, key) in deferred)
        {
            if (!optimizer.RestoreVariable(index, value))
            {
                pending.Add((optimizer, key));
            }
        }

        var matched = assignments.Select(a => a.Variable).ToList();
        var unmatched = variables.Select(v => v.Variable).Where(v => !matched.Contains(v) && !ReferenceEquals(v, _saveCounter)).ToList();
        return new CheckpointLoadStatus(savePath, unresolved, matched, unmatched, pending, nameBased: false, fullNames);
    }

    private CheckpointLoadStatus ReadByName(BundleReader reader, string savePath, List<(string Key, Variable Variable)> variables)
    {
        Tf.Compat.V1.Logging.Warning(
            "Restoring a name-based tf.train.Saver checkpoint using the object-based restore API. This mode uses global names to match variables, "
            + "and so is somewhat fragile. It also adds new restore ops to the graph each time it is called when graph building. Prefer re-encoding "
            + "training checkpoints in the object-based format: run save() on the object-based saver (the same one this message is coming from) "
            + "and use that checkpoint in the future.");
        var matched = new List<Variable>();
        var unmatched = new List<Variable>();
        foreach (var (_, variable) in variables)
        {
            var name = Bundle.VariableName(variable);
            if (reader.Contains(name))
            {
                variable.SetEagerValue(Checked(reader, name, variable));
                matched.Add(variable);
            }
            else if (!ReferenceEquals(variable, _saveCounter))
            {
                unmatched.Add(variable);
            }
        }

        return new CheckpointLoadStatus(savePath, Array.Empty<string>(), matched, unmatched, Array.Empty<(KerasOptimizer, string)>(), nameBased: true);
    }

    /// <summary>The value of <paramref name="key"/> for <paramref name="variable"/>, with TensorFlow's dtype and shape errors.</summary>
    private static NDArray Checked(BundleReader reader, string key, Variable variable)
    {
        var (dtype, shape) = reader.Describe(key);
        if (dtype != variable.DType)
        {
            throw new InvalidArgumentException(
                $"tensor_name = {key}; expected dtype {Bundle.DTypeString(variable.DType)} does not equal original dtype {(dtype is DType d ? Bundle.DTypeString(d) : "string")}");
        }

        if (!variable.Shape.IsCompatibleWith(shape))
        {
            throw new ValueErrorException(
                $"Received incompatible tensor with shape {TensorShape.Of(shape)} when attempting to restore variable with shape {variable.Shape} and name {variable.Name}.");
        }

        return reader.Read(key);
    }

    private static (KerasOptimizer, int)? SlotOf(string key, List<(string Path, KerasOptimizer Optimizer)> optimizers)
    {
        foreach (var (path, optimizer) in optimizers)
        {
            var prefix = path + "/_variables/";
            if (key.StartsWith(prefix, StringComparison.Ordinal) && key.EndsWith(Attribute, StringComparison.Ordinal)
                && int.TryParse(key.AsSpan(prefix.Length, key.Length - prefix.Length - Attribute.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var index))
            {
                return (optimizer, index);
            }
        }

        return null;
    }

    private static NDArray EagerValue(Variable variable) => variable.Op is null
        ? variable.Numpy()
        : throw new InvalidOperationException(
            $"{variable.Name} is a graph variable: tf.train.Checkpoint here saves and restores eager state; use tf.compat.v1.train.Saver with a session for a graph.");

    /// <summary>
    /// The variables reachable from the root with their keys (breadth first, children in order, the first path of an
    /// object kept), and the Keras optimizers with their paths.
    /// </summary>
    private (List<(string Key, Variable Variable)> Variables, List<(string Path, KerasOptimizer Optimizer)> Optimizers) Collect()
    {
        var variables = new List<(string, Variable)>();
        var optimizers = new List<(string, KerasOptimizer)>();
        var seen = new HashSet<object>(ReferenceEqualityComparer.Instance);
        var queue = new Queue<(string Path, object Value)>();
        foreach (var (name, value) in _objects)
        {
            queue.Enqueue((name, value));
        }

        if (_saveCounter is not null)
        {
            queue.Enqueue(("save_counter", _saveCounter));
        }

        while (queue.Count > 0)
        {
            var (path, value) = queue.Dequeue();
            if (!seen.Add(value))
            {
                continue;
            }

            switch (value)
            {
                case Variable variable:
                    EagerValue(variable);
                    variables.Add((path + Attribute, variable));
                    break;
                case KerasOptimizer optimizer:
                    optimizers.Add((path, optimizer));
                    foreach (var child in OptimizerChildren(optimizer))
                    {
                        queue.Enqueue((path + "/" + child.Name, child.Value));
                    }

                    break;
                default:
                    foreach (var child in Children(value))
                    {
                        queue.Enqueue((path + "/" + child.Name, child.Value));
                    }

                    break;
            }
        }

        return (variables, optimizers);
    }

    /// <summary>
    /// A Keras 3 optimizer's dependencies under the TensorFlow backend: its attribute <c>_variables</c> (the list of
    /// <c>optimizer.variables</c>), then <c>_iterations</c> and <c>_learning_rate</c> (a variable unless a schedule).
    /// </summary>
    private static IEnumerable<(string Name, object Value)> OptimizerChildren(KerasOptimizer optimizer)
    {
        var variables = optimizer.Variables;
        yield return ("_variables", variables.Cast<object>().ToList());
        yield return ("_iterations", optimizer.Iterations);
        if (optimizer.LearningRateSchedule is null)
        {
            yield return ("_learning_rate", variables[1]);
        }
    }

    private static IEnumerable<(string Name, object Value)> Children(object value) => value switch
    {
        IDictionary dictionary => dictionary.Keys.Cast<object>().Select(k => ((string)k, dictionary[k]!)),
        IEnumerable list => list.Cast<object>().Select((v, i) => (i.ToString(CultureInfo.InvariantCulture), v)),
        _ => Enumerable.Empty<(string, object)>(),
    };

    private static void CheckTrackable(object? value, string name)
    {
        switch (value)
        {
            case Variable:
            case KerasOptimizer:
                return;
            case IDictionary dictionary when dictionary.Keys.Cast<object>().All(k => k is string):
                foreach (DictionaryEntry entry in dictionary)
                {
                    CheckTrackable(entry.Value, name);
                }

                return;
            case IEnumerable list and not string:
                foreach (var item in list)
                {
                    CheckTrackable(item, name);
                }

                return;
            default:
                throw new ValueErrorException(
                    $"`Checkpoint` was expecting {name} to be a trackable object (an object derived from `Trackable`), got {value?.ToString() ?? "None"}. "
                    + "If you believe this object should be trackable (i.e. it is part of the TensorFlow Python API and manages state), please open an issue.");
        }
    }
}

/// <summary>
/// What a <see cref="Checkpoint.Restore"/> matched (TensorFlow's <c>CheckpointLoadStatus</c>); the assertions throw
/// <see cref="InvalidOperationException"/> (TensorFlow's AssertionError).
/// </summary>
public sealed class CheckpointLoadStatus
{
    private readonly string? _path;
    private readonly IReadOnlyList<string> _unresolved;
    private readonly IReadOnlyList<Variable> _unmatched;
    private readonly IReadOnlyList<(KerasOptimizer Optimizer, string Key)> _pending;
    private readonly bool _nameBased;
    private readonly IReadOnlyDictionary<string, string> _fullNames;

    internal CheckpointLoadStatus(string? path, IReadOnlyList<string> unresolved, IReadOnlyList<Variable> matched, IReadOnlyList<Variable> unmatched,
        IReadOnlyList<(KerasOptimizer, string)> pending, bool nameBased, IReadOnlyDictionary<string, string>? fullNames = null)
    {
        _fullNames = fullNames ?? new Dictionary<string, string>();
        _path = path;
        _unresolved = unresolved;
        Matched = matched;
        _unmatched = unmatched;
        _pending = pending;
        _nameBased = nameBased;
    }

    /// <summary>The variables that received a value.</summary>
    public IReadOnlyList<Variable> Matched { get; }

    /// <summary>
    /// Every value of the checkpoint went to an object and every object got a value (deferred slots count once the
    /// optimizer was built); else throws.
    /// </summary>
    public CheckpointLoadStatus AssertConsumed()
    {
        if (_path is null)
        {
            throw new InvalidOperationException("No checkpoint specified (save_path=None); nothing is being restored.");
        }

        if (_nameBased)
        {
            if (_unmatched.Count > 0)
            {
                throw new InvalidOperationException("Some objects had attributes which were not restored: ["
                    + string.Join(", ", _unmatched.Select(v => PythonRepr($"\n    {v}: ['VARIABLE_VALUE']"))) + "]");
            }

            return this;
        }

        AssertExistingObjectsMatched();
        if (_unresolved.Count > 0)
        {
            throw new InvalidOperationException($"Unresolved object in checkpoint {Pretty(_unresolved[0])}: {Node(_unresolved[0])}");
        }

        var waiting = _pending.Where(p => p.Optimizer.PendingRestores.Count > 0).ToList();
        if (waiting.Count > 0)
        {
            throw new InvalidOperationException($"Unresolved object in checkpoint {Pretty(waiting[0].Key)}: {Node(waiting[0].Key)}");
        }

        return this;
    }

    /// <summary>Every existing variable got a value from the checkpoint; else throws.</summary>
    public CheckpointLoadStatus AssertExistingObjectsMatched()
    {
        if (_path is null)
        {
            throw new InvalidOperationException("No checkpoint specified (save_path=None); nothing is being restored.");
        }

        if (_nameBased)
        {
            return AssertConsumed();
        }

        if (_unmatched.Count > 0)
        {
            var shown = Math.Min(10, _unmatched.Count);
            throw new InvalidOperationException(
                $"Found {_unmatched.Count} Python objects that were not bound to checkpointed values, likely due to changes in the Python program. "
                + $"Showing {shown} of {_unmatched.Count} unmatched objects: [{string.Join(", ", _unmatched.Take(shown))}]");
        }

        return this;
    }

    /// <summary>Silences warnings about values left unrestored (TensorFlow's <c>expect_partial</c>); returns this.</summary>
    public CheckpointLoadStatus ExpectPartial() => this;

    private static string Pretty(string key) =>
        "(root)." + key[..^"/.ATTRIBUTES/VARIABLE_VALUE".Length].Replace('/', '.');

    /// <summary>The saved object's node as TensorFlow prints it (protobuf text format).</summary>
    private string Node(string key) =>
        $"attributes {{\n  name: \"VARIABLE_VALUE\"\n  full_name: {CheckpointManagement.Quote(_fullNames.TryGetValue(key, out var n) ? n : "")}\n"
        + $"  checkpoint_key: {CheckpointManagement.Quote(key)}\n}}\n";

    /// <summary>Python's <c>repr</c> of a string (double quotes when it holds a single quote, <c>\n</c> escaped).</summary>
    private static string PythonRepr(string s)
    {
        var quote = s.Contains('\'', StringComparison.Ordinal) && !s.Contains('"', StringComparison.Ordinal) ? '"' : '\'';
        var body = new StringBuilder();
        foreach (var c in s)
        {
            body.Append(c switch
            {
                '\n' => "\\n",
                '\\' => "\\\\",
                _ when c == quote => "\\" + c,
                _ => c.ToString(),
            });
        }

        return quote + body.ToString() + quote;
    }
}

/// <summary>
/// TensorFlow 2's <c>tf.train.CheckpointManager</c> (checkpoint_management.py): numbers the saves of a
/// <see cref="Checkpoint"/> (<c>directory/ckpt-N</c>, N its save counter or a given number such as the step), keeps
/// the last <see cref="MaxToKeep"/> and records them, relative, with their timestamps in the directory's state file;
/// picks up the checkpoints already listed there.
/// </summary>
public sealed class CheckpointManager
{
    private readonly List<(string Path, double Timestamp)> _maybeDelete = new();
    private readonly Variable? _stepCounter;
    private double _lastPreservedTimestamp;
    private long? _lastCheckpointStep;

    /// <summary>
    /// Creates the manager. <paramref name="maxToKeep"/> must be positive or null (keep all): TensorFlow's
    /// <see cref="ValueErrorException"/> otherwise.
    /// </summary>
    public CheckpointManager(Checkpoint checkpoint, string directory, int? maxToKeep, double? keepCheckpointEveryNHours = null,
        string checkpointName = "ckpt", Variable? stepCounter = null, long? checkpointInterval = null)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(checkpointName);
        if (maxToKeep is <= 0)
        {
            throw new ValueErrorException(string.Create(CultureInfo.InvariantCulture, $"Expected a positive integer or `None` for `max_to_keep`, got {maxToKeep}."));
        }

        if (checkpointInterval is not null && stepCounter is null)
        {
            throw new ValueErrorException("`step_counter` should be passed if `checkpoint_interval` is not None.");
        }

        Checkpoint = checkpoint;
        Directory = directory;
        MaxToKeep = maxToKeep;
        KeepCheckpointEveryNHours = keepCheckpointEveryNHours;
        Prefix = Path.Combine(directory, checkpointName);
        _stepCounter = stepCounter;
        CheckpointInterval = checkpointInterval;

        var now = CheckpointManagement.Now();
        var state = CheckpointManagement.GetState(directory);
        if (state is null)
        {
            // Set the clock back slightly, as TensorFlow does, for managers re-created quickly.
            _lastPreservedTimestamp = now - 1;
            return;
        }

        LatestCheckpoint = state.ModelCheckpointPath;
        _lastPreservedTimestamp = state.LastPreservedTimestamp ?? now - 1;
        var timestamps = state.AllModelCheckpointTimestamps.Count > 0
            ? state.AllModelCheckpointTimestamps
            : Enumerable.Repeat(_lastPreservedTimestamp, state.AllModelCheckpointPaths.Count).ToList();
        foreach (var (path, timestamp) in state.AllModelCheckpointPaths.Zip(timestamps))
        {
            var t = Math.Min(timestamp, now);
            if (t > _lastPreservedTimestamp)
            {
                _maybeDelete.Add((path, t));
            }
        }
    }

    /// <summary>The managed checkpoint.</summary>
    public Checkpoint Checkpoint { get; }

    /// <summary>The directory of the checkpoints and of the state file.</summary>
    public string Directory { get; }

    /// <summary>How many checkpoints are kept (null: all).</summary>
    public int? MaxToKeep { get; }

    /// <summary>A checkpoint leaving the kept set is preserved when this many hours passed since the last preserved one.</summary>
    public double? KeepCheckpointEveryNHours { get; }

    /// <summary>The minimum number of steps of <c>stepCounter</c> between two saves.</summary>
    public long? CheckpointInterval { get; }

    /// <summary>The common prefix of the checkpoints, <c>directory/ckpt</c>.</summary>
    public string Prefix { get; }

    /// <summary>The latest checkpoint prefix, or null.</summary>
    public string? LatestCheckpoint { get; private set; }

    /// <summary>The managed checkpoints, oldest first.</summary>
    public IReadOnlyList<string> Checkpoints => _maybeDelete.Select(c => c.Path).ToList();

    /// <summary>
    /// Saves to <c>prefix-N</c>: N is <paramref name="checkpointNumber"/> (a number or an integer variable, read as
    /// <c>global_step</c> does), else the checkpoint's save counter, which is incremented either way. Records the
    /// state, deletes the checkpoints beyond <see cref="MaxToKeep"/>, records again. With a checkpoint interval,
    /// returns null when too few steps passed. Returns the prefix.
    /// </summary>
    public string? Save(Tensor? checkpointNumber = null, bool checkInterval = true)
    {
        if (CheckpointInterval is long interval)
        {
            var current = (long)_stepCounter!.Numpy();
            if (_lastCheckpointStep is long last)
            {
                if (current == last || (checkInterval && current < last + interval))
                {
                    return null;
                }
            }

            _lastCheckpointStep = current;
        }

        var counter = (long)Checkpoint.SaveCounter.AssignAdd(1L).Numpy();
        var number = checkpointNumber is null ? counter : TrainingUtil.GlobalStepValue(null, checkpointNumber);
        var path = Checkpoint.Write(string.Create(CultureInfo.InvariantCulture, $"{Prefix}-{number}"));

        var timestamp = CheckpointManagement.Now();
        _maybeDelete.RemoveAll(c => c.Path == path);
        _maybeDelete.Add((path, timestamp));
        LatestCheckpoint = path;
        RecordState();
        Sweep();
        RecordState();
        return path;
    }

    /// <summary>Restores the latest checkpoint and returns its prefix; null when there is none (TensorFlow's <c>restore_or_initialize</c>).</summary>
    public string? RestoreOrInitialize()
    {
        if (LatestCheckpoint is null)
        {
            return null;
        }

        Checkpoint.Restore(LatestCheckpoint);
        if (CheckpointInterval is not null)
        {
            _lastCheckpointStep = (long)_stepCounter!.Numpy();
        }

        return LatestCheckpoint;
    }

    private void Sweep()
    {
        if (MaxToKeep is null)
        {
            return;
        }

        while (_maybeDelete.Count > MaxToKeep)
        {
            var (path, timestamp) = _maybeDelete[0];
            _maybeDelete.RemoveAt(0);
            if (KeepCheckpointEveryNHours is double hours && timestamp - hours * 3600 >= _lastPreservedTimestamp)
            {
                _lastPreservedTimestamp = timestamp;
                continue;
            }

            try
            {
                CheckpointManagement.Remove(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Tf.Compat.V1.Logging.Warning("Ignoring: " + e.Message);
            }
        }
    }

    private void RecordState() =>
        CheckpointManagement.UpdateState(Directory, LatestCheckpoint!, _maybeDelete.Select(c => c.Path),
            _maybeDelete.Select(c => c.Timestamp).ToList(), _lastPreservedTimestamp, saveRelativePaths: true);
}
