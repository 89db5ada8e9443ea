using System;
using System.IO;
using System.Linq;
using System.Runtime.Loader;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace GlobalStepMigration.TestKit;

/// <summary>What a program run gave: what it printed, or why it could not be built or run (<see cref="Ok"/> false).</summary>
public sealed record ProgramRun(bool Ok, string Output);

/// <summary>
/// The one program runner: compiles a program in memory against the runtime, runs its entry point on a fresh
/// thread (the runtime's default-graph stack is per thread) in a collectible load context, and returns what it
/// printed. Runs are serialized (they share Console.Out).
/// </summary>
public static class ProgramRunner
{
    /// <summary>
    /// Held while a program runs with Console.Out redirected: Console.Out is one for the process, so every runner that
    /// captures a program's output (this one, the TensorFlow.NET model's) takes this gate, or parallel test classes
    /// read each other's output.
    /// </summary>
    public static object ConsoleGate { get; } = new();

    /// <summary>Runs the program; not <see cref="ProgramRun.Ok"/> when it has a warning or error, throws, or runs longer than a minute.</summary>
    public static ProgramRun Run(Compilation compilation)
    {
        // Emit reports every compiler diagnostic (warnings included), so the program is bound once.
        using var stream = new MemoryStream();
        var emitted = compilation.Emit(stream);
        var problems = emitted.Diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).Select(d => d.ToString()).ToArray();
        if (!emitted.Success || problems.Length > 0)
        {
            return new ProgramRun(false, "does not compile cleanly:\n" + string.Join("\n", problems));
        }

        var context = new AssemblyLoadContext("program", isCollectible: true);
        try
        {
            stream.Position = 0;
            var entry = context.LoadFromStream(stream).EntryPoint;
            if (entry is null)
            {
                return new ProgramRun(false, "no entry point");
            }

            lock (ConsoleGate)
            {
                var output = new StringWriter { NewLine = "\n" };
                Exception? failure = null;
                var thread = new Thread(
                    () =>
                    {
                        var original = Console.Out;
                        Console.SetOut(output);
                        try
                        {
                            // Every run starts from the runtime's initial state: a fresh default graph, eager
                            // execution (an earlier program may have disabled it for the process).
                            GlobalStepMigration.Runtime.Tf.Compat.V1.ResetDefaultGraph();
                            GlobalStepMigration.Runtime.Tf.Compat.V1.EnableEagerExecution();
                            entry.Invoke(null, entry.GetParameters().Length == 0 ? null : new object[] { Array.Empty<string>() });
                        }
                        catch (Exception exception)
                        {
                            failure = exception;
                        }
                        finally
                        {
                            Console.SetOut(original);
                        }
                    },
                    16 * 1024 * 1024);
                thread.Start();
                if (!thread.Join(TimeSpan.FromSeconds(60)))
                {
                    return new ProgramRun(false, "timed out after 60 s:\n" + output);
                }

                return failure is null ? new ProgramRun(true, output.ToString()) : new ProgramRun(false, "threw:\n" + output + "\n" + failure);
            }
        }
        finally
        {
            context.Unload();
        }
    }

    /// <summary>What the program printed; throws when it does not compile cleanly or fails.</summary>
    public static string Output(Compilation compilation)
    {
        var run = Run(compilation);
        return run.Ok ? run.Output : throw new InvalidOperationException("The program failed: " + run.Output);
    }
}
