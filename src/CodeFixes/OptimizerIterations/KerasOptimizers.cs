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
/// A TF1 optimizer and the Keras optimizer that updates exactly as it does in this runtime: the TF1
/// parameters that carry over, each written positionally (null name) or as a named Keras argument.
/// </summary>
internal sealed class KerasOptimizerEquivalent
{
    public KerasOptimizerEquivalent(string tf1Name, string kerasFactory, bool constantRateOnly, params (string Tf1, string? Keras)[] parameters)
    {
        Tf1Name = tf1Name;
        KerasFactory = kerasFactory;
        ConstantRateOnly = constantRateOnly;
        Parameters = parameters.ToImmutableArray();
    }

    /// <summary>The TF1 factory method or type (<c>GradientDescentOptimizer</c>).</summary>
    public string Tf1Name { get; }

    /// <summary>The Keras factory of <c>Tf.Keras.Optimizers</c> (<c>SGD</c>).</summary>
    public string KerasFactory { get; }

    /// <summary>Whether the two are equal only with a constant learning rate (not a decayed one).</summary>
    public bool ConstantRateOnly { get; }

    /// <summary>The TF1 parameters in the Keras call's order, with their Keras names (null: positional).</summary>
    public ImmutableArray<(string Tf1, string? Keras)> Parameters { get; }
}

/// <summary>
/// Fix A's optimizer translation, as data: which TF1 optimizer becomes which Keras optimizer (the table),
/// its construction with the same hyperparameters (a decayed rate as the decay's Keras schedule), and its
/// update calls without the step.
/// </summary>
internal static class KerasOptimizers
{
    /// <summary>The TF1 parameter that holds the learning rate (a number, or a decay of the unit).</summary>
    public const string LearningRateParameter = "learningRate";

    /// <summary>
    /// TF1 optimizers with a Keras optimizer proven equal in this runtime by running both
    /// (tests/CodeFixes.Tests/OptimizerIterationsFixTests.cs). AdamOptimizer is not here: the runtime's TF1
    /// and Keras Adam trajectories differ in the sixth decimal even with epsilon written out.
    /// </summary>
    public static readonly ImmutableArray<KerasOptimizerEquivalent> Table = ImmutableArray.Create(
        new KerasOptimizerEquivalent("GradientDescentOptimizer", "SGD", constantRateOnly: false, (LearningRateParameter, null), ("name", "name")),

        // TF1 accumulates gradients, Keras accumulates lr * gradient: equal only for a constant rate.
        new KerasOptimizerEquivalent("MomentumOptimizer", "SGD", constantRateOnly: true, (LearningRateParameter, null), ("momentum", "momentum"), ("useNesterov", "nesterov"), ("name", "name")));

    /// <summary>TF1 arguments with no Keras counterpart unless they are the constant <c>false</c>.</summary>
    private static readonly ImmutableArray<string> MustBeFalse = ImmutableArray.Create("useLocking");

    /// <summary>Where the Keras factories are (metadata name).</summary>
    private const string KerasOptimizersType = "GlobalStepMigration.Runtime.Tf+Keras+Optimizers";

    /// <summary>The Keras optimizer equal to a TF1 one's construction; declined when there is no exact equivalent.</summary>
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
        var given = arguments.Where(argument => argument.ArgumentKind != ArgumentKind.DefaultValue && argument.Parameter is not null)
            .ToDictionary(argument => argument.Parameter!.Name, argument => argument);
        if (MustBeFalse.FirstOrDefault(name => given.TryGetValue(name, out var argument) && argument.Value.ConstantValue is not { HasValue: true, Value: false }) is { } set)
        {
            return new Blocker(BlockerKind.NoExactKerasOptimizer) { Name = kind, Code = set };
        }

        var decayCount = decays.Count;
        string? learningRate = null;
        if (given.TryGetValue(LearningRateParameter, out var rateArgument))
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

        var equivalent = Table.FirstOrDefault(entry => entry.Tf1Name == kind);
        if (equivalent is null || (equivalent.ConstantRateOnly && decayCount != 0))
        {
            return new Blocker(BlockerKind.NoExactKerasOptimizer) { Name = kind, Code = equivalent is null ? null : "a decayed rate" };
        }

        var parts = new List<string>();
        foreach (var (tf1, keras) in equivalent.Parameters)
        {
            if (tf1 == LearningRateParameter)
            {
                parts.Add(learningRate!);
            }
            else if (given.TryGetValue(tf1, out var argument))
            {
                parts.Add(keras is null ? argument.Value.Syntax.ToString() : keras + ": " + argument.Value.Syntax.ToString());
            }
        }

        return Syntax.Qualified("global::" + KerasOptimizersType.Replace('+', '.') + "." + equivalent.KerasFactory + "(" + string.Join(", ", parts) + ")");
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

    /// <summary>The Keras learning rate: the same number, or the schedule of the decay that computed it (the decay consumed).</summary>
    private static Outcome<string> LearningRate(IArgumentOperation argument, List<BoundSite> decays, UnitContext context, List<NodeEdit> edits, CancellationToken cancellationToken)
    {
        var value = argument.Value is IConversionOperation conversion ? conversion.Operand : argument.Value;
        if (ScheduleTranslation.IsNumber(value.Type))
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

        if (!GraphScopes.InGraphMode(decay.Expression, context.Library.Conventions.Graphs!))
        {
            // Eagerly a TF1 decay is evaluated once, where it is called, while a Keras schedule follows
            // Iterations at every update: only in a graph (recomputed at every run) are they the same.
            return new Blocker(BlockerKind.DecayEvaluatedEagerly) { Line = CodeText.Line(decay.Expression) };
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
