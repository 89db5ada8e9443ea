using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using GlobalStepMigration.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace GlobalStepMigration.CodeFixes;

/// <summary>
/// Fix A's optimizer translation: the TF1 optimizer becomes the Keras optimizer the library's pair table names
/// (<see cref="LibraryConventions.OptimizerPairs"/>, only pairs proved bit-identical; the analysis allows fix A only for
/// those, with their arguments), with the same hyperparameters (a decayed rate as the decay's Keras schedule), and its
/// update calls without the step.
/// </summary>
internal static class KerasOptimizers
{
    /// <summary>Where the Keras factories are (metadata name).</summary>
    private const string KerasOptimizersType = "GlobalStepMigration.Runtime.Tf+Keras+Optimizers";

    /// <summary>TF1's default variable list, written out for a <c>Minimize</c> without one: the default graph's trainable variables at the call.</summary>
    private const string TrainableVariables = "global::GlobalStepMigration.Runtime.Tf.Compat.V1.TrainableVariables()";

    /// <summary>The Keras optimizer of the pair of a TF1 one's construction.</summary>
    public static Outcome<ExpressionSyntax> Construction(IOperation construction, List<BoundSite> decays, UnitContext context, List<NodeEdit> edits, CancellationToken cancellationToken)
    {
        var (method, arguments) = construction switch
        {
            IInvocationOperation invocation => ((IMethodSymbol)invocation.TargetMethod, invocation.Arguments),
            IObjectCreationOperation creation when creation.Constructor is not null => (creation.Constructor, creation.Arguments),
            _ => (null!, default(ImmutableArray<IArgumentOperation>)),
        };

        if (method is null)
        {
            return new Blocker(BlockerKind.NoExactKerasOptimizer) { Name = CodeText.Quote(construction.Syntax) };
        }

        var kind = method.MethodKind == MethodKind.Constructor ? method.ContainingType.Name : method.Name;
        if (context.Library.Conventions.PairOf(kind) is not { } pair)
        {
            return new Blocker(BlockerKind.NoExactKerasOptimizer) { Name = kind };
        }

        var given = arguments.Where(argument => argument.ArgumentKind != ArgumentKind.DefaultValue && argument.Parameter is not null)
            .ToDictionary(argument => argument.Parameter!.Name, argument => argument);
        string? learningRate = null;
        if (given.TryGetValue(OptimizerPair.LearningRateParameter, out var rateArgument))
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

        var parts = new List<string>();
        foreach (var (tf1, keras) in pair.Parameters)
        {
            if (tf1 == OptimizerPair.LearningRateParameter)
            {
                parts.Add(learningRate!);
            }
            else if (given.TryGetValue(tf1, out var argument))
            {
                parts.Add(keras is null ? argument.Value.Syntax.ToString() : keras + ": " + argument.Value.Syntax.ToString());
            }
        }

        return Syntax.Qualified("global::" + KerasOptimizersType.Replace('+', '.') + "." + pair.KerasFactory + "(" + string.Join(", ", parts) + ")");
    }

    /// <summary><c>opt.Minimize(loss, step, vars)</c> -> <c>opt.Minimize(loss, vars)</c>; <c>ApplyGradients(gv, step)</c> -> <c>ApplyGradients(gv)</c>.</summary>
    public static Outcome<InvocationExpressionSyntax> UpdateCall(InvocationExpressionSyntax call, IInvocationOperation operation)
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
            if (loss is null)
            {
                return NotTranslatable("no loss");
            }

            // Keras needs the variables: TF1's default is the graph's trainable variables at the call (in a graph, the
            // analysis allows no other), written out at the same place.
            arguments.Add(loss.WithNameColon(null));
            arguments.Add(Argument("varList")?.WithNameColon(null) ?? SyntaxFactory.Argument(Syntax.Qualified(TrainableVariables)));
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

    /// <summary>The Keras learning rate: the same number, or the schedule of the decay that computed it (the decay consumed).</summary>
    private static Outcome<string> LearningRate(IArgumentOperation argument, List<BoundSite> decays, UnitContext context, List<NodeEdit> edits, CancellationToken cancellationToken)
    {
        var value = argument.Value is IConversionOperation conversion ? conversion.Operand : argument.Value;
        if (OptimizerAnalysis.IsNumber(value.Type))
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
            && Statements.UsesOf(local.Local, statement.Parent!, context.Creation!.Model, cancellationToken).Count == 1)
        {
            // The rate flows only into this optimizer: its declaration goes away.
            decayCall = initializer;
            edits.Add(new NodeEdit(context.Creation.Document.Id, Statements.WrapperOf(statement), null));
        }

        var decay = decays.FirstOrDefault(site => site.Expression == decayCall);
        if (decay is null)
        {
            return new Blocker(BlockerKind.DecayNotOptimizersRate) { Line = CodeText.Line(argument.Syntax) };
        }

        var schedule = ScheduleTranslation.Of(context, decay, cancellationToken);
        if (schedule.Value is null)
        {
            return schedule.Declined<string>();
        }

        decays.Remove(decay);
        return schedule.Value.Factory.ToString();
    }
}
