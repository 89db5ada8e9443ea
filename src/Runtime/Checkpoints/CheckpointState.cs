using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;

namespace GlobalStepMigration.Runtime.Checkpoints;

/// <summary>
/// The <c>checkpoint</c> state file of a directory (TensorFlow's <c>CheckpointState</c> proto, written in protobuf
/// text format): the latest checkpoint prefix, the ones kept, and, for a <c>CheckpointManager</c>, their timestamps.
/// </summary>
public sealed class CheckpointState
{
    internal CheckpointState(string modelCheckpointPath, IReadOnlyList<string> allModelCheckpointPaths,
        IReadOnlyList<double> allModelCheckpointTimestamps, double? lastPreservedTimestamp)
    {
        ModelCheckpointPath = modelCheckpointPath;
        AllModelCheckpointPaths = allModelCheckpointPaths;
        AllModelCheckpointTimestamps = allModelCheckpointTimestamps;
        LastPreservedTimestamp = lastPreservedTimestamp;
    }

    /// <summary>The latest checkpoint prefix (joined with the directory when the file holds a relative path).</summary>
    public string ModelCheckpointPath { get; }

    /// <summary>The checkpoints kept, oldest first, the latest last.</summary>
    public IReadOnlyList<string> AllModelCheckpointPaths { get; }

    /// <summary>When each kept checkpoint was written (seconds since the Unix epoch); empty for a <c>Saver</c>'s file.</summary>
    public IReadOnlyList<double> AllModelCheckpointTimestamps { get; }

    /// <summary>The <c>CheckpointManager</c>'s last preserved timestamp, when written.</summary>
    public double? LastPreservedTimestamp { get; }
}

/// <summary>tensorflow/python/checkpoint/checkpoint_management.py: the state file, latest_checkpoint, removal.</summary>
internal static class CheckpointManagement
{
    internal static string StateFile(string directory, string? latestFilename) =>
        Path.Combine(directory, latestFilename ?? "checkpoint");

    /// <summary>Python's <c>os.path.dirname</c>: <c>""</c> for a bare file name.</summary>
    internal static string DirName(string path) => Path.GetDirectoryName(path) ?? "";

    /// <summary>The directory as the file system needs it (<c>""</c> is the current directory).</summary>
    internal static string Existing(string directory) => directory.Length == 0 ? "." : directory;

    /// <summary>
    /// TensorFlow's <c>update_checkpoint_state_internal</c>: writes the state file atomically. With relative paths
    /// (a <c>CheckpointManager</c>, <c>Checkpoint.save</c>) or a relative directory, paths are written relative to the
    /// directory; the latest is added to the list when it is not its last element.
    /// </summary>
    internal static void UpdateState(string saveDir, string modelCheckpointPath, IEnumerable<string> allModelCheckpointPaths,
        IReadOnlyList<double>? timestamps = null, double? lastPreservedTimestamp = null, string? latestFilename = null, bool saveRelativePaths = false)
    {
        var all = allModelCheckpointPaths.ToList();
        if (all.Count == 0 || all[^1] != modelCheckpointPath)
        {
            all.Add(modelCheckpointPath);
        }

        // save_relative_paths makes absolute paths relative; generate_checkpoint_state_proto makes relative paths
        // relative to a relative directory.
        string Rewrite(string p)
        {
            if (saveRelativePaths && Path.IsPathRooted(p))
            {
                p = Path.GetRelativePath(Existing(saveDir), p);
            }

            return !Path.IsPathRooted(saveDir) && !Path.IsPathRooted(p) ? Path.GetRelativePath(Existing(saveDir), p) : p;
        }

        var latest = Rewrite(modelCheckpointPath);
        var file = StateFile(saveDir, latestFilename);
        if (file == latest)
        {
            throw new InvalidOperationException(
                $"Save path '{modelCheckpointPath}' conflicts with path used for checkpoint state.  Please use a different save path.");
        }

        var text = new StringBuilder();
        text.Append("model_checkpoint_path: ").Append(Quote(latest)).Append('\n');
        foreach (var p in all)
        {
            text.Append("all_model_checkpoint_paths: ").Append(Quote(Rewrite(p))).Append('\n');
        }

        foreach (var t in timestamps ?? Array.Empty<double>())
        {
            text.Append("all_model_checkpoint_timestamps: ").Append(PythonFloat(t)).Append('\n');
        }

        if (lastPreservedTimestamp is double last)
        {
            text.Append("last_preserved_timestamp: ").Append(PythonFloat(last)).Append('\n');
        }

        Bundle.WriteTextAtomically(file, text.ToString());
    }

    /// <summary>
    /// TensorFlow's <c>get_checkpoint_state</c>: null when the file is absent or cannot be parsed (logging
    /// <c>ParseError: ...</c> and <c>{file}: Checkpoint ignored</c>); <see cref="ValueErrorException"/> when it has no
    /// latest path. Relative paths are joined with the directory.
    /// </summary>
    internal static CheckpointState? GetState(string checkpointDir, string? latestFilename = null)
    {
        ArgumentNullException.ThrowIfNull(checkpointDir);
        var file = StateFile(checkpointDir, latestFilename);
        if (!File.Exists(file))
        {
            return null;
        }

        string content;
        try
        {
            content = File.ReadAllText(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            var error = Bundle.FileError(file, e);
            Tf.Compat.V1.Logging.Warning($"{error.GetType().Name.Replace("Exception", "Error", StringComparison.Ordinal)}: {error.Message}");
            Tf.Compat.V1.Logging.Warning($"{file}: Checkpoint ignored");
            return null;
        }

        string? latest = null;
        var paths = new List<string>();
        var timestamps = new List<double>();
        double? lastPreserved = null;
        var lineNumber = 0;
        foreach (var raw in content.Split('\n'))
        {
            lineNumber++;
            var line = raw.Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var field = colon < 0 ? line : line[..colon].Trim();
            var value = colon < 0 ? "" : line[(colon + 1)..].Trim();
            try
            {
                switch (field)
                {
                    case "model_checkpoint_path":
                        latest = Unquote(value);
                        break;
                    case "all_model_checkpoint_paths":
                        paths.Add(Unquote(value));
                        break;
                    case "all_model_checkpoint_timestamps":
                        timestamps.Add(double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture));
                        break;
                    case "last_preserved_timestamp":
                        lastPreserved = double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture);
                        break;
                    default:
                        throw new FormatException($"Message type \"tensorflow.CheckpointState\" has no field named \"{field}\".");
                }
            }
            catch (FormatException e)
            {
                Tf.Compat.V1.Logging.Warning($"ParseError: {lineNumber}:1 : {e.Message}");
                Tf.Compat.V1.Logging.Warning($"{file}: Checkpoint ignored");
                return null;
            }
        }

        if (string.IsNullOrEmpty(latest))
        {
            throw new ValueErrorException("Invalid checkpoint state loaded from " + checkpointDir);
        }

        string Absolute(string p) => Path.IsPathRooted(p) ? p : Path.Combine(checkpointDir, p);
        return new CheckpointState(Absolute(latest), paths.Select(Absolute).ToList(), timestamps, lastPreserved);
    }

    /// <summary>TensorFlow's <c>latest_checkpoint</c>: the state's latest prefix when its index exists, else null (logging an error).</summary>
    internal static string? LatestCheckpoint(string checkpointDir, string? latestFilename = null)
    {
        var state = GetState(checkpointDir, latestFilename);
        if (state is null)
        {
            return null;
        }

        if (Bundle.Exists(state.ModelCheckpointPath))
        {
            return state.ModelCheckpointPath;
        }

        Tf.Compat.V1.Logging.Error($"Couldn't match files for checkpoint {state.ModelCheckpointPath}");
        return null;
    }

    /// <summary>TensorFlow's <c>remove_checkpoint</c> for a V2 prefix: <c>.meta</c>, <c>.index</c> and the data files.</summary>
    internal static void Remove(string prefix)
    {
        File.Delete(prefix + ".meta");
        File.Delete(Bundle.IndexPath(prefix));
        var dir = Existing(DirName(prefix));
        var name = Path.GetFileName(prefix);
        if (Directory.Exists(dir))
        {
            foreach (var data in Directory.EnumerateFiles(dir, name + ".data-?????-of-?????"))
            {
                File.Delete(data);
            }
        }
    }

    /// <summary>A string as protobuf's text format writes it: double quotes, C escapes, other bytes of UTF-8 in octal.</summary>
    internal static string Quote(string value)
    {
        var text = new StringBuilder("\"");
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            switch (b)
            {
                case (byte)'\n': text.Append("\\n"); break;
                case (byte)'\r': text.Append("\\r"); break;
                case (byte)'\t': text.Append("\\t"); break;
                case (byte)'"': text.Append("\\\""); break;
                case (byte)'\'': text.Append("\\'"); break;
                case (byte)'\\': text.Append("\\\\"); break;
                default:
                    if (b < 0x20 || b >= 0x7F)
                    {
                        text.Append('\\').Append(Convert.ToString(b, 8).PadLeft(3, '0'));
                    }
                    else
                    {
                        text.Append((char)b);
                    }

                    break;
            }
        }

        return text.Append('"').ToString();
    }

    internal static string Unquote(string value)
    {
        if (value.Length < 2 || value[0] != value[^1] || (value[0] != '"' && value[0] != '\''))
        {
            throw new FormatException($"Expected string but found \"{value}\".");
        }

        var bytes = new List<byte>();
        for (var i = 1; i < value.Length - 1; i++)
        {
            var c = value[i];
            if (c != '\\')
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(c.ToString()));
                continue;
            }

            if (++i >= value.Length - 1)
            {
                throw new FormatException("Invalid escape at the end of a string.");
            }

            c = value[i];
            switch (c)
            {
                case 'n': bytes.Add((byte)'\n'); break;
                case 'r': bytes.Add((byte)'\r'); break;
                case 't': bytes.Add((byte)'\t'); break;
                case '"': bytes.Add((byte)'"'); break;
                case '\'': bytes.Add((byte)'\''); break;
                case '\\': bytes.Add((byte)'\\'); break;
                default:
                    if (c is >= '0' and <= '7' && i + 2 < value.Length - 1)
                    {
                        bytes.Add(Convert.ToByte(value.Substring(i, 3), 8));
                        i += 2;
                        break;
                    }

                    throw new FormatException($"Invalid escape sequence \\{c}.");
            }
        }

        return Encoding.UTF8.GetString(bytes.ToArray());
    }

    /// <summary>How Python prints a float (<c>1700000000.5</c>, <c>1700000000.0</c>).</summary>
    internal static string PythonFloat(double value)
    {
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        return text.Contains('.', StringComparison.Ordinal) || text.Contains('E', StringComparison.Ordinal) ? text : text + ".0";
    }

    /// <summary>Seconds since the Unix epoch (Python's <c>time.time()</c>).</summary>
    internal static double Now() => (DateTime.UtcNow - DateTime.UnixEpoch).TotalSeconds;
}
