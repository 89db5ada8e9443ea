using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace GlobalStepMigration.Analyzers;

/// <summary>
/// GSM004: the step found by name (<c>GetTensorByName("global_step:0")</c>), through the GLOBAL_STEP collection, or
/// a global-step function used as a method group. These sites belong to no unit: each blocks every unit of its type
/// (<see cref="BlockerKind.FoundIndirectly"/>), and its message says what to do by hand. Page: docs/rules/GSM004.md;
/// tests: tests/Analyzer.Tests/GSM004_GlobalStepFoundIndirectlyTests.cs.
/// </summary>
internal static class GSM004_GlobalStepFoundIndirectly
{
    public static readonly DiagnosticDescriptor Descriptor = Descriptors.Create(
        "GSM004",
        "Global step found by name or collection",
        "'{0}' finds the global step {1}; no automatic fix: {2}",
        "Code that finds the global step by name (global_step:0), through the GLOBAL_STEP collection, or through a global-step function passed as a delegate cannot be migrated automatically: pass the step's variable or the optimizer to that code instead.");

    /// <summary>
    /// Records a lookup by name or collection whose constant name or key is the step's (GSM004). Any other lookup or
    /// collection read observes the graph's structure (O6), which the fixes may change: it is recorded as such.
    /// </summary>
    public static void Analyze(TypeAnalysis analysis, IInvocationOperation invocation, ApiEntry entry, ResolvedLibrary library)
    {
        var argument = OperationFacts.FindArgument(invocation, entry.ParameterName);
        if (argument is null)
        {
            return;
        }

        // A name or key that is not known (null) is still an observation of the graph (O6).
        var value = KeyOrName(argument.Value, entry, library);

        var name = library.Library.GlobalStepName;
        SiteKind kind;
        if (entry.Kind == ApiKind.FindByName)
        {
            if (value is null || (!string.Equals(value, name, StringComparison.Ordinal) && !value.StartsWith(name + ":", StringComparison.Ordinal)))
            {
                GraphObservations.NameLookup(analysis, invocation, entry, library.Library, value);
                return;
            }

            kind = SiteKind.FoundByName;
        }
        else
        {
            if (!string.Equals(value, library.Library.GlobalStepCollectionKey, StringComparison.Ordinal))
            {
                GraphObservations.CollectionRead(analysis, invocation, entry, value);
                return;
            }

            kind = SiteKind.FoundInCollection;
        }

        AddSite(analysis, kind, invocation, entry.MemberName, library.Library);
    }

    /// <summary>
    /// The constant name or key an argument spells: a string constant, the library's non-constant GLOBAL_STEP member
    /// (<c>tf.GraphKeys.GLOBAL_STEP</c>), or, for a list of keys (<c>add_to_collections(new List&lt;string&gt; { ... }, v)</c>),
    /// the GLOBAL_STEP key when the list's initializer holds it.
    /// </summary>
    private static string? KeyOrName(IOperation argument, ApiEntry entry, ResolvedLibrary library)
    {
        var unwrapped = OperationFacts.Unwrap(argument);
        if (unwrapped.ConstantValue is { HasValue: true, Value: string constant })
        {
            return constant;
        }

        if (entry.Kind != ApiKind.CollectionAccess)
        {
            return null;
        }

        if (library.IsGlobalStepKeyMember(OperationFacts.SymbolOf(argument)))
        {
            // tf.GraphKeys.GLOBAL_STEP: a property, not a constant, in TensorFlow.NET.
            return library.Library.GlobalStepCollectionKey;
        }

        if (unwrapped is IObjectCreationOperation { Initializer: { } initializer })
        {
            foreach (var element in initializer.Initializers)
            {
                if (element is IInvocationOperation { Arguments.Length: 1 } add
                    && KeyOrName(add.Arguments[0].Value, entry, library) == library.Library.GlobalStepCollectionKey)
                {
                    return library.Library.GlobalStepCollectionKey;
                }
            }
        }

        return null;
    }

    /// <summary>Records a global-step function used as a method group (<c>Func&lt;Graph?, Tensor?&gt; f = Train.GetGlobalStep;</c>).</summary>
    public static void AnalyzeMethodGroup(TypeAnalysis analysis, IMethodReferenceOperation reference, ApiEntry entry) =>
        AddSite(analysis, SiteKind.FoundThroughMethodGroup, reference, entry.MemberName, entry.Library);

    /// <summary>What to do by hand, as the message and <c>NoFixReason</c> say it.</summary>
    public static string Guidance(SiteKind kind, LegacyLibrary? library)
    {
        // Where optimizer.Iterations cannot be read (TensorFlow.NET), only the variable can be passed.
        var orOptimizer = library?.Conventions.FixAUnavailable is null ? " (or the optimizer, whose Iterations counts its updates)" : string.Empty;
        return kind switch
        {
            SiteKind.FoundByName => "pass the step's variable" + orOptimizer + " to this code instead of looking it up by name",
            SiteKind.FoundInCollection => "pass the step's variable" + orOptimizer + " to this code instead of going through the collection",
            _ => "call the function directly where its graph is known, or pass the step's variable instead of the function",
        };
    }

    /// <summary>Records a GSM004 site found elsewhere (<c>GlobalStep(sess, "global_step:0")</c> finds the step by name).</summary>
    public static void AddSite(TypeAnalysis analysis, SiteKind kind, IOperation operation, string api, LegacyLibrary? library)
    {
        analysis.AddSite(new RawSite(kind, operation.Syntax.GetLocation(), api, Descriptor, TypeFacts.TypeLevel) { Library = library });
        analysis.AddBlocker(null, new Blocker(BlockerKind.FoundIndirectly) { FoundBy = kind, Line = OperationFacts.Line(operation), Api = api });
    }
}
