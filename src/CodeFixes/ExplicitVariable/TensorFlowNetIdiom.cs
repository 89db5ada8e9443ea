using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GlobalStepMigration.CodeFixes;

/// <summary>
/// Fix B in TensorFlow.NET's idiom (docs/tensorflow-net.md), with members TensorFlow.NET has with these
/// parameter types: <c>tensorflow.Variable&lt;T&gt;</c> (returns <c>ResourceVariable</c>),
/// <c>tensorflow.group&lt;T&gt;(T[] inputs, string name = null) where T : ITensorOrOperation</c> and
/// <c>IVariableV1.assign_add&lt;T&gt;(T delta, ...)</c> (TensorFlow.NET v0.100.5 src/TensorFlowNET.Core/tensorflow.cs:99,
/// APIs/tf.control_flow.cs:41, Variables/IVariableV1.cs:50; the model in tests/TensorFlowNet.Model). The increment has the step's dtype (<c>1L</c> for
/// int64, <c>1</c> for int32); the storage must hold the <c>ResourceVariable</c> that <c>tf.Variable</c>
/// returns and be an <c>IVariableV1</c>. A unit with a decay is not rewritten: <c>tf.group</c> does not
/// order the increment after the decay's read of the step (a TF1 optimizer does, under a control dependency).
/// </summary>
internal sealed class TensorFlowNetIdiom : ExplicitVariableIdiom
{
    private const string Ns = "Tensorflow.";

    public override string VariableFactory => Qualified(Ns + "Binding") + ".tf.Variable";

    public override string NewVariableTypeMetadataName => Ns + "ResourceVariable";

    public override string IncrementableTypeMetadataName => Ns + "IVariableV1";

    public override string IncrementMethod => "assign_add";

    public override bool RewritesDecays => false;

    public override SyntaxToken? One(string? dtype) => dtype switch
    {
        "int64" => SyntaxFactory.Literal("1L", 1L),
        "int32" => SyntaxFactory.Literal(1),
        _ => null,
    };

    /// <summary>The update the step is passed to (the map's minimize or apply_gradients) must return an <c>Operation</c>, which the group takes.</summary>
    public override bool CanWrap(IMethodSymbol method) => method.ReturnType.Name == "Operation";

    public override ExpressionSyntax Group(ExpressionSyntax update, ExpressionSyntax increment)
    {
        var group = (InvocationExpressionSyntax)Syntax.Qualified(Qualified(Ns + "Binding") + ".tf.group(new " + Qualified(Ns + "ITensorOrOperation") + "[] { a, b })");
        var array = (ArrayCreationExpressionSyntax)group.ArgumentList.Arguments[0].Expression;
        array = array.WithInitializer(array.Initializer!.WithExpressions(SyntaxFactory.SeparatedList(new[] { update, increment })));
        return group.WithArgumentList(group.ArgumentList.WithArguments(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(array))));
    }

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
}
