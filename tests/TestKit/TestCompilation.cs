using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GlobalStepMigration.TestKit;

/// <summary>
/// One way to compile a test program: C# 12, the SDK's defaults for CS1701/CS1702, an executable when a file
/// has top-level statements or a static Main (<see cref="IsProgram"/>), otherwise a library.
/// </summary>
public static class TestCompilation
{
    /// <summary>The language version every test pins.</summary>
    public const LanguageVersion Language = LanguageVersion.CSharp12;

    public static CSharpParseOptions ParseOptions { get; } = new(Language);

    /// <summary>The SDK's defaults: the runtime targets net8.0 and is compiled against here with net10.0 reference assemblies.</summary>
    public static ImmutableDictionary<string, ReportDiagnostic> SdkDefaults { get; } =
        ImmutableDictionary<string, ReportDiagnostic>.Empty
            .Add("CS1701", ReportDiagnostic.Suppress)
            .Add("CS1702", ReportDiagnostic.Suppress);

    /// <summary>Whether a file has top-level statements.</summary>
    public static bool HasTopLevelStatements(SyntaxTree tree) =>
        tree.GetCompilationUnitRoot().Members.OfType<GlobalStatementSyntax>().Any();

    /// <summary>Whether a file is a program: top-level statements, or a static Main.</summary>
    public static bool IsProgram(SyntaxTree tree) =>
        HasTopLevelStatements(tree)
        || tree.GetCompilationUnitRoot().DescendantNodes().OfType<MethodDeclarationSyntax>().Any(m => m.Identifier.ValueText == "Main" && m.Modifiers.Any(SyntaxKind.StaticKeyword));

    /// <summary>The options of a compilation of <paramref name="trees"/>: an executable for a program.</summary>
    public static CSharpCompilationOptions Options(IEnumerable<SyntaxTree> trees, NullableContextOptions nullable = NullableContextOptions.Enable) =>
        new CSharpCompilationOptions(trees.Any(IsProgram) ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: nullable)
            .WithSpecificDiagnosticOptions(SdkDefaults);

    /// <summary>Parses a file of a test program.</summary>
    public static SyntaxTree Parse(string text, string path) => CSharpSyntaxTree.ParseText(text, ParseOptions, path);

    /// <summary>Compiles files (path, text) against <paramref name="references"/> (default: the framework and the runtime).</summary>
    public static CSharpCompilation Create(IEnumerable<(string Path, string Text)> files, ImmutableArray<MetadataReference> references = default, NullableContextOptions nullable = NullableContextOptions.Enable, string name = "TestProject")
    {
        var trees = files.Select(file => Parse(file.Text, file.Path)).ToList();
        return CSharpCompilation.Create(name, trees, references.IsDefault ? TestReferences.FrameworkAndRuntime : references, Options(trees, nullable));
    }

    /// <summary>Compiles one program over the runtime.</summary>
    public static CSharpCompilation Create(string source, string path = "/0/Program.cs") => Create(new[] { (path, source) });

    /// <summary>Errors and warnings of a compilation (what "compiles without diagnostics" excludes).</summary>
    public static string[] Problems(Compilation compilation) =>
        compilation.GetDiagnostics()
            .Where(d => d.Severity >= DiagnosticSeverity.Warning)
            .Select(d => d.ToString())
            .ToArray();
}
