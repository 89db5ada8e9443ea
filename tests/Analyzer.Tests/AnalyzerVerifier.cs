using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using GlobalStepMigration.TestKit;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Testing;

namespace GlobalStepMigration.Analyzers.Tests;

/// <summary>Runs <see cref="GlobalStepAnalyzer"/> on code over the runtime, through the TestKit (offline references, C# 12).</summary>
internal static class AnalyzerVerifier
{
    /// <summary>The language version every test pins.</summary>
    public const LanguageVersion Language = TestCompilation.Language;

    /// <summary>An expected warning; its additional locations (the unit's other sites) are checked by <see cref="UnitModelTests"/>.</summary>
    public static DiagnosticResult Diagnostic(string id) =>
        new DiagnosticResult(id, DiagnosticSeverity.Warning).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations);

    /// <summary>Verifies the markup's diagnostics (and no others) in a console program that references the runtime.</summary>
    public static Task VerifyAsync(string source, params DiagnosticResult[] expected) => VerifyAsync(source, referenceRuntime: true, expected);

    public static async Task VerifyAsync(string source, bool referenceRuntime, params DiagnosticResult[] expected)
    {
        var test = new GlobalStepAnalyzerTest(referenceRuntime ? TestReferences.FrameworkAndRuntime : TestReferences.Framework) { TestCode = source };
        test.ExpectedDiagnostics.AddRange(expected);
        await test.RunAsync(CancellationToken.None);
    }

    /// <summary>Runs the analyzer directly and returns its diagnostics (with properties and additional locations), sorted by position.</summary>
    public static Task<ImmutableArray<Diagnostic>> GetDiagnosticsAsync(params string[] sources) =>
        GetDiagnosticsAsync(sources.Select((source, index) => ($"/0/Test{index}.cs", source)).ToArray());

    /// <summary>The same, for files with chosen paths (a path can mark a file as generated: <c>*.g.cs</c>).</summary>
    public static Task<ImmutableArray<Diagnostic>> GetDiagnosticsAsync(params (string Path, string Text)[] files) =>
        AnalyzerRun.DiagnosticsAsync(CreateCompilation(files));

    public static CSharpCompilation CreateCompilation(params string[] sources) =>
        CreateCompilation(sources.Select((source, index) => ($"/0/Test{index}.cs", source)).ToArray());

    public static CSharpCompilation CreateCompilation(params (string Path, string Text)[] files) => TestCompilation.Create(files);
}
