using System;
using System.Collections.Immutable;

namespace GlobalStepMigration.Analyzers;

/// <summary>
/// Why a fix is not offered: a <see cref="BlockerKind"/> and its arguments, as data. Text is made only
/// when a diagnostic or a message is written (<see cref="BlockerText"/>); code decides on the kind and the
/// arguments, never on the text.
/// </summary>
internal sealed class Blocker : IComparable<Blocker>
{
    public Blocker(BlockerKind kind)
    {
        Kind = kind;
        OnlyFix = Observables.Rule(kind).OnlyFix;
    }

    public BlockerKind Kind { get; }

    /// <summary>
    /// The fix this rules out; null when it rules out both (the whole unit). The model says it for each kind
    /// (<see cref="Observables.Rule"/>); code sets it only to say which fix a reason was found for (a fix's own
    /// check, or a reason that applies to one fix in the case at hand).
    /// </summary>
    public FixKind? OnlyFix { get; init; }

    /// <summary>The line (1-based, in its own file) of the site or code the blocker names.</summary>
    public int? Line { get; init; }

    /// <summary>More lines the blocker names (the creations of a step created twice; a second site).</summary>
    public ImmutableArray<int> Lines { get; init; } = ImmutableArray<int>.Empty;

    /// <summary>The legacy member involved (Minimize, GetTensorByName, Assign, NaturalExpDecay, ...).</summary>
    public string? Api { get; init; }

    /// <summary>A name of the program: a parameter, field, property, method, optimizer or the member called.</summary>
    public string? Name { get; init; }

    /// <summary>Where <see cref="Name"/> lives, or the type the analysis saw (a method or type name).</summary>
    public string? Owner { get; init; }

    /// <summary>The graph the blocker is about (its variable or field name).</summary>
    public string? Graph { get; init; }

    /// <summary>A short quote of the program's code.</summary>
    public string? Code { get; init; }

    /// <summary>Several names (optimizers, graphs, APIs), in the order the message lists them.</summary>
    public ImmutableArray<string> Names { get; init; } = ImmutableArray<string>.Empty;

    /// <summary>A dtype (int32, float32, unknown, ...).</summary>
    public string? DType { get; init; }

    /// <summary>For <see cref="BlockerKind.FoundIndirectly"/>: how the step is found (a GSM004 site kind).</summary>
    public SiteKind? FoundBy { get; init; }

    /// <summary>For <see cref="BlockerKind.ScopeReachesUnknownCode"/>: the call whose target is unknown.</summary>
    public UnknownCall? Unknown { get; init; }

    /// <summary>The library the blocker is about (its display name).</summary>
    public string? Library { get; init; }

    /// <summary>A blocker written before this one in the same sentence ("A's reason, and B's reason").</summary>
    public Blocker? After { get; init; }

    /// <summary>
    /// Order of the reasons of a unit: by the line they name (none last), then by kind, then by their
    /// arguments. The message names the first, so the order must not depend on when each was found.
    /// </summary>
    public int CompareTo(Blocker? other)
    {
        if (other is null)
        {
            return 1;
        }

        var order = (Line ?? int.MaxValue).CompareTo(other.Line ?? int.MaxValue);
        order = order != 0 ? order : ((int)Kind).CompareTo((int)other.Kind);
        order = order != 0 ? order : FoundByRank(FoundBy).CompareTo(FoundByRank(other.FoundBy));
        foreach (var (mine, theirs) in new[] { (Api, other.Api), (Name, other.Name), (Owner, other.Owner), (Graph, other.Graph), (Code, other.Code), (DType, other.DType) })
        {
            order = order != 0 ? order : string.CompareOrdinal(mine, theirs);
        }

        for (var i = 0; order == 0 && i < Math.Min(Names.Length, other.Names.Length); i++)
        {
            order = string.CompareOrdinal(Names[i], other.Names[i]);
        }

        return order != 0 ? order : Names.Length.CompareTo(other.Names.Length);
    }

    /// <summary>By name, then through a method group, then through the collection (the order their messages always had).</summary>
    private static int FoundByRank(SiteKind? kind) => kind switch
    {
        SiteKind.FoundByName => 0,
        SiteKind.FoundThroughMethodGroup => 1,
        SiteKind.FoundInCollection => 2,
        _ => 3,
    };

    /// <summary>The same reason, ruling out <paramref name="onlyFix"/> (null: both), written after <paramref name="after"/> when given.</summary>
    public Blocker With(FixKind? onlyFix, Blocker? after = null) => new(Kind)
    {
        OnlyFix = onlyFix,
        Line = Line,
        Lines = Lines,
        Api = Api,
        Name = Name,
        Owner = Owner,
        Graph = Graph,
        Code = Code,
        Names = Names,
        DType = DType,
        FoundBy = FoundBy,
        Unknown = Unknown,
        Library = Library,
        After = after ?? After,
    };

    /// <summary>The reason alone (what the <c>optimizer.Iterations cannot own it:</c> part of a message says).</summary>
    public override string ToString() => BlockerText.Reason(this);
}
