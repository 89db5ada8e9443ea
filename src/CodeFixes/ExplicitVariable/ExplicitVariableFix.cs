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
/// lookups read that variable, every update that incremented the step becomes the inline of what the TF1
/// optimizer builds for a global step (<see cref="UpdateInline"/>: the update named <c>S/update</c>, then under a
/// control dependency on it the increment named <c>S</c>, the call's value), and decays become the matching Keras
/// schedule called with the variable. The library's spellings and which storages work come from its
/// <see cref="ExplicitVariableIdiom"/>.
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
            if (idiom.NewStepBlocker(creation.Model.Compilation) is { } unknown)
            {
                return unknown;
            }

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

        var names = new LocalNames();
        foreach (var site in optimizerSites)
        {
            var edit = UpdateInline.Plan(context, idiom, site, one!.Value, names, cancellationToken);
            if (edit.Value is not { } inline)
            {
                return edit.Declined<UnitRewrite>();
            }

            edits.Add(inline);
        }

        // A decay reads the step before the increment: the update depends on the rate it computes, the increment on the update.
        foreach (var site in context.OfKind(SiteKind.Decay))
        {
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
}
