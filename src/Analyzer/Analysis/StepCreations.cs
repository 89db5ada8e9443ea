using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace GlobalStepMigration.Analyzers;

/// <summary>
/// Creations of a step that no rule reports: a hand-made variable (<c>Tf.Variable(0, trainable: false, name:
/// "global_step")</c>, a variable constructor) stored somewhere, which becomes a unit's creation when the stored
/// value reaches an optimizer or a decay; and where any creation is stored, and with which dtype.
/// </summary>
internal static class StepCreations
{
    /// <summary>A <c>Tf.Variable(...)</c> or <c>GetVariable(...)</c> stored somewhere: the creation of a hand-made step, if it turns out to be one.</summary>
    public static void AnalyzeVariableFactory(TypeAnalysis analysis, IOperation invocation, ApiEntry entry, ResolvedLibrary library)
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

        if (OperationFacts.FindArgument(invocation, entry.ParameterName) is { } name
            && OperationFacts.Unwrap(name.Value).ConstantValue is { HasValue: true, Value: string value }
            && value == library.Library.GlobalStepName)
        {
            // Found by GetGlobalStep's by-name fallback (global_step:0) in graph mode: the same step.
            site.LinkedNodes.Add(GraphKey.DefaultOf(library.Library));
        }

        analysis.AddSite(site);

        // Fix A's Iterations starts at 0 and is not trainable (O2): a hand-made step must be created the same.
        var conventions = library.Library.Conventions;
        IArgumentOperation? initial = null;
        foreach (var parameterName in conventions.InitialValueParameterNames)
        {
            initial ??= OperationFacts.FindArgument(invocation, parameterName);
        }

        if (initial is null || initial.ArgumentKind == ArgumentKind.DefaultValue || !IsConstantZero(OperationFacts.Unwrap(initial.Value)))
        {
            analysis.AddBlocker(storage, new Blocker(BlockerKind.InitialValueNotZero)
            {
                Line = OperationFacts.Line(invocation),
                Code = initial is null || initial.ArgumentKind == ArgumentKind.DefaultValue ? "a value its initializer gives" : "'" + OperationFacts.Describe(initial.Value.Syntax) + "'",
            });
        }

        var trainable = OperationFacts.FindArgument(invocation, conventions.TrainableParameterName);
        if (conventions.TrainableParameterName is not null
            && (trainable is null || trainable.ArgumentKind == ArgumentKind.DefaultValue || OperationFacts.Unwrap(trainable.Value).ConstantValue is not { HasValue: true, Value: false }))
        {
            analysis.AddBlocker(storage, new Blocker(BlockerKind.StepTrainable) { Line = OperationFacts.Line(invocation) });
        }
    }

    /// <summary>Whether a value is the constant 0 (of any numeric type).</summary>
    private static bool IsConstantZero(IOperation value) =>
        value.ConstantValue is { HasValue: true, Value: { } constant }
        && constant is int or long or short or byte or sbyte or ushort or uint or ulong or double or float or decimal
        && System.Convert.ToDouble(constant, System.Globalization.CultureInfo.InvariantCulture) == 0;

    /// <summary>The local, field or property a creation is stored in (declaration, initializer or assignment), or null.</summary>
    public static ISymbol? StorageOf(IOperation operation)
    {
        var (child, parent) = OperationFacts.SkipConversionsUp(operation);
        return parent switch
        {
            IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator } => declarator.Symbol,
            IFieldInitializerOperation field when field.InitializedFields.Length == 1 => field.InitializedFields[0],
            IPropertyInitializerOperation property when property.InitializedProperties.Length == 1 => property.InitializedProperties[0],
            ISimpleAssignmentOperation assignment when assignment.Value == child => OperationFacts.SymbolOf(assignment.Target),
            _ => null,
        };
    }

    private static string DTypeOf(IOperation invocation, LibraryConventions conventions)
    {
        var dtype = OperationFacts.FindArgument(invocation, conventions.DTypeParameterName);
        if (!OperationFacts.IsNullOrDefault(dtype) && OperationFacts.SymbolOf(dtype!.Value) is IFieldSymbol member)
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
            initial ??= OperationFacts.FindArgument(invocation, parameterName);
        }

        if (initial is null || initial.ArgumentKind == ArgumentKind.DefaultValue)
        {
            return "unknown";
        }

        return OperationFacts.Unwrap(initial.Value).Type?.SpecialType switch
        {
            SpecialType.System_Int32 => "int32",
            SpecialType.System_Int64 => "int64",
            SpecialType.System_Single => "float32",
            SpecialType.System_Double => "float",
            _ => "unknown",
        };
    }
}
