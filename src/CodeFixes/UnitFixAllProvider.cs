using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace GlobalStepMigration.CodeFixes;

/// <summary>
/// Fix-all by unit, not by diagnostic: the diagnostics in scope are grouped by their UnitId, each unit
/// is rewritten once (from the original solution), and every document is edited once. Under the key
/// of the action offered first, a unit gets the first action it allows, as a person pressing that
/// action on each unit would (so <c>dotnet format</c> migrates every fixable unit in one pass).
/// </summary>
internal sealed class UnitFixAllProvider : FixAllProvider
{
    public static UnitFixAllProvider Instance { get; } = new();

    public override IEnumerable<FixAllScope> GetSupportedFixAllScopes() =>
        new[] { FixAllScope.Document, FixAllScope.Project, FixAllScope.Solution };

    public override async Task<CodeAction?> GetFixAsync(FixAllContext fixAllContext)
    {
        var diagnostics = await CollectAsync(fixAllContext).ConfigureAwait(false);
        var solution = fixAllContext.Solution;
        var key = fixAllContext.CodeActionEquivalenceKey;

        // Nothing of the requested IDs left in scope (an earlier fix-all of the same units took them)
        // is not a failure: return an action that changes nothing rather than none, which dotnet
        // format, running one fix-all per ID, would report as "Unable to fix".
        return CodeAction.Create(
            key == GlobalStepFixes.UseExplicitVariableKey ? GlobalStepFixes.UseExplicitVariableTitle : GlobalStepFixes.UseOptimizerIterationsTitle,
            ct => diagnostics.Count == 0 ? Task.FromResult(solution) : FixAllAsync(solution, diagnostics, key, ct),
            key);
    }

    private static async Task<Solution> FixAllAsync(Solution solution, List<(Document Document, Diagnostic Diagnostic)> diagnostics, string? key, CancellationToken cancellationToken)
    {
        var rewrites = new List<UnitRewrite>();
        var seen = new HashSet<(ProjectId, string)>();
        foreach (var (document, diagnostic) in diagnostics)
        {
            var unit = FixUnit.From(diagnostic);
            if (unit is null || !seen.Add((document.Project.Id, unit.UnitId)))
            {
                continue;
            }

            var preferExplicit = await GlobalStepCodeFixProvider.PrefersExplicitVariableAsync(document, cancellationToken).ConfigureAwait(false);
            var rewrite = await GlobalStepCodeFixProvider.RewriteForKeyAsync(solution, unit, key, preferExplicit, cancellationToken).ConfigureAwait(false);
            if (rewrite is not null)
            {
                rewrites.Add(rewrite);
            }
        }

        return rewrites.Count == 0 ? solution : await UnitRewrite.ApplyAsync(solution, rewrites, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<List<(Document, Diagnostic)>> CollectAsync(FixAllContext context)
    {
        IEnumerable<Document> documents = context.Scope switch
        {
            FixAllScope.Document when context.Document is not null => new[] { context.Document },
            FixAllScope.Project => context.Project.Documents,
            FixAllScope.Solution => context.Solution.Projects.SelectMany(project => project.Documents),
            _ => Enumerable.Empty<Document>(),
        };

        var result = new List<(Document, Diagnostic)>();
        foreach (var document in documents)
        {
            var found = await context.GetDocumentDiagnosticsAsync(document).ConfigureAwait(false);
            foreach (var diagnostic in found.Where(d => context.DiagnosticIds.Contains(d.Id)).OrderBy(d => d.Location.SourceSpan.Start))
            {
                result.Add((document, diagnostic));
            }
        }

        return result;
    }
}
