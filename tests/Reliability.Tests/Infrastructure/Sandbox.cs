using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using GlobalStepMigration.TestKit;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GlobalStepMigration.Reliability.Tests;

/// <summary>
/// How the reliability tests compile programs: the TestKit's way (C# 12, nullable on, the SDK's defaults for CS1701/CS1702),
/// and metadata references that are read once per test run and shared by every compilation.
/// </summary>
internal static class Sandbox
{
    public static CSharpParseOptions ParseOptions => TestCompilation.ParseOptions;

    public static ImmutableArray<MetadataReference> References => TestReferences.FrameworkAndRuntime;

    /// <summary>The TestKit's options for a file (an executable for a program), built on one thread: many compile at once here.</summary>
    public static CSharpCompilationOptions Options(SyntaxTree tree) => TestCompilation.Options(new[] { tree }).WithConcurrentBuild(false);

    public static SyntaxTree Parse(string source, string path = "/gen/Program.cs") => TestCompilation.Parse(source, path);

    public static CSharpCompilation Compile(string source, string path = "/gen/Program.cs")
    {
        var tree = Parse(source, path);
        return CSharpCompilation.Create("Generated", new[] { tree }, References, Options(tree));
    }

    /// <summary>The root of the repository (for the hygiene test, which reads the analyzer's project).</summary>
    public static string RepositoryRoot { get; } =
        typeof(Sandbox).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepositoryRoot").Value!;

    /// <summary>The seed of a randomized test: GSM_RELIABILITY_SEED when set, otherwise a fresh one.</summary>
    public static ulong Seed(string name)
    {
        var text = Environment.GetEnvironmentVariable("GSM_RELIABILITY_SEED");
        if (!string.IsNullOrWhiteSpace(text))
        {
            return ulong.Parse(text.Trim(), System.Globalization.CultureInfo.InvariantCulture);
        }

        // A fresh seed per run, printed by the test, so every CI run explores new inputs.
        return (ulong)Random.Shared.NextInt64(1, long.MaxValue) ^ (ulong)name.Length;
    }

    private static readonly object ProgressGate = new();

    /// <summary>
    /// For long runs, whose test output appears only at the end: every 50 inputs, appends a line
    /// (inputs done, failing so far, elapsed) to the file GSM_RELIABILITY_PROGRESS names, when it is set.
    /// </summary>
    public static void Progress(string what, ulong seed, int done, int total, int failing, TimeSpan elapsed)
    {
        var path = Environment.GetEnvironmentVariable("GSM_RELIABILITY_PROGRESS");
        if (string.IsNullOrWhiteSpace(path) || (done % 50 != 0 && done != total))
        {
            return;
        }

        lock (ProgressGate)
        {
            File.AppendAllText(path, FormattableString.Invariant($"{DateTime.UtcNow:HH:mm:ss} {what} seed {seed}: {done}/{total} done, {failing} failing, {elapsed.TotalSeconds:F0} s\n"));
        }
    }

    /// <summary>A count from an environment variable (GSM_RELIABILITY_COUNT, GSM_RELIABILITY_MUTANTS), or the CI default.</summary>
    public static int Count(string variable, int ciDefault)
    {
        var text = Environment.GetEnvironmentVariable(variable);
        return !string.IsNullOrWhiteSpace(text) ? int.Parse(text.Trim(), System.Globalization.CultureInfo.InvariantCulture) : ciDefault;
    }
}

/// <summary>The pattern corpus: the pattern programs of tests/Programs (docs/design/patterns.md), through the TestKit.</summary>
internal static class Corpus
{
    public static IReadOnlyList<(string Name, string Source)> All { get; } = TestPrograms.Patterns.ToList();

    /// <summary>The corpus programs that compile and run (all but the deliberately broken one).</summary>
    public static IEnumerable<(string Name, string Source)> Runnable => All.Where(p => !p.Name.Contains("Broken", StringComparison.Ordinal));

    public static string Get(string name) => All.Single(p => p.Name == name).Source;
}
