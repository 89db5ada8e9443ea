using System.Linq;
using System.Threading;
using GlobalStepMigration.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace GlobalStepMigration.CodeFixes;

/// <summary>
/// Fix B in TensorFlow.NET's idiom (docs/tensorflow-net.md, "Fix B"), with members TensorFlow.NET has at every
/// generation the map covers: <c>tf.Variable</c> for a step a global-step function made, and each update inlined as
/// <c>Optimizer.apply_gradients</c> builds it with a global step (Core/Training/Optimizer.cs:145-224 at v0.20 and
/// v0.150.0):
/// <code>
/// tf_with(tf.control_dependencies(new[] { optimizer.apply_gradients(optimizer.compute_gradients(loss), name: optimizer.Name + "/update") }),
///     _ => tf_with(tf.name_scope(optimizer.Name), scope => tf.assign_add(gs, tf.constant(1L), name: scope).op))
/// </code>
/// <c>minimize</c> is <c>apply_gradients(compute_gradients(...), global_step, name)</c> (Optimizer.cs:108-128).
/// <c>apply_gradients</c> runs where the call was (slots and Adam's <c>beta1_power</c>/<c>beta2_power</c> in the
/// caller's name scope, :170-171) and groups the updates into the NoOp <c>S/update</c>; then, under a control
/// dependency on it and in the name scope <c>S</c> (made unique as the optimizer's was), a Const of the step's dtype
/// <c>S/Const</c> and the <c>AssignAdd</c> named <c>S</c> (:200-210) are built: the AssignAdd is the call's value. The
/// spellings are TensorFlow.NET's own: <c>tf_with</c> enters the controller and the scope (a <c>using</c> on them does
/// nothing at v0.150.0 and resets the name scope at v0.20, ops.name_scope.cs), and <c>tf.assign_add</c> increments a
/// resource variable in graph mode where <c>gs.assign_add</c> never does (tf.state.cs:21-23, BaseResourceVariable.cs).
/// The value is the AssignAdd's op (<c>.op</c>) where <c>apply_gradients</c> returned it, and null where it returned
/// null: releases whose <c>BaseResourceVariable.assign_add</c> returns <c>ITensorOrOperation</c> (0.20.0, from commit
/// a8a0731c to f9959ef9) wrote <c>state_ops.assign_add(...) as Operation</c> (Optimizer.cs:208-210 at v0.20), and the
/// inline writes the same <c>as Operation</c>.
/// </summary>
internal sealed class TensorFlowNetIdiom : ExplicitVariableIdiom
{
    private const string Ns = "Tensorflow.";

    public override string VariableFactory => Qualified(Ns + "Binding") + ".tf.Variable";

    public override string NewVariableTypeMetadataName => Ns + "ResourceVariable";

    public override string IncrementableTypeMetadataName => Ns + "IVariableV1";

    public override bool WritesStatements => false;

    /// <summary>apply_gradients itself takes its name scope and control dependency from the default graph (Optimizer.cs:172, :200).</summary>
    public override bool IncrementsInDefaultGraph => false;

    protected override string MinimizeMethod => "minimize";

    protected override string ApplyGradientsMethod => "apply_gradients";

    /// <summary>The literal of <c>ops.convert_to_tensor(1, dtype: global_step.dtype)</c>'s value (Optimizer.cs:208) for the dtypes a step is made with.</summary>
    public override SyntaxToken? One(string? dtype) => dtype switch
    {
        "int64" => Literal("1L", 1L),
        "int32" => Literal(1),
        "float32" => Literal("1f", 1f),
        "float64" => Literal("1d", 1d),
        _ => null,
    };

    public override InlineForm Inline(InlineParts parts, Compilation compilation)
    {
        var gradients = parts.Kind == UpdateKind.Minimize
            ? ArgumentList(SingletonSeparatedList(Argument(Call(parts.Optimizer, "compute_gradients", parts.Arguments))))
            : parts.Arguments;
        var update = Call(parts.Optimizer, "apply_gradients", gradients.AddArguments(Argument(parts.UpdateName("Name")).WithNameColon(NameColon(IdentifierName("name")).WithTrailingTrivia(Space))));

        // tf.assign_add(gs, tf.constant(1L), name: scope), then .op (or, where apply_gradients returned null, as Operation).
        var template = (InvocationExpressionSyntax)Syntax.Qualified(
            Qualified(Ns + "Binding") + ".tf_with(" + Qualified(Ns + "Binding") + ".tf.control_dependencies(new[] { UPDATE }), DISCARD => "
            + Qualified(Ns + "Binding") + ".tf_with(" + Qualified(Ns + "Binding") + ".tf.name_scope(NAME), SCOPE => "
            + Qualified(Ns + "Binding") + ".tf.assign_add(STEP, " + Qualified(Ns + "Binding") + ".tf.constant(ONE), name: SCOPE)"
            + (!parts.ValueUsed ? string.Empty : ReturnsNullTrainOp(compilation) ? " as " + Qualified(Ns + "Operation") : ".op") + "))");
        var value = template.ReplaceNodes(
            template.DescendantNodes().OfType<IdentifierNameSyntax>().Where(name => name.Identifier.ValueText is "UPDATE" or "NAME" or "STEP" or "ONE" or "SCOPE" or "DISCARD"),
            (name, _) => name.Identifier.ValueText switch
            {
                "UPDATE" => update,
                "NAME" => parts.TrainOpName("Name"),
                "STEP" => parts.Step,
                "ONE" => LiteralExpression(SyntaxKind.NumericLiteralExpression, parts.One),
                "SCOPE" => IdentifierName(parts.ScopeParameter),
                _ => IdentifierName(parts.DiscardParameter),
            });
        value = value.ReplaceTokens(
            value.DescendantTokens().Where(token => token.IsKind(SyntaxKind.IdentifierToken) && token.ValueText is "SCOPE" or "DISCARD"),
            (token, _) => Identifier(token.ValueText == "SCOPE" ? parts.ScopeParameter : parts.DiscardParameter).WithTriviaFrom(token));

        // The increment on a line of its own, under the update: tf_with(<dependency on the update>,\n _ => <increment>).
        var outer = (InvocationExpressionSyntax)value;
        var lambda = outer.ArgumentList.Arguments[1];
        value = outer.ReplaceNode(lambda, lambda.WithLeadingTrivia(parts.Continuation));
        return new InlineForm(value);
    }

    /// <summary>
    /// A step a global-step function creates is float32 up to TensorFlow.NET 0.40 and int64 from 0.60
    /// (Core/Training/TrainingUtil.cs); every release with the assembly name <c>TensorFlow.NET</c> is one of those,
    /// so its dtype, and the variable to write, is not known there.
    /// </summary>
    public override Blocker? NewStepBlocker(Compilation compilation) =>
        compilation.GetTypeByMetadataName(Ns + "Binding")?.ContainingAssembly.Name == "TensorFlow.NET"
            ? new Blocker(BlockerKind.CreationDTypeUnknown) { Library = "TensorFlow.NET", Code = "float32 up to 0.40, int64 from 0.60" }
            : null;

    /// <summary>
    /// Whether <c>minimize</c>/<c>apply_gradients</c> with a global step return null in this compilation's TensorFlow.NET: the
    /// releases whose <c>BaseResourceVariable.assign_add</c> returns <c>ITensorOrOperation</c> (commit a8a0731c to f9959ef9,
    /// release 0.20.0), where Optimizer.cs:208-210 converts the AssignAdd's tensor with <c>as Operation</c>.
    /// </summary>
    internal static bool ReturnsNullTrainOp(Compilation compilation) =>
        compilation.GetTypeByMetadataName(Ns + "BaseResourceVariable")?.GetMembers("assign_add").OfType<IMethodSymbol>().Any(method => method.ReturnType.Name == "ITensorOrOperation") == true;

    /// <summary>
    /// <c>get_global_step().AsTensor()</c> becomes <c>gs.AsTensor()</c> when the storage has that member (IVariableV1's members
    /// are the variables'); otherwise the storage must convert to what the lookup was used as (<c>sess.run(get_global_step())</c>
    /// with an <c>IVariableV1</c> would bind to <c>run(object)</c>).
    /// </summary>
    public override bool LookupTakesStorage(UnitContext context, BoundSite lookup, CancellationToken cancellationToken)
    {
        var storageType = context.StorageType;
        var outer = Syntax.OutermostWrapper(lookup.Expression);
        if (storageType is null)
        {
            return false;
        }

        if (outer == lookup.Expression && outer.Parent is MemberAccessExpressionSyntax access && access.Expression == outer
            && lookup.Model.GetSymbolInfo(access, cancellationToken).Symbol is { } member)
        {
            return new[] { storageType }.Concat(storageType.AllInterfaces)
                .SelectMany(type => type.GetMembers(member.Name))
                .Any(candidate => candidate.Kind == member.Kind);
        }

        var lookupType = lookup.Model.GetTypeInfo(outer, cancellationToken).ConvertedType;
        return lookupType is not null
            && lookup.Model.Compilation.ClassifyConversion(storageType, lookupType) is { IsImplicit: true, IsUserDefined: false };
    }

    private static InvocationExpressionSyntax Call(ExpressionSyntax receiver, string method, ArgumentListSyntax arguments) =>
        InvocationExpression(MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, receiver, IdentifierName(method)), arguments);
}
