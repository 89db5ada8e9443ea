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
    private UnitDecision(List<Blocker> reasons, Blocker? blockerA, Blocker? blockerB, string? optimizer)
    {
        Reasons = reasons;
        BlockerA = blockerA;
        BlockerB = blockerB;
        Optimizer = optimizer;
    }

    /// <summary>What rules out both fixes, in order; empty when a fix is allowed.</summary>
    public List<Blocker> Reasons { get; }

    /// <summary>What rules out "Use optimizer.Iterations" when the unit allows the explicit variable; null otherwise.</summary>
    public Blocker? BlockerA { get; }

    /// <summary>What rules out "Use an explicitly incremented variable" when the unit allows optimizer.Iterations; null otherwise.</summary>
    public Blocker? BlockerB { get; }

    /// <summary>The one optimizer (a variable or field) that increments the step, when fix A is allowed.</summary>
    public string? Optimizer { get; }

    public bool AllowsA => Reasons.Count == 0 && BlockerA is null;

    public bool AllowsB => Reasons.Count == 0 && BlockerB is null;

    /// <summary>
    /// The blockers of every unit of the type: GSM004 sites, global-step calls on the default and an explicit graph, and
    /// code that observes the graphs' structure or writes checkpoints (O6, O12).
    /// </summary>
    public static List<Blocker> TypeBlockers(TypeFacts facts)
    {
        var blockers = facts.Blockers.Where(blocker => blocker.Node is null).Select(blocker => blocker.Blocker).ToList();
        blockers.AddRange(GraphMixBlockers(facts.Sites));
        blockers.AddRange(GraphObservations.NameLookupBlockers(facts));
        return blockers;
    }

    /// <summary>
    /// Every reason the unit gives (docs/design/observables.md: each rules out what <see cref="Observables.Rule"/> says), then
    /// the decision: the reasons that rule out both fixes, else the first reason against each fix; a unit whose every fix
    /// has a reason gets no fix, and its message names both.
    /// </summary>
    public static UnitDecision Decide(Unit unit, TypeFacts facts, List<Blocker> typeBlockers, CancellationToken cancellationToken)
    {
        var found = new List<Blocker>();
        var functionMade = unit.Sites.Any(site => site.Graph is not null);
        foreach (var blocker in typeBlockers)
        {
            if (blocker.Kind == BlockerKind.GraphsMixed && !functionMade)
            {
                // Only global-step functions name graphs.
                continue;
            }

            // O5: fix B keeps a hand-made step as written (a step with no global-step call or lookup), so whatever finds
            // it by name or collection finds it still; only fix A, which replaces it, is ruled out.
            found.Add(blocker.Kind == BlockerKind.FoundIndirectly && !functionMade ? blocker.With(FixKind.UseOptimizerIterations) : blocker);
        }

        found.AddRange(facts.Blockers.Where(unit.Owns).Select(blocker => blocker.Blocker));
        found.AddRange(StorageBlockers(unit.Storages, facts.Type));
        if (unit.Graphs.FirstOrDefault(graph => graph.Symbol is not null) is { } explicitGraph
            && ExplicitGraphBlocker(explicitGraph, unit, facts.Type, cancellationToken) is { } graphReason)
        {
            found.Add(graphReason);
        }

        if (unit.Creations.Count == 0)
        {
            found.Add(new Blocker(BlockerKind.NoCreationVisible) { Owner = facts.Type.Name });
        }
        else if (unit.Creations.Any(site => site.HandMade) && unit.Creations.Any(site => !site.HandMade))
        {
            found.Add(new Blocker(BlockerKind.CreatedBothWays) { Lines = unit.Creations.Select(site => CodeText.Line(site.Location)).ToImmutableArray() });
        }
        else if (!IsInteger(unit.DType) && unit.Library?.Conventions.IntegerStepRequired != false)
        {
            // O3: TF1 refuses a step that is not an integer (AssertGlobalStep's TypeError); TensorFlow.NET does not.
            found.Add(new Blocker(BlockerKind.DTypeNotInteger) { DType = unit.DType });
        }
        else if (unit.DType == "unknown")
        {
            // A library that takes any dtype: fix B writes the increment's literal in the step's dtype, so it must be seen.
            found.Add(new Blocker(BlockerKind.StepDTypeUnknown) { DType = unit.DType });
        }

        found.AddRange(ValueReadBlockers(unit, cancellationToken));
        found.AddRange(CallerScopes.Blockers(unit, facts, cancellationToken));
        found.AddRange(facts.Optimizers.TrainOpUses
            .Where(use => unit.Sites.Any(site => SymbolEqualityComparer.Default.Equals(site.TrainOp, use.TrainOp)))
            .Select(use => use.Blocker));

        var reasons = found.Where(blocker => blocker.OnlyFix is null).OrderBy(blocker => blocker).ToList();
        if (reasons.Count > 0)
        {
            return new UnitDecision(reasons, null, null, null);
        }

        // Fix A: the library's limit, then how the step is incremented (O1) and read (O3), then every other reason in order.
        var blockerA = unit.Sites.Select(site => site.Library?.Conventions.FixAUnavailable).FirstOrDefault(blocker => blocker is not null)
            ?? IncrementBlocker(unit)
            ?? found.Concat(OptimizerBlockers(unit, facts)).Where(blocker => blocker.OnlyFix == FixKind.UseOptimizerIterations).OrderBy(blocker => blocker).FirstOrDefault();
        var blockerB = unit.Sites.Select(site => site.Library?.Conventions.FixBUnavailable).FirstOrDefault(blocker => blocker is not null)
            ?? found.Where(blocker => blocker.OnlyFix == FixKind.UseExplicitVariable).OrderBy(blocker => blocker).FirstOrDefault();
        if (blockerA is not null && blockerB is not null)
        {
            // Neither fix: say why not, A's reason first.
            return new UnitDecision(new List<Blocker> { blockerB.With(null, blockerA) }, null, null, null);
        }

        var optimizer = blockerA is null
            ? unit.Sites.Select(site => site.Optimizer is { Known: true } key ? key.Name : null).FirstOrDefault(name => name is not null)
            : null;
        return new UnitDecision(reasons, blockerA, blockerB, optimizer);
    }

    /// <summary>Whether a dtype's name (int64, int32, uint8, ...) is an integer type's.</summary>
    private static bool IsInteger(string dtype) => dtype.StartsWith("int", StringComparison.Ordinal) || dtype.StartsWith("uint", StringComparison.Ordinal);

    /// <summary>
    /// Fix A needs exactly one optimizer incrementing the step once per update, and nothing else writing it (O1), and, for
    /// a step that is not int64, no read that shows its dtype (O3).
    /// </summary>
    private static Blocker? IncrementBlocker(Unit unit)
    {
        var optimizerSites = unit.Sites.Where(site => site.Kind == SiteKind.PassedToOptimizer).ToList();
        var increments = unit.Sites.Where(site => site.Kind == SiteKind.Increment).ToList();
        var optimizers = optimizerSites.Select(site => site.Optimizer!).Distinct().ToList();
        if (optimizers.Count > 1)
        {
            return new Blocker(BlockerKind.SeveralOptimizers) { Names = optimizers.Select(key => key.Name).ToImmutableArray() };
        }

        if (optimizers.Count == 1 && increments.Count > 0)
        {
            return new Blocker(BlockerKind.AlsoIncrementedByHand) { Line = CodeText.Line(increments[0].Location) };
        }

        if (optimizers.Count == 0)
        {
            if (increments.Count == 0)
            {
                return new Blocker(BlockerKind.NoOptimizer);
            }

            var unpaired = increments.FirstOrDefault(site => site.Optimizer is null);
            if (unpaired is not null)
            {
                return new Blocker(BlockerKind.IncrementNotAfterKerasUpdate) { Line = CodeText.Line(unpaired.Location) };
            }

            if (increments.Select(site => site.Optimizer).Distinct().Count() > 1)
            {
                return new Blocker(BlockerKind.SeveralKerasOptimizers);
            }
        }

        var dtype = unit.DType;
        var read = unit.Sites.FirstOrDefault(site => site.Kind == SiteKind.Read && site.DTypeSensitive);
        if (dtype != "int64" && read is not null)
        {
            return new Blocker(BlockerKind.DTypeObserved) { DType = dtype, Line = CodeText.Line(read.Location) };
        }

        return null;
    }

    /// <summary>
    /// What rules out fix A about the one TF1 optimizer that increments the step (O9-O11): it must be a local (or an
    /// optimizer made right in the update, with constant arguments: fix A declares it), used only by the unit's updates,
    /// with a Keras partner proved bit-identical for its arguments, a learning rate that is a number or a decay of the
    /// unit built in a graph that feeds only it, and updates Keras can make (no name, the same variables each time).
    /// </summary>
    private static IEnumerable<Blocker> OptimizerBlockers(Unit unit, TypeFacts facts)
    {
        var updates = unit.Sites.Where(site => site.Kind == SiteKind.PassedToOptimizer).ToList();
        var decays = unit.Sites.Where(site => site.Kind == SiteKind.Decay).ToList();
        if (updates.Count == 0)
        {
            // Half-migrated code: the Keras optimizer stays, and a TF1 decay next to it reads the step (O11).
            if (decays.Count > 0)
            {
                yield return new Blocker(BlockerKind.DecayWithKerasOptimizer);
            }

            yield break;
        }

        var key = updates[0].Optimizer!;
        var line = CodeText.Line(updates[0].Location);
        foreach (var update in updates)
        {
            if (update.UpdateName is not null)
            {
                yield return new Blocker(BlockerKind.UpdateNotTranslatable) { Api = update.Api, Line = CodeText.Line(update.Location), Code = "a name argument" };
            }
            else if (update.Variables is { Length: 0 } && !update.InGraph)
            {
                // TF1's default variable list is the graph's trainable variables, written out by fix A in a graph only.
                yield return new Blocker(BlockerKind.UpdateNotTranslatable) { Api = update.Api, Line = CodeText.Line(update.Location), Code = "no varList, outside a graph scope" };
            }
        }

        if (updates.Select(update => update.Variables).Distinct(StringComparer.Ordinal).Count() > 1)
        {
            // A Keras optimizer is built on the variables of its first update and refuses others.
            yield return new Blocker(BlockerKind.UpdateNotTranslatable) { Api = updates[1].Api, Line = CodeText.Line(updates[1].Location), Code = "another variable list than the first update's" };
        }

        var construction = facts.Optimizers.Constructions.FirstOrDefault(candidate => key.Equals(candidate.Key));
        if (construction is null || (key.Known && key.Symbol is not ILocalSymbol))
        {
            yield return key.Known ? new Blocker(BlockerKind.OptimizerNotOneLocal) { Line = line } : new Blocker(BlockerKind.OptimizerNotStored) { Line = line };
            yield break;
        }

        if (!key.Known && !construction.ArgumentsConstant)
        {
            yield return new Blocker(BlockerKind.OptimizerNotStored) { Line = line, Code = "not all constants" };
        }

        if (key.Symbol is { } symbol
            && facts.Optimizers.Uses.FirstOrDefault(use => SymbolEqualityComparer.Default.Equals(use.Optimizer, symbol)
                && !updates.Any(update => update.CallPosition == use.CallPosition)) is { } other)
        {
            // O10: a Keras optimizer counts every update and has no TF1 members.
            yield return new Blocker(BlockerKind.OptimizerUsedOtherwise) { Name = symbol.Name, Line = other.Line };
        }

        var pair = construction.Library.Conventions.PairOf(construction.Kind);
        var unmapped = pair is null ? null : construction.NotExact
            ?? construction.Given.FirstOrDefault(parameter => !pair.Parameters.Any(mapped => mapped.Tf1 == parameter) && !OptimizerPair.MustBeFalse.Contains(parameter));
        var fed = decays.Where(decay => FeedsOf(decay, facts) is { } feeds && feeds.Equals(key)).ToList();
        var why = pair is null ? null
            : unmapped is not null ? unmapped
            : construction.Rate == RateKind.Tensor || (construction.Rate != RateKind.Number && fed.Count == 0) ? "a learning rate that is a tensor"
            : construction.Rate != RateKind.Number && !pair.DecayedRate ? "a decayed rate"
            : string.Empty;
        if (why is null || why.Length > 0)
        {
            // O9: only a pair proved bit-identical, for these arguments.
            yield return new Blocker(BlockerKind.NoExactKerasOptimizer) { Name = construction.Kind, Code = why, Line = construction.Line };
        }

        foreach (var decay in decays)
        {
            if (!decay.InGraph)
            {
                // O11: eagerly a TF1 decay is computed once, where it is called; a Keras schedule at every update.
                yield return new Blocker(BlockerKind.DecayEvaluatedEagerly) { Line = CodeText.Line(decay.Location) };
            }
            else if (!fed.Contains(decay))
            {
                yield return new Blocker(BlockerKind.DecayNotOptimizersRate) { Line = CodeText.Line(decay.Location) };
            }
        }
    }

    /// <summary>
    /// The TF1 optimizer a decay is the learning rate of, and of nothing else: written as its argument, or stored in a
    /// variable whose one use is that argument. Null when it feeds anything else (O11).
    /// </summary>
    private static OptimizerKey? FeedsOf(RawSite decay, TypeFacts facts)
    {
        if (decay.Feeds is not null || decay.ValueStorage is not { } storage)
        {
            return decay.Feeds;
        }

        var uses = facts.Sites.Where(site => NodeComparer.Instance.Equals(site.Node, storage)).ToList();
        return uses.Count == 1 && !facts.Blockers.Any(blocker => blocker.Node is not null && NodeComparer.Instance.Equals(blocker.Node, storage))
            ? uses[0].Feeds
            : null;
    }

    /// <summary>
    /// <c>GlobalStep(sess, step)</c> is rewritten to the read it makes: <c>(long)sess.Run(step)</c> for a step created in a
    /// graph scope, <c>(long)step.Numpy()</c> for one created eagerly by the program's entry code; any other step's mode
    /// depends on code the analysis does not see.
    /// </summary>
    private static IEnumerable<Blocker> ValueReadBlockers(Unit unit, CancellationToken cancellationToken)
    {
        var reads = unit.Sites.Where(site => site.Kind == SiteKind.GlobalStepValue).ToList();
        if (reads.Count == 0 || unit.Creations.Count != 1 || unit.Creations[0].Library?.Conventions.Graphs is not { } graphs)
        {
            yield break;
        }

        var creation = unit.Creations[0].Location;
        var node = creation.SourceTree?.GetRoot(cancellationToken).FindNode(creation.SourceSpan, getInnermostNodeForTie: true);
        if (node is null || GraphScopes.InGraphMode(node, graphs) || CodeScopes.RunsOnlyFromTheEntryPoint(node))
        {
            yield break;
        }

        foreach (var read in reads)
        {
            yield return new Blocker(BlockerKind.GlobalStepValueNotRewritable)
            {
                Api = read.Api,
                Line = CodeText.Line(read.Location),
                Code = "whether the step lives in a graph depends on the code that calls its creation at line " + CodeText.Line(creation).ToString(System.Globalization.CultureInfo.InvariantCulture),
            };
        }
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

        var library = unit.Library;
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
