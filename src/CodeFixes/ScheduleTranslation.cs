using System.Linq;
using System.Threading;
using GlobalStepMigration.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace GlobalStepMigration.CodeFixes;

/// <summary>
/// A TF1 decay fed by the step as the Keras schedule of the same formula, from the map's decay entries
/// (<see cref="ApiEntry.Schedule"/>): <c>Train.ExponentialDecay(0.1, step, 100, 0.96)</c> ->
/// <c>Tf.Keras.Optimizers.Schedules.ExponentialDecay(0.1, 100, 0.96)</c>, called with the step by fix B and
/// passed as the optimizer's learning rate by fix A.
/// </summary>
internal static class ScheduleTranslation
{
    /// <summary>The schedule of a decay site and the step it reads; declined when there is none, or the step is not the storage.</summary>
    public static Outcome<ScheduleCall> Of(UnitContext context, BoundSite site, CancellationToken cancellationToken)
    {
        if (site.Expression is not InvocationExpressionSyntax invocation
            || site.Model.GetSymbolInfo(invocation, cancellationToken).Symbol is not IMethodSymbol method
            || context.Library.Decay(method.Name) is not { Schedule: { } schedule } decay
            || site.Model.GetOperation(invocation, cancellationToken) is not IInvocationOperation operation)
        {
            return new Blocker(BlockerKind.DecayWithoutSchedule) { Api = DecayName(site, cancellationToken) };
        }

        // The analysis allows a fix only when the decay's learning rate is a number (O11): the Keras schedules take one.
        if (operation.Arguments.FirstOrDefault(argument => argument.Parameter?.Name == decay.ParameterName && !argument.IsImplicit)?.Syntax is not ArgumentSyntax stepArgument
            || !context.IsStorageReference(site, stepArgument.Expression, cancellationToken))
        {
            return new Blocker(BlockerKind.DecayStepNotStorage) { Api = method.Name, Line = CodeText.Line(invocation) };
        }

        // The schedule's parameters are the decay's without the step, in the same order.
        var index = invocation.ArgumentList.Arguments.IndexOf(stepArgument);
        var arguments = Syntax.RemoveArgument(invocation.ArgumentList, index, method, name => name == schedule.LearningRateParameter ? schedule.InitialLearningRateParameter : name, nameFollowing: false);
        var factory = (InvocationExpressionSyntax)Syntax.Qualified("global::" + schedule.TypeMetadataName.Replace('+', '.') + "." + schedule.FactoryName + "()");
        return new ScheduleCall(factory.WithArgumentList(arguments), Syntax.StripWrappers(stepArgument.Expression).WithoutTrivia(), schedule.CallMethodName);
    }

    /// <summary>The decay member a site calls (its source text when it does not bind).</summary>
    public static string DecayName(BoundSite site, CancellationToken cancellationToken) =>
        site.Model.GetSymbolInfo(site.Expression, cancellationToken).Symbol?.Name ?? CodeText.Quote(site.Expression);
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

    /// <summary>The rate at the step: <c>Schedules.ExponentialDecay(0.1, 100, 0.96).Call(step)</c>.</summary>
    public InvocationExpressionSyntax Invocation() =>
        SyntaxFactory.InvocationExpression(
            SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, Factory, SyntaxFactory.IdentifierName(CallMethodName)),
            SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(Step))));
}
