using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace GlobalStepMigration.Analyzers;

/// <summary>
/// What a use of a step does (a reference to its storage, or a global-step call that is not stored): a read, a
/// manual increment, or something that blocks its unit (a write, a reassignment, a return, code the fix cannot
/// follow). The rules record their own sites; this records everything else that happens to the step.
/// </summary>
internal static class StepUses
{
    /// <summary>Records what a use of the step (a reference, or a global-step call with no storage) does.</summary>
    public static void Add(TypeAnalysis analysis, IOperation operation, object node)
    {
        var (child, parent) = OperationFacts.SkipConversionsUp(operation);
        switch (parent)
        {
            case null:
            case IExpressionStatementOperation:
                return;
            case ISimpleAssignmentOperation assignment when assignment.Target == child:
                if (!IsCreation(analysis, assignment.Value))
                {
                    analysis.AddBlocker(node, new Blocker(BlockerKind.Reassigned) { Line = OperationFacts.Line(assignment) });
                }

                return;
            case IInvocationOperation invocation when invocation.Instance == child:
                AddInstanceUse(analysis, invocation, node);
                return;
            case IPropertyReferenceOperation property when property.Instance == child:
                // Its dtype (O3); any property but the dtype and the shape shows its name or identity (O4).
                if (property.Property.Name is not ("DType" or "Shape"))
                {
                    NameObserved(analysis, node, child, "asked for its " + property.Property.Name);
                }

                analysis.AddSite(new RawSite(SiteKind.Read, child.Syntax.GetLocation(), "read", null, node) { DTypeSensitive = true });
                return;
            case IBinaryOperation binary when binary.Type?.SpecialType == SpecialType.System_String:
                // "step: " + step formats the step itself, name included (O4).
                NameObserved(analysis, node, child, "formatted");
                analysis.AddSite(new RawSite(SiteKind.Read, child.Syntax.GetLocation(), "read", null, node) { DTypeSensitive = true });
                return;
            case IBinaryOperation:
            case IUnaryOperation:
                analysis.AddSite(new RawSite(SiteKind.Read, child.Syntax.GetLocation(), "read", null, node) { DTypeSensitive = true });
                return;
            case IInterpolationOperation:
                // $"{step}" formats the step itself: its name and dtype (O3, O4), not only its value.
                NameObserved(analysis, node, child, "formatted");
                analysis.AddSite(new RawSite(SiteKind.Read, child.Syntax.GetLocation(), "read", null, node) { DTypeSensitive = true });
                return;
            case IArgumentOperation argument:
                AddArgumentUse(analysis, argument, child, node);
                return;
            case ITupleOperation tuple when ArgumentOfTuple(tuple) is { } tupleArgument:
                // sess.run((trainOp, step)): an element of a tuple passed as one argument is used as that argument is.
                AddArgumentUse(analysis, tupleArgument, child, node);
                return;
            case IConditionalOperation:
            case ICoalesceOperation:
                if (!FlowsIntoStepParameter(analysis, parent))
                {
                    analysis.AddBlocker(node, new Blocker(BlockerKind.UsedInConditional) { Line = OperationFacts.Line(parent) });
                }

                return;
            case IReturnOperation:
                analysis.AddBlocker(node, new Blocker(BlockerKind.Returned) { Line = OperationFacts.Line(parent) });
                return;
            default:
                analysis.AddBlocker(node, new Blocker(BlockerKind.UsedOtherwise) { Line = OperationFacts.Line(parent), Code = OperationFacts.Describe(parent.Syntax) });
                return;
        }
    }

    private static void AddInstanceUse(TypeAnalysis analysis, IInvocationOperation invocation, object node)
    {
        if (!analysis.Apis.TryFind(invocation.TargetMethod, out _, out var entry))
        {
            var name = invocation.TargetMethod.Name;
            if (name == nameof(ToString))
            {
                // step.ToString(): the step's repr, name and dtype included (O3, O4).
                NameObserved(analysis, node, invocation, "formatted");
            }

            analysis.AddSite(new RawSite(SiteKind.Read, invocation.Syntax.GetLocation(), name, null, node)
            {
                // step.Numpy() gives the value; what the program does with it may still show the dtype (O3).
                DTypeSensitive = name == nameof(ToString) || !analysis.Apis.IsValueMethod(name) || !IsValueOnly(analysis, invocation, invocation.Type),
            });
            return;
        }

        switch (entry.Kind)
        {
            case ApiKind.Increment:
                analysis.AddSite(new RawSite(SiteKind.Increment, invocation.Syntax.GetLocation(), entry.MemberName, null, node)
                {
                    Optimizer = KerasOptimizerUpdatedBefore(analysis, invocation),
                });
                if (CodeScopes.TryWithCatchAround(invocation.Syntax) is { } attempt)
                {
                    // The update this increment follows runs in the same try: its exception messages are seen (O8).
                    analysis.AddBlocker(node, new Blocker(BlockerKind.UpdateInTry) { Line = OperationFacts.Line(invocation), Lines = System.Collections.Immutable.ImmutableArray.Create(CodeText.Line(attempt)) });
                }

                break;
            case ApiKind.Write:
                analysis.AddBlocker(node, new Blocker(BlockerKind.Written) { Api = entry.MemberName, Line = OperationFacts.Line(invocation) });
                break;
            default:
                analysis.AddSite(new RawSite(SiteKind.Read, invocation.Syntax.GetLocation(), entry.MemberName, null, node));
                break;
        }
    }

    private static void AddArgumentUse(TypeAnalysis analysis, IArgumentOperation argument, IOperation child, object node)
    {
        if (IsStepParameter(analysis, argument))
        {
            // The optimizer or decay site records it.
            return;
        }

        var target = argument.Parent switch
        {
            IInvocationOperation invocation => invocation.TargetMethod,
            IObjectCreationOperation creation => creation.Constructor,
            _ => null,
        };

        if (target is not null
            && analysis.Apis.TryFind(target, out _, out var written)
            && written.Kind == ApiKind.Write
            && written.ParameterName is not null
            && argument.Parameter?.Name == written.ParameterName)
        {
            // tf.assign(step, value): a write spelled as a function of the variable.
            analysis.AddBlocker(node, new Blocker(BlockerKind.Written) { Api = written.MemberName, Line = OperationFacts.Line(argument) });
            return;
        }

        if (target is not null && IsSafeReader(analysis, target))
        {
            if (IsPrintingType(target))
            {
                // Console.WriteLine(step) prints the step itself: <tf.Variable 'global_step:0' ...> (O3, O4).
                NameObserved(analysis, node, child, "printed");
            }

            // sess.Run(step) reads the value; what the program does with the fetched value may show its dtype (O3).
            analysis.AddSite(new RawSite(SiteKind.Read, child.Syntax.GetLocation(), target.Name, null, node)
            {
                DTypeSensitive = IsPrintingType(target) || !IsValueReader(analysis, target) || !IsValueOnly(analysis, argument.Parent!, (argument.Parent as IInvocationOperation)?.Type),

                // A stored decay passed as a TF1 optimizer's learning rate (O11).
                Feeds = argument.Parameter?.Name == OptimizerPair.LearningRateParameter && GSM003_DecayFedByGlobalStep.IsTf1Construction(analysis, argument.Parent!)
                    ? OptimizerAnalysis.KeyOfConstruction(analysis, argument.Parent!)
                    : null,
            });
            return;
        }

        analysis.AddBlocker(node, new Blocker(BlockerKind.PassedToUnknownCode) { Name = target?.Name ?? OperationFacts.Describe(argument.Parent?.Syntax), Line = OperationFacts.Line(argument) });
    }

    /// <summary>The step itself, not its value, is printed or asked for its name: fix A's Iterations has another (O4).</summary>
    private static void NameObserved(TypeAnalysis analysis, object node, IOperation use, string how) =>
        analysis.AddBlocker(node, new Blocker(BlockerKind.StepNameObserved) { Code = how, Line = OperationFacts.Line(use) });

    /// <summary>
    /// Whether the value a read fetched (<c>sess.Run(step)</c>, <c>step.Numpy()</c>) is only printed or converted to a number,
    /// so that its dtype cannot be seen (O3): an argument of console output or string formatting, an interpolation, a
    /// string concatenation, <c>ToString()</c>, an explicit conversion to a number, or a statement of its own. Kept in a
    /// variable, compared, or passed on, its dtype can be seen.
    /// </summary>
    private static bool IsValueOnly(TypeAnalysis analysis, IOperation read, ITypeSymbol? type)
    {
        if (type is null || analysis.Apis.LibraryOfTensorType(type) is not null)
        {
            // A tensor (step.Value()) prints with its dtype and, in a graph, its name.
            return false;
        }

        var (child, parent) = OperationFacts.SkipConversionsUp(read);
        if (child is IConversionOperation { IsImplicit: false } conversion && IsNumber(conversion.Type))
        {
            return true;
        }

        return parent switch
        {
            IExpressionStatementOperation or IInterpolationOperation => true,
            IBinaryOperation binary => binary.Type?.SpecialType == SpecialType.System_String,
            IArgumentOperation { Parent: IInvocationOperation invocation } => IsPrintingType(invocation.TargetMethod),
            IInvocationOperation { TargetMethod.Name: nameof(ToString) } invocation => invocation.Instance == child,
            _ => false,
        };
    }

    private static bool IsNumber(ITypeSymbol? type) =>
        type?.SpecialType is SpecialType.System_Int32 or SpecialType.System_Int64 or SpecialType.System_Double or SpecialType.System_Single;

    /// <summary>Methods that read a tensor without keeping it: the legacy library's own (except collections) and console output.</summary>
    private static bool IsSafeReader(TypeAnalysis analysis, IMethodSymbol method)
    {
        if (analysis.Apis.TryFind(method, out _, out var entry) && entry.Kind == ApiKind.CollectionAccess)
        {
            return false;
        }

        foreach (var library in analysis.Apis.Libraries)
        {
            if (library.IsLibraryMember(method))
            {
                return true;
            }
        }

        return IsPrintingType(method);
    }

    /// <summary>Methods whose result depends only on the step's value: running it (each library's readers), printing it.</summary>
    private static bool IsValueReader(TypeAnalysis analysis, IMethodSymbol method)
    {
        return analysis.Apis.IsValueReaderMethod(method.Name) || IsPrintingType(method);
    }

    /// <summary>Console output and string formatting: they read a tensor's value without keeping it.</summary>
    private static bool IsPrintingType(IMethodSymbol method) =>
        method.ContainingType?.ToDisplayString() is "System.Console" or "System.String" or "System.Convert" or "System.Diagnostics.Debug" or "System.IO.TextWriter";

    /// <summary>The argument a tuple literal (possibly nested, possibly converted) is passed as, if it is one.</summary>
    private static IArgumentOperation? ArgumentOfTuple(ITupleOperation tuple)
    {
        IOperation current = tuple;
        while (current.Parent is ITupleOperation or IConversionOperation or IParenthesizedOperation)
        {
            current = current.Parent;
        }

        return current.Parent as IArgumentOperation;
    }

    /// <summary>The Keras optimizer whose ApplyGradients/Minimize is the statement right before this increment, if any.</summary>
    private static OptimizerKey? KerasOptimizerUpdatedBefore(TypeAnalysis analysis, IInvocationOperation increment)
    {
        if (increment.Parent is not IExpressionStatementOperation statement || statement.Parent is not IBlockOperation block)
        {
            return null;
        }

        var index = block.Operations.IndexOf(statement);
        if (index <= 0 || block.Operations[index - 1] is not IExpressionStatementOperation { Operation: IInvocationOperation previous })
        {
            return null;
        }

        if (!analysis.Apis.TryFind(previous.TargetMethod, out _, out var entry) || entry.Kind != ApiKind.KerasOptimizerUpdate)
        {
            return null;
        }

        return OperationFacts.SymbolOf(previous.Instance) is { } optimizer ? OptimizerKey.Named(optimizer.Name) : null;
    }

    public static bool IsStepParameter(TypeAnalysis analysis, IArgumentOperation argument) =>
        argument.Parent is IInvocationOperation invocation
        && analysis.Apis.TryFind(invocation.TargetMethod, out _, out var entry)
        && entry.Kind is ApiKind.PassedToOptimizer or ApiKind.Decay or ApiKind.GlobalStepValue
        && argument.Parameter?.Name == entry.ParameterName;

    private static bool FlowsIntoStepParameter(TypeAnalysis analysis, IOperation operation)
    {
        var current = operation;
        while (current.Parent is IConversionOperation or IConditionalOperation or ICoalesceOperation)
        {
            current = current.Parent;
        }

        return current.Parent is IArgumentOperation argument && IsStepParameter(analysis, argument);
    }

    private static bool IsCreation(TypeAnalysis analysis, IOperation value)
    {
        var unwrapped = OperationFacts.Unwrap(value);
        var method = unwrapped switch
        {
            IInvocationOperation invocation => invocation.TargetMethod,
            IObjectCreationOperation creation => creation.Constructor,
            _ => null,
        };

        return method is not null
            && analysis.Apis.TryFind(method, out _, out var entry)
            && entry.Kind is ApiKind.CreateGlobalStep or ApiKind.GetOrCreateGlobalStep or ApiKind.GetGlobalStep or ApiKind.VariableFactory;
    }
}
