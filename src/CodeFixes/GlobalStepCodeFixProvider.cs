using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using GlobalStepMigration.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace GlobalStepMigration.CodeFixes;

/// <summary>
/// Offers the migrations of a global-step unit from any of its GSM001-GSM003 sites: "Use
/// optimizer.Iterations" first, then "Use an explicitly incremented variable" (the .editorconfig
/// option <c>gsm_preferred_fix = explicit_variable</c> swaps them). Each action rewrites the whole
/// unit. A fix is only offered when the unit model allows it and its rewrite can be built exactly.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(GlobalStepCodeFixProvider)), Shared]
public sealed class GlobalStepCodeFixProvider : CodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(
        GSM001_GlobalStepFunctionCall.Descriptor.Id,
        GSM002_GlobalStepPassedToOptimizer.Descriptor.Id,
        GSM003_DecayFedByGlobalStep.Descriptor.Id);

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => UnitFixAllProvider.Instance;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var seen = new HashSet<string>();
        foreach (var diagnostic in context.Diagnostics)
        {
            var unit = FixUnit.From(diagnostic);
            if (unit is null || !seen.Add(unit.UnitId))
            {
                continue;
            }

            var solution = context.Document.Project.Solution;
            var preferExplicit = await PrefersExplicitVariableAsync(context.Document, context.CancellationToken).ConfigureAwait(false);
            var offered = new List<(string Title, UnitRewrite Rewrite, string Key)>();
            var declined = new List<(FixKind Fix, Blocker Blocker)>();
            foreach (var fix in new[] { FixKind.UseOptimizerIterations, FixKind.UseExplicitVariable })
            {
                var planned = await PlanAsync(fix, solution, unit, context.CancellationToken).ConfigureAwait(false);
                if (planned.Value is { } rewrite)
                {
                    offered.Add((GlobalStepFixes.TitleOf(fix), rewrite, GlobalStepFixes.KeyOf(fix)));
                }
                else if (planned.Blocker is { Kind: not BlockerKind.DeclinedByAnalysis } blocker)
                {
                    // The diagnostic's message says why the analysis declines a fix; a reason only the code fix sees
                    // (other types, the rewrite itself) is shown by an action in its place.
                    declined.Add((fix, blocker));
                }
            }

            if (preferExplicit)
            {
                offered.Reverse();
                declined.Reverse();
            }

            foreach (var (title, rewrite, key) in offered)
            {
                // The keys name fix-all families: the preferred key means "the preferred fix where the
                // unit allows it, else the other". A unit that allows only one fix offers it under the
                // preferred key, so the first action of every unit carries the same key and a fix-all
                // started from any site migrates every unit alike (dotnet format starts from whichever
                // diagnostic it happens to see first).
                context.RegisterCodeFix(
                    CodeAction.Create(title, ct => UnitRewrite.ApplyAsync(solution, new[] { rewrite }, ct), offered.Count == 1 ? PreferredKey(preferExplicit) : key),
                    diagnostic);
            }

            foreach (var (fix, blocker) in declined)
            {
                // Listed after the fixes that are offered, so the first action is always a fix. It changes nothing; its
                // key is the declined fix's family, so a fix-all started from it migrates every other unit as that
                // family does (and this unit as the family's key says: the other fix, or nothing).
                context.RegisterCodeFix(
                    CodeAction.Create(ExplanationTitle(fix, blocker), _ => Task.FromResult(solution), GlobalStepFixes.KeyOf(fix)),
                    diagnostic);
            }
        }
    }

    /// <summary>The title of the action that explains why a fix is not offered: <c>Not offered: Use optimizer.Iterations — reason</c>.</summary>
    internal static string ExplanationTitle(FixKind fix, Blocker blocker) =>
        GlobalStepFixes.NotOfferedPrefix + GlobalStepFixes.TitleOf(fix) + " \u2014 " + BlockerText.Reason(blocker);

    /// <summary>The equivalence key of the preferred fix family.</summary>
    internal static string PreferredKey(bool preferExplicit) =>
        preferExplicit ? GlobalStepFixes.UseExplicitVariableKey : GlobalStepFixes.UseOptimizerIterationsKey;

    /// <summary>Whether .editorconfig says <c>gsm_preferred_fix = explicit_variable</c> for the document.</summary>
    internal static async Task<bool> PrefersExplicitVariableAsync(Document document, CancellationToken cancellationToken)
    {
        var tree = await document.GetSyntaxTreeAsync(cancellationToken).ConfigureAwait(false);
        return tree is not null
            && document.Project.AnalyzerOptions.AnalyzerConfigOptionsProvider.GetOptions(tree).TryGetValue(GlobalStepFixes.PreferredFixOption, out var value)
            && string.Equals(value?.Trim(), GlobalStepFixes.PreferExplicitVariable, System.StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The rewrite of a unit for an equivalence key; under fix A's key a unit that only allows B gets B (the action offered first for it).</summary>
    internal static async Task<UnitRewrite?> RewriteForKeyAsync(Solution solution, FixUnit unit, string? key, bool preferExplicit, CancellationToken cancellationToken)
    {
        var first = PreferredKey(preferExplicit);
        var preferred = first == GlobalStepFixes.UseExplicitVariableKey ? FixKind.UseExplicitVariable : FixKind.UseOptimizerIterations;
        var other = preferred == FixKind.UseOptimizerIterations ? FixKind.UseExplicitVariable : FixKind.UseOptimizerIterations;
        var order = key == first || key is null
            ? new[] { preferred, other }
            : new[] { key == GlobalStepFixes.UseExplicitVariableKey ? FixKind.UseExplicitVariable : FixKind.UseOptimizerIterations };
        foreach (var fix in order)
        {
            if ((await PlanAsync(fix, solution, unit, cancellationToken).ConfigureAwait(false)).Value is { } rewrite)
            {
                return rewrite;
            }
        }

        return null;
    }

    /// <summary>
    /// Decides one fix for a unit: its rewrite, or the blocker that declines it. Both fixes then rewrite the unit's
    /// <c>GlobalStep(sess, step)</c> reads to the read each makes (<see cref="StepValueReads"/>).
    /// </summary>
    internal static async Task<Outcome<UnitRewrite>> PlanAsync(FixKind fix, Solution solution, FixUnit unit, CancellationToken cancellationToken)
    {
        var planned = fix == FixKind.UseOptimizerIterations
            ? await OptimizerIterationsFix.PlanAsync(solution, unit, cancellationToken).ConfigureAwait(false)
            : await ExplicitVariableFix.PlanAsync(solution, unit, cancellationToken).ConfigureAwait(false);
        return planned.Value is { } rewrite && unit.OfKind(SiteKind.GlobalStepValue).Any()
            ? await StepValueReads.AddAsync(solution, unit, rewrite, cancellationToken).ConfigureAwait(false)
            : planned;
    }
}
