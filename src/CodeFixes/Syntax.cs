using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;

namespace GlobalStepMigration.CodeFixes;

/// <summary>Syntax helpers shared by the fixes.</summary>
internal static class Syntax
{
    /// <summary>Parses an expression written with fully qualified names and marks it for simplification and using directives.</summary>
    /// <remarks>
    /// Only the names written here with <c>global::</c> are marked (member accesses, and qualified type names such
    /// as <c>global::Tensorflow.ITensorOrOperation</c>): arguments copied from the user's code keep their spelling.
    /// </remarks>
    public static ExpressionSyntax Qualified(string text)
    {
        var expression = SyntaxFactory.ParseExpression(text);
        var names = expression.DescendantNodesAndSelf()
            .OfType<ExpressionSyntax>()
            .Where(node => node is MemberAccessExpressionSyntax or AliasQualifiedNameSyntax or QualifiedNameSyntax
                && node.ToString().StartsWith("global::", System.StringComparison.Ordinal)
                && !(node.Parent is MemberAccessExpressionSyntax parent && parent.Expression == node)
                && !(node.Parent is QualifiedNameSyntax qualified && qualified.Left == node));
        return expression
            .ReplaceNodes(names, (_, rewritten) => rewritten.WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation))
            .WithAdditionalAnnotations(Formatter.Annotation);
    }

    /// <summary>The expression of a site: the outermost expression with exactly the site's span.</summary>
    public static ExpressionSyntax? FindExpression(SyntaxNode root, Location location)
    {
        if (!location.IsInSource || location.SourceSpan.End > root.FullSpan.End)
        {
            return null;
        }

        var node = root.FindNode(location.SourceSpan, getInnermostNodeForTie: true);
        while (node.Parent is ExpressionSyntax parent && parent.Span == location.SourceSpan)
        {
            node = parent;
        }

        return node as ExpressionSyntax;
    }

    /// <summary>Skips parentheses, casts and the null-forgiving operator upwards.</summary>
    public static ExpressionSyntax OutermostWrapper(ExpressionSyntax expression)
    {
        var current = expression;
        while (current.Parent is ParenthesizedExpressionSyntax or CastExpressionSyntax
               || current.Parent is PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.SuppressNullableWarningExpression })
        {
            current = (ExpressionSyntax)current.Parent;
        }

        return current;
    }

    /// <summary>Removes the null-forgiving operator and parentheses.</summary>
    public static ExpressionSyntax StripWrappers(ExpressionSyntax expression) => expression switch
    {
        PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.SuppressNullableWarningExpression } postfix => StripWrappers(postfix.Operand),
        ParenthesizedExpressionSyntax parenthesized => StripWrappers(parenthesized.Expression),
        _ => expression,
    };

    /// <summary>The argument list without the argument at <paramref name="index"/>; positional arguments after it get their parameter's name (unless the target's parameters shift with them), and names can be mapped.</summary>
    public static ArgumentListSyntax RemoveArgument(ArgumentListSyntax list, int index, IMethodSymbol method, System.Func<string, string>? rename = null, bool nameFollowing = true)
    {
        var arguments = list.Arguments;
        for (var i = 0; i < arguments.Count; i++)
        {
            var argument = arguments[i];
            var name = argument.NameColon?.Name.Identifier.ValueText
                ?? (i < method.Parameters.Length ? method.Parameters[i].Name : null);
            if (name is null || i == index)
            {
                continue;
            }

            var newName = rename?.Invoke(name) ?? name;
            if (argument.NameColon is not null ? newName != name : nameFollowing && i > index)
            {
                var nameColon = SyntaxFactory.NameColon(SyntaxFactory.IdentifierName(newName))
                    .WithTrailingTrivia(SyntaxFactory.Space)
                    .WithLeadingTrivia(argument.GetLeadingTrivia());
                arguments = arguments.Replace(arguments[i], argument.WithNameColon(nameColon).WithExpression(argument.Expression.WithoutLeadingTrivia()));
            }
        }

        return list.WithArguments(arguments.RemoveAt(index));
    }
}
