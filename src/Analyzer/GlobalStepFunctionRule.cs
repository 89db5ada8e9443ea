using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace GlobalStepMigration.Analyzers;

/// <summary>GSM001: calls to GetGlobalStep, GetOrCreateGlobalStep and CreateGlobalStep, and hand-made step creations.</summary>
internal sealed partial class UnitCollector
{
    private void AnalyzeGlobalStepFunction(IInvocationOperation invocation, ApiEntry entry)
    {
        var graph = GraphKeyOf(FindArgument(invocation, entry.ParameterName), entry.Library);
        var kind = entry.Kind == ApiKind.GetGlobalStep ? SiteKind.Lookup : SiteKind.Creation;
        var site = new RawSite(kind, invocation.Syntax.GetLocation(), entry.MemberName, Descriptors.GlobalStepFunctionCall, graph)
        {
            Graph = graph,
            DType = "int64",
            Library = entry.Library,
        };

        var storage = StorageOf(invocation);
        if (storage is not null)
        {
            site.LinkedNodes.Add(storage);
        }

        AddSite(site);
        if (storage is null)
        {
            AddUse(invocation, graph);
        }
    }

    /// <summary>A <c>Tf.Variable(...)</c> or <c>GetVariable(...)</c> stored somewhere: the creation of a hand-made step, if it turns out to be one.</summary>
    private void AnalyzeVariableFactory(IOperation invocation, ApiEntry entry, ResolvedLibrary library)
    {
        var storage = StorageOf(invocation);
        if (storage is null)
        {
            return;
        }

        var site = new RawSite(SiteKind.Creation, invocation.Syntax.GetLocation(), entry.MemberName, null, storage)
        {
            HandMade = true,
            DType = DTypeOf(invocation, library.Library.Conventions),
            Library = library.Library,
        };

        if (FindArgument(invocation, entry.ParameterName) is { } name
            && Unwrap(name.Value).ConstantValue is { HasValue: true, Value: string value }
            && value == library.Library.GlobalStepName)
        {
            // Found by GetGlobalStep's by-name fallback (global_step:0) in graph mode: the same step.
            site.LinkedNodes.Add(GraphKey.DefaultOf(library.Library));
        }

        AddSite(site);
    }

    private GraphKey GraphKeyOf(IArgumentOperation? argument, LegacyLibrary? library)
    {
        if (IsNullOrDefault(argument))
        {
            return GraphKey.DefaultOf(library);
        }

        if (SymbolOf(argument!.Value) is { } symbol)
        {
            return GraphKey.Of(symbol);
        }

        var key = GraphKey.Unknown(argument.Syntax.ToString());
        AddBlocker(key, new Blocker(BlockerKind.GraphArgumentNotVariable) { Code = Describe(argument.Value.Syntax), Line = Line(argument) });
        return key;
    }

    private static ISymbol? StorageOf(IOperation operation)
    {
        var (child, parent) = SkipConversionsUp(operation);
        return parent switch
        {
            IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator } => declarator.Symbol,
            IFieldInitializerOperation field when field.InitializedFields.Length == 1 => field.InitializedFields[0],
            IPropertyInitializerOperation property when property.InitializedProperties.Length == 1 => property.InitializedProperties[0],
            ISimpleAssignmentOperation assignment when assignment.Value == child => SymbolOf(assignment.Target),
            _ => null,
        };
    }

    private static string DTypeOf(IOperation invocation, LibraryConventions conventions)
    {
        var dtype = FindArgument(invocation, conventions.DTypeParameterName);
        if (!IsNullOrDefault(dtype) && SymbolOf(dtype!.Value) is IFieldSymbol member)
        {
            if (member.ContainingType.TypeKind == TypeKind.Enum)
            {
                // DType.Int64, TF_DataType.TF_INT64
                var name = member.Name;
                if (conventions.DTypeMemberPrefix is { } prefix && name.StartsWith(prefix, System.StringComparison.Ordinal))
                {
                    name = name.Substring(prefix.Length);
                }

                return name.ToLowerInvariant();
            }

            if (member.Type.TypeKind == TypeKind.Enum
                && conventions.DTypeShorthandTypeMetadataName is { } shorthands
                && member.ContainingType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) == "global::" + shorthands.Replace('+', '.'))
            {
                // tf.int64
                return member.Name.ToLowerInvariant();
            }
        }

        IArgumentOperation? initial = null;
        foreach (var parameterName in conventions.InitialValueParameterNames)
        {
            initial ??= FindArgument(invocation, parameterName);
        }

        if (initial is null || initial.ArgumentKind == ArgumentKind.DefaultValue)
        {
            return "unknown";
        }

        return Unwrap(initial.Value).Type?.SpecialType switch
        {
            SpecialType.System_Int32 => "int32",
            SpecialType.System_Int64 => "int64",
            SpecialType.System_Single => "float32",
            SpecialType.System_Double => "float",
            _ => "unknown",
        };
    }
}
