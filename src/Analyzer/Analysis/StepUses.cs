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
            case IBinaryOperation:
            case IUnaryOperation:
                analysis.AddSite(new RawSite(SiteKind.Read, child.Syntax.GetLocation(), "read", null, node) { DTypeSensitive = true });
                return;
            case IInterpolationOperation:
                analysis.AddSite(new RawSite(SiteKind.Read, child.Syntax.GetLocation(), "read", null, node));
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
            analysis.AddSite(new RawSite(SiteKind.Read, invocation.Syntax.GetLocation(), invocation.TargetMethod.Name, null, node)
            {
                DTypeSensitive = !analysis.Apis.IsValueMethod(invocation.TargetMethod.Name),
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
            analysis.AddSite(new RawSite(SiteKind.Read, child.Syntax.GetLocation(), target.Name, null, node)
            {
                DTypeSensitive = !IsValueReader(analysis, target),
            });
            return;
        }

        analysis.AddBlocker(node, new Blocker(BlockerKind.PassedToUnknownCode) { Name = target?.Name ?? OperationFacts.Describe(argument.Parent?.Syntax), Line = OperationFacts.Line(argument) });
    }

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
        && entry.Kind is ApiKind.PassedToOptimizer or ApiKind.Decay
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
