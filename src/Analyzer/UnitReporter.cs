using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace GlobalStepMigration.Analyzers;

/// <summary>Builds the units of a type from the collected facts and reports one diagnostic per flagged site.</summary>
internal sealed partial class UnitCollector
{
    public void Report(SymbolAnalysisContext context)
    {
        List<RawSite> sites;
        List<RawBlocker> blockers;
        List<(object Node, object Other)> links;
        lock (_gate)
        {
            if (!_sites.Any(site => site.Rule is not null))
            {
                return;
            }

            sites = _sites.OrderBy(site => site.Location.SourceTree?.FilePath, StringComparer.Ordinal).ThenBy(site => site.Location.SourceSpan.Start).ThenBy(site => site.Kind).ToList();
            // Operation callbacks run concurrently, so _blockers is in scheduling order: sort it (by the line
            // each names, then kind and arguments) so the message and the fixability never depend on that order.
            blockers = _blockers.OrderBy(blocker => blocker.Blocker).ToList();
            links = _links.ToList();
        }

        var sets = new DisjointSets();
        foreach (var site in sites)
        {
            foreach (var other in site.LinkedNodes)
            {
                sets.Union(site.Node, other);
            }
        }

        foreach (var (node, other) in links)
        {
            sets.Union(node, other);
        }

        var typeBlockers = blockers.Where(blocker => blocker.Node is null).Select(blocker => blocker.Blocker).ToList();
        typeBlockers.AddRange(GraphMixBlockers(sites));

        var units = sites
            .Where(site => !ReferenceEquals(site.Node, TypeLevel))
            .GroupBy(site => sets.Find(site.Node))
            .Where(group => group.Any(site => site.Rule is not null));

        foreach (var unit in units)
        {
            ReportUnit(context, unit.Key, unit.ToList(), blockers, typeBlockers, sets);
        }

        foreach (var site in sites.Where(site => ReferenceEquals(site.Node, TypeLevel)))
        {
            var properties = ImmutableDictionary.CreateBuilder<string, string?>();
            properties[UnitProperties.SiteKind] = site.Kind.ToString();
            properties[UnitProperties.Api] = site.Api;
            properties[UnitProperties.Fixes] = string.Empty;
            properties[UnitProperties.NoFixReason] = Guidance(site.Kind, site.Library);
            context.ReportDiagnostic(Diagnostic.Create(site.Rule!, site.Location, properties.ToImmutable(), site.Api, BlockerText.HowFound(site.Kind), Guidance(site.Kind, site.Library)));
        }
    }

    private void ReportUnit(
        SymbolAnalysisContext context,
        int root,
        List<RawSite> unitSites,
        List<RawBlocker> blockers,
        List<Blocker> typeBlockers,
        DisjointSets sets)
    {
        var nodes = sets.Members(root);
        var storages = nodes.OfType<ISymbol>().Where(symbol => symbol.Kind is SymbolKind.Local or SymbolKind.Field or SymbolKind.Parameter or SymbolKind.Property).ToList();
        var graphs = unitSites.Where(site => site.Graph is not null).Select(site => site.Graph!).Distinct().ToList();
        var creations = unitSites.Where(site => site.Kind == SiteKind.Creation).ToList();

        var stepName = StepNameOf(creations, storages, graphs);
        var reasons = new List<Blocker>();
        if (unitSites.Any(site => site.Graph is not null))
        {
            reasons.AddRange(typeBlockers);
        }
        else
        {
            // A hand-made step is only found by name or collection lookups when it is named global_step;
            // GSM004 sites still block it, because they may reach it in graph mode.
            reasons.AddRange(typeBlockers.Where(blocker => blocker.Kind == BlockerKind.FoundIndirectly));
        }

        var ownBlockers = blockers.Where(blocker => blocker.Node is not null && nodes.Contains(blocker.Node, NodeComparer.Instance)).Select(blocker => blocker.Blocker).ToList();
        reasons.AddRange(ownBlockers.Where(blocker => blocker.OnlyFix is null));
        reasons.AddRange(StorageBlockers(storages));
        if (graphs.FirstOrDefault(graph => graph.Symbol is not null) is { } explicitGraph
            && ExplicitGraphBlocker(explicitGraph, graphs, unitSites, creations) is { } graphReason)
        {
            reasons.Add(graphReason);
        }

        if (creations.Count == 0)
        {
            reasons.Add(new Blocker(BlockerKind.NoCreationVisible) { Owner = _type.Name });
        }
        else if (creations.Any(site => site.HandMade) && creations.Any(site => !site.HandMade))
        {
            reasons.Add(new Blocker(BlockerKind.CreatedBothWays) { Lines = creations.Select(site => Line(site.Location)).ToImmutableArray() });
        }

        var libraryBlockerA = unitSites.Select(site => site.Library?.Conventions.FixAUnavailable).FirstOrDefault(blocker => blocker is not null);
        var blockerA = reasons.Count == 0 ? libraryBlockerA ?? FixABlocker(unitSites, creations, ownBlockers) : null;
        var libraryBlockerB = unitSites.Select(site => site.Library?.Conventions.FixBUnavailable).FirstOrDefault(blocker => blocker is not null);
        if (reasons.Count == 0 && libraryBlockerB is not null)
        {
            // The library's own limits: say why neither fix applies, A's reason first.
            reasons.Add(blockerA is null ? libraryBlockerB : new Blocker(libraryBlockerB.Kind) { Library = libraryBlockerB.Library, Name = libraryBlockerB.Name, After = blockerA });
        }

        string? optimizer = null;
        if (reasons.Count == 0 && blockerA is null)
        {
            optimizer = unitSites.Select(site => site.Optimizer?.Name).FirstOrDefault(name => name is not null);
        }

        // The message says why and what to do by hand; text is made here, from the first reason.
        var noFixReason = reasons.Count > 0 ? BlockerText.WithAdvice(reasons[0]) : string.Empty;
        var fixes = FixKinds.PropertyValue(allowsA: reasons.Count == 0 && blockerA is null, allowsB: reasons.Count == 0);
        var suffix = reasons.Count > 0
            ? "; no automatic fix: " + noFixReason
            : blockerA is not null ? "; optimizer.Iterations cannot own it: " + BlockerText.Reason(blockerA) : string.Empty;

        var first = unitSites[0].Location;
        var unitId = string.Format(CultureInfo.InvariantCulture, "{0}@{1}:{2}", stepName, first.SourceTree?.FilePath, first.SourceSpan.Start);
        var displayName = storages.Count > 0 && !stepName.StartsWith("global_step of", StringComparison.Ordinal) ? "'" + stepName + "'" : stepName;

        foreach (var site in unitSites.Where(site => site.Rule is not null))
        {
            var related = unitSites.Where(other => other.Location != site.Location).GroupBy(other => other.Location).Select(group => group.First()).ToList();
            var properties = ImmutableDictionary.CreateBuilder<string, string?>();
            properties[UnitProperties.UnitId] = unitId;
            properties[UnitProperties.SiteKind] = site.Kind.ToString();
            properties[UnitProperties.Api] = site.Api;
            properties[UnitProperties.StepName] = stepName;
            properties[UnitProperties.Graph] = graphs.Count == 0 ? string.Empty : string.Join(",", graphs.Select(graph => graph.Display));
            properties[UnitProperties.StepDType] = creations.Count == 0 ? "unknown" : creations[0].DType ?? "unknown";
            properties[UnitProperties.Fixes] = fixes;
            properties[UnitProperties.NoFixReason] = noFixReason;
            properties[UnitProperties.NoFixAReason] = blockerA is not null ? BlockerText.Reason(blockerA) : noFixReason;
            properties[UnitProperties.Optimizer] = optimizer ?? string.Empty;
            properties[UnitProperties.AdditionalLocationKinds] = string.Join(";", related.Select(other => other.Kind.ToString()));
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

    private static Blocker? FixABlocker(List<RawSite> unitSites, List<RawSite> creations, List<Blocker> ownBlockers)
    {
        var onlyA = ownBlockers.FirstOrDefault(blocker => blocker.OnlyFix == FixKind.UseOptimizerIterations);
        if (onlyA is not null)
        {
            return onlyA;
        }

        static Blocker OnlyA(BlockerKind kind) => new(kind) { OnlyFix = FixKind.UseOptimizerIterations };

        var optimizerSites = unitSites.Where(site => site.Kind == SiteKind.OptimizerArgument).ToList();
        var increments = unitSites.Where(site => site.Kind == SiteKind.Increment).ToList();
        var unknown = optimizerSites.FirstOrDefault(site => site.Optimizer is { Known: false });
        if (unknown is not null)
        {
            return new Blocker(BlockerKind.OptimizerNotStored) { OnlyFix = FixKind.UseOptimizerIterations, Line = Line(unknown.Location) };
        }

        var optimizers = optimizerSites.Select(site => site.Optimizer!).Distinct().ToList();
        if (optimizers.Count > 1)
        {
            return new Blocker(BlockerKind.SeveralOptimizers) { OnlyFix = FixKind.UseOptimizerIterations, Names = optimizers.Select(key => key.Name).ToImmutableArray() };
        }

        if (optimizers.Count == 1 && increments.Count > 0)
        {
            return new Blocker(BlockerKind.AlsoIncrementedByHand) { OnlyFix = FixKind.UseOptimizerIterations, Line = Line(increments[0].Location) };
        }

        if (optimizers.Count == 0)
        {
            if (increments.Count == 0)
            {
                return OnlyA(BlockerKind.NoOptimizer);
            }

            var unpaired = increments.FirstOrDefault(site => site.Optimizer is null);
            if (unpaired is not null)
            {
                return new Blocker(BlockerKind.IncrementNotAfterKerasUpdate) { OnlyFix = FixKind.UseOptimizerIterations, Line = Line(unpaired.Location) };
            }

            if (increments.Select(site => site.Optimizer).Distinct().Count() > 1)
            {
                return OnlyA(BlockerKind.SeveralKerasOptimizers);
            }
        }

        var dtype = creations.Count == 0 ? "unknown" : creations[0].DType ?? "unknown";
        var read = unitSites.FirstOrDefault(site => site.Kind == SiteKind.Read && site.DTypeSensitive);
        if (dtype != "int64" && read is not null)
        {
            return new Blocker(BlockerKind.DTypeObserved) { OnlyFix = FixKind.UseOptimizerIterations, DType = dtype, Line = Line(read.Location) };
        }

        return null;
    }

    /// <summary>
    /// Why a unit on an explicit graph (<c>CreateGlobalStep(g1)</c>, the "several graphs" pattern of
    /// docs/design/patterns.md) cannot be fixed, or null. The fixes write <c>Tf.Variable</c> or a Keras
    /// optimizer, which create in the current default graph, and rewrite the unit's calls on that graph;
    /// that is exact when the graph is private to this code (<see cref="GraphScopes.WhyNotPrivate"/>) and the
    /// step is created inside its <c>using (g.AsDefault())</c>. Syntax only.
    /// </summary>
    private Blocker? ExplicitGraphBlocker(GraphKey graph, List<GraphKey> graphs, List<RawSite> unitSites, List<RawSite> creations)
    {
        if (graphs.Count > 1)
        {
            return new Blocker(BlockerKind.SeveralGraphs) { Names = graphs.Select(key => key.Display).ToImmutableArray() };
        }

        var library = unitSites.Select(site => site.Library).FirstOrDefault(library => library is not null);
        if (library is null)
        {
            return new Blocker(BlockerKind.ExplicitGraphNotSupported) { Graph = graph.Display };
        }

        if (GraphScopes.WhyNotPrivate(graph.Symbol!, _type, library, System.Threading.CancellationToken.None) is { } notPrivate)
        {
            return notPrivate;
        }

        foreach (var creation in creations)
        {
            var node = creation.Location.SourceTree?.GetRoot().FindNode(creation.Location.SourceSpan, getInnermostNodeForTie: true);
            if (node is null || !GraphScopes.InScopeOf(node, graph.Display, library.Conventions.Graphs!))
            {
                return new Blocker(BlockerKind.CreatedOutsideGraphScope) { Line = Line(creation.Location), Graph = graph.Display };
            }
        }

        return null;
    }

    private IEnumerable<Blocker> StorageBlockers(List<ISymbol> storages)
    {
        foreach (var storage in storages.OrderBy(symbol => symbol.Name, StringComparer.Ordinal))
        {
            switch (storage)
            {
                case IParameterSymbol parameter:
                    yield return new Blocker(BlockerKind.StepFromParameter) { Name = parameter.Name, Owner = parameter.ContainingSymbol?.Name };
                    break;
                case IPropertySymbol property:
                    yield return new Blocker(BlockerKind.StepInProperty) { Name = property.Name, Owner = _type.Name };
                    break;
                case IFieldSymbol field when field.DeclaredAccessibility != Accessibility.Private || !SymbolEqualityComparer.Default.Equals(field.ContainingType, _type):
                    yield return new Blocker(BlockerKind.StepInReachableField) { Name = field.Name, Owner = _type.Name };
                    break;
                default:
                    break;
            }
        }
    }

    private static IEnumerable<Blocker> GraphMixBlockers(List<RawSite> sites)
    {
        var onDefault = sites.FirstOrDefault(site => site.Graph is { IsDefault: true });
        var onExplicit = sites.FirstOrDefault(site => site.Graph is { Symbol: not null });
        if (onDefault is not null && onExplicit is not null)
        {
            yield return new Blocker(BlockerKind.GraphsMixed)
            {
                Names = ImmutableArray.Create(onDefault.Api, onExplicit.Api),
                Lines = ImmutableArray.Create(Line(onDefault.Location), Line(onExplicit.Location)),
                Line = Line(onDefault.Location),
                Graph = onExplicit.Graph!.Display,
            };
        }
    }

    private static string StepNameOf(List<RawSite> creations, List<ISymbol> storages, List<GraphKey> graphs)
    {
        foreach (var creation in creations)
        {
            var storage = creation.Node as ISymbol ?? creation.LinkedNodes.OfType<ISymbol>().FirstOrDefault();
            if (storage is not null)
            {
                return storage.Name;
            }
        }

        var named = storages.OrderBy(symbol => symbol.Name, StringComparer.Ordinal).FirstOrDefault();
        if (named is not null)
        {
            return named.Name;
        }

        var graph = graphs.FirstOrDefault(key => key.Symbol is not null);
        return graph is not null ? "global_step of graph '" + graph.Display + "'" : "global_step of the default graph";
    }

    /// <summary>Union-find over unit-graph nodes (symbols and graph keys).</summary>
    private sealed class DisjointSets
    {
        private readonly Dictionary<object, int> _ids = new(NodeComparer.Instance);
        private readonly List<object> _nodes = new();
        private readonly List<int> _parents = new();

        public int Find(object node) => Root(Id(node));

        public void Union(object a, object b)
        {
            var rootA = Root(Id(a));
            var rootB = Root(Id(b));
            if (rootA != rootB)
            {
                _parents[Math.Max(rootA, rootB)] = Math.Min(rootA, rootB);
            }
        }

        public List<object> Members(int root)
        {
            var members = new List<object>();
            for (var i = 0; i < _nodes.Count; i++)
            {
                if (Root(i) == root)
                {
                    members.Add(_nodes[i]);
                }
            }

            return members;
        }

        private int Id(object node)
        {
            if (!_ids.TryGetValue(node, out var id))
            {
                id = _nodes.Count;
                _ids.Add(node, id);
                _nodes.Add(node);
                _parents.Add(id);
            }

            return id;
        }

        private int Root(int id)
        {
            while (_parents[id] != id)
            {
                _parents[id] = _parents[_parents[id]];
                id = _parents[id];
            }

            return id;
        }
    }
}
