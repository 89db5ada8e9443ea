using System;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using GlobalStepMigration.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace GlobalStepMigration.TestKit;

/// <summary>Runs <see cref="GlobalStepAnalyzer"/> on a compilation and returns its GSM diagnostics (with properties and additional locations).</summary>
public static class AnalyzerRun
{
    /// <summary>The GSM diagnostics, by file and position; throws when the analyzer failed (AD0001) or, unless allowed, the code has compiler errors.</summary>
    public static async Task<ImmutableArray<Diagnostic>> DiagnosticsAsync(Compilation compilation, bool allowCompilerErrors = true)
    {
        if (!allowCompilerErrors && compilation.GetDiagnostics().FirstOrDefault(d => d.Severity == DiagnosticSeverity.Error) is { } error)
        {
            throw new InvalidOperationException("The test code does not compile: " + error);
        }

        var withAnalyzers = compilation.WithAnalyzers(
            ImmutableArray.Create<DiagnosticAnalyzer>(new GlobalStepAnalyzer()),
            new CompilationWithAnalyzersOptions(new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), onAnalyzerException: null, concurrentAnalysis: true, logAnalyzerExecutionTime: false));
        var all = await withAnalyzers.GetAllDiagnosticsAsync(CancellationToken.None).ConfigureAwait(false);
        if (all.FirstOrDefault(d => d.Id.StartsWith("AD", StringComparison.Ordinal)) is { } failure)
        {
            throw new InvalidOperationException("The analyzer failed: " + failure);
        }

        return all.Where(d => d.Id.StartsWith("GSM", StringComparison.Ordinal))
            .OrderBy(d => d.Location.SourceTree?.FilePath, StringComparer.Ordinal)
            .ThenBy(d => d.Location.SourceSpan.Start)
            .ToImmutableArray();
    }
}

/// <summary>
/// <see cref="GlobalStepAnalyzer"/> through Microsoft.CodeAnalysis.Testing, offline: the SDK's reference assemblies
/// plus the given references, C# 12, an executable for a program (<see cref="TestCompilation.IsProgram"/>).
/// </summary>
public sealed class GlobalStepAnalyzerTest : CSharpAnalyzerTest<GlobalStepAnalyzer, DefaultVerifier>
{
    private readonly NullableContextOptions _nullable;

    public GlobalStepAnalyzerTest(ImmutableArray<MetadataReference> references, NullableContextOptions nullable = NullableContextOptions.Enable)
    {
        _nullable = nullable;
        TestKitSetup.Configure(this, references);
    }

    protected override Project ApplyCompilationOptions(Project project) => base.ApplyCompilationOptions(TestKitSetup.AsProgramWhereOne(project));

    protected override ParseOptions CreateParseOptions() => ((CSharpParseOptions)base.CreateParseOptions()).WithLanguageVersion(TestCompilation.Language);

    protected override CompilationOptions CreateCompilationOptions() =>
        ((CSharpCompilationOptions)base.CreateCompilationOptions()).WithNullableContextOptions(_nullable);
}

/// <summary>What the analyzer and code-fix tests of Microsoft.CodeAnalysis.Testing share here.</summary>
internal static class TestKitSetup
{
    /// <summary>No package restore: a framework with no package, the SDK's reference assemblies and <paramref name="references"/>.</summary>
    public static void Configure(AnalyzerTest<DefaultVerifier> test, ImmutableArray<MetadataReference> references)
    {
        test.ReferenceAssemblies = new ReferenceAssemblies("net10.0");
        test.TestState.AdditionalReferences.AddRange(references.IsDefault ? TestReferences.FrameworkAndRuntime : TestReferences.Framework.AddRange(references.Except(TestReferences.Framework)));
    }

    /// <summary>An executable when a document is a program (top-level statements need one), else a library.</summary>
    public static Project AsProgramWhereOne(Project project)
    {
        var isProgram = project.Documents.Any(document => document.GetSyntaxTreeAsync().GetAwaiter().GetResult() is { } tree && TestCompilation.IsProgram(tree));
        return project.WithCompilationOptions(project.CompilationOptions!.WithOutputKind(isProgram ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary));
    }
}
