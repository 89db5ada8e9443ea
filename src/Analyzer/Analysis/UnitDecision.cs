using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace GlobalStepMigration.Analyzers;

/// <summary>
/// Which fixes the analysis allows a unit, and why not (docs/design/unit-model.md, "Fixability"): the blockers
/// that rule out both fixes, in order (the message names the first), and the one that rules out fix A only.
/// </summary>
internal sealed class UnitDecision
{
    private UnitDecision(List<Blocker> reasons, Blocker? blockerA, string? optimizer)
    {
        Reasons = reasons;
        BlockerA = blockerA;
        Optimizer = optimizer;
    }

    /// <summary>What rules out both fixes, in order; empty when a fix is allowed.</summary>
    public List<Blocker> Reasons { get; }

    /// <summary>What rules out "Use optimizer.Iterations" when the unit allows the explicit variable; null otherwise.</summary>
    public Blocker? BlockerA { get; }

    /// <summary>The one optimizer that increments the step, when fix A is allowed.</summary>
    public string? Optimizer { get; }

    public bool AllowsA => Reasons.Count == 0 && BlockerA is null;

    public bool AllowsB => Reasons.Count == 0;

    /// <summary>The blockers of every unit of the type: GSM004 sites, and global-step calls on the default and an explicit graph.</summary>
    public static List<Blocker> TypeBlockers(TypeFacts facts)
    {
        var blockers = facts.Blockers.Where(blocker => blocker.Node is null).Select(blocker => blocker.Blocker).ToList();
        blockers.AddRange(GraphMixBlockers(facts.Sites));
        return blockers;
    }

    public static UnitDecision Decide(Unit unit, TypeFacts facts, List<Blocker> typeBlockers, CancellationToken cancellationToken)
    {
        var reasons = new List<Blocker>();
        if (unit.Sites.Any(site => site.Graph is not null))
        {
            reasons.AddRange(typeBlockers);
        }
        else
        {
            // A hand-made step is only found by name or collection lookups when it is named global_step;
            // GSM004 sites still block it, because they may reach it in graph mode.
            reasons.AddRange(typeBlockers.Where(blocker => blocker.Kind == BlockerKind.FoundIndirectly));
        }

        var ownBlockers = facts.Blockers.Where(unit.Owns).Select(blocker => blocker.Blocker).ToList();
        reasons.AddRange(ownBlockers.Where(blocker => blocker.OnlyFix is null));
        reasons.AddRange(StorageBlockers(unit.Storages, facts.Type));
        if (unit.Graphs.FirstOrDefault(graph => graph.Symbol is not null) is { } explicitGraph
            && ExplicitGraphBlocker(explicitGraph, unit, facts.Type, cancellationToken) is { } graphReason)
        {
            reasons.Add(graphReason);
        }

        if (unit.Creations.Count == 0)
        {
            reasons.Add(new Blocker(BlockerKind.NoCreationVisible) { Owner = facts.Type.Name });
        }
        else if (unit.Creations.Any(site => site.HandMade) && unit.Creations.Any(site => !site.HandMade))
        {
            reasons.Add(new Blocker(BlockerKind.CreatedBothWays) { Lines = unit.Creations.Select(site => CodeText.Line(site.Location)).ToImmutableArray() });
        }

        var libraryBlockerA = unit.Sites.Select(site => site.Library?.Conventions.FixAUnavailable).FirstOrDefault(blocker => blocker is not null);
        var blockerA = reasons.Count == 0 ? libraryBlockerA ?? FixABlocker(unit, ownBlockers) : null;
        var libraryBlockerB = unit.Sites.Select(site => site.Library?.Conventions.FixBUnavailable).FirstOrDefault(blocker => blocker is not null);
        if (reasons.Count == 0 && libraryBlockerB is not null)
        {
            // The library's own limits: say why neither fix applies, A's reason first.
            reasons.Add(blockerA is null ? libraryBlockerB : new Blocker(libraryBlockerB.Kind) { Library = libraryBlockerB.Library, Name = libraryBlockerB.Name, After = blockerA });
        }

        var optimizer = reasons.Count == 0 && blockerA is null
            ? unit.Sites.Select(site => site.Optimizer?.Name).FirstOrDefault(name => name is not null)
            : null;
        return new UnitDecision(reasons, blockerA, optimizer);
    }

    private static Blocker? FixABlocker(Unit unit, List<Blocker> ownBlockers)
    {
        var onlyA = ownBlockers.FirstOrDefault(blocker => blocker.OnlyFix == FixKind.UseOptimizerIterations);
        if (onlyA is not null)
        {
            return onlyA;
        }

        static Blocker OnlyA(BlockerKind kind) => new(kind) { OnlyFix = FixKind.UseOptimizerIterations };

        var optimizerSites = unit.Sites.Where(site => site.Kind == SiteKind.PassedToOptimizer).ToList();
        var increments = unit.Sites.Where(site => site.Kind == SiteKind.Increment).ToList();
        var unknown = optimizerSites.FirstOrDefault(site => site.Optimizer is { Known: false });
        if (unknown is not null)
        {
            return new Blocker(BlockerKind.OptimizerNotStored) { OnlyFix = FixKind.UseOptimizerIterations, Line = CodeText.Line(unknown.Location) };
        }

        var optimizers = optimizerSites.Select(site => site.Optimizer!).Distinct().ToList();
        if (optimizers.Count > 1)
        {
            return new Blocker(BlockerKind.SeveralOptimizers) { OnlyFix = FixKind.UseOptimizerIterations, Names = optimizers.Select(key => key.Name).ToImmutableArray() };
        }

        if (optimizers.Count == 1 && increments.Count > 0)
        {
            return new Blocker(BlockerKind.AlsoIncrementedByHand) { OnlyFix = FixKind.UseOptimizerIterations, Line = CodeText.Line(increments[0].Location) };
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
                return new Blocker(BlockerKind.IncrementNotAfterKerasUpdate) { OnlyFix = FixKind.UseOptimizerIterations, Line = CodeText.Line(unpaired.Location) };
            }

            if (increments.Select(site => site.Optimizer).Distinct().Count() > 1)
            {
                return OnlyA(BlockerKind.SeveralKerasOptimizers);
            }
        }

        var dtype = unit.DType;
        var read = unit.Sites.FirstOrDefault(site => site.Kind == SiteKind.Read && site.DTypeSensitive);
        if (dtype != "int64" && read is not null)
        {
            return new Blocker(BlockerKind.DTypeObserved) { OnlyFix = FixKind.UseOptimizerIterations, DType = dtype, Line = CodeText.Line(read.Location) };
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
    private static Blocker? ExplicitGraphBlocker(GraphKey graph, Unit unit, INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        if (unit.Graphs.Count > 1)
        {
            return new Blocker(BlockerKind.SeveralGraphs) { Names = unit.Graphs.Select(key => key.Display).ToImmutableArray() };
        }

        var library = unit.Sites.Select(site => site.Library).FirstOrDefault(library => library is not null);
        if (library is null)
        {
            return new Blocker(BlockerKind.ExplicitGraphNotSupported) { Graph = graph.Display };
        }

        if (GraphScopes.WhyNotPrivate(graph.Symbol!, type, library, cancellationToken) is { } notPrivate)
        {
            return notPrivate;
        }

        foreach (var creation in unit.Creations)
        {
            var node = creation.Location.SourceTree?.GetRoot(cancellationToken).FindNode(creation.Location.SourceSpan, getInnermostNodeForTie: true);
            if (node is null || !GraphScopes.InScopeOf(node, graph.Display, library.Conventions.Graphs!))
            {
                return new Blocker(BlockerKind.CreatedOutsideGraphScope) { Line = CodeText.Line(creation.Location), Graph = graph.Display };
            }
        }

        return null;
    }

    private static IEnumerable<Blocker> StorageBlockers(List<ISymbol> storages, INamedTypeSymbol type)
    {
        foreach (var storage in storages.OrderBy(symbol => symbol.Name, StringComparer.Ordinal))
        {
            switch (storage)
            {
                case IParameterSymbol parameter:
                    yield return new Blocker(BlockerKind.StepFromParameter) { Name = parameter.Name, Owner = parameter.ContainingSymbol?.Name };
                    break;
                case IPropertySymbol property:
                    yield return new Blocker(BlockerKind.StepInProperty) { Name = property.Name, Owner = type.Name };
                    break;
                case IFieldSymbol field when field.DeclaredAccessibility != Accessibility.Private || !SymbolEqualityComparer.Default.Equals(field.ContainingType, type):
                    yield return new Blocker(BlockerKind.StepInReachableField) { Name = field.Name, Owner = type.Name };
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
                Lines = ImmutableArray.Create(CodeText.Line(onDefault.Location), CodeText.Line(onExplicit.Location)),
                Line = CodeText.Line(onDefault.Location),
                Graph = onExplicit.Graph!.Display,
            };
        }
    }
}
