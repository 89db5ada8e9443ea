using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace GlobalStepMigration.Analyzers;

/// <summary>What the analysis of one type found, sorted: the input of <see cref="UnitReporter"/>.</summary>
internal sealed class TypeFacts
{
    /// <summary>The node of sites that belong to no unit (GSM004): they block every unit of the type instead.</summary>
    public static readonly object TypeLevel = new();

    public TypeFacts(INamedTypeSymbol type, List<RawSite> sites, List<RawBlocker> blockers, List<(object Node, object Other)> links, OptimizerFacts optimizers)
    {
        Type = type;
        Sites = sites;
        Blockers = blockers;
        Links = links;
        Optimizers = optimizers;
    }

    /// <summary>The TF1 optimizers of the type: their constructions and uses, and the uses of the train ops their updates return.</summary>
    public OptimizerFacts Optimizers { get; }

    /// <summary>The type analyzed.</summary>
    public INamedTypeSymbol Type { get; }

    /// <summary>Every site, by file and position.</summary>
    public List<RawSite> Sites { get; }

    /// <summary>Every blocker, in <see cref="Blocker.CompareTo"/> order.</summary>
    public List<RawBlocker> Blockers { get; }

    /// <summary>Pairs of unit-graph nodes that are the same step.</summary>
    public List<(object Node, object Other)> Links { get; }
}

/// <summary>A node of the unit graph: a storage symbol (local, field, parameter, property) or a graph key.</summary>
internal sealed class GraphKey
{
    /// <summary>Each known library's default-graph key, built once (no static cache that fills up at run time).</summary>
    private static readonly System.Collections.Immutable.ImmutableDictionary<LegacyLibrary, GraphKey> Defaults =
        System.Collections.Immutable.ImmutableDictionary.CreateRange(
            System.Linq.Enumerable.Select(LegacyApiMap.Libraries, library => new KeyValuePair<LegacyLibrary, GraphKey>(library, new GraphKey(null, "default", isDefault: true))));

    private GraphKey(ISymbol? symbol, string display, bool isDefault = false)
    {
        Symbol = symbol;
        Display = display;
        IsDefault = isDefault;
    }

    /// <summary>The key of every call without a graph argument when the library is not known.</summary>
    public static GraphKey Default { get; } = new(null, "default", isDefault: true);

    /// <summary>Whether this is a library's default graph.</summary>
    public bool IsDefault { get; }

    /// <summary>
    /// The key of every call of <paramref name="library"/> without a graph argument: each library has its
    /// own default graph, so a TensorFlow.NET step and a runtime step are never one unit.
    /// </summary>
    public static GraphKey DefaultOf(LegacyLibrary? library) =>
        library is not null && Defaults.TryGetValue(library, out var key) ? key : Default;

    public ISymbol? Symbol { get; }

    public string Display { get; }

    public static GraphKey Unknown(string text) => new(null, "unknown:" + text);

    public static GraphKey Of(ISymbol symbol) => new(symbol, symbol.Name);

    public override bool Equals(object? obj) =>
        obj is GraphKey other
        && (ReferenceEquals(this, other)
            || (Symbol is not null && SymbolEqualityComparer.Default.Equals(Symbol, other.Symbol)));

    public override int GetHashCode() => Symbol is null ? System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(this) : SymbolEqualityComparer.Default.GetHashCode(Symbol);
}

/// <summary>Compares unit-graph nodes: symbols by symbol equality, graph keys by their own equality.</summary>
internal sealed class NodeComparer : IEqualityComparer<object>
{
    public static NodeComparer Instance { get; } = new();

    public new bool Equals(object? x, object? y) =>
        x is ISymbol a && y is ISymbol b ? SymbolEqualityComparer.Default.Equals(a, b) : object.Equals(x, y);

    public int GetHashCode(object obj) =>
        obj is ISymbol symbol ? SymbolEqualityComparer.Default.GetHashCode(symbol) : obj.GetHashCode();
}

/// <summary>One site found while walking a type.</summary>
internal sealed class RawSite
{
    public RawSite(SiteKind kind, Location location, string api, DiagnosticDescriptor? rule, object node)
    {
        Kind = kind;
        Location = location;
        Api = api;
        Rule = rule;
        Node = node;
    }

    public SiteKind Kind { get; }

    public Location Location { get; }

    /// <summary>The legacy member involved (GetOrCreateGlobalStep, Minimize, ...).</summary>
    public string Api { get; }

    /// <summary>The rule to report at this site; null for sites that are only related locations.</summary>
    public DiagnosticDescriptor? Rule { get; }

    /// <summary>The unit-graph node this site belongs to.</summary>
    public object Node { get; }

    /// <summary>Other nodes that are the same step (a stored family call: its storage and its graph).</summary>
    public List<object> LinkedNodes { get; } = new();

    /// <summary>The optimizer that increments the step here (OptimizerArgument, or the Keras optimizer updated just before a manual increment).</summary>
    public OptimizerKey? Optimizer { get; set; }

    /// <summary>For creations: the dtype of the created step (int64, int32, unknown).</summary>
    public string? DType { get; set; }

    /// <summary>For creations: whether it is a hand-made variable rather than a global-step function.</summary>
    public bool HandMade { get; set; }

    /// <summary>For reads: whether the read's result depends on the step's dtype or name (arithmetic, properties, other ops), not only on its value.</summary>
    public bool DTypeSensitive { get; set; }

    /// <summary>The graph key of a global-step function call.</summary>
    public GraphKey? Graph { get; set; }

    /// <summary>The legacy library whose member this site calls (for the library's own fix limits).</summary>
    public LegacyLibrary? Library { get; set; }

    /// <summary>For optimizer arguments: where the update call starts (its uses of the optimizer are matched by it).</summary>
    public int? CallPosition { get; set; }

    /// <summary>For optimizer arguments: the local or field the update's train op is stored in.</summary>
    public ISymbol? TrainOp { get; set; }

    /// <summary>For optimizer arguments: the variables argument as written (empty: none), to compare several updates of one optimizer.</summary>
    public string? Variables { get; set; }

    /// <summary>For optimizer arguments and decays: whether the call is built in a graph (inside a default-graph scope of its function).</summary>
    public bool InGraph { get; set; }

    /// <summary>For decays: the local or field its value is stored in.</summary>
    public ISymbol? ValueStorage { get; set; }

    /// <summary>For decays written as an optimizer's learning rate, and reads of a stored decay: the TF1 optimizer whose learning rate it is.</summary>
    public OptimizerKey? Feeds { get; set; }

    /// <summary>For optimizer arguments: the update's name argument (empty when it is not a constant), or null when none is given.</summary>
    public string? UpdateName { get; set; }
}

/// <summary>A blocker found while walking a type, with the unit-graph node it blocks (null: every unit of the type).</summary>
internal sealed class RawBlocker
{
    public RawBlocker(object? node, Blocker blocker)
    {
        Node = node;
        Blocker = blocker;
    }

    public object? Node { get; }

    public Blocker Blocker { get; }
}
