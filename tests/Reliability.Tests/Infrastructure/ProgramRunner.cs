using System;
using System.IO;
using System.Linq;
using System.Runtime.Loader;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace GlobalStepMigration.Reliability.Tests;

/// <summary>Compiles a program in memory against the runtime, runs it in a collectible context and returns what it printed.</summary>
internal static class ProgramRunner
{
    private static readonly object ConsoleGate = new();

    /// <summary>The program's output, or the reason it could not be built or run.</summary>
    public static (bool Ok, string Output) Run(Compilation compilation)
    {
        // Emit reports every compiler diagnostic (warnings included), so the program is bound once.
        using var stream = new MemoryStream();
        var emitted = compilation.Emit(stream);
        var problems = emitted.Diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).Select(d => d.ToString()).ToArray();
        if (!emitted.Success || problems.Length > 0)
        {
            return (false, "does not compile cleanly:\n" + string.Join("\n", problems));
        }

        var context = new AssemblyLoadContext("generated-program", isCollectible: true);
        try
        {
            stream.Position = 0;
            var assembly = context.LoadFromStream(stream);
            var entry = assembly.EntryPoint;
            if (entry is null)
            {
                return (false, "no entry point");
            }

            lock (ConsoleGate)
            {
                var output = new StringWriter { NewLine = "\n" };
                Exception? failure = null;

                // A fresh thread: the runtime's default-graph stack is per thread, so every run starts clean.
                var thread = new Thread(() =>
                {
                    var original = Console.Out;
                    Console.SetOut(output);
                    try
                    {
                        // Eager by default again: a program before may have called DisableEagerExecution
                        // (process-wide); this fresh thread has no default graph yet, so re-enabling is allowed.
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
                }, 16 * 1024 * 1024);
                thread.Start();
                if (!thread.Join(TimeSpan.FromSeconds(60)))
                {
                    return (false, "timed out after 60 s:\n" + output);
                }

                return failure is null ? (true, output.ToString()) : (false, "threw:\n" + output + "\n" + failure);
            }
        }
        finally
        {
            context.Unload();
        }
    }
}
