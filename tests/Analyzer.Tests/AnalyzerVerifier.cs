using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace GlobalStepMigration.Analyzers.Tests;

/// <summary>Runs <see cref="GlobalStepAnalyzer"/> through Microsoft.CodeAnalysis.Testing with offline references.</summary>
internal static class AnalyzerVerifier
{
    /// <summary>The language version every test pins.</summary>
    public const LanguageVersion Language = LanguageVersion.CSharp12;

    /// <summary>An expected warning; its additional locations (the unit's other sites) are checked by <see cref="UnitModelTests"/>.</summary>
    public static DiagnosticResult Diagnostic(string id) =>
        new DiagnosticResult(id, DiagnosticSeverity.Warning).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations);

    /// <summary>Verifies the markup's diagnostics (and no others) in a console program that references the runtime.</summary>
    public static Task VerifyAsync(string source, params DiagnosticResult[] expected) => VerifyAsync(source, referenceRuntime: true, expected);

    public static async Task VerifyAsync(string source, bool referenceRuntime, params DiagnosticResult[] expected)
    {
        var test = new Test(referenceRuntime) { TestCode = source };
        test.ExpectedDiagnostics.AddRange(expected);
        await test.RunAsync(CancellationToken.None);
    }

    /// <summary>Runs the analyzer directly and returns its diagnostics (with properties and additional locations), sorted by position.</summary>
    public static Task<ImmutableArray<Diagnostic>> GetDiagnosticsAsync(params string[] sources) =>
        GetDiagnosticsAsync(sources.Select((source, index) => ($"/0/Test{index}.cs", source)).ToArray());

    /// <summary>The same, for files with chosen paths (a path can mark a file as generated: <c>*.g.cs</c>).</summary>
    public static async Task<ImmutableArray<Diagnostic>> GetDiagnosticsAsync(params (string Path, string Text)[] files)
    {
        var compilation = CreateCompilation(files);
        var analyzers = ImmutableArray.Create<DiagnosticAnalyzer>(new GlobalStepAnalyzer());
        var withAnalyzers = compilation.WithAnalyzers(analyzers, new CompilationWithAnalyzersOptions(new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), onAnalyzerException: null, concurrentAnalysis: true, logAnalyzerExecutionTime: false));
        var all = await withAnalyzers.GetAllDiagnosticsAsync(CancellationToken.None);
        var errors = all.Where(d => d.Id.StartsWith("AD", System.StringComparison.Ordinal)).ToList();
        Xunit.Assert.Empty(errors);
        return all.Where(d => d.Id.StartsWith("GSM", System.StringComparison.Ordinal))
            .OrderBy(d => d.Location.SourceTree?.FilePath, System.StringComparer.Ordinal)
            .ThenBy(d => d.Location.SourceSpan.Start)
            .ToImmutableArray();
    }

    public static CSharpCompilation CreateCompilation(params string[] sources) =>
        CreateCompilation(sources.Select((source, index) => ($"/0/Test{index}.cs", source)).ToArray());

    public static CSharpCompilation CreateCompilation(params (string Path, string Text)[] files)
    {
        var parseOptions = new CSharpParseOptions(Language);
        var trees = files.Select(file => CSharpSyntaxTree.ParseText(file.Text, parseOptions, path: file.Path)).ToList();
        var hasTopLevelStatements = trees.Any(tree => ((Microsoft.CodeAnalysis.CSharp.Syntax.CompilationUnitSyntax)tree.GetRoot()).Members.OfType<Microsoft.CodeAnalysis.CSharp.Syntax.GlobalStatementSyntax>().Any());
        return CSharpCompilation.Create(
            "TestProject",
            trees,
            TestReferences.Framework.Add(TestReferences.Runtime),
            new CSharpCompilationOptions(hasTopLevelStatements ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
    }

    private sealed class Test : CSharpAnalyzerTest<GlobalStepAnalyzer, DefaultVerifier>
    {
        public Test(bool referenceRuntime)
        {
            // A framework with no package: nothing is restored from NuGet; the SDK's reference assemblies are added below.
            ReferenceAssemblies = new ReferenceAssemblies("net10.0");
            TestState.AdditionalReferences.AddRange(TestReferences.Framework);
            if (referenceRuntime)
            {
                TestState.AdditionalReferences.Add(TestReferences.Runtime);
            }

        }

        protected override Project ApplyCompilationOptions(Project project)
        {
            var hasTopLevelStatements = project.Documents.Any(document =>
                document.GetSyntaxRootAsync().GetAwaiter().GetResult() is Microsoft.CodeAnalysis.CSharp.Syntax.CompilationUnitSyntax root
                && root.Members.OfType<Microsoft.CodeAnalysis.CSharp.Syntax.GlobalStatementSyntax>().Any());
            var options = project.CompilationOptions!.WithOutputKind(hasTopLevelStatements ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary);
            return base.ApplyCompilationOptions(project.WithCompilationOptions(options));
        }

        protected override ParseOptions CreateParseOptions() =>
            ((CSharpParseOptions)base.CreateParseOptions()).WithLanguageVersion(AnalyzerVerifier.Language);

        protected override CompilationOptions CreateCompilationOptions() =>
            ((CSharpCompilationOptions)base.CreateCompilationOptions()).WithNullableContextOptions(NullableContextOptions.Enable);
    }
}
