using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Xunit;

namespace GlobalStepMigration.Runtime.Tests;

/// <summary>
/// Tests that use the thread's global default graph (no graph pushed with AsDefault). They reset it
/// first and run one at a time, so no other test builds into it meanwhile.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class GlobalDefaultGraphCollection
{
    public const string Name = "Global default graph";
}

/// <summary>
/// Tests that change the process-wide execution mode (<c>DisableEagerExecution</c>). Threads that ask for the
/// mode while it is off keep graph mode, so these tests run alone, after the parallel ones, and restore
/// eager execution for the process and for their thread before and after each test.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ExecutionModeCollection
{
    public const string Name = "Process-wide execution mode";
}

/// <summary>Base of the tests in <see cref="ExecutionModeCollection"/>: eager again, and a fresh default graph, around each test.</summary>
public abstract class ExecutionModeTest : IDisposable
{
    protected ExecutionModeTest() => Reset();

    public void Dispose() => Reset();

    private static void Reset()
    {
        EagerContext.ResetForTestHost();
        DefaultGraphStack.ClearForTestHost();
    }
}

internal static class T
{
    internal const double Tolerance = 1e-6;

    /// <summary>A float64 scalar constant (eager when no graph is the default).</summary>
    internal static Tensor F64(double value) => Tf.Constant(NDArray.Scalar(value, DType.Float64));

    /// <summary>A float64 scalar variable.</summary>
    internal static Variable Var64(double value, string? name = null) =>
        Tf.Variable(Tf.Constant(NDArray.Scalar(value, DType.Float64)), name: name);

    internal static double Value(object? result) => (double)Assert.IsType<NDArray>(result);

    internal static void Near(double expected, double actual, double tolerance = Tolerance) =>
        Assert.True(Math.Abs(expected - actual) <= tolerance, $"expected {expected:R}, got {actual:R} (tolerance {tolerance})");

    internal static void Near(double expected, NDArray actual, double tolerance = Tolerance) => Near(expected, (double)actual, tolerance);

    /// <summary>Runs <paramref name="action"/> and returns the errors it logged through tf.compat.v1.logging.</summary>
    internal static List<string> CaptureLog(Action action)
    {
        var messages = new List<string>();
        using (Tf.Compat.V1.Logging.Capture(messages.Add))
        {
            action();
        }

        return messages;
    }
}

/// <summary>A fresh directory under the system's temporary folder, deleted with everything in it when disposed.</summary>
internal sealed class TempDir : IDisposable
{
    public TempDir() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "gsm-tests-" + Guid.NewGuid().ToString("N"));

    /// <summary>A path inside the directory.</summary>
    public string this[string name] => System.IO.Path.Combine(Path, name);

    /// <summary>The names of the files in the directory, sorted.</summary>
    public string[] Files() => Directory.GetFileSystemEntries(Path).Select(System.IO.Path.GetFileName).OrderBy(n => n, StringComparer.Ordinal).ToArray()!;

    public void Dispose()
    {
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}
