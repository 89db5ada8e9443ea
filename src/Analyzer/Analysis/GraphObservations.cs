using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace GlobalStepMigration.Analyzers;

/// <summary>
/// Code of a type that observes its graphs' structure (O6: a collection, the list of ops, a name) or writes checkpoints
/// (O12). Like a GSM004 site, such code may see any unit of its type, so each records a blocker of every unit of the type,
/// ruling out the fixes the model says (<see cref="Observables.CollectionRead"/>, <see cref="Observables.NameLookup"/>).
/// </summary>
internal static class GraphObservations
{
    /// <summary>A graph introspection (<c>GetOperations()</c>, <c>GlobalVariables()</c>) or a checkpoint (<c>Saver</c>, <c>Checkpoint</c>).</summary>
    public static void Analyze(TypeAnalysis analysis, IOperation call, ApiEntry entry)
    {
        var line = OperationFacts.Line(call);
        if (entry.Kind == ApiKind.Checkpointing)
        {
            analysis.AddBlocker(null, new Blocker(BlockerKind.CheckpointObserved) { Api = entry.DisplayName, Line = line });
            return;
        }

        var kind = entry.CollectionKey is { } key ? Observables.CollectionRead(key) : BlockerKind.TrainStructureObserved;
        if (kind is { } observed)
        {
            analysis.AddBlocker(null, new Blocker(observed)
            {
                Api = entry.MemberName,
                Line = line,
                Code = entry.CollectionKey is { } read ? "collection '" + read + "'" : "the graph's structure",
            });
        }
    }

    /// <summary>A collection read by a key other than GLOBAL_STEP (GSM004 has that one): null when its key is not a constant.</summary>
    public static void CollectionRead(TypeAnalysis analysis, IInvocationOperation invocation, ApiEntry entry, string? key)
    {
        if (entry.MemberName.StartsWith("add", StringComparison.OrdinalIgnoreCase) || Observables.CollectionRead(key) is not { } kind)
        {
            // A write adds to a collection: it observes nothing.
            return;
        }

        analysis.AddBlocker(null, new Blocker(kind)
        {
            Api = entry.MemberName,
            Line = OperationFacts.Line(invocation),
            Code = key is null ? "a collection whose key is not a constant" : "collection '" + key + "'",
        });
    }

    /// <summary>A lookup by a name other than the step's (classified at the type's end, when its optimizers' names are known).</summary>
    public static void NameLookup(TypeAnalysis analysis, IInvocationOperation invocation, ApiEntry entry, LegacyLibrary library, string? name) =>
        analysis.AddNameLookup(new NameLookupFact(entry.MemberName, OperationFacts.Line(invocation), name, library));

    /// <summary>The blockers of a type's lookups by name, now that the names its optimizers give their scopes are known.</summary>
    public static System.Collections.Generic.IEnumerable<Blocker> NameLookupBlockers(TypeFacts facts)
    {
        foreach (var lookup in facts.Optimizers.NameLookups)
        {
            var names = lookup.Library.Conventions.OptimizerNames;
            foreach (var construction in facts.Optimizers.Constructions)
            {
                if (construction.Name is { } given)
                {
                    names = names.Add(given);
                }
            }

            foreach (var site in facts.Sites)
            {
                if (site.UpdateName is { Length: > 0 } scope)
                {
                    names = names.Add(scope);
                }
            }

            if (Observables.NameLookup(lookup.Name, lookup.Library.GlobalStepName, names) is { } kind)
            {
                yield return new Blocker(kind)
                {
                    Api = lookup.Api,
                    Line = lookup.Line,
                    Code = lookup.Name is null ? "a name that is not a constant" : "'" + lookup.Name + "' by name",
                };
            }
        }
    }
}
