using System.Collections.Generic;
using System.Linq;
using System.Threading;
using GlobalStepMigration.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;

namespace GlobalStepMigration.CodeFixes;

/// <summary>
/// Fix A for a step kept in a private field, created in one method (<c>_step = GetOrCreateGlobalStep();
/// Build();</c>) and incremented by an optimizer declared in another (<c>void Build() { var opt = ...;
/// ... opt.Minimize(loss, _step, vars); }</c>): the creation moves to the optimizer
/// (<c>var opt = SGD(...); _step = opt.Iterations;</c>). The field then holds the step from the
/// optimizer's construction on instead of from the creation, so this is offered only when nothing can
/// read the field, or find the step, in between: the optimizer's method is private, called once,
/// from the creation's block right after it, and neither the statements between the creation and
/// that call nor those before the optimizer's declaration touch the field, call code of this
/// program, or open a graph scope. The optimizer's method runs in the creation's graph scope then,
/// so the counter is created in the same graph.
/// </summary>
internal static class FieldStepAcrossMethods
{
    public static bool TryMoveCreation(
        UnitContext context,
        LocalDeclarationStatementSyntax declaration,
        LocalDeclarationStatementSyntax newDeclaration,
        StatementSyntax creationStatement,
        ExpressionSyntax iterations,
        List<NodeEdit> edits,
        CancellationToken cancellationToken)
    {
        var creation = context.Creation!;
        var model = creation.Model;
        if (context.Storage is not IFieldSymbol field
            || declaration.SyntaxTree != creationStatement.SyntaxTree
            || creationStatement is not ExpressionStatementSyntax { Expression: AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.SimpleAssignmentExpression } assignment }
            || assignment.Right != Syntax.OutermostWrapper(creation.Expression)
            || creationStatement.Parent is not BlockSyntax creationBlock
            || declaration.Parent is not BlockSyntax { Parent: MethodDeclarationSyntax methodSyntax } body
            || model.GetDeclaredSymbol(methodSyntax, cancellationToken) is not IMethodSymbol method
            || method.MethodKind != MethodKind.Ordinary
            || method.DeclaredAccessibility != Accessibility.Private
            || method.IsAsync
            || !SymbolEqualityComparer.Default.Equals(method.ContainingType, field.ContainingType)
            || body.DescendantNodes().OfType<YieldStatementSyntax>().Any()
            || GraphScopes.InGraphMode(declaration, context.Library.Conventions.Graphs!)
            || !RunsOnceInItsMember(creationStatement))
        {
            return false;
        }

        // The one call of the optimizer's method: a statement of the creation's block, after the creation.
        var call = SingleCallStatement(method, model, cancellationToken);
        var creationIndex = creationBlock.Statements.IndexOf(creationStatement);
        var callIndex = call is null || call.Parent != creationBlock ? -1 : creationBlock.Statements.IndexOf(call);
        var bodyIndex = body.Statements.IndexOf(declaration);
        if (callIndex <= creationIndex || bodyIndex + 1 >= body.Statements.Count)
        {
            return false;
        }

        // What runs between the creation and the optimizer's construction, the call's arguments and the construction included.
        var between = creationBlock.Statements.Skip(creationIndex + 1).Take(callIndex - creationIndex - 1)
            .Concat(body.Statements.Take(bodyIndex + 1))
            .Cast<SyntaxNode>()
            .Append(((InvocationExpressionSyntax)call!.Expression).ArgumentList)
            .ToList();
        if (between.Any(node => MayTouchTheStep(node, context, field, model, cancellationToken)))
        {
            return false;
        }

        var step = assignment.Left.WithoutTrivia();
        var assign = SyntaxFactory.ExpressionStatement(SyntaxFactory.AssignmentExpression(SyntaxKind.SimpleAssignmentExpression, step, iterations))
            .WithLeadingTrivia(declaration.GetLeadingTrivia().Where(trivia => trivia.IsKind(SyntaxKind.WhitespaceTrivia)))
            .WithTrailingTrivia(declaration.GetTrailingTrivia())
            .WithAdditionalAnnotations(Formatter.Annotation);
        var document = creation.Document.Id;
        edits.Add(new NodeEdit(document, declaration, current => newDeclaration.WithTriviaFrom(current)));
        edits.Add(new NodeEdit(document, body.Statements[bodyIndex + 1], null, insertBefore: assign));
        edits.Add(new NodeEdit(document, creationStatement, null));
        return true;
    }

    /// <summary>The statement is not in a loop, a lambda or a local function of its member.</summary>
    private static bool RunsOnceInItsMember(StatementSyntax statement)
    {
        foreach (var ancestor in statement.Ancestors())
        {
            switch (ancestor)
            {
                case ForStatementSyntax or ForEachStatementSyntax or WhileStatementSyntax or DoStatementSyntax
                    or AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax:
                    return false;
                case BaseMethodDeclarationSyntax:
                    return true;
            }
        }

        return false;
    }

    /// <summary>The statement <c>M();</c> (or <c>this.M();</c>) when it is the only reference to <paramref name="method"/> in its type.</summary>
    private static ExpressionStatementSyntax? SingleCallStatement(IMethodSymbol method, SemanticModel model, CancellationToken cancellationToken)
    {
        var references = new List<SimpleNameSyntax>();
        foreach (var declaration in method.ContainingType.DeclaringSyntaxReferences)
        {
            if (declaration.SyntaxTree != model.SyntaxTree)
            {
                // A partial type in another file: its calls are not checked here.
                return null;
            }

            references.AddRange(declaration.GetSyntax(cancellationToken).DescendantNodes().OfType<SimpleNameSyntax>()
                .Where(name => name.Identifier.ValueText == method.Name
                    && model.GetSymbolInfo(name, cancellationToken) is var info
                    && (SymbolEqualityComparer.Default.Equals(info.Symbol?.OriginalDefinition, method)
                        || info.CandidateSymbols.Any(candidate => SymbolEqualityComparer.Default.Equals(candidate.OriginalDefinition, method)))));
        }

        if (references.Count != 1)
        {
            return null;
        }

        ExpressionSyntax invoked = references[0].Parent is MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } access && access.Name == references[0]
            ? access
            : references[0];
        return invoked.Parent is InvocationExpressionSyntax invocation && invocation.Expression == invoked
            ? invocation.Parent as ExpressionStatementSyntax
            : null;
    }

    /// <summary>
    /// Whether code may read the field or find the step: a reference to the field, a site of the unit,
    /// a member of this program other than another field (it may read the field), or a graph scope.
    /// </summary>
    private static bool MayTouchTheStep(SyntaxNode node, UnitContext context, IFieldSymbol field, SemanticModel model, CancellationToken cancellationToken)
    {
        if (context.Sites.Any(site => site.Kind != SiteKind.Creation && node.Span.Contains(site.Expression.Span) && site.Document.Id == context.Creation!.Document.Id))
        {
            return true;
        }

        foreach (var descendant in node.DescendantNodesAndSelf())
        {
            if (descendant is LocalDeclarationStatementSyntax { UsingKeyword.RawKind: (int)SyntaxKind.UsingKeyword })
            {
                return true;
            }

            if (descendant is not (SimpleNameSyntax or ObjectCreationExpressionSyntax or ImplicitObjectCreationExpressionSyntax))
            {
                continue;
            }

            var symbol = model.GetSymbolInfo(descendant, cancellationToken).Symbol;
            if (SymbolEqualityComparer.Default.Equals(symbol, field))
            {
                return true;
            }

            if (symbol is IMethodSymbol or IPropertySymbol or IEventSymbol && symbol.Locations.Any(location => location.IsInSource))
            {
                return true;
            }
        }

        return false;
    }
}
