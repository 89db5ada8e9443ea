using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using GlobalStepMigration.Analyzers;
using GlobalStepMigration.TestKit;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace GlobalStepMigration.CodeFixes.Tests;

/// <summary>
/// Applies the code fixes through the Workspaces API the way an IDE does: the analyzer's diagnostics,
/// <see cref="CodeFixProvider.RegisterCodeFixesAsync"/>, the chosen <see cref="CodeAction"/>'s
/// operations, and the provider's FixAllProvider for fix-all.
/// </summary>
internal sealed class FixHarness
{
    public const LanguageVersion Language = TestCompilation.Language;

    private static readonly GlobalStepCodeFixProvider Provider = new();

    private FixHarness(Solution solution) => Solution = solution;

    public Solution Solution { get; private set; }

    /// <summary>The fixes the actions applied so far may have made (what the graph oracle allows, <see cref="ProgramProof.RequireSame"/>).</summary>
    public AppliedFixes Applied { get; private set; } = AppliedFixes.None;

    public Project Project => Solution.Projects.First();

    /// <summary>A solution with one project per entry of <paramref name="projects"/>, each with its documents.</summary>
    public static FixHarness Create(params string[][] projects) => Create(ImmutableArray<MetadataReference>.Empty, projects);

    /// <summary>Like <see cref="Create(string[][])"/>, with more metadata references.</summary>
    public static FixHarness Create(ImmutableArray<MetadataReference> extraReferences, params string[][] projects)
    {
        var workspace = new AdhocWorkspace();
        var solution = workspace.CurrentSolution;
        var references = TestReferences.FrameworkAndRuntime.AddRange(extraReferences);
        for (var p = 0; p < projects.Length; p++)
        {
            // A program (top-level statements or a static Main) is an executable; anything else a library: the TestKit's options.
            var projectId = ProjectId.CreateNewId();
            solution = solution.AddProject(ProjectInfo.Create(
                projectId,
                VersionStamp.Create(),
                "Project" + p,
                "Project" + p,
                LanguageNames.CSharp,
                compilationOptions: TestCompilation.Options(projects[p].Select(source => TestCompilation.Parse(source, "/p.cs"))),
                parseOptions: TestCompilation.ParseOptions,
                metadataReferences: references));
            for (var d = 0; d < projects[p].Length; d++)
            {
                solution = solution.AddDocument(DocumentId.CreateNewId(projectId), $"File{d}.cs", SourceText.From(projects[p][d]), filePath: $"/p{p}/File{d}.cs");
            }
        }

        return new FixHarness(solution);
    }

    public static FixHarness Create(string source) => Create(new[] { source });

    /// <summary>A harness over a changed solution (for example with an .editorconfig added).</summary>
    public FixHarness With(Solution solution) => new(solution);

    public string Text(int document = 0, int project = 0) =>
        Solution.Projects.ElementAt(project).Documents.ElementAt(document).GetTextAsync().Result.ToString();

    public async Task<Compilation> CompilationAsync(int project = 0) =>
        (await Solution.Projects.ElementAt(project).GetCompilationAsync())!;

    /// <summary>The analyzer's GSM diagnostics of a project, in source order.</summary>
    public async Task<ImmutableArray<Diagnostic>> DiagnosticsAsync(int project = 0)
    {
        var compilation = await CompilationAsync(project);
        var all = await compilation.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new GlobalStepAnalyzer())).GetAllDiagnosticsAsync();
        Assert.DoesNotContain(all, d => d.Id.StartsWith("AD", StringComparison.Ordinal));
        return all.Where(d => d.Id.StartsWith("GSM", StringComparison.Ordinal))
            .OrderBy(d => d.Location.SourceTree?.FilePath, StringComparer.Ordinal)
            .ThenBy(d => d.Location.SourceSpan.Start)
            .ToImmutableArray();
    }

    /// <summary>The code actions offered for the diagnostic at <paramref name="index"/>, in registration order.</summary>
    public async Task<List<CodeAction>> ActionsAsync(int index, int project = 0)
    {
        var diagnostic = (await DiagnosticsAsync(project))[index];
        var document = Solution.GetDocument(diagnostic.Location.SourceTree)!;
        var actions = new List<CodeAction>();
        var context = new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None);
        await Provider.RegisterCodeFixesAsync(context);
        return actions;
    }

    /// <summary>The fixes offered for the diagnostic at <paramref name="index"/>: its actions without the "Not offered" explanations.</summary>
    public async Task<List<CodeAction>> FixesAsync(int index, int project = 0) =>
        (await ActionsAsync(index, project)).Where(action => !action.Title.StartsWith(GlobalStepFixes.NotOfferedPrefix, StringComparison.Ordinal)).ToList();

    /// <summary>The titles of the "Not offered: fix — reason" actions for the diagnostic at <paramref name="index"/>.</summary>
    public async Task<List<string>> ExplanationsAsync(int index, int project = 0) =>
        (await ActionsAsync(index, project)).Select(action => action.Title).Where(title => title.StartsWith(GlobalStepFixes.NotOfferedPrefix, StringComparison.Ordinal)).ToList();

    /// <summary>
    /// Why the code fixes hold that another type may share the step of the diagnostic at
    /// <paramref name="index"/>, so that <paramref name="fix"/> is not offered (the site that blocks it
    /// and what to do, as a message would say it), or null when nothing does.
    /// </summary>
    public async Task<string?> SeenElsewhereAsync(int index, FixKind fix, int project = 0)
    {
        var unit = FixUnit.From((await DiagnosticsAsync(project))[index])!;
        var context = (await UnitContext.CreateAsync(Solution, unit, CancellationToken.None)).Value!;
        return await Visibility.SeenElsewhereAsync(context, fix, CancellationToken.None) is { } blocker ? BlockerText.WithAdvice(blocker) : null;
    }

    /// <summary>Why <paramref name="fix"/> is not offered for the unit of the diagnostic at <paramref name="index"/>, or null when it is.</summary>
    public async Task<Blocker?> DeclinedAsync(int index, FixKind fix, int project = 0)
    {
        var unit = FixUnit.From((await DiagnosticsAsync(project))[index])!;
        return (await GlobalStepCodeFixProvider.PlanAsync(fix, Solution, unit, CancellationToken.None)).Blocker;
    }

    /// <summary>
    /// Applies the fix that <paramref name="key"/> names (fix A or fix B, found by its title) offered on
    /// the diagnostic at <paramref name="index"/>. A unit that allows only one fix offers it under the
    /// preferred key, so the title, not the key, says which fix an action is.
    /// </summary>
    public async Task ApplyAsync(int index, string key, int project = 0)
    {
        var action = (await ActionsAsync(index, project)).Single(a => a.Title == TitleOf(key));
        await ApplyActionAsync(action);
        Applied = Applied.Or(AppliedFixes.OfAction(action.Title));
    }

    /// <summary>The title of the fix whose own key is <paramref name="key"/>.</summary>
    public static string TitleOf(string key) => key == GlobalStepFixes.UseExplicitVariableKey
        ? GlobalStepFixes.UseExplicitVariableTitle
        : GlobalStepFixes.UseOptimizerIterationsTitle;

    /// <summary>Fix-all through the provider's FixAllProvider, as IDEs and dotnet format call it.</summary>
    public async Task FixAllAsync(FixAllScope scope, string key, string? diagnosticId = null)
    {
        var byDocument = new Dictionary<DocumentId, ImmutableArray<Diagnostic>>();
        for (var p = 0; p < Solution.Projects.Count(); p++)
        {
            foreach (var group in (await DiagnosticsAsync(p)).GroupBy(d => Solution.GetDocument(d.Location.SourceTree)!.Id))
            {
                byDocument[group.Key] = group.ToImmutableArray();
            }
        }

        var ids = diagnosticId is null ? Provider.FixableDiagnosticIds : ImmutableArray.Create(diagnosticId);
        var firstDocument = Solution.Projects.First().Documents.First();
        var diagnosticProvider = new FixedDiagnosticProvider(byDocument);
        var context = scope == FixAllScope.Document
            ? new FixAllContext(firstDocument, Provider, scope, key, ids, diagnosticProvider, CancellationToken.None)
            : new FixAllContext(firstDocument.Project, Provider, scope, key, ids, diagnosticProvider, CancellationToken.None);
        var action = await Provider.GetFixAllProvider()!.GetFixAsync(context);
        if (action is not null)
        {
            await ApplyActionAsync(action);
            Applied = Applied.Or(AppliedFixes.OfFixAll(key, await PrefersExplicitAsync()));
        }
    }

    /// <summary>
    /// What <c>dotnet format analyzers --diagnostics ...</c> does, step by step: for each rule ID in
    /// <paramref name="idOrder"/> (it takes them from a hash set, in no fixed order) it re-analyzes,
    /// takes the first GSM diagnostic of any ID in whatever order analysis produced them (here the
    /// one at <paramref name="firstChoice"/>), registers the fixes for it, and runs one Solution
    /// fix-all for that ID under the equivalence key of the first action registered (null when none).
    /// A fix-all provider that returns no action makes dotnet format warn "Unable to fix".
    /// </summary>
    public async Task DotnetFormatAsync(IReadOnlyList<string> idOrder, int firstChoice)
    {
        // Like dotnet format: the IDs reported by the first analysis; each ID's fix-all runs while any
        // diagnostic of the requested IDs remains, even when none of that ID is left.
        var reported = (await DiagnosticsAsync()).Select(d => d.Id).ToHashSet();
        foreach (var id in idOrder.Where(reported.Contains))
        {
            var found = (await DiagnosticsAsync()).Where(d => idOrder.Contains(d.Id)).ToList();
            if (found.Count == 0)
            {
                continue;
            }

            var first = found[firstChoice % found.Count];
            var document = Solution.GetDocument(first.Location.SourceTree)!;
            CodeAction? firstAction = null;
            await Provider.RegisterCodeFixesAsync(new CodeFixContext(document, first, (action, _) => firstAction ??= action, CancellationToken.None));
            var byDocument = found.GroupBy(d => Solution.GetDocument(d.Location.SourceTree)!.Id).ToDictionary(g => g.Key, g => g.ToImmutableArray());
            var context = new FixAllContext(document, Provider, FixAllScope.Solution, firstAction?.EquivalenceKey!, new[] { id }, new FixedDiagnosticProvider(byDocument), CancellationToken.None);
            var fix = await Provider.GetFixAllProvider()!.GetFixAsync(context);
            Assert.True(fix is not null, $"no fix-all action for {id} started from {first}");
            await ApplyActionAsync(fix!);
            Applied = Applied.Or(firstAction is null ? AppliedFixes.Any : AppliedFixes.OfFixAll(firstAction.EquivalenceKey!, await PrefersExplicitAsync()));
        }
    }

    /// <summary>
    /// Proof by execution of one fix-all pass: runs the program, applies fix-all, requires a clean
    /// compilation and the same output, then requires a second pass to change nothing. Returns the text.
    /// </summary>
    public async Task<string> ProveFixAllAsync(FixAllScope scope, string key)
    {
        var proof = ProgramProof.Start(await CompilationAsync());
        await FixAllAsync(scope, key);
        var text = Text();
        proof.RequireSame(await CompilationAsync(), Applied);

        await FixAllAsync(scope, key);
        Assert.Equal(text, Text());
        return text;
    }

    /// <summary>
    /// Proof by execution of one change: runs the before program, applies <paramref name="apply"/>, requires no GSM001-GSM003
    /// left and the after program to pass every oracle (<see cref="ProgramProof"/>); returns the after text.
    /// </summary>
    public static async Task<string> ProveAsync(string before, System.Func<FixHarness, Task> apply, string? expectedOutput = null)
    {
        var harness = FixHarness.Create(before);
        var proof = ProgramProof.Start(await harness.CompilationAsync());
        if (expectedOutput is not null)
        {
            Assert.Equal(expectedOutput, proof.BeforeOutput);
        }

        await apply(harness);
        Assert.DoesNotContain(await harness.DiagnosticsAsync(), d => d.Id is "GSM001" or "GSM002" or "GSM003");
        proof.RequireSame(await harness.CompilationAsync(), harness.Applied);

        return harness.Text();
    }

    /// <summary>Whether the first document's .editorconfig makes fix B the preferred fix.</summary>
    private Task<bool> PrefersExplicitAsync() =>
        GlobalStepCodeFixProvider.PrefersExplicitVariableAsync(Solution.Projects.First().Documents.First(), CancellationToken.None);

    private async Task ApplyActionAsync(CodeAction action)
    {
        var operations = await action.GetOperationsAsync(CancellationToken.None);
        var apply = operations.OfType<ApplyChangesOperation>().Single();
        Solution = apply.ChangedSolution;
    }

    private sealed class FixedDiagnosticProvider : FixAllContext.DiagnosticProvider
    {
        private readonly Dictionary<DocumentId, ImmutableArray<Diagnostic>> _diagnostics;

        public FixedDiagnosticProvider(Dictionary<DocumentId, ImmutableArray<Diagnostic>> diagnostics) => _diagnostics = diagnostics;

        public override Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken) =>
            Task.FromResult<IEnumerable<Diagnostic>>(_diagnostics.TryGetValue(document.Id, out var found) ? found : ImmutableArray<Diagnostic>.Empty);

        public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            Task.FromResult(Enumerable.Empty<Diagnostic>());

        public override Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            Task.FromResult<IEnumerable<Diagnostic>>(project.Documents.SelectMany(d => _diagnostics.TryGetValue(d.Id, out var found) ? found : ImmutableArray<Diagnostic>.Empty).ToList());
    }
}
