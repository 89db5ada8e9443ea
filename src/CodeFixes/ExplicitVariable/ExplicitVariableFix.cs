using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using GlobalStepMigration.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;

namespace GlobalStepMigration.CodeFixes;

/// <summary>
/// Fix B, "Use an explicitly incremented variable", for every library: the creation becomes
/// <c>Tf.Variable(0L, trainable: false, name: "global_step")</c> (a hand-made step is kept as it is),
/// lookups read that variable, every optimizer call that incremented the step is wrapped as
/// <c>Tf.Group(opt.Minimize(...), step.AssignAdd(1))</c> (the update runs first), and decays become the
/// matching Keras schedule called with the variable. The library's spellings and which storages work
/// come from its <see cref="ExplicitVariableIdiom"/>.
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

        return ExplicitVariableIdiom.For(context.Library) is { } idiom
            ? Plan(context, idiom, cancellationToken)
            : new Blocker(BlockerKind.ExplicitVariableNotSupported) { OnlyFix = FixKind.UseExplicitVariable, Library = context.Library.Name };
    }

    private static Outcome<UnitRewrite> Plan(UnitContext context, ExplicitVariableIdiom idiom, CancellationToken cancellationToken)
    {
        var edits = new List<NodeEdit>();
        var creation = context.Creation!;
        var storage = context.Storage!;
        if (!context.CreationIsHandMade)
        {
            if (creation.Expression is not InvocationExpressionSyntax creationCall || !StorageTakesNewVariable(context, idiom))
            {
                return new Blocker(BlockerKind.StorageCannotHoldVariable) { Name = storage.Name };
            }

            edits.Add(new NodeEdit(creation.Document.Id, creationCall, current => idiom.NewStep(context.Library).WithTriviaFrom(current)));
        }

        if (Lookups.ReadStorage(context, edits, idiom.LookupTakesStorage, cancellationToken) is { } lookup)
        {
            return lookup;
        }

        var optimizerSites = context.OfKind(SiteKind.PassedToOptimizer).ToList();
        if (optimizerSites.Count > 0 && !StorageIsIncrementable(context, idiom, edits, cancellationToken))
        {
            return new Blocker(BlockerKind.StorageCannotHoldVariable) { Name = storage.Name };
        }

        // The increment has the step's dtype: a hand-made step's, else int64 (every step this fix creates).
        var dtype = context.CreationIsHandMade ? context.Unit.Property(UnitProperties.StepDType) : "int64";
        var one = idiom.One(dtype);
        if (optimizerSites.Count > 0 && one is null)
        {
            return new Blocker(BlockerKind.StepDTypeUnknown) { DType = dtype };
        }

        foreach (var site in optimizerSites)
        {
            var edit = WrapWithIncrement(context, idiom, site, one!.Value, cancellationToken);
            if (edit is null)
            {
                return new Blocker(BlockerKind.OptimizerCallNotRewritable) { Line = CodeText.Line(site.Expression) };
            }

            edits.Add(edit);
        }

        foreach (var site in context.OfKind(SiteKind.Decay))
        {
            if (!idiom.RewritesDecays)
            {
                return new Blocker(BlockerKind.IncrementNotOrderedAfterDecay) { Api = ScheduleTranslation.DecayName(site, cancellationToken), Line = CodeText.Line(site.Expression), Library = context.Library.Name };
            }

            var schedule = ScheduleTranslation.Of(context, site, cancellationToken);
            if (schedule.Value is not { } call)
            {
                return schedule.Declined<UnitRewrite>();
            }

            edits.Add(new NodeEdit(site.Document.Id, site.Expression, current => call.Invocation().WithTriviaFrom(current)));
        }

        return edits.Count == 0 ? new Blocker(BlockerKind.NothingToRewrite) : new UnitRewrite(edits);
    }

    /// <summary>Whether the storage can hold the variable the new creation makes (<c>var</c> takes its type).</summary>
    private static bool StorageTakesNewVariable(UnitContext context, ExplicitVariableIdiom idiom)
    {
        if (context.StorageType is not { } type)
        {
            return false;
        }

        if (IsVarInitializedByCreation(context))
        {
            return true;
        }

        var compilation = context.Creation!.Model.Compilation;
        return compilation.GetTypeByMetadataName(idiom.NewVariableTypeMetadataName) is { } variable
            && compilation.ClassifyConversion(variable, type) is { IsImplicit: true, IsUserDefined: false };
    }

    /// <summary>
    /// Makes sure <c>step.AssignAdd(1)</c> compiles: the storage has the library's variable type, is a <c>var</c> local
    /// the new creation types, or is declared with a type the idiom may re-declare (<c>Tensor</c> becomes <c>Variable</c>).
    /// </summary>
    private static bool StorageIsIncrementable(UnitContext context, ExplicitVariableIdiom idiom, List<NodeEdit> edits, CancellationToken cancellationToken)
    {
        if (context.StorageType is not { } type)
        {
            return false;
        }

        if (idiom.IsIncrementable(type) || (!context.CreationIsHandMade && IsVarInitializedByCreation(context)))
        {
            return true;
        }

        var declared = context.StorageDeclaredType(cancellationToken);
        var document = context.Storage!.DeclaringSyntaxReferences.FirstOrDefault()?.SyntaxTree is { } tree ? context.Solution.GetDocument(tree) : null;
        if (declared is null || document is null || !idiom.IsRetypable(type) || idiom.RetypedStorageTypeMetadataName is not { } retyped)
        {
            return false;
        }

        var nullable = declared is NullableTypeSyntax;
        edits.Add(new NodeEdit(document.Id, declared, current =>
        {
            TypeSyntax replacement = SyntaxFactory.ParseTypeName("global::" + retyped.Replace('+', '.'))
                .WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation);
            if (nullable)
            {
                replacement = SyntaxFactory.NullableType(replacement);
            }

            return replacement.WithTriviaFrom(current);
        }));
        return true;
    }

    /// <summary><c>var step = GetOrCreateGlobalStep();</c>: a local whose type the new creation decides.</summary>
    private static bool IsVarInitializedByCreation(UnitContext context) =>
        context.Storage is ILocalSymbol
        && Syntax.OutermostWrapper(context.Creation!.Expression) == context.Creation.Expression
        && context.Creation.Expression.Parent is EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax { Type.IsVar: true } } };

    /// <summary><c>opt.Minimize(loss, step, vars)</c> -> <c>Tf.Group(opt.Minimize(loss, varList: vars), step.AssignAdd(1))</c>.</summary>
    private static NodeEdit? WrapWithIncrement(UnitContext context, ExplicitVariableIdiom idiom, BoundSite site, SyntaxToken one, CancellationToken cancellationToken)
    {
        if (site.Expression.Parent is not ArgumentSyntax argument
            || argument.Parent is not ArgumentListSyntax list
            || list.Parent is not InvocationExpressionSyntax invocation
            || site.Model.GetSymbolInfo(invocation, cancellationToken).Symbol is not IMethodSymbol method
            || !context.IsStorageReference(site, site.Expression, cancellationToken)
            || !idiom.CanWrap(method))
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
            return idiom.Group(updated, Syntax.Increment(step, nullable, idiom.IncrementMethod, one)).WithTriviaFrom(current);
        });
    }
}
