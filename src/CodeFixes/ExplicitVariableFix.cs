using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using GlobalStepMigration.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GlobalStepMigration.CodeFixes;

/// <summary>
/// Fix B, "Use an explicitly incremented variable": the creation becomes
/// <c>Tf.Variable(0L, trainable: false, name: "global_step")</c> (a hand-made step is kept as it is),
/// lookups read that variable, every optimizer that incremented the step is wrapped as
/// <c>Tf.Group(opt.Minimize(...), step.AssignAdd(1))</c> (the update runs first), and decays become
/// the matching Keras schedule called with the variable. A TensorFlow.NET unit gets that library's idiom
/// (<see cref="TensorFlowNetExplicitVariableFix"/>).
/// </summary>
internal static class ExplicitVariableFix
{
    public static async Task<Outcome<UnitRewrite>> PlanAsync(Solution solution, FixUnit unit, CancellationToken cancellationToken)
    {
        var bound = await UnitContext.BindForAsync(solution, unit, FixKind.UseExplicitVariable, cancellationToken).ConfigureAwait(false);
        if (bound.Value is not { } context)
        {
            return bound.Declined<UnitRewrite>();
        }

        if (context.IsTensorFlowNet)
        {
            return TensorFlowNetExplicitVariableFix.Plan(context, cancellationToken);
        }

        var edits = new List<NodeEdit>();
        var creation = context.Creation!;
        if (creation.Expression is InvocationExpressionSyntax creationCall && !IsHandMade(creation, cancellationToken))
        {
            edits.Add(new NodeEdit(
                creation.Document.Id,
                creationCall,
                current => Syntax.Qualified(Syntax.RuntimeNamespace + ".Tf.Variable(0L, trainable: false, name: \"global_step\")").WithTriviaFrom(current)));
        }

        foreach (var lookup in context.OfKind(SiteKind.Lookup))
        {
            if (!context.CanReferenceStorageAt(lookup))
            {
                return new Blocker(BlockerKind.LookupCannotNameStorage) { Line = CodeText.Line(lookup.Expression), Name = context.Storage!.Name };
            }

            edits.Add(new NodeEdit(lookup.Document.Id, lookup.Expression, current => SyntaxFactory.IdentifierName(context.Storage!.Name).WithTriviaFrom(current)));
        }

        var optimizerSites = context.OfKind(SiteKind.OptimizerArgument).ToList();
        if (optimizerSites.Count > 0 && !StorageIsVariable(context, edits, cancellationToken))
        {
            return new Blocker(BlockerKind.StorageCannotHoldVariable) { Name = context.Storage!.Name };
        }

        foreach (var site in optimizerSites)
        {
            var edit = WrapWithIncrement(context, site, cancellationToken);
            if (edit is null)
            {
                return new Blocker(BlockerKind.OptimizerCallNotRewritable) { Line = CodeText.Line(site.Expression) };
            }

            edits.Add(edit);
        }

        foreach (var site in context.OfKind(SiteKind.Decay))
        {
            var schedule = ScheduleOf(context, site, cancellationToken);
            if (schedule.Value is null)
            {
                return schedule.Declined<UnitRewrite>();
            }

            edits.Add(DecayToSchedule(site, schedule.Value));
        }

        return new UnitRewrite(edits);
    }

    private static bool IsHandMade(BoundSite creation, CancellationToken cancellationToken) =>
        creation.Model.GetSymbolInfo(creation.Expression, cancellationToken).Symbol is IMethodSymbol { Name: "Variable" or "GetVariable" };

    /// <summary>Makes sure <c>step.AssignAdd</c> compiles: a storage declared as Tensor is declared as Variable.</summary>
    private static bool StorageIsVariable(UnitContext context, List<NodeEdit> edits, CancellationToken cancellationToken)
    {
        var type = context.Storage switch
        {
            ILocalSymbol local => local.Type,
            IFieldSymbol field => field.Type,
            _ => null,
        };

        if (type is null)
        {
            return false;
        }

        if (InheritsFrom(type, "Variable"))
        {
            return true;
        }

        // var step = GetOrCreateGlobalStep(): the new initializer (Tf.Variable) makes it a Variable.
        if (context.Storage is ILocalSymbol
            && !IsHandMade(context.Creation!, cancellationToken)
            && Syntax.OutermostWrapper(context.Creation!.Expression) == context.Creation.Expression
            && context.Creation.Expression.Parent is EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax { Type.IsVar: true } } })
        {
            return true;
        }

        var declared = context.StorageDeclaredType(cancellationToken);
        var document = context.Storage!.DeclaringSyntaxReferences.FirstOrDefault()?.SyntaxTree is { } tree ? context.Solution.GetDocument(tree) : null;
        if (declared is null || document is null || type.Name != "Tensor")
        {
            return false;
        }

        var nullable = declared is NullableTypeSyntax;
        edits.Add(new NodeEdit(document.Id, declared, current =>
        {
            TypeSyntax replacement = SyntaxFactory.ParseTypeName(Syntax.RuntimeNamespace + ".Variable")
                .WithAdditionalAnnotations(Microsoft.CodeAnalysis.Simplification.Simplifier.Annotation, Microsoft.CodeAnalysis.Simplification.Simplifier.AddImportsAnnotation);
            if (nullable)
            {
                replacement = SyntaxFactory.NullableType(replacement);
            }

            return replacement.WithTriviaFrom(current);
        }));
        return true;
    }

    private static bool InheritsFrom(ITypeSymbol type, string name)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (current.Name == name && current.ContainingNamespace?.ToDisplayString() == "GlobalStepMigration.Runtime")
            {
                return true;
            }
        }

        return false;
    }

    /// <summary><c>opt.Minimize(loss, step, vars)</c> -> <c>Tf.Group(opt.Minimize(loss, varList: vars), step.AssignAdd(1))</c>.</summary>
    private static NodeEdit? WrapWithIncrement(UnitContext context, BoundSite site, CancellationToken cancellationToken)
    {
        if (site.Expression.Parent is not ArgumentSyntax argument
            || argument.Parent is not ArgumentListSyntax list
            || list.Parent is not InvocationExpressionSyntax invocation
            || site.Model.GetSymbolInfo(invocation, cancellationToken).Symbol is not IMethodSymbol method
            || !context.IsStorageReference(site, site.Expression, cancellationToken))
        {
            return null;
        }

        var index = list.Arguments.IndexOf(argument);
        var step = Syntax.StripWrappers(site.Expression).WithoutTrivia();
        // The argument was accepted as Tensor?; a receiver needs to be known not null.
        var nullable = site.Model.GetTypeInfo(Syntax.StripWrappers(site.Expression), cancellationToken).Nullability.FlowState == NullableFlowState.MaybeNull;

        return new NodeEdit(site.Document.Id, invocation, current =>
        {
            var call = (InvocationExpressionSyntax)current;
            var updated = call.WithArgumentList(Syntax.RemoveArgument(call.ArgumentList, index, method)).WithoutTrivia();
            var increment = Syntax.Increment(step, nullable, "AssignAdd", SyntaxFactory.Literal(1));
            var group = (InvocationExpressionSyntax)Syntax.Qualified(Syntax.RuntimeNamespace + ".Tf.Group(a, b)");
            return group.WithArgumentList(SyntaxFactory.ArgumentList(SyntaxFactory.SeparatedList(new[]
                {
                    SyntaxFactory.Argument(updated),
                    SyntaxFactory.Argument(increment),
                })))
                .WithTriviaFrom(current);
        });
    }

    /// <summary><c>Train.ExponentialDecay(0.1, step, 100, 0.96)</c> -> <c>Tf.Keras.Optimizers.Schedules.ExponentialDecay(0.1, 100, 0.96).Call(step)</c>.</summary>
    private static NodeEdit DecayToSchedule(BoundSite site, ScheduleCall schedule)
    {
        var step = schedule.Step;
        return new NodeEdit(site.Document.Id, site.Expression, current =>
            SyntaxFactory.InvocationExpression(
                    SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, schedule.Factory, SyntaxFactory.IdentifierName(schedule.CallMethodName)),
                    SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(step))))
                .WithTriviaFrom(current));
    }

    /// <summary>The Keras schedule equal to a TF1 decay fed by the unit's step (<c>Tf.Keras.Optimizers.Schedules.ExponentialDecay(0.1, 100, 0.96)</c>), or null.</summary>
    internal static Outcome<ScheduleCall> ScheduleOf(UnitContext context, BoundSite site, CancellationToken cancellationToken)
    {
        if (site.Expression is not InvocationExpressionSyntax invocation
            || site.Model.GetSymbolInfo(invocation, cancellationToken).Symbol is not IMethodSymbol method
            || context.Library.Decay(method.Name) is not { Schedule: { } schedule } decay
            || site.Model.GetOperation(invocation, cancellationToken) is not Microsoft.CodeAnalysis.Operations.IInvocationOperation operation)
        {
            return new Blocker(BlockerKind.DecayWithoutSchedule) { Api = (site.Model.GetSymbolInfo(site.Expression, cancellationToken).Symbol?.Name) ?? CodeText.Quote(site.Expression) };
        }

        foreach (var argument in operation.Arguments)
        {
            if (argument.Parameter?.Name == schedule.LearningRateParameter
                && argument.ArgumentKind != Microsoft.CodeAnalysis.Operations.ArgumentKind.DefaultValue
                && argument.Value is not Microsoft.CodeAnalysis.Operations.IConversionOperation { Operand.Type.SpecialType: SpecialType.System_Double or SpecialType.System_Single or SpecialType.System_Int32 or SpecialType.System_Int64 })
            {
                // The Keras schedules take a number; a tensor learning rate has no equivalent.
                return new Blocker(BlockerKind.DecayRateNotNumber) { Api = method.Name, Line = CodeText.Line(invocation) };
            }
        }

        var stepArgument = StepArgumentOf(site, decay, cancellationToken);
        if (stepArgument is null || !context.IsStorageReference(site, stepArgument.Expression, cancellationToken))
        {
            return new Blocker(BlockerKind.DecayStepNotStorage) { Api = method.Name, Line = CodeText.Line(invocation) };
        }

        // The schedule's parameters are the decay's without the step, in the same order.
        var index = invocation.ArgumentList.Arguments.IndexOf(stepArgument);
        var arguments = Syntax.RemoveArgument(invocation.ArgumentList, index, method, name => name == schedule.LearningRateParameter ? schedule.InitialLearningRateParameter : name, nameFollowing: false);
        var factory = (InvocationExpressionSyntax)Syntax.Qualified("global::" + schedule.TypeMetadataName.Replace('+', '.') + "." + schedule.FactoryName + "()");
        return new ScheduleCall(factory.WithArgumentList(arguments), Syntax.StripWrappers(stepArgument.Expression).WithoutTrivia(), schedule.CallMethodName);
    }

    private static ArgumentSyntax? StepArgumentOf(BoundSite site, ApiEntry decay, CancellationToken cancellationToken) =>
        site.Model.GetOperation(site.Expression, cancellationToken) is Microsoft.CodeAnalysis.Operations.IInvocationOperation operation
            ? operation.Arguments.FirstOrDefault(argument => argument.Parameter?.Name == decay.ParameterName && !argument.IsImplicit)?.Syntax as ArgumentSyntax
            : null;
}

/// <summary>A decay as its Keras schedule: the schedule's construction, and the step it is called with.</summary>
internal sealed class ScheduleCall
{
    public ScheduleCall(InvocationExpressionSyntax factory, ExpressionSyntax step, string callMethodName)
    {
        Factory = factory;
        Step = step;
        CallMethodName = callMethodName;
    }

    /// <summary><c>Tf.Keras.Optimizers.Schedules.ExponentialDecay(0.1, 100, 0.96)</c>.</summary>
    public InvocationExpressionSyntax Factory { get; }

    /// <summary>The step argument of the decay, without wrappers.</summary>
    public ExpressionSyntax Step { get; }

    /// <summary>The schedule's method that computes the rate at a step (<c>Call</c>).</summary>
    public string CallMethodName { get; }
}
