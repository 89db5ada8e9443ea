using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using GlobalStepMigration.Analyzers;
using Microsoft.CodeAnalysis;

namespace GlobalStepMigration.CodeFixes;

/// <summary>One site of a unit, as the analyzer handed it over (docs/design/unit-model.md).</summary>
internal sealed class UnitSite
{
    public UnitSite(SiteKind kind, Location location)
    {
        Kind = kind;
        Location = location;
    }

    public SiteKind Kind { get; }

    public Location Location { get; }
}

/// <summary>A global-step unit rebuilt from one of its diagnostics: no analysis is redone.</summary>
internal sealed class FixUnit
{
    private FixUnit(string unitId, ImmutableDictionary<string, string?> properties, ImmutableArray<UnitSite> sites)
    {
        UnitId = unitId;
        Properties = properties;
        Sites = sites;
    }

    public string UnitId { get; }

    public ImmutableDictionary<string, string?> Properties { get; }

    /// <summary>Every site of the unit, the reported one included, in source order.</summary>
    public ImmutableArray<UnitSite> Sites { get; }

    public bool Allows(FixKind fix) => FixKinds.Allows(Property(UnitProperties.Fixes), fix);

    /// <summary>
    /// Why the analysis does not allow <paramref name="fix"/> (its reason travels as the diagnostic's
    /// NoFixReason or NoFixAReason text), or why the unit's graph is not one the fixes write for; null when neither.
    /// </summary>
    public Blocker? AnalysisBlocker(FixKind fix)
    {
        if (!Allows(fix))
        {
            var reason = fix == FixKind.UseOptimizerIterations ? Property(UnitProperties.NoFixAReason)
                : Property(UnitProperties.NoFixBReason) is { Length: > 0 } onlyB ? onlyB
                : Property(UnitProperties.NoFixReason);
            return new Blocker(BlockerKind.DeclinedByAnalysis) { OnlyFix = fix, Code = string.IsNullOrEmpty(reason) ? null : reason };
        }

        return HasOneKnownGraph ? null : new Blocker(BlockerKind.GraphNotWritable) { Graph = Property(UnitProperties.Graph) };
    }

    public string? Property(string key) => Properties.TryGetValue(key, out var value) ? value : null;

    /// <summary>
    /// Whether the unit's global-step calls use one graph the fixes can write for: the default graph, none
    /// (a hand-made step), or one explicit graph that the analysis found private to this code (it allows a
    /// fix on an explicit graph only then; the rewrite creates in that graph's <c>AsDefault()</c> scope).
    /// </summary>
    public bool HasOneKnownGraph =>
        Property(UnitProperties.Graph) is { } graph && graph.IndexOf(',') < 0 && !graph.StartsWith("unknown:", StringComparison.Ordinal);

    public IEnumerable<UnitSite> OfKind(SiteKind kind) => Sites.Where(site => site.Kind == kind);

    /// <summary>Reads the unit of a GSM001-GSM003 diagnostic; null when the diagnostic carries none.</summary>
    public static FixUnit? From(Diagnostic diagnostic)
    {
        if (!diagnostic.Properties.TryGetValue(UnitProperties.UnitId, out var unitId) || string.IsNullOrEmpty(unitId)
            || !diagnostic.Properties.TryGetValue(UnitProperties.SiteKind, out var kindText)
            || !SiteKinds.TryParse(kindText, out var kind))
        {
            return null;
        }

        var sites = ImmutableArray.CreateBuilder<UnitSite>();
        sites.Add(new UnitSite(kind, diagnostic.Location));
        var kinds = (diagnostic.Properties.TryGetValue(UnitProperties.AdditionalLocationKinds, out var list) ? list : null) ?? string.Empty;
        var parts = kinds.Length == 0 ? Array.Empty<string>() : kinds.Split(';');
        if (parts.Length != diagnostic.AdditionalLocations.Count)
        {
            return null;
        }

        for (var i = 0; i < parts.Length; i++)
        {
            if (!SiteKinds.TryParse(parts[i], out var additionalKind))
            {
                return null;
            }

            sites.Add(new UnitSite(additionalKind, diagnostic.AdditionalLocations[i]));
        }

        var ordered = sites
            .OrderBy(site => site.Location.SourceTree?.FilePath, StringComparer.Ordinal)
            .ThenBy(site => site.Location.SourceSpan.Start)
            .ToImmutableArray();
        return new FixUnit(unitId!, diagnostic.Properties, ordered);
    }
}
