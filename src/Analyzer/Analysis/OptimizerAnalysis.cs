using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace GlobalStepMigration.Analyzers;

/// <summary>
/// The TF1 optimizers of a type, for fix A's checks in one place (docs/design/observables.md, O9-O11): each construction
/// (which optimizer, which arguments, how its learning rate is written), every reference to an optimizer's storage (fix
/// A needs it used only by the unit's updates: a Keras optimizer counts every update, and has no TF1 members), and every
/// use of a train op the updates return that shows its name.
/// </summary>
internal static class OptimizerAnalysis
{
    /// <summary>Records a TF1 optimizer's construction (<c>Train.GradientDescentOptimizer(0.1)</c>, <c>new MomentumOptimizer(...)</c>).</summary>
    public static void AnalyzeConstruction(TypeAnalysis analysis, IOperation construction, ApiEntry entry, ResolvedLibrary library)
    {
        var arguments = construction switch
        {
            IInvocationOperation invocation => invocation.Arguments,
            IObjectCreationOperation creation => creation.Arguments,
            _ => ImmutableArray<IArgumentOperation>.Empty,
        };

        var given = ImmutableArray.CreateBuilder<string>();
        string? notExact = null;
        string? name = null;
        var rate = RateKind.Number;
        var constant = true;
        foreach (var argument in arguments)
        {
            if (argument.ArgumentKind == ArgumentKind.DefaultValue || argument.Parameter is null)
            {
                continue;
            }

            var parameter = argument.Parameter.Name;
            given.Add(parameter);
            var value = OperationFacts.Unwrap(argument.Value);
            if (OptimizerPair.MustBeFalse.Contains(parameter) && value.ConstantValue is not { HasValue: true, Value: false })
            {
                notExact ??= parameter;
            }

            if (parameter == "name" && value.ConstantValue is { HasValue: true, Value: string constantName })
            {
                name = constantName;
            }

            if (parameter == OptimizerPair.LearningRateParameter)
            {
                rate = RateOf(analysis, argument);
                constant &= rate is RateKind.Number or RateKind.InlineDecay;
            }
            else
            {
                constant &= value.ConstantValue.HasValue;
            }
        }

        analysis.AddConstruction(new OptimizerConstruction(KeyOfConstruction(analysis, construction), entry.DisplayName, library.Library, OperationFacts.Line(construction))
        {
            Given = given.ToImmutable(),
            NotExact = notExact,
            Name = name,
            Rate = rate,
            ArgumentsConstant = constant,
        });
    }

    /// <summary>
    /// The optimizer a construction makes: its storage (<c>var opt = ...</c>), or, when it is the receiver of an update
    /// with a step (<c>Train.GradientDescentOptimizer(0.1).Minimize(loss, step, vars)</c>), the key GSM002 gives that
    /// update's optimizer; null otherwise.
    /// </summary>
    public static OptimizerKey? KeyOfConstruction(TypeAnalysis analysis, IOperation construction)
    {
        if (StepCreations.StorageOf(construction) is { } storage)
        {
            return OptimizerKey.Of(storage);
        }

        var (child, parent) = OperationFacts.SkipConversionsUp(construction);
        return parent is IInvocationOperation update
            && update.Instance == child
            && analysis.Apis.TryFind(update.TargetMethod, out _, out var entry)
            && entry.Kind == ApiKind.PassedToOptimizer
                ? KeyOfUpdate(update)
                : null;
    }

    /// <summary>The optimizer of an update (GSM002's key): its storage, or the receiver expression and the call's position.</summary>
    public static OptimizerKey KeyOfUpdate(IInvocationOperation update) =>
        OperationFacts.SymbolOf(update.Instance) is { } optimizer
            ? OptimizerKey.Of(optimizer)
            : OptimizerKey.Expression(OperationFacts.Describe(update.Instance?.Syntax), update.Syntax.SpanStart);

    /// <summary>A reference to a TF1 optimizer's storage: the receiver of an update that passes a step, or another use.</summary>
    public static void AnalyzeOptimizerReference(TypeAnalysis analysis, IOperation reference, ISymbol symbol)
    {
        var (child, parent) = OperationFacts.SkipConversionsUp(reference);
        int? call = null;
        if (parent is IInvocationOperation update
            && update.Instance == child
            && analysis.Apis.TryFind(update.TargetMethod, out _, out var entry)
            && entry.Kind == ApiKind.PassedToOptimizer
            && !OperationFacts.IsNullOrDefault(OperationFacts.FindArgument(update, entry.ParameterName)))
        {
            call = update.Syntax.SpanStart;
        }

        analysis.AddOptimizerUse(new OptimizerUse(symbol, call, OperationFacts.Line(reference)));
    }

    /// <summary>A reference to a stored train op (an operation): records how it shows the op's name, if it does.</summary>
    public static void AnalyzeTrainOpReference(TypeAnalysis analysis, IOperation reference, ISymbol symbol)
    {
        if (HowNameIsShown(analysis, reference) is { } how)
        {
            analysis.AddTrainOpUse(symbol, new Blocker(BlockerKind.TrainOpObserved) { Name = symbol.Name, Code = how, Line = OperationFacts.Line(reference) });
        }

        if (WalksBelow(reference) is { } walk)
        {
            analysis.AddTrainOpUse(symbol, walk);
        }
    }

    /// <summary>
    /// A use that walks from the train op to its control input, the update op, and what is under it: both fixes build
    /// those ops under other names (fix B's update is <c>S/update</c> from <c>ApplyGradients(name: ...)</c>, its ops under
    /// it, docs/design/observables.md), so reading them declines both (O6). Null for any other use.
    /// </summary>
    public static Blocker? WalksBelow(IOperation use)
    {
        var (child, parent) = OperationFacts.SkipConversionsUp(use);
        return parent is IPropertyReferenceOperation property && property.Instance == child && property.Property.Name is "ControlInputs" or "control_inputs"
            ? new Blocker(BlockerKind.TrainStructureObserved) { Api = property.Property.Name, Code = "the train op's control inputs", Line = OperationFacts.Line(parent) }
            : null;
    }

    /// <summary>
    /// How a use of an operation shows its name (O10): printed, formatted, asked for a property, or handed to code the
    /// analysis cannot see; null when it only runs it or passes it to the library (a session, a group, a dependency).
    /// </summary>
    public static string? HowNameIsShown(TypeAnalysis analysis, IOperation use)
    {
        var (child, parent) = OperationFacts.SkipConversionsUp(use);
        switch (parent)
        {
            case null:
            case IExpressionStatementOperation:
                return null;
            case ISimpleAssignmentOperation assignment when assignment.Target == child:
                return null;
            case ISimpleAssignmentOperation or IVariableInitializerOperation:
                return "copied to another variable";
            case IPropertyReferenceOperation property:
                return "asked for its " + property.Property.Name;
            case IInterpolationOperation:
                return "formatted";
            case IInvocationOperation invocation when invocation.Instance == child:
                return "asked for " + invocation.TargetMethod.Name + "()";
            case IArgumentOperation { Parent: IInvocationOperation or IObjectCreationOperation } argument:
                var target = argument.Parent switch
                {
                    IInvocationOperation call => call.TargetMethod,
                    IObjectCreationOperation creation => creation.Constructor,
                    _ => null,
                };
                return target is not null && analysis.Apis.Libraries.Any(library => library.IsLibraryMember(target))
                    && !(analysis.Apis.TryFind(target, out _, out var entry) && entry.Kind is ApiKind.CollectionAccess)
                    ? null
                    : "passed to '" + (target?.Name ?? "?") + "'";
            default:
                return "used in '" + OperationFacts.Describe(parent.Syntax) + "'";
        }
    }

    private static RateKind RateOf(TypeAnalysis analysis, IArgumentOperation argument)
    {
        if (argument.Value is IConversionOperation conversion && IsNumber(conversion.Operand.Type))
        {
            return RateKind.Number;
        }

        var value = OperationFacts.Unwrap(argument.Value);
        if (value is IInvocationOperation invocation && analysis.Apis.TryFind(invocation.TargetMethod, out _, out var entry) && entry.Kind == ApiKind.Decay)
        {
            return RateKind.InlineDecay;
        }

        return value is ILocalReferenceOperation or IFieldReferenceOperation && OperationFacts.SymbolOf(value) is not null
            ? RateKind.Storage
            : RateKind.Tensor;
    }

    /// <summary>Whether a learning rate of this type is a number (Keras schedules and optimizers take one).</summary>
    public static bool IsNumber(ITypeSymbol? type) =>
        type?.SpecialType is SpecialType.System_Double or SpecialType.System_Single or SpecialType.System_Int32 or SpecialType.System_Int64;
}
