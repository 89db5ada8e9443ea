using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Runtime.Loader;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace GlobalStepMigration.TestKit;

/// <summary>What a program run gave: what it printed, or why it could not be built or run (<see cref="Ok"/> false).</summary>
public sealed record ProgramRun(bool Ok, string Output);

/// <summary>A program run and the graphs the program created, as they were when it ended (empty when it built none).</summary>
public sealed record ProgramObservation(ProgramRun Run, IReadOnlyList<GraphSnapshot> Graphs);

/// <summary>
/// The one program runner: compiles a program in memory against the runtime, runs its entry point on a fresh
/// thread (the runtime's default-graph stack is per thread) in a collectible load context, and returns what it
/// printed and the graphs it built. Runs are serialized (they share Console.Out). The runtime assembly is the
/// test host's own (the collectible context resolves it from the default context), so the program's graphs are
/// objects the runner can read when it ends.
/// </summary>
public static class ProgramRunner
{
    /// <summary>Held while a program runs with Console.Out captured: every runner that captures the console takes it (they share Console.Out).</summary>
    public static object ConsoleGate { get; } = new();

    // Every oracle observes the same run: one run per compilation (a compilation is immutable, the run deterministic).
    private static readonly ConditionalWeakTable<Compilation, ProgramObservation> Observed = new();

    /// <summary>Runs the program; not <see cref="ProgramRun.Ok"/> when it has a warning or error, throws, or runs longer than a minute.</summary>
    public static ProgramRun Run(Compilation compilation) => Observe(compilation).Run;

    /// <summary>Runs the program once (later calls with the same compilation return the same observation): what it printed and the graphs it built.</summary>
    public static ProgramObservation Observe(Compilation compilation) => Observed.GetValue(compilation, Execute);

    private static ProgramObservation Execute(Compilation compilation)
    {
        // Emit reports every compiler diagnostic (warnings included), so the program is bound once.
        using var stream = new MemoryStream();
        var emitted = compilation.Emit(stream);
        var problems = emitted.Diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).Select(d => d.ToString()).ToArray();
        if (!emitted.Success || problems.Length > 0)
        {
            return new ProgramObservation(new ProgramRun(false, "does not compile cleanly:\n" + string.Join("\n", problems)), Array.Empty<GraphSnapshot>());
        }

        var context = new AssemblyLoadContext("program", isCollectible: true);
        try
        {
            stream.Position = 0;
            var entry = context.LoadFromStream(stream).EntryPoint;
            if (entry is null)
            {
                return new ProgramObservation(new ProgramRun(false, "no entry point"), Array.Empty<GraphSnapshot>());
            }

            lock (ConsoleGate)
            {
                var output = new StringWriter { NewLine = "\n" };
                Exception? failure = null;
                IReadOnlyList<GraphSnapshot> graphs = Array.Empty<GraphSnapshot>();
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
                            GlobalStepMigration.Runtime.GraphRecorder.Start();
                            entry.Invoke(null, entry.GetParameters().Length == 0 ? null : new object[] { Array.Empty<string>() });
                        }
                        catch (Exception exception)
                        {
                            failure = exception;
                        }
                        finally
                        {
                            Console.SetOut(original);
                            graphs = GraphSnapshot.Of(GlobalStepMigration.Runtime.GraphRecorder.Stop());
                        }
                    },
                    16 * 1024 * 1024);
                thread.Start();
                if (!thread.Join(TimeSpan.FromSeconds(60)))
                {
                    return new ProgramObservation(new ProgramRun(false, "timed out after 60 s:\n" + output), Array.Empty<GraphSnapshot>());
                }

                var run = failure is null ? new ProgramRun(true, output.ToString()) : new ProgramRun(false, "threw:\n" + output + "\n" + failure);
                return new ProgramObservation(run, graphs);
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
