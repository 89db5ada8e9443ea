using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using GlobalStepMigration.CodeFixes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Text;

namespace GlobalStepMigration.Reliability.Tests;

/// <summary>
/// Calls the code fixes through the Workspaces API the way an IDE does: RegisterCodeFixesAsync per
/// diagnostic, the action's operations, and the provider's FixAllProvider (solution scope).
/// </summary>
internal static class FixRunner
{
    public const string KeyA = GlobalStepFixes.UseOptimizerIterationsKey;
    public const string KeyB = GlobalStepFixes.UseExplicitVariableKey;

    private static readonly GlobalStepCodeFixProvider Provider = new();

    public static Solution CreateSolution(string source, string path = "/gen/Program.cs")
    {
        var tree = Sandbox.Parse(source, path);
        var workspace = new AdhocWorkspace();
        var projectId = ProjectId.CreateNewId();
        var solution = workspace.CurrentSolution.AddProject(ProjectInfo.Create(
            projectId,
            VersionStamp.Create(),
            "Generated",
            "Generated",
            LanguageNames.CSharp,
            compilationOptions: Sandbox.Options(tree),
            parseOptions: Sandbox.ParseOptions,
            metadataReferences: Sandbox.References));
        return solution.AddDocument(DocumentId.CreateNewId(projectId), "Program.cs", SourceText.From(source), filePath: path);
    }

    public static Document Document(Solution solution) => solution.Projects.Single().Documents.Single();

    public static string Text(Solution solution) => Document(solution).GetTextAsync().Result.ToString();

    public static async Task<Compilation> CompilationAsync(Solution solution) =>
        (await solution.Projects.Single().GetCompilationAsync())!;

    public static async Task<AnalysisRun> AnalyzeAsync(Solution solution) =>
        await AnalyzerRunner.RunAsync(await CompilationAsync(solution), concurrent: true);

    /// <summary>
    /// The fixes registered for one diagnostic, in registration order. The "Not offered: fix — reason" actions that stand
    /// for declined fixes are not fixes: they are checked to change nothing here, and left out.
    /// </summary>
    public static async Task<List<CodeAction>> ActionsAsync(Solution solution, Diagnostic diagnostic)
    {
        var document = solution.GetDocument(diagnostic.Location.SourceTree)
            ?? throw new InvalidOperationException("The diagnostic's tree is not in the solution.");
        var actions = new List<CodeAction>();
        var context = new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None);
        await Provider.RegisterCodeFixesAsync(context);
        foreach (var explanation in actions.Where(action => action.Title.StartsWith(GlobalStepFixes.NotOfferedPrefix, StringComparison.Ordinal)))
        {
            if (Text(await ApplyAsync(explanation)) != Text(solution))
            {
                throw new InvalidOperationException($"'{explanation.Title}' changed the program");
            }
        }

        return actions.Where(action => !action.Title.StartsWith(GlobalStepFixes.NotOfferedPrefix, StringComparison.Ordinal)).ToList();
    }

    public static async Task<Solution> ApplyAsync(CodeAction action)
    {
        var operations = await action.GetOperationsAsync(CancellationToken.None);
        return operations.OfType<ApplyChangesOperation>().Single().ChangedSolution;
    }

    /// <summary>Fix-all in solution scope under <paramref name="key"/>; null when the provider has nothing to do.</summary>
    public static async Task<Solution?> FixAllAsync(Solution solution, ImmutableArray<Diagnostic> diagnostics, string key)
    {
        var fixable = diagnostics.Where(d => Provider.FixableDiagnosticIds.Contains(d.Id)).ToImmutableArray();
        var document = Document(solution);
        var context = new FixAllContext(
            document.Project,
            Provider,
            FixAllScope.Solution,
            key,
            Provider.FixableDiagnosticIds,
            new FixedDiagnosticProvider(document.Id, fixable),
            CancellationToken.None);
        var action = await Provider.GetFixAllProvider().GetFixAsync(context);
        return action is null ? null : await ApplyAsync(action);
    }

    private sealed class FixedDiagnosticProvider : FixAllContext.DiagnosticProvider
    {
        private readonly DocumentId _document;
        private readonly ImmutableArray<Diagnostic> _diagnostics;

        public FixedDiagnosticProvider(DocumentId document, ImmutableArray<Diagnostic> diagnostics)
        {
            _document = document;
            _diagnostics = diagnostics;
        }

        public override Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken) =>
            Task.FromResult<IEnumerable<Diagnostic>>(document.Id == _document ? _diagnostics : ImmutableArray<Diagnostic>.Empty);

        public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            Task.FromResult(Enumerable.Empty<Diagnostic>());

        public override Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            Task.FromResult<IEnumerable<Diagnostic>>(_diagnostics);
    }
}
