using System.Collections.Generic;
using System.Linq;
using System.Threading;
using GlobalStepMigration.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Operations;

namespace GlobalStepMigration.CodeFixes;

/// <summary>
/// Which optimizer owns the counter after fix A, and how its declaration will read: a TF1 optimizer the
/// step was passed to (translated by <see cref="KerasOptimizers"/>), or, in half-migrated code, the Keras
/// optimizer whose update directly precedes each manual increment (kept as it is).
/// </summary>
internal sealed class OptimizerPlan
{
    private OptimizerPlan(string name, LocalDeclarationStatementSyntax? declaration, LocalDeclarationStatementSyntax newDeclaration, SyntaxNode? introducedFor)
    {
        Name = name;
        Declaration = declaration;
        NewDeclaration = newDeclaration;
        IntroducedFor = introducedFor;
    }

    /// <summary>The optimizer's local variable (introduced by the fix when the optimizer was not stored).</summary>
    public string Name { get; }

    /// <summary>The optimizer's declaration; null when the fix introduces it (<see cref="IntroducedFor"/>).</summary>
    public LocalDeclarationStatementSyntax? Declaration { get; }

    /// <summary>The declaration as it will read (the Keras optimizer for a TF1 one).</summary>
    public LocalDeclarationStatementSyntax NewDeclaration { get; }

    /// <summary>For an optimizer that was not stored: the update call whose receiver it was (the new local must be in scope there).</summary>
    public SyntaxNode? IntroducedFor { get; }

    /// <summary>The plan of a unit: a TF1 optimizer when the step is passed to one, else a Keras optimizer before the increments.</summary>
    public static Outcome<OptimizerPlan> Select(UnitContext context, List<NodeEdit> edits, CancellationToken cancellationToken)
    {
        var optimizerSites = context.OfKind(SiteKind.PassedToOptimizer).ToList();
        return optimizerSites.Count > 0
            ? ForTf1Optimizer(context, optimizerSites, edits, cancellationToken)
            : ForKerasOptimizer(context, edits, cancellationToken);
    }

    /// <summary>
    /// A TF1 optimizer: one local (used only for the unit's updates, which the analysis checked), or a construction
    /// written as the receiver of the unit's one update, which becomes a local the fix declares where the step is created.
    /// </summary>
    private static Outcome<OptimizerPlan> ForTf1Optimizer(UnitContext context, List<BoundSite> sites, List<NodeEdit> edits, CancellationToken cancellationToken)
    {
        ILocalSymbol? optimizer = null;
        ExpressionSyntax? constructed = null;
        var calls = new List<(BoundSite Site, InvocationExpressionSyntax Call, IInvocationOperation Operation)>();
        foreach (var site in sites)
        {
            if (site.Expression.Parent is not ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax call } }
                || call.Expression is not MemberAccessExpressionSyntax access
                || site.Model.GetOperation(call, cancellationToken) is not IInvocationOperation operation
                || !context.IsStorageReference(site, site.Expression, cancellationToken))
            {
                return new Blocker(BlockerKind.OptimizerNotOneLocal) { Line = CodeText.Line(site.Expression) };
            }

            var receiver = site.Model.GetSymbolInfo(access.Expression, cancellationToken).Symbol;
            if (receiver is ILocalSymbol local && (optimizer is null || SymbolEqualityComparer.Default.Equals(optimizer, local)) && constructed is null)
            {
                optimizer = local;
            }
            else if (receiver is IMethodSymbol && sites.Count == 1 && access.Expression is InvocationExpressionSyntax or ObjectCreationExpressionSyntax)
            {
                constructed = access.Expression;
            }
            else
            {
                return new Blocker(BlockerKind.OptimizerNotOneLocal) { Line = CodeText.Line(site.Expression) };
            }

            calls.Add((site, call, operation));
        }

        var model = context.Creation!.Model;
        LocalDeclarationStatementSyntax? declaration = null;
        ExpressionSyntax initializer;
        string name;
        if (constructed is not null)
        {
            initializer = constructed;
            name = FreshName(context.Creation.Expression, "optimizer");
        }
        else if (optimizer?.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(cancellationToken) is VariableDeclaratorSyntax { Initializer: { } value } declarator
            && declarator.Parent is VariableDeclarationSyntax { Variables.Count: 1, Parent: LocalDeclarationStatementSyntax statement })
        {
            initializer = value.Value;
            declaration = statement;
            name = optimizer.Name;
        }
        else
        {
            return new Blocker(BlockerKind.OptimizerNotOneLocal) { Line = CodeText.Line(sites[0].Expression) };
        }

        if (initializer.SyntaxTree != model.SyntaxTree || model.GetOperation(initializer, cancellationToken) is not { } construction)
        {
            return new Blocker(BlockerKind.DeclarationCannotMove) { Name = name, Line = CodeText.Line(context.Creation.Expression) };
        }

        var translated = KerasOptimizers.Construction(construction, context.OfKind(SiteKind.Decay).ToList(), context, edits, cancellationToken);
        if (translated.Value is not { } keras)
        {
            return translated.Declined<OptimizerPlan>();
        }

        foreach (var (site, call, operation) in calls)
        {
            var update = KerasOptimizers.UpdateCall(call, operation);
            if (update.Value is not { } rewritten)
            {
                return update.Declined<OptimizerPlan>();
            }

            if (constructed is not null)
            {
                // The update calls the new local instead of the construction.
                var access = (MemberAccessExpressionSyntax)rewritten.Expression;
                rewritten = rewritten.WithExpression(access.WithExpression(SyntaxFactory.IdentifierName(name).WithTriviaFrom(access.Expression)));
            }

            edits.Add(new NodeEdit(site.Document.Id, call, current => rewritten.WithTriviaFrom(current)));
        }

        var newDeclaration = declaration is not null
            ? declaration.ReplaceNode(declaration.Declaration.Variables[0].Initializer!.Value, keras.WithTriviaFrom(declaration.Declaration.Variables[0].Initializer!.Value))
            : SyntaxFactory.LocalDeclarationStatement(SyntaxFactory.VariableDeclaration(
                SyntaxFactory.IdentifierName("var"),
                SyntaxFactory.SingletonSeparatedList(SyntaxFactory.VariableDeclarator(name).WithInitializer(SyntaxFactory.EqualsValueClause(keras)))))
                .WithAdditionalAnnotations(Formatter.Annotation);
        return new OptimizerPlan(name, declaration, newDeclaration, constructed is null ? null : calls[0].Call);
    }

    /// <summary><paramref name="name"/>, or <c>name1</c>, <c>name2</c>, ... when the code around <paramref name="at"/> already uses it.</summary>
    private static string FreshName(SyntaxNode at, string name)
    {
        var scope = at.Ancestors().FirstOrDefault(node => node is MemberDeclarationSyntax and not GlobalStatementSyntax) ?? at.SyntaxTree.GetRoot();
        var used = new HashSet<string>(scope.DescendantTokens().Where(token => token.IsKind(SyntaxKind.IdentifierToken)).Select(token => token.ValueText), System.StringComparer.Ordinal);
        var candidate = name;
        for (var i = 1; used.Contains(candidate); i++)
        {
            candidate = name + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return candidate;
    }

    /// <summary>
    /// Half-migrated code: a Keras optimizer whose update statement is directly followed by each manual increment (the
    /// increments go). The analysis allows it only without a decay (O11) and with one such optimizer (O1).
    /// </summary>
    private static Outcome<OptimizerPlan> ForKerasOptimizer(UnitContext context, List<NodeEdit> edits, CancellationToken cancellationToken)
    {
        ILocalSymbol? optimizer = null;
        foreach (var increment in context.OfKind(SiteKind.Increment))
        {
            if (increment.Expression.Parent is not ExpressionStatementSyntax statement
                || statement.Parent is not BlockSyntax block)
            {
                return new Blocker(BlockerKind.IncrementNotAfterKerasUpdate) { Line = CodeText.Line(increment.Expression) };
            }

            var index = block.Statements.IndexOf(statement);
            if (index <= 0
                || block.Statements[index - 1] is not ExpressionStatementSyntax { Expression: InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access } }
                || increment.Model.GetSymbolInfo(access.Expression, cancellationToken).Symbol is not ILocalSymbol local
                || (optimizer is not null && !SymbolEqualityComparer.Default.Equals(local, optimizer)))
            {
                return new Blocker(BlockerKind.IncrementNotAfterKerasUpdate) { Line = CodeText.Line(increment.Expression) };
            }

            optimizer = local;
            edits.Add(new NodeEdit(increment.Document.Id, statement, null));
        }

        if (optimizer is null
            || optimizer.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(cancellationToken) is not VariableDeclaratorSyntax { Initializer: not null } declarator
            || declarator.Parent is not VariableDeclarationSyntax { Variables.Count: 1, Parent: LocalDeclarationStatementSyntax declaration })
        {
            return new Blocker(BlockerKind.OptimizerNotOneLocal) { Line = CodeText.Line(context.Creation!.Expression) };
        }

        return new OptimizerPlan(optimizer.Name, declaration, declaration, null);
    }
}
