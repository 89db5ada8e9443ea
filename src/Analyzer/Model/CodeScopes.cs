using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GlobalStepMigration.Analyzers;

/// <summary>
/// The statements around code that decide what a fix may change, read from syntax the same way by the analysis and
/// the code fixes (docs/design/observables.md): a <c>try</c> with a <c>catch</c> sees the exceptions of the code in its
/// block (O8), and a <c>using</c> of a name or variable scope (or TensorFlow.NET's <c>tf_with</c> of one) names the
/// variables created inside it (O7).
/// </summary>
internal static class CodeScopes
{
    /// <summary>
    /// The innermost <c>try</c> with at least one <c>catch</c> whose block holds <paramref name="node"/>, within its member
    /// (a lambda or local function written inside the try may run there, so the search goes on through them), or null.
    /// </summary>
    public static TryStatementSyntax? TryWithCatchAround(SyntaxNode node)
    {
        var previous = node;
        foreach (var ancestor in node.Ancestors())
        {
            if (ancestor is TryStatementSyntax { Catches.Count: > 0 } statement && statement.Block == previous)
            {
                return statement;
            }

            if (ancestor is MemberDeclarationSyntax and not GlobalStatementSyntax)
            {
                return null;
            }

            previous = ancestor;
        }

        return null;
    }

    /// <summary>
    /// The name or variable scope opened around <paramref name="node"/> in its own function: a <c>using</c> statement, or
    /// an earlier <c>using var</c> declaration of an enclosing block, whose value is a call of one of
    /// <paramref name="scopeMembers"/> (<c>Tf.NameScope("ns")</c>, <c>Tf.Compat.V1.VariableScope("vs")</c>); null when none.
    /// </summary>
    public static SyntaxNode? NameScopeAround(SyntaxNode node, ImmutableHashSet<string> scopeMembers)
    {
        foreach (var ancestor in node.AncestorsAndSelf())
        {
            if (ancestor is UsingStatementSyntax statement && IsNameScope(statement, scopeMembers))
            {
                return statement;
            }

            if (ancestor is StatementSyntax current && current.Parent is BlockSyntax block)
            {
                foreach (var earlier in block.Statements.TakeWhile(s => s != current))
                {
                    if (earlier is LocalDeclarationStatementSyntax { UsingKeyword.RawKind: (int)SyntaxKind.UsingKeyword } declaration
                        && declaration.Declaration.Variables.Any(v => CallsOneOf(v.Initializer?.Value, scopeMembers)))
                    {
                        return declaration;
                    }
                }
            }

            if (ancestor is AnonymousFunctionExpressionSyntax { Parent: ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax call } } }
                && IsScopedCall(call, scopeMembers))
            {
                return call;
            }

            if (ancestor is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax || ancestor is MemberDeclarationSyntax and not GlobalStatementSyntax)
            {
                return null;
            }
        }

        return null;
    }

    /// <summary>Whether a using statement opens a name or variable scope (its expression or declaration calls one of <paramref name="scopeMembers"/>).</summary>
    public static bool IsNameScope(UsingStatementSyntax statement, ImmutableHashSet<string> scopeMembers) =>
        CallsOneOf(statement.Expression, scopeMembers) || (statement.Declaration?.Variables.Any(v => CallsOneOf(v.Initializer?.Value, scopeMembers)) ?? false);

    /// <summary>
    /// Whether <paramref name="node"/> is in top-level statements or a static <c>Main</c>, outside lambdas and local
    /// functions: code that runs once, when the program starts, and that no other code calls.
    /// </summary>
    public static bool RunsOnlyFromTheEntryPoint(SyntaxNode node)
    {
        foreach (var ancestor in node.Ancestors())
        {
            switch (ancestor)
            {
                case AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax:
                    return false;
                case GlobalStatementSyntax:
                    return true;
                case MethodDeclarationSyntax method:
                    return method.Identifier.ValueText == "Main" && method.Modifiers.Any(modifier => modifier.IsKind(SyntaxKind.StaticKeyword));
                case MemberDeclarationSyntax:
                    return false;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether <paramref name="node"/> opens a name or variable scope: a <c>using</c> statement or <c>using var</c>
    /// declaration of one of <paramref name="scopeMembers"/>, or a scoped call (<see cref="IsScopedCall"/>).
    /// </summary>
    public static bool OpensNameScope(SyntaxNode node, ImmutableHashSet<string> scopeMembers) => node switch
    {
        UsingStatementSyntax statement => IsNameScope(statement, scopeMembers),
        LocalDeclarationStatementSyntax { UsingKeyword.RawKind: (int)SyntaxKind.UsingKeyword } declaration => declaration.Declaration.Variables.Any(v => CallsOneOf(v.Initializer?.Value, scopeMembers)),
        InvocationExpressionSyntax call => IsScopedCall(call, scopeMembers),
        _ => false,
    };

    /// <summary>
    /// Whether a call runs a lambda inside a scope it is given: TensorFlow.NET's <c>tf_with(tf.name_scope("ns"), ns =&gt; ...)</c>
    /// (its first argument calls one of <paramref name="scopeMembers"/>, a later one is a lambda).
    /// </summary>
    public static bool IsScopedCall(InvocationExpressionSyntax call, ImmutableHashSet<string> scopeMembers) =>
        call.ArgumentList.Arguments.Count >= 2
        && CallsOneOf(call.ArgumentList.Arguments[0].Expression, scopeMembers)
        && call.ArgumentList.Arguments.Skip(1).Any(argument => argument.Expression is AnonymousFunctionExpressionSyntax);

    /// <summary>
    /// The statements that run inside a scope: a using statement's body, what follows a using declaration in its block, or
    /// the lambdas a scoped call runs (<see cref="IsScopedCall"/>).
    /// </summary>
    public static IEnumerable<SyntaxNode> BodyOf(SyntaxNode scope) => scope switch
    {
        UsingStatementSyntax statement => new SyntaxNode[] { statement.Statement },
        InvocationExpressionSyntax call => call.ArgumentList.Arguments.Skip(1).Select(argument => argument.Expression)
            .OfType<AnonymousFunctionExpressionSyntax>().Select(lambda => (SyntaxNode)lambda.Body),
        TryStatementSyntax attempt => new SyntaxNode[] { attempt.Block },
        StatementSyntax declaration when declaration.Parent is BlockSyntax block => block.Statements.SkipWhile(s => s != declaration).Skip(1),
        _ => Enumerable.Empty<SyntaxNode>(),
    };

    private static bool CallsOneOf(ExpressionSyntax? expression, ImmutableHashSet<string> members) =>
        expression is InvocationExpressionSyntax invocation
        && (invocation.Expression switch
        {
            MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
            SimpleNameSyntax simple => simple.Identifier.ValueText,
            _ => null,
        }) is { } called
        && members.Contains(called);
}
