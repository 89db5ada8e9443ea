using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
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
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace GlobalStepMigration.Benchmarks;

/// <summary>
/// <c>--lightbulb</c>: the code fix as an IDE drives it after a keystroke. A workspace holds the generated
/// project plus one document with a graph-mode global-step unit on which both fixes are offered; each
/// round edits one other document (a new solution snapshot, forked with <c>WithDocumentText</c> as a
/// keystroke forks it, so Roslyn builds the new compilation from the previous one), then times on the new
/// snapshot: the compiler's diagnostics of the legacy document, the analyzer's diagnostics of that
/// document, <c>RegisterCodeFixesAsync</c> for one of its GSM diagnostics, and <c>GetOperationsAsync</c>
/// of the first action registered. Only public Roslyn APIs; nothing of an older snapshot is reused
/// except what the workspace itself carries over (the previous compilation, unchanged syntax trees).
/// </summary>
internal static class LightbulbBenchmark
{
    private const string LegacyPath = "/gen/Lightbulb.cs";
    private const string HelperClass = "LightbulbHelper";
    private const string Overload = "    public static double Scale(int x) => x * 2.0;\n";
    private const string BaseMethod = "    public static double Scale(double x) => x * 2;\n";

    private enum Edit
    {
        Comment,
        Body,
        Binding,
    }

    /// <summary>What one phase cost: wall time, the process's CPU time (all threads) and the bytes allocated meanwhile.</summary>
    private readonly record struct Cost(double WallMs, double CpuMs, double AllocatedMb);

    private sealed record Round(
        int Number,
        string Edit,
        string Load,
        Cost EditedDocument,
        Cost Compiler,
        Cost Analyzer,
        Cost Register,
        Cost RegisterAgain,
        Cost Operations,
        int Actions,
        string Titles);

    public static async Task<int> RunAsync(int lines, double share, int rounds, bool smoke)
    {
        if (!smoke)
        {
            // JIT and tiering warm-up on a small project, outside the figures.
            await MeasureAsync(2_000, 0.05, rounds: 3, print: false, smoke: true).ConfigureAwait(false);
        }

        return await MeasureAsync(lines, share, rounds, print: true, smoke).ConfigureAwait(false);
    }

    private static async Task<int> MeasureAsync(int lines, double share, int rounds, bool print, bool smoke)
    {
        var setup = Stopwatch.StartNew();
        var files = CodeGenerator.Generate(lines, share, withRuntime: true);

        // The edited document: a generated file without legacy code, in the middle of the project, which
        // also declares the helper the legacy document calls (so that an edit there can change a binding there).
        var editedIndex = Enumerable.Range(files.Count / 2, files.Count - (files.Count / 2))
            .First(i => !files[i].Text.Contains("GetOrCreateGlobalStep", StringComparison.Ordinal));
        var editedNamespace = NamespaceOf(files[editedIndex].Text);
        files[editedIndex] = (files[editedIndex].Path, files[editedIndex].Text + HelperText());

        using var workspace = new AdhocWorkspace();
        var projectId = ProjectId.CreateNewId();
        var analyzer = new GlobalStepAnalyzer();
        var solution = workspace.CurrentSolution.AddProject(ProjectInfo.Create(
            projectId,
            VersionStamp.Create(),
            "Lightbulb",
            "Lightbulb",
            LanguageNames.CSharp,
            compilationOptions: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable)
                .WithSpecificDiagnosticOptions(analyzer.SupportedDiagnostics.Select(d => new KeyValuePair<string, ReportDiagnostic>(d.Id, ReportDiagnostic.Warn))),
            parseOptions: new CSharpParseOptions(LanguageVersion.CSharp12),
            metadataReferences: References.Get(withRuntime: true)));
        DocumentId? editedId = null;
        for (var i = 0; i < files.Count; i++)
        {
            var id = DocumentId.CreateNewId(projectId);
            editedId = i == editedIndex ? id : editedId;
            solution = solution.AddDocument(id, System.IO.Path.GetFileName(files[i].Path), SourceText.From(files[i].Text), filePath: files[i].Path);
        }

        var legacyId = DocumentId.CreateNewId(projectId);
        solution = solution.AddDocument(legacyId, "Lightbulb.cs", SourceText.From(LegacyText(editedNamespace)), filePath: LegacyPath);
        if (!workspace.TryApplyChanges(solution))
        {
            throw new InvalidOperationException("the workspace did not take the project");
        }

        var provider = new GlobalStepCodeFixProvider();
        var totalLines = files.Sum(f => CodeGenerator.CountLines(f.Text)) + CodeGenerator.CountLines(LegacyText(editedNamespace));
        var legacyMethods = files.Count(f => f.Text.Contains("GetOrCreateGlobalStep", StringComparison.Ordinal));
        if (print)
        {
            Console.WriteLine(FormattableString.Invariant(
                $"# Lightbulb: {totalLines:N0} lines in {files.Count + 1:N0} documents ({legacyMethods} generated files with legacy methods, {share:P1} of methods), {rounds} round(s) after an edit; {Environment.ProcessorCount} cores"));
            Console.WriteLine();
            Console.WriteLine(FormattableString.Invariant($"generated in {setup.Elapsed.TotalSeconds:F1} s; load average before: {Program.LoadAverage()}"));
        }

        // Round 0 opens the project: everything is parsed and the first compilation is built (cold, not counted).
        var opened = await RoundAsync(workspace, projectId, editedId!, legacyId, provider, 0, edit: null).ConfigureAwait(false);
        if (print)
        {
            Console.WriteLine(FormattableString.Invariant(
                $"round 0 (open, not counted): edited document {opened.EditedDocument.WallMs:F0} ms (parsing every document and the first compilation included), compiler {opened.Compiler.WallMs:F0} ms, analyzer {opened.Analyzer.WallMs:F0} ms, RegisterCodeFixesAsync {opened.Register.WallMs:F0} ms, GetOperationsAsync {opened.Operations.WallMs:F0} ms; {opened.Actions} action(s): {opened.Titles}; load average {opened.Load}"));
            Console.WriteLine();
        }

        // Then, at full size, one round of each edit not counted: the code paths of a full-size round are still
        // being recompiled from tier-0 code after the small warm-up (RegisterCodeFixesAsync fell from 950 to 370 ms
        // over the first three rounds at 150k lines on an idle machine, then stayed there).
        var warmRounds = smoke ? 0 : 3;
        var warm = new List<Round>();
        var results = new List<Round>();
        for (var r = 1; r <= warmRounds + rounds; r++)
        {
            var edit = (Edit)((r - 1) % 3);
            (r <= warmRounds ? warm : results).Add(await RoundAsync(workspace, projectId, editedId!, legacyId, provider, r, edit).ConfigureAwait(false));
        }

        if (print && warm.Count > 0)
        {
            Console.WriteLine(FormattableString.Invariant(
                $"rounds 1-{warm.Count} (full-size warm-up, not counted): RegisterCodeFixesAsync {string.Join(", ", warm.Select(w => w.Register.WallMs.ToString("F0", CultureInfo.InvariantCulture)))} ms"));
            Console.WriteLine();
        }

        if (print)
        {
            Print(results);
            Console.WriteLine();
            Console.WriteLine(FormattableString.Invariant($"load average after: {Program.LoadAverage()}; peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1e6:F0} MB; {setup.Elapsed.TotalSeconds:F0} s in all"));
        }

        if (results.Concat(warm).Prepend(opened).Any(round => round.Actions == 0))
        {
            Console.Error.WriteLine("no code fix was offered on the legacy document in some round");
            return 1;
        }

        if (print && results.Concat(warm).Prepend(opened).Any(round => round.Actions < 2))
        {
            Console.WriteLine("note: fewer than the two fixes were offered in some round (see the actions column)");
        }

        return 0;
    }

    private static async Task<Round> RoundAsync(AdhocWorkspace workspace, ProjectId projectId, DocumentId editedId, DocumentId legacyId, GlobalStepCodeFixProvider provider, int number, Edit? edit)
    {
        var description = "open";
        if (edit is { } kind)
        {
            // The keystroke: a new text for one other document, a new solution snapshot.
            var current = workspace.CurrentSolution;
            var text = await current.GetDocument(editedId)!.GetTextAsync().ConfigureAwait(false);
            var (change, what) = MakeEdit(text.ToString(), kind, number);
            if (!workspace.TryApplyChanges(current.WithDocumentText(editedId, text.WithChanges(change))))
            {
                throw new InvalidOperationException("the workspace did not take the edit");
            }

            description = what;
        }

        var load = Program.LoadAverage();
        var solution = workspace.CurrentSolution;
        var project = solution.GetProject(projectId)!;

        // What an IDE computes first after a keystroke: the edited (active) document's diagnostics. Timed, not
        // part of the ratios; it leaves the new compilation in the state a lightbulb elsewhere finds it in.
        var edited = project.GetDocument(editedId)!;
        var (_, editedCost) = await TimeAsync(async () =>
        {
            var model = await edited.GetSemanticModelAsync().ConfigureAwait(false);
            return model!.GetDiagnostics();
        }).ConfigureAwait(false);

        // (a) The compiler's diagnostics of the legacy document.
        var document = project.GetDocument(legacyId)!;
        var (compilerDiagnostics, compilerCost) = await TimeAsync(async () =>
        {
            var model = await document.GetSemanticModelAsync().ConfigureAwait(false);
            return model!.GetDiagnostics();
        }).ConfigureAwait(false);
        if (compilerDiagnostics.FirstOrDefault(d => d.Severity == DiagnosticSeverity.Error) is { } error)
        {
            throw new InvalidOperationException("the legacy document does not compile: " + error);
        }

        // (b) The analyzer's diagnostics of that document, on a CompilationWithAnalyzers of this snapshot.
        var (analyzerDiagnostics, analyzerCost) = await TimeAsync(async () =>
        {
            var compilation = (await project.GetCompilationAsync().ConfigureAwait(false))!;
            var withAnalyzers = compilation.WithAnalyzers(
                ImmutableArray.Create<DiagnosticAnalyzer>(new GlobalStepAnalyzer()),
                new CompilationWithAnalyzersOptions(project.AnalyzerOptions, onAnalyzerException: null, concurrentAnalysis: false, logAnalyzerExecutionTime: false));
            var model = await document.GetSemanticModelAsync().ConfigureAwait(false);
            return await withAnalyzers.GetAnalyzerSemanticDiagnosticsAsync(model!, filterSpan: null, CancellationToken.None).ConfigureAwait(false);
        }).ConfigureAwait(false);
        if (analyzerDiagnostics.FirstOrDefault(d => d.Id == "AD0001") is { } crash)
        {
            throw new InvalidOperationException("analyzer crashed: " + crash);
        }

        var diagnostic = analyzerDiagnostics
            .Where(d => provider.FixableDiagnosticIds.Contains(d.Id))
            .OrderBy(d => d.Location.SourceSpan.Start)
            .FirstOrDefault()
            ?? throw new InvalidOperationException("no GSM diagnostic on the legacy document");

        // (c) What the lightbulb waits for: the provider's actions for that diagnostic.
        var actions = new List<CodeAction>();
        var (_, registerCost) = await TimeAsync(async () =>
        {
            await provider.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None)).ConfigureAwait(false);
            return 0;
        }).ConfigureAwait(false);

        // (d) The first action's operations (its preview, and what applying it applies).
        var operationsCost = default(Cost);
        if (actions.Count > 0)
        {
            var (operations, cost) = await TimeAsync(async () => await actions[0].GetOperationsAsync(CancellationToken.None).ConfigureAwait(false)).ConfigureAwait(false);
            operationsCost = cost;
            var changed = operations.OfType<ApplyChangesOperation>().SingleOrDefault()?.ChangedSolution.GetDocument(legacyId)
                ?? throw new InvalidOperationException("the first action changes nothing");
            if ((await changed.GetTextAsync().ConfigureAwait(false)).ToString().Contains("GetOrCreateGlobalStep", StringComparison.Ordinal))
            {
                throw new InvalidOperationException("the first action left the legacy call in place");
            }
        }

        // The same call again on the same snapshot: what is left when the provider's per-snapshot caches are warm.
        var again = new List<CodeAction>();
        var (_, againCost) = await TimeAsync(async () =>
        {
            await provider.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (action, _) => again.Add(action), CancellationToken.None)).ConfigureAwait(false);
            return 0;
        }).ConfigureAwait(false);
        if (again.Count != actions.Count)
        {
            throw new InvalidOperationException("the provider offered other actions on the second call");
        }

        if (edit == Edit.Binding)
        {
            description += ": the legacy document's call now binds to " + await ScaleBindingAsync(document).ConfigureAwait(false);
        }

        return new Round(number, description, load, editedCost, compilerCost, analyzerCost, registerCost, againCost, operationsCost, actions.Count, string.Join(" / ", actions.Select(a => a.Title)));
    }

    /// <summary>The edit of a round: a comment line, a statement in a method body, or the overload <c>Scale(int)</c> added or removed.</summary>
    private static (TextChange Change, string Description) MakeEdit(string text, Edit kind, int round)
    {
        switch (kind)
        {
            case Edit.Comment:
                return (new TextChange(new TextSpan(0, 0), $"// keystroke {round}\n"), "comment line added");
            case Edit.Body:
                var at = text.IndexOf("\n        return ", StringComparison.Ordinal) + 1;
                if (at == 0)
                {
                    throw new InvalidOperationException("the edited document has no method body to edit");
                }

                return (new TextChange(new TextSpan(at, 0), $"        _calls += {round};\n"), "statement added to a method body");
            default:
                var overload = text.IndexOf(Overload, StringComparison.Ordinal);
                if (overload >= 0)
                {
                    return (new TextChange(new TextSpan(overload, Overload.Length), string.Empty), $"overload {HelperClass}.Scale(int) removed");
                }

                var after = text.IndexOf(BaseMethod, StringComparison.Ordinal) + BaseMethod.Length;
                return (new TextChange(new TextSpan(after, 0), Overload), $"overload {HelperClass}.Scale(int) added");
        }
    }

    /// <summary>Which <c>Scale</c> the legacy document's call binds to on this snapshot (checks that the edit changed a binding in another document).</summary>
    private static async Task<string> ScaleBindingAsync(Document document)
    {
        var root = await document.GetSyntaxRootAsync().ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync().ConfigureAwait(false);
        var call = root!.DescendantNodes().OfType<InvocationExpressionSyntax>().First(i => i.Expression.ToString() == HelperClass + ".Scale");
        var method = model!.GetSymbolInfo(call).Symbol as IMethodSymbol ?? throw new InvalidOperationException("Scale does not bind");
        return "Scale(" + method.Parameters[0].Type.Name + ")";
    }

    private static async Task<(T Value, Cost Cost)> TimeAsync<T>(Func<Task<T>> action)
    {
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var watch = Stopwatch.StartNew();
        var value = await action().ConfigureAwait(false);
        var wall = watch.Elapsed.TotalMilliseconds;
        process.Refresh();
        return (value, new Cost(wall, (process.TotalProcessorTime - cpu).TotalMilliseconds, (GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1e6));
    }

    private static void Print(List<Round> rounds)
    {
        Console.WriteLine("| round | edit | load average | edited document: compiler ms | (a) compiler ms | (b) analyzer ms | (c) RegisterCodeFixesAsync ms | (c) CPU ms | (c) MB | (c) again, same snapshot ms | (d) GetOperationsAsync ms | (c) / (a) | actions |");
        Console.WriteLine("|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in rounds)
        {
            Console.WriteLine(FormattableString.Invariant(
                $"| {r.Number} | {r.Edit} | {r.Load} | {r.EditedDocument.WallMs:F0} | {r.Compiler.WallMs:F0} | {r.Analyzer.WallMs:F0} | {r.Register.WallMs:F0} | {r.Register.CpuMs:F0} | {r.Register.AllocatedMb:F0} | {r.RegisterAgain.WallMs:F0} | {r.Operations.WallMs:F0} | {r.Register.WallMs / r.Compiler.WallMs:F1} | {r.Actions} |"));
        }

        double M(Func<Round, double> f) => Program.Median(rounds.Select(f));
        var ratios = rounds.Select(r => r.Register.WallMs / r.Compiler.WallMs).ToList();
        Console.WriteLine(FormattableString.Invariant(
            $"| median | | | {M(r => r.EditedDocument.WallMs):F0} | {M(r => r.Compiler.WallMs):F0} | {M(r => r.Analyzer.WallMs):F0} | {M(r => r.Register.WallMs):F0} | {M(r => r.Register.CpuMs):F0} | {M(r => r.Register.AllocatedMb):F0} | {M(r => r.RegisterAgain.WallMs):F0} | {M(r => r.Operations.WallMs):F0} | {Program.Median(ratios):F1} | |"));
        Console.WriteLine();
        Console.WriteLine(FormattableString.Invariant(
            $"- (c) / (a), RegisterCodeFixesAsync over the compiler's diagnostics of the same document: median **{Program.Median(ratios):F1}**, range {ratios.Min():F1} - {ratios.Max():F1} (goal: at most 2)"));
        Console.WriteLine(FormattableString.Invariant(
            $"- (d) GetOperationsAsync of the first action: median **{M(r => r.Operations.WallMs):F0} ms**, range {rounds.Min(r => r.Operations.WallMs):F0} - {rounds.Max(r => r.Operations.WallMs):F0} ms (goal at 150k lines: 500 ms)"));
        Console.WriteLine(FormattableString.Invariant(
            $"- (c) CPU / (a) CPU (process CPU time, all threads; less inflated by waiting for a core): median {Program.Median(rounds.Select(r => r.Register.CpuMs / Math.Max(r.Compiler.CpuMs, 1))):F1}"));
        Console.WriteLine($"- actions offered: {rounds[^1].Titles}");
    }

    private static string NamespaceOf(string text)
    {
        const string Prefix = "namespace ";
        var start = text.IndexOf(Prefix, StringComparison.Ordinal) + Prefix.Length;
        return text.Substring(start, text.IndexOf(';', start) - start);
    }

    private static string HelperText() =>
        "\npublic static class " + HelperClass + "\n{\n" + BaseMethod + "}\n";

    /// <summary>
    /// The legacy document: a generated file of ordinary code (about 150 lines, like the others) plus one TF1
    /// graph program (a step created on the default graph inside the scope of a graph made right there,
    /// passed to <c>Minimize</c>) on which "Use optimizer.Iterations" and "Use an explicitly incremented
    /// variable" are both offered; it calls the edited document's helper inside the graph scope.
    /// </summary>
    private static string LegacyText(string helperNamespace)
    {
        var ordinary = CodeGenerator.Generate(1, 0, withRuntime: true, seed: 99).Single().Text;
        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"using {helperNamespace};");
        sb.Append(ordinary.Replace("namespace Generated.Area0;", "namespace Generated.Lightbulb;", StringComparison.Ordinal));
        sb.AppendLine();
        FixAllBenchmark.AppendUnit(sb, "Trainer", HelperClass + ".Scale(1)");
        return sb.ToString();
    }
}
