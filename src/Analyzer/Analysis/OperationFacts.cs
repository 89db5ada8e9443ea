using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace GlobalStepMigration.Analyzers;

/// <summary>Small facts about operations that every matcher asks: what an expression reads, which argument a parameter got, where a line is.</summary>
internal static class OperationFacts
{
    public static (IOperation Child, IOperation? Parent) SkipConversionsUp(IOperation operation)
    {
        var child = operation;
        var parent = operation.Parent;
        while (parent is IConversionOperation or IParenthesizedOperation)
        {
            child = parent;
            parent = parent.Parent;
        }

        return (child, parent);
    }

    public static IOperation Unwrap(IOperation operation)
    {
        var current = operation;
        while (true)
        {
            switch (current)
            {
                case IConversionOperation conversion:
                    current = conversion.Operand;
                    break;
                case IParenthesizedOperation parenthesized:
                    current = parenthesized.Operand;
                    break;
                default:
                    return current;
            }
        }
    }

    /// <summary>The local, field, parameter or property an expression reads, if it is that simple.</summary>
    public static ISymbol? SymbolOf(IOperation? operation) =>
        operation is null
            ? null
            : Unwrap(operation) switch
            {
                ILocalReferenceOperation local => local.Local,
                IFieldReferenceOperation field => field.Field,
                IParameterReferenceOperation parameter => parameter.Parameter,
                IPropertyReferenceOperation property => property.Property,
                _ => null,
            };

    public static int Line(IOperation operation) => Line(operation.Syntax.GetLocation());

    public static int Line(Location location) => CodeText.Line(location);

    public static string Describe(SyntaxNode? syntax) => CodeText.Quote(syntax);

    /// <summary>The argument of a call or constructor for a parameter, by name.</summary>
    public static IArgumentOperation? FindArgument(IOperation call, string? parameterName)
    {
        if (parameterName is null)
        {
            return null;
        }

        var arguments = call switch
        {
            IInvocationOperation invocation => invocation.Arguments,
            IObjectCreationOperation creation => creation.Arguments,
            _ => ImmutableArray<IArgumentOperation>.Empty,
        };

        foreach (var argument in arguments)
        {
            if (argument.Parameter?.Name == parameterName)
            {
                return argument;
            }
        }

        return null;
    }

    public static bool IsNullOrDefault(IArgumentOperation? argument) =>
        argument is null
        || argument.ArgumentKind == ArgumentKind.DefaultValue
        || (Unwrap(argument.Value) is var value && value.ConstantValue.HasValue && value.ConstantValue.Value is null)
        || Unwrap(argument.Value) is IDefaultValueOperation;

    public static Location ValueLocation(IArgumentOperation argument) =>
        argument.Syntax is Microsoft.CodeAnalysis.CSharp.Syntax.ArgumentSyntax syntax
            ? syntax.Expression.GetLocation()
            : argument.Value.Syntax.GetLocation();
}
