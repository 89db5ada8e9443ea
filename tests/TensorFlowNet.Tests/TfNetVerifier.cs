using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using GlobalStepMigration.Analyzers;
using GlobalStepMigration.TestKit;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Testing;

namespace GlobalStepMigration.TensorFlowNet.Tests;

/// <summary>
/// Runs <see cref="GlobalStepAnalyzer"/> on code written against TensorFlow.NET: the SDK's reference
/// assemblies plus the current generation of the TensorFlow.NET model (assembly Tensorflow.Binding,
/// tests/TensorFlowNet.Model.Current). Offline.
/// </summary>
internal static class TfNetVerifier
{
    public const LanguageVersion Language = TestCompilation.Language;

    /// <summary>The usings real TensorFlow.NET programs start with.</summary>
    public const string Usings = """
        using System;
        using System.Collections.Generic;
        using Tensorflow;
        using Tensorflow.Train;
        using static Tensorflow.Binding;

        """;

    /// <summary>Why fix A never applies to TensorFlow.NET (Keras OptimizerV2 keeps its counter non-public).</summary>
    public const string FixAReason =
        "TensorFlow.NET's Keras OptimizerV2 keeps its iteration counter non-public, so fix A (optimizer.Iterations) is unavailable";

    /// <summary>
    /// The message tail of a TensorFlow.NET unit that nothing else blocks: fix A is impossible; the
    /// explicit-variable fix (B) is offered and writes TensorFlow.NET's idiom (tests/CodeFixes.Tests/TensorFlowNetFixTests.cs).
    /// </summary>
    public const string LibraryLimits =
        "; optimizer.Iterations cannot own it: " + FixAReason;

    public static string NotCreatedIn(string type) =>
        "; no automatic fix: no creation of this step is visible in '" + type + "'; migrate the code that creates it, then pass its variable (or its optimizer) here";

    /// <summary>The current TensorFlow.NET model (assembly name Tensorflow.Binding).</summary>
    public static MetadataReference Signatures { get; } = MetadataReference.CreateFromFile(typeof(Tensorflow.Binding).Assembly.Location);

    public static DiagnosticResult Diagnostic(string id) =>
        new DiagnosticResult(id, DiagnosticSeverity.Warning).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations);

    /// <summary>Verifies the markup's diagnostics (and no others, compiler errors included) with TensorFlow.NET referenced.</summary>
    public static Task VerifyAsync(string source, params DiagnosticResult[] expected) =>
        VerifyAsync(source, referenceSignatures: true, referenceRuntime: false, expected);

    public static async Task VerifyAsync(string source, bool referenceSignatures, bool referenceRuntime, params DiagnosticResult[] expected)
    {
        var references = TestReferences.Framework;
        references = referenceSignatures ? references.Add(Signatures) : references;
        references = referenceRuntime ? references.Add(TestReferences.Runtime) : references;
        var test = new GlobalStepAnalyzerTest(references, NullableContextOptions.Disable) { TestCode = source };
        test.ExpectedDiagnostics.AddRange(expected);
        await test.RunAsync(CancellationToken.None);
    }

    /// <summary>Runs the analyzer directly; returns its diagnostics (properties, additional locations) sorted by position. No AD0001, no compiler error.</summary>
    public static Task<ImmutableArray<Diagnostic>> GetDiagnosticsAsync(string source) => GetDiagnosticsAsync(source, allowCompilerErrors: false);

    /// <summary>As <see cref="GetDiagnosticsAsync(string)"/>; broken code (compiler errors) allowed, analyzer failures (AD0001) still not.</summary>
    public static Task<ImmutableArray<Diagnostic>> GetDiagnosticsAsync(string source, bool allowCompilerErrors) =>
        AnalyzerRun.DiagnosticsAsync(
            TestCompilation.Create(new[] { ("/0/Test0.cs", source) }, TestReferences.Framework.Add(Signatures), NullableContextOptions.Disable),
            allowCompilerErrors);
}
