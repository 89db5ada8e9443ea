using System;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace GlobalStepMigration.Analyzers;

/// <summary>
/// Writes a type's diagnostics: one per reported site of each unit (<see cref="UnitBuilder"/>), carrying the whole
/// unit and the decision (<see cref="UnitDecision"/>) as properties and additional locations, and one per GSM004
/// site. Text is made here, from blockers (<see cref="BlockerText"/>).
/// </summary>
internal static class UnitReporter
{
    public static void Report(SymbolAnalysisContext context, TypeFacts facts)
    {
        var typeBlockers = UnitDecision.TypeBlockers(facts);
        foreach (var unit in UnitBuilder.Build(facts))
        {
            ReportUnit(context, unit, UnitDecision.Decide(unit, facts, typeBlockers, context.CancellationToken));
        }

        foreach (var site in facts.Sites.Where(site => ReferenceEquals(site.Node, TypeFacts.TypeLevel)))
        {
            var guidance = GSM004_GlobalStepFoundIndirectly.Guidance(site.Kind, site.Library);
            var properties = ImmutableDictionary.CreateBuilder<string, string?>();
            properties[UnitProperties.SiteKind] = SiteKinds.PropertyValue(site.Kind);
            properties[UnitProperties.Api] = site.Api;
            properties[UnitProperties.Fixes] = string.Empty;
            properties[UnitProperties.NoFixReason] = guidance;
            context.ReportDiagnostic(Diagnostic.Create(site.Rule!, site.Location, properties.ToImmutable(), site.Api, BlockerText.HowFound(site.Kind), guidance));
        }
    }

    private static void ReportUnit(SymbolAnalysisContext context, Unit unit, UnitDecision decision)
    {
        // The message says why and what to do by hand, from the first reason.
        var noFixReason = decision.Reasons.Count > 0 ? BlockerText.WithAdvice(decision.Reasons[0]) : string.Empty;
        var suffix = decision.Reasons.Count > 0
            ? "; no automatic fix: " + noFixReason
            : decision.BlockerA is not null ? "; optimizer.Iterations cannot own it: " + BlockerText.Reason(decision.BlockerA)
            : decision.BlockerB is not null ? "; an explicitly incremented variable cannot replace it: " + BlockerText.Reason(decision.BlockerB)
            : string.Empty;

        var stepName = unit.StepName;
        var first = unit.Sites[0].Location;
        var unitId = string.Format(CultureInfo.InvariantCulture, "{0}@{1}:{2}", stepName, first.SourceTree?.FilePath, first.SourceSpan.Start);
        var displayName = unit.Storages.Count > 0 && !stepName.StartsWith("global_step of", StringComparison.Ordinal) ? "'" + stepName + "'" : stepName;

        foreach (var site in unit.Sites.Where(site => site.Rule is not null))
        {
            var related = unit.Sites.Where(other => other.Location != site.Location).GroupBy(other => other.Location).Select(group => group.First()).ToList();
            var properties = ImmutableDictionary.CreateBuilder<string, string?>();
            properties[UnitProperties.UnitId] = unitId;
            properties[UnitProperties.SiteKind] = SiteKinds.PropertyValue(site.Kind);
            properties[UnitProperties.Api] = site.Api;
            properties[UnitProperties.StepName] = stepName;
            properties[UnitProperties.Graph] = unit.Graphs.Count == 0 ? string.Empty : string.Join(",", unit.Graphs.Select(graph => graph.Display));
            properties[UnitProperties.StepDType] = unit.DType;
            properties[UnitProperties.Fixes] = FixKinds.PropertyValue(decision.AllowsA, decision.AllowsB);
            properties[UnitProperties.NoFixReason] = noFixReason;
            properties[UnitProperties.NoFixAReason] = decision.BlockerA is not null ? BlockerText.Reason(decision.BlockerA) : noFixReason;
            properties[UnitProperties.NoFixBReason] = decision.BlockerB is not null ? BlockerText.Reason(decision.BlockerB) : noFixReason;
            properties[UnitProperties.Optimizer] = decision.Optimizer ?? string.Empty;
            properties[UnitProperties.AdditionalLocationKinds] = string.Join(";", related.Select(other => SiteKinds.PropertyValue(other.Kind)));
            context.ReportDiagnostic(Diagnostic.Create(
                site.Rule!,
                site.Location,
                related.Select(other => other.Location),
                properties.ToImmutable(),
                site.Api,
                displayName,
                suffix));
        }
    }
}
