using System;
using System.Collections.Generic;
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
