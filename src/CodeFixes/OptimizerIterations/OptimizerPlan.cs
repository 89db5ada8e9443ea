using System.Collections.Generic;
using System.Linq;
using System.Threading;
using GlobalStepMigration.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace GlobalStepMigration.CodeFixes;

/// <summary>
/// Which optimizer owns the counter after fix A, and how its declaration will read: a TF1 optimizer the
/// step was passed to (translated by <see cref="KerasOptimizers"/>), or, in half-migrated code, the Keras
/// optimizer whose update directly precedes each manual increment (kept as it is).
/// </summary>
internal sealed class OptimizerPlan
{
    private OptimizerPlan(ILocalSymbol optimizer, LocalDeclarationStatementSyntax declaration, LocalDeclarationStatementSyntax newDeclaration)
    {
        Optimizer = optimizer;
        Declaration = declaration;
        NewDeclaration = newDeclaration;
    }

    public ILocalSymbol Optimizer { get; }

    public LocalDeclarationStatementSyntax Declaration { get; }

    /// <summary>The declaration as it will read (the Keras optimizer for a TF1 one).</summary>
    public LocalDeclarationStatementSyntax NewDeclaration { get; }

    /// <summary>The plan of a unit: a TF1 optimizer when the step is passed to one, else a Keras optimizer before the increments.</summary>
    public static Outcome<OptimizerPlan> Select(UnitContext context, List<NodeEdit> edits, CancellationToken cancellationToken)
    {
        var optimizerSites = context.OfKind(SiteKind.PassedToOptimizer).ToList();
        return optimizerSites.Count > 0
            ? ForTf1Optimizer(context, optimizerSites, edits, cancellationToken)
            : ForKerasOptimizer(context, edits, cancellationToken);
    }

    /// <summary>A TF1 optimizer: one local, used only for the unit's Minimize/ApplyGradients calls, with a Keras equivalent.</summary>
    private static Outcome<OptimizerPlan> ForTf1Optimizer(UnitContext context, List<BoundSite> sites, List<NodeEdit> edits, CancellationToken cancellationToken)
    {
        ILocalSymbol? optimizer = null;
        var calls = new List<(BoundSite Site, InvocationExpressionSyntax Call, IInvocationOperation Operation)>();
        foreach (var site in sites)
        {
            if (site.Expression.Parent is not ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax call } }
                || call.Expression is not MemberAccessExpressionSyntax access
                || site.Model.GetOperation(call, cancellationToken) is not IInvocationOperation operation
                || site.Model.GetSymbolInfo(access.Expression, cancellationToken).Symbol is not ILocalSymbol local
                || (optimizer is not null && !SymbolEqualityComparer.Default.Equals(optimizer, local))
                || !context.IsStorageReference(site, site.Expression, cancellationToken))
            {
                return new Blocker(BlockerKind.OptimizerNotOneLocal) { Line = CodeText.Line(site.Expression) };
            }

            optimizer = local;
            calls.Add((site, call, operation));
        }

        if (optimizer is null
            || optimizer.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(cancellationToken) is not VariableDeclaratorSyntax declarator
            || declarator.Parent is not VariableDeclarationSyntax { Variables.Count: 1, Parent: LocalDeclarationStatementSyntax declaration }
            || declarator.Initializer is null)
        {
            return new Blocker(BlockerKind.OptimizerNotOneLocal) { Line = CodeText.Line(sites[0].Expression) };
        }

        var model = context.Creation!.Model;
        if (declaration.SyntaxTree != model.SyntaxTree
            || model.GetOperation(declarator.Initializer.Value, cancellationToken) is not { } construction)
        {
            return new Blocker(BlockerKind.DeclarationCannotMove) { Name = optimizer.Name, Line = CodeText.Line(context.Creation.Expression) };
        }

        // The optimizer is used for nothing else: Keras optimizers have no ComputeGradients, etc.
        var uses = Statements.UsesOf(optimizer, declaration.Parent!, model, cancellationToken);
        if (uses.Count != calls.Count || uses.Any(use => !calls.Any(call => call.Call.Expression is MemberAccessExpressionSyntax access && access.Expression == use)))
        {
            return new Blocker(BlockerKind.OptimizerUsedOtherwise) { Name = optimizer.Name };
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

            edits.Add(new NodeEdit(site.Document.Id, call, current => rewritten.WithTriviaFrom(current)));
        }

        var newDeclaration = declaration.ReplaceNode(declarator.Initializer.Value, keras.WithTriviaFrom(declarator.Initializer.Value));
        return new OptimizerPlan(optimizer, declaration, newDeclaration);
    }

    /// <summary>Half-migrated code: a Keras optimizer whose update statement is directly followed by each manual increment (the increments go).</summary>
    private static Outcome<OptimizerPlan> ForKerasOptimizer(UnitContext context, List<NodeEdit> edits, CancellationToken cancellationToken)
    {
        if (context.OfKind(SiteKind.Decay).Any())
        {
            return new Blocker(BlockerKind.DecayWithKerasOptimizer);
        }

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

        return new OptimizerPlan(optimizer, declaration, declaration);
    }
}
