using System;
using System.IO;
using System.Linq;
using System.Runtime.Loader;
using System.Threading;
using Microsoft.CodeAnalysis;
using Xunit;

namespace GlobalStepMigration.CodeFixes.Tests;

/// <summary>Compiles a program in memory against the runtime, runs it and returns what it printed.</summary>
internal static class ProgramRunner
{
    private static readonly object ConsoleGate = new();

    /// <summary>Errors and warnings of a compilation (what "compiles without diagnostics" excludes).</summary>
    public static string[] Problems(Compilation compilation) =>
        compilation.GetDiagnostics()
            .Where(d => d.Severity >= DiagnosticSeverity.Warning)
            .Select(d => d.ToString())
            .ToArray();

    public static string Run(Compilation compilation)
    {
        Assert.Empty(Problems(compilation));
        using var stream = new MemoryStream();
        var emitted = compilation.Emit(stream);
        Assert.True(emitted.Success, string.Join(Environment.NewLine, emitted.Diagnostics));

        // The program's own assembly is collectible; the runtime is the one the tests load, so
        // each run starts from a fresh default graph on a fresh thread (the default-graph stack is per thread).
        var context = new AssemblyLoadContext("program", isCollectible: true);
        try
        {
            stream.Position = 0;
            var assembly = context.LoadFromStream(stream);
            var entry = assembly.EntryPoint ?? throw new InvalidOperationException("The program has no entry point.");
            lock (ConsoleGate)
            {
                var output = new StringWriter { NewLine = "\n" };
                Exception? failure = null;
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
                });
                thread.Start();
                thread.Join();
                if (failure is not null)
                {
                    throw new InvalidOperationException("The program failed:\n" + output + "\n" + failure);
                }

                return output.ToString();
            }
        }
        finally
        {
            context.Unload();
        }
    }
}
