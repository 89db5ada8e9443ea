using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using GlobalStepMigration.Analyzers.Tests;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GlobalStepMigration.Reliability.Tests;

/// <summary>
/// One place for how programs are compiled: C# 12, nullable on, the SDK's defaults for CS1701/CS1702,
/// and metadata references that are read once per test run and shared by every compilation.
/// </summary>
internal static class Sandbox
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.CSharp12);

    public static readonly ImmutableArray<MetadataReference> References = TestReferences.Framework.Add(TestReferences.Runtime);

    private static readonly ImmutableDictionary<string, ReportDiagnostic> SdkDefaults =
        ImmutableDictionary<string, ReportDiagnostic>.Empty
            .Add("CS1701", ReportDiagnostic.Suppress)
            .Add("CS1702", ReportDiagnostic.Suppress);

    public static CSharpCompilationOptions Options(bool topLevel) =>
        new CSharpCompilationOptions(topLevel ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable)
            .WithSpecificDiagnosticOptions(SdkDefaults)
            .WithConcurrentBuild(false);

    public static SyntaxTree Parse(string source, string path = "/gen/Program.cs") => CSharpSyntaxTree.ParseText(source, ParseOptions, path);

    public static bool HasTopLevelStatements(SyntaxTree tree) =>
        tree.GetCompilationUnitRoot().Members.OfType<GlobalStatementSyntax>().Any();

    public static CSharpCompilation Compile(string source, string path = "/gen/Program.cs")
    {
        var tree = Parse(source, path);
        return CSharpCompilation.Create("Generated", new[] { tree }, References, Options(HasTopLevelStatements(tree)));
    }

    /// <summary>Errors and warnings of a compilation (what "compiles without diagnostics" excludes).</summary>
    public static string[] Problems(Compilation compilation) =>
        compilation.GetDiagnostics()
            .Where(d => d.Severity >= DiagnosticSeverity.Warning)
            .Select(d => d.ToString())
            .ToArray();

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

/// <summary>The pattern corpus (Corpus/*.cs, embedded in this assembly).</summary>
internal static class Corpus
{
    public static IReadOnlyList<(string Name, string Source)> All { get; } = Load();

    /// <summary>The corpus programs that compile and run (all but the deliberately broken one).</summary>
    public static IEnumerable<(string Name, string Source)> Runnable => All.Where(p => !p.Name.Contains("Broken", StringComparison.Ordinal));

    private static IReadOnlyList<(string Name, string Source)> Load()
    {
        var assembly = typeof(Corpus).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith("Corpus.", StringComparison.Ordinal))
            .OrderBy(n => n, StringComparer.Ordinal)
            .Select(n =>
            {
                using var stream = assembly.GetManifestResourceStream(n)!;
                using var reader = new StreamReader(stream);
                return (Name: n.Substring("Corpus.".Length), Source: reader.ReadToEnd().Replace("\r\n", "\n", StringComparison.Ordinal));
            })
            .ToList();
    }

    public static string Get(string name) => All.Single(p => p.Name == name).Source;
}
