using System;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace GlobalStepMigration.Analyzers;

/// <summary>GSM004: the step found by name or collection, and global-step functions used as method groups.</summary>
internal sealed partial class UnitCollector
{
    /// <summary>The node of sites that belong to no unit (GSM004): they block every unit of the type instead.</summary>
    private static readonly object TypeLevel = new();

    private void AnalyzeLookup(IInvocationOperation invocation, ApiEntry entry, ResolvedLibrary library)
    {
        var argument = FindArgument(invocation, entry.ParameterName);
        if (argument is null)
        {
            return;
        }

        string value;
        if (Unwrap(argument.Value).ConstantValue is { HasValue: true, Value: string constant })
        {
            value = constant;
        }
        else if (entry.Kind == ApiKind.CollectionAccess && library.IsGlobalStepKeyMember(SymbolOf(argument.Value)))
        {
            // tf.GraphKeys.GLOBAL_STEP: a property, not a constant, in TensorFlow.NET.
            value = library.Library.GlobalStepCollectionKey;
        }
        else
        {
            return;
        }

        var name = library.Library.GlobalStepName;
        SiteKind kind;
        if (entry.Kind == ApiKind.NameLookup)
        {
            if (!string.Equals(value, name, StringComparison.Ordinal) && !value.StartsWith(name + ":", StringComparison.Ordinal))
            {
                return;
            }

            kind = SiteKind.NameLookup;
        }
        else
        {
            if (!string.Equals(value, library.Library.GlobalStepCollectionKey, StringComparison.Ordinal))
            {
                return;
            }

            kind = SiteKind.CollectionLookup;
        }

        AddIndirectSite(kind, invocation, entry.MemberName, library.Library);
    }

    public void AnalyzeMethodReference(OperationAnalysisContext context)
    {
        if (!IsOwnOperation(context.ContainingSymbol))
        {
            return;
        }

        var reference = (IMethodReferenceOperation)context.Operation;
        if (_apis.TryFind(reference.Method, out _, out var entry)
            && entry.Kind is ApiKind.GetGlobalStep or ApiKind.CreateGlobalStep or ApiKind.GetOrCreateGlobalStep)
        {
            AddIndirectSite(SiteKind.MethodGroup, reference, entry.MemberName, entry.Library);
        }
    }

    private void AddIndirectSite(SiteKind kind, Microsoft.CodeAnalysis.IOperation operation, string api, LegacyLibrary? library)
    {
        AddSite(new RawSite(kind, operation.Syntax.GetLocation(), api, Descriptors.GlobalStepFoundIndirectly, TypeLevel) { Library = library });
        AddBlocker(null, new Blocker(BlockerKind.FoundIndirectly) { FoundBy = kind, Line = Line(operation), Api = api });
    }

    private static string Guidance(SiteKind kind, LegacyLibrary? library)
    {
        // Where optimizer.Iterations cannot be read (TensorFlow.NET), only the variable can be passed.
        var orOptimizer = library?.Conventions.FixAUnavailable is null ? " (or the optimizer, whose Iterations counts its updates)" : string.Empty;
        return kind switch
        {
            SiteKind.NameLookup => "pass the step's variable" + orOptimizer + " to this code instead of looking it up by name",
            SiteKind.CollectionLookup => "pass the step's variable" + orOptimizer + " to this code instead of going through the collection",
            _ => "call the function directly where its graph is known, or pass the step's variable instead of the function",
        };
    }
}
