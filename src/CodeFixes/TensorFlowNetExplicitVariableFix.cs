using System.Collections.Generic;
using System.Linq;
using System.Threading;
using GlobalStepMigration.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;

namespace GlobalStepMigration.CodeFixes;

/// <summary>
/// Fix B on a TensorFlow.NET unit, in that library's idiom (docs/tensorflow-net.md): a step made by
/// <c>tf.train.create_global_step</c> or <c>TrainingUtil.create_global_step</c> becomes
/// <c>tf.Variable(0L, trainable: false, name: "global_step")</c> (a hand-made step is kept as it is),
/// lookups read that variable, and <c>optimizer.minimize(loss, global_step: gs)</c> becomes
/// <c>tf.group(new ITensorOrOperation[] { optimizer.minimize(loss), gs.assign_add(1L) })</c>.
/// A unit with a <c>polynomial_decay</c> is not rewritten: <c>tf.group</c> does not order the increment
/// after the decay's read of the step.
/// Every member written here exists in TensorFlow.NET with these parameter types:
/// <c>tensorflow.Variable&lt;T&gt;</c>, <c>tensorflow.group&lt;T&gt;(T[] inputs, string name = null) where T : ITensorOrOperation</c>
/// and <c>IVariableV1.assign_add&lt;T&gt;(T delta, ...)</c> (tests/TensorFlowNet.Signatures).
/// </summary>
internal static class TensorFlowNetExplicitVariableFix
{
    private const string Tf = "global::Tensorflow.Binding.tf";

    public static Outcome<UnitRewrite> Plan(UnitContext context, CancellationToken cancellationToken)
    {
        var edits = new List<NodeEdit>();
        var creation = context.Creation!;
        var handMade = IsHandMade(creation, cancellationToken);
        if (!handMade)
        {
            if (creation.Expression is not InvocationExpressionSyntax creationCall || !StorageTakesResourceVariable(context, creation, cancellationToken))
            {
                return new Blocker(BlockerKind.StorageCannotHoldVariable) { Name = context.Storage!.Name };
            }

            edits.Add(new NodeEdit(
                creation.Document.Id,
                creationCall,
                current => Qualified(Tf + ".Variable(0L, trainable: false, name: \"global_step\")").WithTriviaFrom(current)));
        }

        foreach (var lookup in context.OfKind(SiteKind.Lookup))
        {
            if (!context.CanReferenceStorageAt(lookup))
            {
                return new Blocker(BlockerKind.LookupCannotNameStorage) { Line = CodeText.Line(lookup.Expression), Name = context.Storage!.Name };
            }

            if (!LookupTakesStorage(context, lookup, cancellationToken))
            {
                return new Blocker(BlockerKind.LookupTypeDiffers) { Line = CodeText.Line(lookup.Expression), Name = context.Storage!.Name };
            }

            edits.Add(new NodeEdit(lookup.Document.Id, lookup.Expression, current => SyntaxFactory.IdentifierName(context.Storage!.Name).WithTriviaFrom(current)));
        }

        var optimizerSites = context.OfKind(SiteKind.OptimizerArgument).ToList();
        if (optimizerSites.Count > 0 && !StorageIsVariable(context, handMade))
        {
            return new Blocker(BlockerKind.StorageCannotHoldVariable) { Name = context.Storage!.Name };
        }

        // The increment has the step's dtype: 1L for an int64 step (every step this fix creates), 1 for an int32 one.
        var dtype = handMade ? context.Unit.Property(UnitProperties.StepDType) : "int64";
        if (optimizerSites.Count > 0 && dtype is not ("int64" or "int32"))
        {
            return new Blocker(BlockerKind.StepDTypeUnknown) { DType = dtype };
        }

        foreach (var site in optimizerSites)
        {
            var edit = WrapWithIncrement(context, site, dtype == "int64", cancellationToken);
            if (edit is null)
            {
                return new Blocker(BlockerKind.OptimizerCallNotRewritable) { Line = CodeText.Line(site.Expression) };
            }

            edits.Add(edit);
        }

        // tf.group does not order its inputs: a polynomial_decay reading the step in the same run could see
        // it before or after the increment (a TF1 optimizer increments under a control dependency on the
        // update). Until this fix writes that control dependency, a unit with a decay is left to the user.
        if (context.OfKind(SiteKind.Decay).FirstOrDefault() is { } decay)
        {
            return new Blocker(BlockerKind.IncrementNotOrderedAfterDecay) { Api = CodeText.Quote(decay.Expression), Line = CodeText.Line(decay.Expression), Library = "TensorFlow.NET" };
        }

        return edits.Count == 0 ? new Blocker(BlockerKind.NothingToRewrite) : new UnitRewrite(edits);
    }

    private static bool IsHandMade(BoundSite creation, CancellationToken cancellationToken) =>
        creation.Expression is ObjectCreationExpressionSyntax or ImplicitObjectCreationExpressionSyntax
        || creation.Model.GetSymbolInfo(creation.Expression, cancellationToken).Symbol is IMethodSymbol { Name: "Variable" or "get_variable" };

    private static ITypeSymbol? StorageType(UnitContext context) => context.Storage switch
    {
        ILocalSymbol local => local.Type,
        IFieldSymbol field => field.Type,
        _ => null,
    };

    /// <summary>Whether the storage can hold the <c>ResourceVariable</c> that <c>tf.Variable</c> returns.</summary>
    private static bool StorageTakesResourceVariable(UnitContext context, BoundSite creation, CancellationToken cancellationToken)
    {
        var type = StorageType(context);
        if (type is null)
        {
            return false;
        }

        // var step = tf.train.create_global_step(null): the new initializer makes it a ResourceVariable.
        if (context.Storage is ILocalSymbol
            && Syntax.OutermostWrapper(creation.Expression) == creation.Expression
            && creation.Expression.Parent is EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax { Type.IsVar: true } } })
        {
            return true;
        }

        var resourceVariable = creation.Model.Compilation.GetTypeByMetadataName("Tensorflow.ResourceVariable");
        return resourceVariable is not null
            && creation.Model.Compilation.ClassifyConversion(resourceVariable, type) is { IsImplicit: true, IsUserDefined: false };
    }

    /// <summary>Whether a lookup (<c>tf.train.get_global_step(graph)</c>) can be replaced by the storage without changing what compiles.</summary>
    private static bool LookupTakesStorage(UnitContext context, BoundSite lookup, CancellationToken cancellationToken)
    {
        var storageType = StorageType(context);
        var outer = Syntax.OutermostWrapper(lookup.Expression);
        if (storageType is null)
        {
            return false;
        }

        // get_global_step().AsTensor(): the storage has the member (IVariableV1's members are the variables').
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

    /// <summary>Makes sure <c>step.assign_add</c> compiles: the storage is a variable of TensorFlow.NET.</summary>
    private static bool StorageIsVariable(UnitContext context, bool handMade)
    {
        var type = StorageType(context);
        if (type is null)
        {
            return false;
        }

        if (!handMade && context.Storage is ILocalSymbol { DeclaringSyntaxReferences.Length: > 0 } local
            && local.DeclaringSyntaxReferences[0].GetSyntax() is VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax { Type.IsVar: true } })
        {
            return true;
        }

        return type.Name == "IVariableV1" && type.ContainingNamespace?.ToDisplayString() == "Tensorflow"
            || type.AllInterfaces.Any(i => i.Name == "IVariableV1" && i.ContainingNamespace?.ToDisplayString() == "Tensorflow");
    }

    /// <summary><c>opt.minimize(loss, global_step: gs)</c> -> <c>tf.group(new ITensorOrOperation[] { opt.minimize(loss), gs.assign_add(1L) })</c>.</summary>
    private static NodeEdit? WrapWithIncrement(UnitContext context, BoundSite site, bool int64, CancellationToken cancellationToken)
    {
        if (site.Expression.Parent is not ArgumentSyntax argument
            || argument.Parent is not ArgumentListSyntax list
            || list.Parent is not InvocationExpressionSyntax invocation
            || site.Model.GetSymbolInfo(invocation, cancellationToken).Symbol is not IMethodSymbol { Name: "minimize" or "apply_gradients" } method
            || !context.IsStorageReference(site, site.Expression, cancellationToken)
            || method.ReturnType.Name != "Operation")
        {
            return null;
        }

        var index = list.Arguments.IndexOf(argument);
        var step = Syntax.StripWrappers(site.Expression).WithoutTrivia();
        var nullable = site.Model.GetTypeInfo(Syntax.StripWrappers(site.Expression), cancellationToken).Nullability.FlowState == NullableFlowState.MaybeNull;

        return new NodeEdit(site.Document.Id, invocation, current =>
        {
            var call = (InvocationExpressionSyntax)current;
            var updated = call.WithArgumentList(Syntax.RemoveArgument(call.ArgumentList, index, method)).WithoutTrivia();
            var increment = Syntax.Increment(step, nullable, "assign_add", int64 ? SyntaxFactory.Literal("1L", 1L) : SyntaxFactory.Literal(1));
            var group = (InvocationExpressionSyntax)Qualified(Tf + ".group(new global::Tensorflow.ITensorOrOperation[] { a, b })");
            var array = (ArrayCreationExpressionSyntax)group.ArgumentList.Arguments[0].Expression;
            array = array.WithInitializer(array.Initializer!.WithExpressions(SyntaxFactory.SeparatedList<ExpressionSyntax>(new[] { updated, increment })));
            return group.WithArgumentList(group.ArgumentList.WithArguments(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(array))))
                .WithTriviaFrom(current);
        });
    }

    /// <summary>Like <see cref="Syntax.Qualified"/>, also marking qualified type names (<c>global::Tensorflow.ITensorOrOperation</c>).</summary>
    private static ExpressionSyntax Qualified(string text)
    {
        var expression = SyntaxFactory.ParseExpression(text);
        var names = expression.DescendantNodesAndSelf()
            .OfType<ExpressionSyntax>()
            .Where(node => node is MemberAccessExpressionSyntax or AliasQualifiedNameSyntax or QualifiedNameSyntax
                && node.ToString().StartsWith("global::", System.StringComparison.Ordinal)
                && !(node.Parent is MemberAccessExpressionSyntax parent && parent.Expression == node)
                && !(node.Parent is QualifiedNameSyntax qualified && qualified.Left == node));
        return expression
            .ReplaceNodes(names, (_, rewritten) => rewritten.WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation))
            .WithAdditionalAnnotations(Formatter.Annotation);
    }
}
