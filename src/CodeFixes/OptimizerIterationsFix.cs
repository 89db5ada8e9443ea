using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using GlobalStepMigration.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace GlobalStepMigration.CodeFixes;

/// <summary>
/// Fix A, "Use optimizer.Iterations": the one optimizer that increments the step owns the counter.
/// A TF1 optimizer becomes its Keras equivalent with the same hyperparameters (TF1 defaults that
/// differ are written out), its step argument is dropped, a decay that feeds only it becomes the
/// Keras schedule passed as its learning rate, the step's storage reads <c>optimizer.Iterations</c>
/// (the optimizer's declaration moves up when nothing it uses is declared in between), lookups read
/// the storage, and manual increments after a Keras update are removed. Anything else: not offered.
/// </summary>
internal static class OptimizerIterationsFix
{
    public static async Task<Outcome<UnitRewrite>> PlanAsync(Solution solution, FixUnit unit, CancellationToken cancellationToken)
    {
        var bound = await UnitContext.BindForAsync(solution, unit, FixKind.UseOptimizerIterations, cancellationToken).ConfigureAwait(false);
        if (bound.Value is not { } context)
        {
            return bound.Declined<UnitRewrite>();
        }

        var edits = new List<NodeEdit>();
        var optimizerSites = context.OfKind(SiteKind.OptimizerArgument).ToList();
        var planned = optimizerSites.Count > 0
            ? Tf1Plan(context, optimizerSites, edits, cancellationToken)
            : KerasPlan(context, edits, cancellationToken);
        if (planned.Value is not { } plan)
        {
            return planned.Declined<UnitRewrite>();
        }

        // The storage reads optimizer.Iterations: the optimizer must be declared before the creation.
        var creation = context.Creation!;
        var creationStatement = creation.Expression.FirstAncestorOrSelf<StatementSyntax>();
        var cannotMove = new Blocker(BlockerKind.DeclarationCannotMove) { Name = plan.Optimizer.Name, Line = CodeText.Line(creation.Expression) };
        if (creationStatement is null || plan.Declaration.SyntaxTree != creationStatement.SyntaxTree)
        {
            return cannotMove;
        }

        var iterations = SyntaxFactory.MemberAccessExpression(
            SyntaxKind.SimpleMemberAccessExpression,
            SyntaxFactory.IdentifierName(plan.Optimizer.Name),
            SyntaxFactory.IdentifierName("Iterations"));
        var statements = SiblingStatements(creationStatement);
        var creationIndex = statements.IndexOf(creationStatement);
        var declarationIndex = statements.IndexOf(plan.Declaration);
        if (creationIndex >= 0 && declarationIndex < 0)
        {
            // A field step created in one method and incremented by an optimizer of another.
            return CrossMethod.TryMoveCreation(context, plan.Declaration, plan.NewDeclaration, creationStatement, iterations, edits, cancellationToken)
                ? LookupsReadStorage(context, edits)
                : cannotMove;
        }

        if (creationIndex < 0 || declarationIndex < 0)
        {
            return cannotMove;
        }

        var creationNode = creation.Expression;
        if (declarationIndex > creationIndex)
        {
            // Move the declaration up, unless what it uses is declared between the two statements.
            var declaredBetween = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
            for (var i = creationIndex; i < declarationIndex; i++)
            {
                foreach (var declarator in statements[i].DescendantNodesAndSelf().OfType<VariableDeclaratorSyntax>())
                {
                    if (creation.Model.GetDeclaredSymbol(declarator, cancellationToken) is { } local)
                    {
                        declaredBetween.Add(local);
                    }
                }

                foreach (var designation in statements[i].DescendantNodesAndSelf().OfType<SingleVariableDesignationSyntax>())
                {
                    if (creation.Model.GetDeclaredSymbol(designation, cancellationToken) is { } local)
                    {
                        declaredBetween.Add(local);
                    }
                }
            }

            // By name: the new declaration is partly new syntax, not bound to the model.
            var declaredNames = new HashSet<string>(declaredBetween.Select(symbol => symbol.Name), System.StringComparer.Ordinal);
            var initializer = plan.NewDeclaration.Declaration.Variables[0].Initializer!.Value;
            if (initializer.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>().Any(name => declaredNames.Contains(name.Identifier.ValueText)))
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
                WrapperOf(creationStatement),
                current => current.WithLeadingTrivia(declarationTrivia),
                insertBefore: WrapLike(creationStatement, moved)));
            edits.Add(new NodeEdit(creation.Document.Id, WrapperOf(plan.Declaration), null));
        }
        else
        {
            var newDeclaration = plan.NewDeclaration;
            edits.Add(new NodeEdit(creation.Document.Id, plan.Declaration, current => newDeclaration.WithTriviaFrom(current)));
            edits.Add(new NodeEdit(creation.Document.Id, creationNode, current => iterations.WithTriviaFrom(current)));
        }

        return LookupsReadStorage(context, edits);
    }

    /// <summary>Every lookup reads the storage; null when one cannot name it.</summary>
    private static Outcome<UnitRewrite> LookupsReadStorage(UnitContext context, List<NodeEdit> edits)
    {
        foreach (var lookup in context.OfKind(SiteKind.Lookup))
        {
            if (!context.CanReferenceStorageAt(lookup))
            {
                return new Blocker(BlockerKind.LookupCannotNameStorage) { Line = CodeText.Line(lookup.Expression), Name = context.Storage!.Name };
            }

            edits.Add(new NodeEdit(lookup.Document.Id, lookup.Expression, current => SyntaxFactory.IdentifierName(context.Storage!.Name).WithTriviaFrom(current)));
        }

        return new UnitRewrite(edits);
    }

    /// <summary>What fix A needs to know about the optimizer.</summary>
    private sealed class OptimizerPlan
    {
        public OptimizerPlan(ILocalSymbol optimizer, LocalDeclarationStatementSyntax declaration, LocalDeclarationStatementSyntax newDeclaration)
        {
            Optimizer = optimizer;
            Declaration = declaration;
            NewDeclaration = newDeclaration;
        }

        public ILocalSymbol Optimizer { get; }

        public LocalDeclarationStatementSyntax Declaration { get; }

        /// <summary>The declaration as it will read (the Keras optimizer for a TF1 one).</summary>
        public LocalDeclarationStatementSyntax NewDeclaration { get; }
    }

    /// <summary>A TF1 optimizer: one local, used only for the unit's Minimize/ApplyGradients calls.</summary>
    private static Outcome<OptimizerPlan> Tf1Plan(UnitContext context, List<BoundSite> sites, List<NodeEdit> edits, CancellationToken cancellationToken)
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
        var uses = UsesOf(optimizer, declaration.Parent!, model, cancellationToken);
        if (uses.Count != calls.Count || uses.Any(use => !calls.Any(call => call.Call.Expression is MemberAccessExpressionSyntax access && access.Expression == use)))
        {
            return new Blocker(BlockerKind.OptimizerUsedOtherwise) { Name = optimizer.Name };
        }

        var decays = context.OfKind(SiteKind.Decay).ToList();
        var translated = KerasConstruction(construction, decays, context, edits, cancellationToken);
        if (translated.Value is not { } keras)
        {
            return translated.Declined<OptimizerPlan>();
        }

        foreach (var (site, call, operation) in calls)
        {
            var update = KerasUpdateCall(call, operation);
            if (update.Value is not { } rewritten)
            {
                return update.Declined<OptimizerPlan>();
            }

            edits.Add(new NodeEdit(site.Document.Id, call, current => rewritten.WithTriviaFrom(current)));
        }

        var newDeclaration = declaration.ReplaceNode(declarator.Initializer.Value, keras.WithTriviaFrom(declarator.Initializer.Value));
        return new OptimizerPlan(optimizer, declaration, newDeclaration);
    }

    /// <summary>The Keras optimizer equal to a TF1 one, or null when there is no exact equivalent.</summary>
    private static Outcome<ExpressionSyntax> KerasConstruction(IOperation construction, List<BoundSite> decays, UnitContext context, List<NodeEdit> edits, CancellationToken cancellationToken)
    {
        var (method, arguments) = construction switch
        {
            IInvocationOperation invocation => ((IMethodSymbol)invocation.TargetMethod, invocation.Arguments),
            IObjectCreationOperation creation when creation.Constructor is not null => (creation.Constructor, creation.Arguments),
            _ => (null!, default(System.Collections.Immutable.ImmutableArray<IArgumentOperation>)),
        };

        if (method is null)
        {
            return new Blocker(BlockerKind.NoExactKerasOptimizer) { Name = CodeText.Quote(construction.Syntax) };
        }

        var kind = method.MethodKind == MethodKind.Constructor ? method.ContainingType.Name : method.Name;
        var given = arguments.Where(argument => argument.ArgumentKind != ArgumentKind.DefaultValue && argument.Parameter is not null)
            .ToDictionary(argument => argument.Parameter!.Name, argument => argument);
        if (given.TryGetValue("useLocking", out var locking) && locking.Value.ConstantValue is not { HasValue: true, Value: false })
        {
            return new Blocker(BlockerKind.NoExactKerasOptimizer) { Name = kind, Code = "useLocking" };
        }

        var decayCount = decays.Count;
        string? learningRate = null;
        if (given.TryGetValue("learningRate", out var rateArgument))
        {
            var rate = LearningRate(rateArgument, decays, context, edits, cancellationToken);
            if (rate.Value is null)
            {
                return rate.Declined<ExpressionSyntax>();
            }

            learningRate = rate.Value;
        }

        if (decays.Count != 0)
        {
            // A decay of the unit that does not feed this optimizer's learning rate.
            return new Blocker(BlockerKind.DecayNotOptimizersRate) { Line = CodeText.Line(decays[0].Expression) };
        }

        string Text(string name) => given[name].Value.Syntax.ToString();
        var parts = new List<string>();
        string factory;
        switch (kind)
        {
            case "GradientDescentOptimizer":
                factory = "SGD";
                parts.Add(learningRate!);
                break;
            case "MomentumOptimizer" when decayCount == 0:
                // TF1 accumulates gradients, Keras accumulates lr * gradient: equal only for a constant rate.
                factory = "SGD";
                parts.Add(learningRate!);
                parts.Add("momentum: " + Text("momentum"));
                if (given.ContainsKey("useNesterov"))
                {
                    parts.Add("nesterov: " + Text("useNesterov"));
                }

                break;
            // AdamOptimizer: the runtime's TF1 and Keras Adam trajectories differ in the sixth decimal
            // even with epsilon written out (the proof-by-execution test shows it), so it is not exact.
            default:
                return new Blocker(BlockerKind.NoExactKerasOptimizer) { Name = kind, Code = decayCount == 0 ? null : "a decayed rate" };
        }

        if (given.ContainsKey("name"))
        {
            parts.Add("name: " + Text("name"));
        }

        return Syntax.Qualified(Syntax.RuntimeNamespace + ".Tf.Keras.Optimizers." + factory + "(" + string.Join(", ", parts) + ")");
    }

    /// <summary>The Keras learning rate: the same number, or the schedule of the decay that computed it (the decay consumed).</summary>
    private static Outcome<string> LearningRate(IArgumentOperation argument, List<BoundSite> decays, UnitContext context, List<NodeEdit> edits, CancellationToken cancellationToken)
    {
        var value = argument.Value is IConversionOperation conversion ? conversion.Operand : argument.Value;
        if (value.Type?.SpecialType is SpecialType.System_Double or SpecialType.System_Single or SpecialType.System_Int32 or SpecialType.System_Int64)
        {
            return value.Syntax.ToString();
        }

        ExpressionSyntax? decayCall = null;
        if (value is IInvocationOperation && value.Syntax is ExpressionSyntax inline)
        {
            decayCall = inline;
        }
        else if (value is ILocalReferenceOperation local
            && local.Local.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(cancellationToken) is VariableDeclaratorSyntax { Initializer.Value: { } initializer, Parent: VariableDeclarationSyntax { Variables.Count: 1, Parent: LocalDeclarationStatementSyntax statement } }
            && UsesOf(local.Local, statement.Parent!, context.Creation!.Model, cancellationToken).Count == 1)
        {
            // The rate flows only into this optimizer: its declaration goes away.
            decayCall = initializer;
            edits.Add(new NodeEdit(context.Creation.Document.Id, WrapperOf(statement), null));
        }

        var decay = decays.FirstOrDefault(site => site.Expression == decayCall);
        if (decay is null)
        {
            return new Blocker(BlockerKind.DecayNotOptimizersRate) { Line = CodeText.Line(argument.Syntax) };
        }

        if (!GraphScopes.InGraphMode(decay.Expression, context.Library.Conventions.Graphs!))
        {
            // Eagerly a TF1 decay is evaluated once, where it is called, while a Keras schedule follows
            // Iterations at every update: only in a graph (recomputed at every run) are they the same.
            return new Blocker(BlockerKind.DecayEvaluatedEagerly) { Line = CodeText.Line(decay.Expression) };
        }

        var schedule = ExplicitVariableFix.ScheduleOf(context, decay, cancellationToken);
        if (schedule.Value is null)
        {
            return schedule.Declined<string>();
        }

        decays.Remove(decay);
        return schedule.Value.Factory.ToString();
    }

    /// <summary><c>opt.Minimize(loss, step, vars)</c> -> <c>opt.Minimize(loss, vars)</c>; <c>ApplyGradients(gv, step)</c> -> <c>ApplyGradients(gv)</c>.</summary>
    private static Outcome<InvocationExpressionSyntax> KerasUpdateCall(InvocationExpressionSyntax call, IInvocationOperation operation)
    {
        ArgumentSyntax? Argument(string name) =>
            operation.Arguments.FirstOrDefault(a => a.Parameter?.Name == name && a.ArgumentKind != ArgumentKind.DefaultValue)?.Syntax as ArgumentSyntax;
        Blocker NotTranslatable(string why) => new(BlockerKind.UpdateNotTranslatable) { Api = operation.TargetMethod.Name, Line = CodeText.Line(call), Code = why };

        if (Argument("name") is not null)
        {
            return NotTranslatable("a name argument");
        }

        var arguments = new List<ArgumentSyntax>();
        if (operation.TargetMethod.Name == "Minimize")
        {
            var loss = Argument("loss");
            var varList = Argument("varList");
            if (loss is null || varList is null)
            {
                // Keras needs the variables; TF1's default (every trainable variable) has no equivalent.
                return NotTranslatable("no varList");
            }

            arguments.Add(loss.WithNameColon(null));
            arguments.Add(varList.WithNameColon(null));
        }
        else
        {
            var gradients = Argument("gradsAndVars");
            if (gradients is null)
            {
                return NotTranslatable("no gradients");
            }

            arguments.Add(gradients.WithNameColon(null));
        }

        return call.WithArgumentList(SyntaxFactory.ArgumentList(SyntaxFactory.SeparatedList(arguments.Select((a, i) => i == 0 ? a.WithoutLeadingTrivia() : a.WithLeadingTrivia(SyntaxFactory.Space)))));
    }

    /// <summary>Half-migrated code: a Keras optimizer whose update statement is directly followed by each manual increment.</summary>
    private static Outcome<OptimizerPlan> KerasPlan(UnitContext context, List<NodeEdit> edits, CancellationToken cancellationToken)
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

    /// <summary>The identifiers bound to <paramref name="symbol"/> under <paramref name="scope"/>, the declaration excluded.</summary>
    private static List<IdentifierNameSyntax> UsesOf(ISymbol symbol, SyntaxNode scope, SemanticModel model, CancellationToken cancellationToken)
    {
        // The member that declares it; for top-level statements, the whole compilation unit.
        var root = scope;
        while (root.Parent is not null && root is not (MemberDeclarationSyntax and not GlobalStatementSyntax))
        {
            root = root.Parent;
        }

        return root.DescendantNodes()
            .OfType<IdentifierNameSyntax>()
            .Where(name => name.Identifier.ValueText == symbol.Name && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(name, cancellationToken).Symbol, symbol))
            .ToList();
    }

    private static List<StatementSyntax> SiblingStatements(StatementSyntax statement) => statement.Parent switch
    {
        BlockSyntax block => block.Statements.ToList(),
        GlobalStatementSyntax { Parent: CompilationUnitSyntax unit } => unit.Members.OfType<GlobalStatementSyntax>().Select(global => global.Statement).ToList(),
        _ => new List<StatementSyntax>(),
    };

    /// <summary>The node to insert before or remove: a top-level statement's GlobalStatement wrapper, else the statement.</summary>
    private static SyntaxNode WrapperOf(StatementSyntax statement) => statement.Parent is GlobalStatementSyntax global ? global : statement;

    private static SyntaxNode WrapLike(StatementSyntax anchor, StatementSyntax statement) =>
        anchor.Parent is GlobalStatementSyntax ? SyntaxFactory.GlobalStatement(statement) : statement;
}
