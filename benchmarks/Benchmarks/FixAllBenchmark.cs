using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using GlobalStepMigration.Analyzers;
using GlobalStepMigration.CodeFixes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace GlobalStepMigration.Benchmarks;

/// <summary>
/// Fix-all as an IDE or <c>dotnet format</c> drives it (FixAllContext in Solution scope, the
/// provider's FixAllProvider, the resulting ApplyChangesOperation), on synthetic projects of N units.
/// </summary>
internal static class FixAllBenchmark
{
    public sealed record Result(string Name, int Units, double Milliseconds, long AllocatedBytes, int UnitsLeft, bool TimedOut);

    /// <summary>
    /// One unit: a class with a TF1 graph program whose step can move to optimizer.Iterations (or to an explicitly
    /// incremented variable); <paramref name="initialValue"/> is the expression the model's variable starts from.
    /// </summary>
    internal static void AppendUnit(StringBuilder sb, string name, string initialValue = "1.0")
    {
        sb.AppendLine($"public sealed class {name}");
        sb.AppendLine("{");
        sb.AppendLine("    public long Train()");
        sb.AppendLine("    {");
        sb.AppendLine("        var g = new Graph();");
        sb.AppendLine("        Tensor step;");
        sb.AppendLine("        Operation? trainOp;");
        sb.AppendLine("        Operation init;");
        sb.AppendLine("        using (g.AsDefault())");
        sb.AppendLine("        {");
        sb.AppendLine($"            var w = Tf.Variable({initialValue}, name: \"w\");");
        sb.AppendLine("            var loss = Tf.Square(w - 4.0);");
        sb.AppendLine("            step = Tf.Compat.V1.Train.GetOrCreateGlobalStep();");
        sb.AppendLine("            var optimizer = Tf.Compat.V1.Train.GradientDescentOptimizer(0.1);");
        sb.AppendLine("            trainOp = optimizer.Minimize(loss, step, new List<Variable> { w });");
        sb.AppendLine("            init = Tf.Compat.V1.GlobalVariablesInitializer();");
        sb.AppendLine("        }");
        sb.AppendLine();
        sb.AppendLine("        using var sess = new Session(g);");
        sb.AppendLine("        sess.Run(init);");
        sb.AppendLine("        sess.Run(trainOp!);");
        sb.AppendLine("        return (long)sess.Run(step);");
        sb.AppendLine("    }");
        sb.AppendLine("}");
        sb.AppendLine();
    }

    public static async Task<Result> RunAsync(string name, int documents, int unitsPerDocument, bool batchFixer, TimeSpan timeout)
    {
        var workspace = new AdhocWorkspace();
        var projectId = ProjectId.CreateNewId();
        var solution = workspace.CurrentSolution.AddProject(ProjectInfo.Create(
            projectId,
            VersionStamp.Create(),
            "FixAllBench",
            "FixAllBench",
            LanguageNames.CSharp,
            compilationOptions: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable),
            parseOptions: new CSharpParseOptions(LanguageVersion.CSharp12),
            metadataReferences: References.Get(withRuntime: true)));
        for (var d = 0; d < documents; d++)
        {
            var sb = new StringBuilder("using System.Collections.Generic;\nusing GlobalStepMigration.Runtime;\n\nnamespace Bench;\n\n");
            for (var u = 0; u < unitsPerDocument; u++)
            {
                AppendUnit(sb, $"Unit{d}_{u}");
            }

            solution = solution.AddDocument(DocumentId.CreateNewId(projectId), $"Doc{d}.cs", SourceText.From(sb.ToString()), filePath: $"/bench/Doc{d}.cs");
        }

        var project = solution.GetProject(projectId)!;
        var compilation = (await project.GetCompilationAsync().ConfigureAwait(false))!;
        var diagnostics = await compilation
            .WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new GlobalStepAnalyzer()))
            .GetAnalyzerDiagnosticsAsync()
            .ConfigureAwait(false);
        var byDocument = diagnostics
            .Where(d => d.Location.SourceTree is not null)
            .GroupBy(d => project.GetDocument(d.Location.SourceTree)!.Id)
            .ToDictionary(g => g.Key, g => g.ToImmutableArray());

        var provider = new GlobalStepCodeFixProvider();
        var fixAll = batchFixer ? WellKnownFixAllProviders.BatchFixer : provider.GetFixAllProvider()!;
        using var cancellation = new CancellationTokenSource(timeout);
        var context = new FixAllContext(
            project.Documents.First(),
            provider,
            FixAllScope.Solution,
            GlobalStepFixes.UseOptimizerIterationsKey,
            // Both get the same diagnostics (every id the provider fixes: GSM001 and GSM002 per unit here).
            // BatchFixer then computes one code action per diagnostic, each rewriting the whole unit, and
            // merges their text changes (identical edits are deduplicated), as an IDE would drive it.
            provider.FixableDiagnosticIds,
            new PrecomputedDiagnostics(byDocument),
            cancellation.Token);

        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: false);
        var watch = Stopwatch.StartNew();
        Solution changed;
        try
        {
            var action = await fixAll.GetFixAsync(context).ConfigureAwait(false)
                ?? throw new InvalidOperationException("no fix-all action");
            var operations = await action.GetOperationsAsync(cancellation.Token).ConfigureAwait(false);
            changed = operations.OfType<ApplyChangesOperation>().Single().ChangedSolution;
        }
        catch (OperationCanceledException)
        {
            return new Result(name, documents * unitsPerDocument, watch.Elapsed.TotalMilliseconds, GC.GetTotalAllocatedBytes(false) - allocatedBefore, -1, TimedOut: true);
        }

        watch.Stop();
        var allocated = GC.GetTotalAllocatedBytes(precise: false) - allocatedBefore;

        // Units left: legacy calls that survived the fix-all (0 when every unit was rewritten).
        var left = 0;
        foreach (var document in changed.GetProject(projectId)!.Documents)
        {
            var text = (await document.GetTextAsync().ConfigureAwait(false)).ToString();
            left += Count(text, "GetOrCreateGlobalStep(");
        }

        return new Result(name, documents * unitsPerDocument, watch.Elapsed.TotalMilliseconds, allocated, left, TimedOut: false);
    }

    private static int Count(string text, string word)
    {
        var count = 0;
        for (var i = text.IndexOf(word, StringComparison.Ordinal); i >= 0; i = text.IndexOf(word, i + word.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    private sealed class PrecomputedDiagnostics : FixAllContext.DiagnosticProvider
    {
        private readonly Dictionary<DocumentId, ImmutableArray<Diagnostic>> _byDocument;

        public PrecomputedDiagnostics(Dictionary<DocumentId, ImmutableArray<Diagnostic>> byDocument) => _byDocument = byDocument;

        public override Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken) =>
            Task.FromResult<IEnumerable<Diagnostic>>(_byDocument.TryGetValue(document.Id, out var found) ? found : ImmutableArray<Diagnostic>.Empty);

        public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            Task.FromResult<IEnumerable<Diagnostic>>(Array.Empty<Diagnostic>());

        public override Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            Task.FromResult<IEnumerable<Diagnostic>>(_byDocument.Values.SelectMany(d => d).ToList());
    }
}
