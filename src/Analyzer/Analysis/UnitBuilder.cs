using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace GlobalStepMigration.Analyzers;

/// <summary>
/// One global step: the sites whose unit-graph nodes are connected (a storage, the graph of its global-step calls,
/// the step arguments that are that storage), with what the decision and the report need to know about it.
/// </summary>
internal sealed class Unit
{
    public Unit(List<RawSite> sites, List<object> nodes)
    {
        Sites = sites;
        Nodes = nodes;
        Storages = nodes.OfType<ISymbol>().Where(symbol => symbol.Kind is SymbolKind.Local or SymbolKind.Field or SymbolKind.Parameter or SymbolKind.Property).ToList();
        Graphs = sites.Where(site => site.Graph is not null).Select(site => site.Graph!).Distinct().ToList();
        Creations = sites.Where(site => site.Kind == SiteKind.Creation).ToList();
        StepName = StepNameOf(Creations, Storages, Graphs);
    }

    /// <summary>The unit's sites, by file and position.</summary>
    public List<RawSite> Sites { get; }

    /// <summary>Its unit-graph nodes.</summary>
    public List<object> Nodes { get; }

    /// <summary>The locals, fields, parameters and properties that hold the step.</summary>
    public List<ISymbol> Storages { get; }

    /// <summary>The graphs of its global-step calls.</summary>
    public List<GraphKey> Graphs { get; }

    /// <summary>Its creation sites.</summary>
    public List<RawSite> Creations { get; }

    /// <summary>How messages name the step (the <c>StepName</c> property).</summary>
    public string StepName { get; }

    /// <summary>The legacy library its sites belong to (the first site that names one), or null.</summary>
    public LegacyLibrary? Library => Sites.Select(site => site.Library).FirstOrDefault(library => library is not null);

    /// <summary>The dtype of its first creation (int64, int32, ..., unknown).</summary>
    public string DType => Creations.Count == 0 ? "unknown" : Creations[0].DType ?? "unknown";

    /// <summary>Whether a blocker recorded on a node applies to this unit.</summary>
    public bool Owns(RawBlocker blocker) => blocker.Node is not null && Nodes.Contains(blocker.Node, NodeComparer.Instance);

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
}

/// <summary>Groups a type's sites into units: the connected components of the unit graph (docs/design/unit-model.md).</summary>
internal static class UnitBuilder
{
    /// <summary>The units of the type: every component with at least one reported site, GSM004's type-level sites left out.</summary>
    public static List<Unit> Build(TypeFacts facts)
    {
        var sets = new DisjointSets();
        foreach (var site in facts.Sites)
        {
            foreach (var other in site.LinkedNodes)
            {
                sets.Union(site.Node, other);
            }
        }

        foreach (var (node, other) in facts.Links)
        {
            sets.Union(node, other);
        }

        return facts.Sites
            .Where(site => !ReferenceEquals(site.Node, TypeFacts.TypeLevel))
            .GroupBy(site => sets.Find(site.Node))
            .Where(group => group.Any(site => site.Rule is not null))
            .Select(group => new Unit(group.ToList(), sets.Members(group.Key)))
            .ToList();
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
