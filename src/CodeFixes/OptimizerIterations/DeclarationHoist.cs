using System.Collections.Generic;
using System.Linq;
using System.Threading;
using GlobalStepMigration.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GlobalStepMigration.CodeFixes;

/// <summary>
/// Fix A makes the step's storage read <c>optimizer.Iterations</c> where the step was created, so the
/// optimizer must be declared before the creation: in the same block, its declaration moves up to the
/// creation's place unless something it uses is declared in between; for a field step created in another
/// method, the creation moves after the optimizer instead (<see cref="FieldStepAcrossMethods"/>).
/// </summary>
internal static class DeclarationHoist
{
    /// <summary>Adds the edits that put the optimizer's (new) declaration before the creation and the creation's read of Iterations; the blocker when it cannot.</summary>
    public static Blocker? Place(UnitContext context, OptimizerPlan plan, List<NodeEdit> edits, CancellationToken cancellationToken)
    {
        var creation = context.Creation!;
        var creationStatement = creation.Expression.FirstAncestorOrSelf<StatementSyntax>();
        var cannotMove = new Blocker(BlockerKind.DeclarationCannotMove) { Name = plan.Name, Line = CodeText.Line(creation.Expression) };
        var graphs = context.Library.Conventions.Graphs!;
        if (creationStatement is null || (plan.Declaration ?? plan.IntroducedFor)!.SyntaxTree != creationStatement.SyntaxTree)
        {
            return cannotMove;
        }

        var iterations = SyntaxFactory.MemberAccessExpression(
            SyntaxKind.SimpleMemberAccessExpression,
            SyntaxFactory.IdentifierName(plan.Name),
            SyntaxFactory.IdentifierName("Iterations"));
        var statements = Statements.Siblings(creationStatement);
        var creationIndex = statements.IndexOf(creationStatement);
        if (plan.Declaration is null)
        {
            // An optimizer made in the update: declared where the step is created, it must be in scope at the update and
            // made in the same graph, once (O7).
            return IntroduceLocal(context, plan, statements, creationStatement, iterations, edits, cancellationToken) ? null : cannotMove;
        }

        var declarationIndex = statements.IndexOf(plan.Declaration);
        if (creationIndex >= 0 && declarationIndex < 0)
        {
            // A field step created in one method and incremented by an optimizer of another.
            return FieldStepAcrossMethods.TryMoveCreation(context, plan.Declaration, plan.NewDeclaration, creationStatement, iterations, edits, cancellationToken)
                ? null
                : cannotMove;
        }

        if (creationIndex < 0 || declarationIndex < 0)
        {
            return cannotMove;
        }

        var creationNode = creation.Expression;
        if (declarationIndex <= creationIndex)
        {
            if (!SameGraphScope(plan.Declaration, creation.Expression, graphs))
            {
                // The Keras optimizer creates Iterations where it is constructed: in the creation's graph only (O7).
                return cannotMove;
            }

            var newDeclaration = plan.NewDeclaration;
            edits.Add(new NodeEdit(creation.Document.Id, plan.Declaration, current => newDeclaration.WithTriviaFrom(current)));
            edits.Add(new NodeEdit(creation.Document.Id, creationNode, current => iterations.WithTriviaFrom(current)));
            return null;
        }

        // Move the declaration up, unless what it uses is declared between the two statements.
        if (UsesSomethingDeclaredBetween(plan, statements, creationIndex, declarationIndex, creation.Model, cancellationToken))
        {
            return cannotMove;
        }

        // The moved declaration takes the creation's place in the layout (its blank lines, indentation).
        var creationTrivia = creationStatement.GetLeadingTrivia();
        var declarationTrivia = plan.Declaration.GetLeadingTrivia();
        var moved = plan.NewDeclaration.WithLeadingTrivia(creationTrivia);
        edits.Add(new NodeEdit(creation.Document.Id, creationNode, current => iterations.WithTriviaFrom(current)));
        edits.Add(new NodeEdit(
            creation.Document.Id,
            Statements.WrapperOf(creationStatement),
            current => current.WithLeadingTrivia(declarationTrivia),
            insertBefore: Statements.WrapLike(creationStatement, moved)));
        edits.Add(new NodeEdit(creation.Document.Id, Statements.WrapperOf(plan.Declaration), null));
        return null;
    }

    /// <summary>Declares the optimizer that was made in the update at the step's creation, when the update runs once after it in the same graph scope.</summary>
    private static bool IntroduceLocal(UnitContext context, OptimizerPlan plan, List<StatementSyntax> statements, StatementSyntax creationStatement, ExpressionSyntax iterations, List<NodeEdit> edits, CancellationToken cancellationToken)
    {
        var creation = context.Creation!;
        var call = plan.IntroducedFor!;
        var creationIndex = statements.IndexOf(creationStatement);
        var holder = statements.Skip(creationIndex + 1).FirstOrDefault(statement => statement.Span.Contains(call.Span));
        if (creationIndex < 0 || holder is null
            || call.Ancestors().TakeWhile(node => node != holder).Any(node => node is ForStatementSyntax or ForEachStatementSyntax or WhileStatementSyntax or DoStatementSyntax
                or AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)
            || !SameGraphScope(call, creation.Expression, context.Library.Conventions.Graphs!)
            || UsesSomethingDeclaredBetween(plan, statements, creationIndex, statements.IndexOf(holder) + 1, creation.Model, cancellationToken))
        {
            return false;
        }

        edits.Add(new NodeEdit(creation.Document.Id, creation.Expression, current => iterations.WithTriviaFrom(current)));
        edits.Add(new NodeEdit(
            creation.Document.Id,
            Statements.WrapperOf(creationStatement),
            current => current,
            insertBefore: Statements.WrapLike(creationStatement, plan.NewDeclaration.WithLeadingTrivia(creationStatement.GetLeadingTrivia()))));
        return true;
    }

    /// <summary>Whether two nodes run with the same default graph: the same innermost graph scope of their function, or none.</summary>
    private static bool SameGraphScope(SyntaxNode a, SyntaxNode b, GraphConventions graphs)
    {
        var first = GraphScopes.Innermost(a, graphs);
        var second = GraphScopes.Innermost(b, graphs);
        return first is null
            ? second is null
            : second is not null && first.Statement == second.Statement && first.Graph.ToString() == second.Graph.ToString();
    }

    private static bool UsesSomethingDeclaredBetween(OptimizerPlan plan, List<StatementSyntax> statements, int creationIndex, int declarationIndex, SemanticModel model, CancellationToken cancellationToken)
    {
        var declaredBetween = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        for (var i = creationIndex; i < declarationIndex; i++)
        {
            foreach (var declarator in statements[i].DescendantNodesAndSelf().OfType<VariableDeclaratorSyntax>())
            {
                if (model.GetDeclaredSymbol(declarator, cancellationToken) is { } local)
                {
                    declaredBetween.Add(local);
                }
            }

            foreach (var designation in statements[i].DescendantNodesAndSelf().OfType<SingleVariableDesignationSyntax>())
            {
                if (model.GetDeclaredSymbol(designation, cancellationToken) is { } local)
                {
                    declaredBetween.Add(local);
                }
            }
        }

        // By name: the new declaration is partly new syntax, not bound to the model.
        var declaredNames = new HashSet<string>(declaredBetween.Select(symbol => symbol.Name), System.StringComparer.Ordinal);
        var initializer = plan.NewDeclaration.Declaration.Variables[0].Initializer!.Value;
        return initializer.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>().Any(name => declaredNames.Contains(name.Identifier.ValueText));
    }
}
