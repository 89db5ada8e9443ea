using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using GlobalStepMigration.Analyzers;
using GlobalStepMigration.TestKit;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Testing;
using Xunit;

namespace GlobalStepMigration.TensorFlowNet.Tests;

/// <summary>The TensorFlow.NET generation a test compiles against (docs/tensorflow-net.md, "Generations").</summary>
public enum Generation
{
    /// <summary>Tag v0.20, assembly TensorFlow.NET (tests/TensorFlowNet.Model.Old): code written before 2022.</summary>
    Old,

    /// <summary>Tag v0.150.0-BERT-Model, assembly Tensorflow.Binding (tests/TensorFlowNet.Model.Current).</summary>
    Current,
}

/// <summary>
/// Runs <see cref="GlobalStepAnalyzer"/> on code written against TensorFlow.NET: the SDK's reference
/// assemblies plus one generation of the TensorFlow.NET model, the current one (assembly Tensorflow.Binding,
/// tests/TensorFlowNet.Model.Current) unless a test names the old one (assembly TensorFlow.NET,
/// tests/TensorFlowNet.Model.Old). Offline.
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

    /// <summary>A loss to train and a TF1 optimizer, in every generation.</summary>
    public const string Trained = """
        var x = tf.placeholder(tf.float32);
        var w = tf.Variable(3.0f, name: "w");
        Tensor loss = x * w;
        var optimizer = tf.train.GradientDescentOptimizer(0.1f);

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

    /// <summary>The old TensorFlow.NET model (assembly name TensorFlow.NET), copied next to the tests by its project reference.</summary>
    public static MetadataReference OldSignatures { get; } = MetadataReference.CreateFromFile(Path.Combine(AppContext.BaseDirectory, "TensorFlow.NET.dll"));

    /// <summary>Both generations, for theories.</summary>
    public static TheoryData<Generation> Generations => new() { Generation.Old, Generation.Current };

    /// <summary>The model of a generation.</summary>
    public static MetadataReference Model(Generation generation) => generation == Generation.Old ? OldSignatures : Signatures;

    /// <summary>The release tag a generation's model follows.</summary>
    public static string Tag(Generation generation) => generation == Generation.Old ? "v0.20" : "v0.150.0-BERT-Model";

    /// <summary>The assembly name TensorFlow.NET had in that generation.</summary>
    public static string AssemblyName(Generation generation) => generation == Generation.Old ? "TensorFlow.NET" : "Tensorflow.Binding";

    public static DiagnosticResult Diagnostic(string id) =>
        new DiagnosticResult(id, DiagnosticSeverity.Warning).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations);

    /// <summary>Verifies the markup's diagnostics (and no others, compiler errors included) with TensorFlow.NET referenced.</summary>
    public static Task VerifyAsync(string source, params DiagnosticResult[] expected) =>
        VerifyAsync(source, referenceSignatures: true, referenceRuntime: false, expected);

    /// <summary>As <see cref="VerifyAsync(string, DiagnosticResult[])"/>, compiled against the model of <paramref name="generation"/>.</summary>
    public static Task VerifyAsync(string source, Generation generation, params DiagnosticResult[] expected) =>
        VerifyAsync(source, referenceSignatures: true, referenceRuntime: false, expected, generation);

    public static Task VerifyAsync(string source, bool referenceSignatures, bool referenceRuntime, params DiagnosticResult[] expected) =>
        VerifyAsync(source, referenceSignatures, referenceRuntime, expected, Generation.Current);

    private static async Task VerifyAsync(string source, bool referenceSignatures, bool referenceRuntime, DiagnosticResult[] expected, Generation generation)
    {
        var references = TestReferences.Framework;
        references = referenceSignatures ? references.Add(Model(generation)) : references;
        references = referenceRuntime ? references.Add(TestReferences.Runtime) : references;
        var test = new GlobalStepAnalyzerTest(references, NullableContextOptions.Disable) { TestCode = source };
        test.ExpectedDiagnostics.AddRange(expected);
        await test.RunAsync(CancellationToken.None);
    }

    /// <summary>Runs the analyzer directly; returns its diagnostics (properties, additional locations) sorted by position. No AD0001, no compiler error.</summary>
    public static Task<ImmutableArray<Diagnostic>> GetDiagnosticsAsync(string source) => GetDiagnosticsAsync(source, allowCompilerErrors: false);

    /// <summary>As <see cref="GetDiagnosticsAsync(string)"/>; broken code (compiler errors) allowed, analyzer failures (AD0001) still not.</summary>
    public static Task<ImmutableArray<Diagnostic>> GetDiagnosticsAsync(string source, bool allowCompilerErrors) =>
        GetDiagnosticsAsync(source, Generation.Current, allowCompilerErrors);

    /// <summary>As <see cref="GetDiagnosticsAsync(string, bool)"/>, compiled against the model of <paramref name="generation"/>.</summary>
    public static Task<ImmutableArray<Diagnostic>> GetDiagnosticsAsync(string source, Generation generation, bool allowCompilerErrors = false) =>
        AnalyzerRun.DiagnosticsAsync(Compile(source, generation), allowCompilerErrors);

    /// <summary>A test compilation of <paramref name="source"/> against the framework and one generation's model.</summary>
    public static CSharpCompilation Compile(string source, Generation generation) =>
        TestCompilation.Create(new[] { ("/0/Test0.cs", source) }, TestReferences.Framework.Add(Model(generation)), NullableContextOptions.Disable);
}
