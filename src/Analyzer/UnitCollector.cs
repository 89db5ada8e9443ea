using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace GlobalStepMigration.Analyzers;

/// <summary>
/// Collects the facts of one named type (sites, references, blockers) from operation callbacks, and
/// turns them into units and diagnostics at the symbol's end (<see cref="Report"/>). One instance per
/// type and compilation: no static mutable state; callbacks may run concurrently, so lists are locked.
/// </summary>
internal sealed partial class UnitCollector
{
    private readonly object _gate = new();
    private readonly ResolvedApis _apis;
    private readonly INamedTypeSymbol _type;
    private readonly List<RawSite> _sites = new();
    private readonly List<RawBlocker> _blockers = new();
    private readonly List<(object Node, object Other)> _links = new();

    public UnitCollector(ResolvedApis apis, INamedTypeSymbol type)
    {
        _apis = apis;
        _type = type;
    }

    public void AnalyzeInvocation(OperationAnalysisContext context)
    {
        if (!IsOwnOperation(context.ContainingSymbol))
        {
            return;
        }

        var invocation = (IInvocationOperation)context.Operation;
        if (!_apis.TryFind(invocation.TargetMethod, out var library, out var entry))
        {
            return;
        }

        switch (entry.Kind)
        {
            case ApiKind.GetGlobalStep:
            case ApiKind.CreateGlobalStep:
            case ApiKind.GetOrCreateGlobalStep:
                AnalyzeGlobalStepFunction(invocation, entry);
                break;
            case ApiKind.OptimizerStepMethod:
                AnalyzeOptimizerStepArgument(invocation, entry);
                break;
            case ApiKind.DecayFunction:
                AnalyzeDecay(invocation, entry);
                break;
            case ApiKind.NameLookup:
            case ApiKind.CollectionAccess:
                AnalyzeLookup(invocation, entry, library);
                break;
            case ApiKind.VariableFactory:
                AnalyzeVariableFactory(invocation, entry, library);
                break;
            default:
                break;
        }
    }

    /// <summary><c>new ResourceVariable(0, trainable: false, name: "global_step")</c>: a constructor listed as a variable factory.</summary>
    public void AnalyzeObjectCreation(OperationAnalysisContext context)
    {
        if (!IsOwnOperation(context.ContainingSymbol))
        {
            return;
        }

        var creation = (IObjectCreationOperation)context.Operation;
        if (creation.Constructor is { } constructor
            && _apis.TryFind(constructor, out var library, out var entry)
            && entry.Kind == ApiKind.VariableFactory)
        {
            AnalyzeVariableFactory(creation, entry, library);
        }
    }

    public void AnalyzeReference(OperationAnalysisContext context)
    {
        if (!IsOwnOperation(context.ContainingSymbol))
        {
            return;
        }

        var operation = context.Operation;
        var symbol = operation switch
        {
            ILocalReferenceOperation local => (ISymbol)local.Local,
            IFieldReferenceOperation field => field.Field,
            IParameterReferenceOperation parameter => parameter.Parameter,
            IPropertyReferenceOperation property => property.Property,
            _ => null,
        };

        if (symbol is null || _apis.LibraryOfTensorType(operation.Type) is null)
        {
            return;
        }

        AddUse(operation, symbol);
    }

    /// <summary>Records what a use of the step (a reference, or a global-step call with no storage) does.</summary>
    private void AddUse(IOperation operation, object node)
    {
        var (child, parent) = SkipConversionsUp(operation);
        switch (parent)
        {
            case null:
            case IExpressionStatementOperation:
                return;
            case ISimpleAssignmentOperation assignment when assignment.Target == child:
                if (!IsCreation(assignment.Value))
                {
                    AddBlocker(node, new Blocker(BlockerKind.Reassigned) { Line = Line(assignment) });
                }

                return;
            case IInvocationOperation invocation when invocation.Instance == child:
                AddInstanceUse(invocation, node);
                return;
            case IPropertyReferenceOperation property when property.Instance == child:
            case IBinaryOperation:
            case IUnaryOperation:
                AddSite(new RawSite(SiteKind.Read, child.Syntax.GetLocation(), "read", null, node) { DTypeSensitive = true });
                return;
            case IInterpolationOperation:
                AddSite(new RawSite(SiteKind.Read, child.Syntax.GetLocation(), "read", null, node));
                return;
            case IArgumentOperation argument:
                AddArgumentUse(argument, child, node);
                return;
            case ITupleOperation tuple when ArgumentOfTuple(tuple) is { } tupleArgument:
                // sess.run((trainOp, step)): an element of a tuple passed as one argument is used as that argument is.
                AddArgumentUse(tupleArgument, child, node);
                return;
            case IConditionalOperation:
            case ICoalesceOperation:
                if (!FlowsIntoStepParameter(parent))
                {
                    AddBlocker(node, new Blocker(BlockerKind.UsedInConditional) { Line = Line(parent) });
                }

                return;
            case IReturnOperation:
                AddBlocker(node, new Blocker(BlockerKind.Returned) { Line = Line(parent) });
                return;
            default:
                AddBlocker(node, new Blocker(BlockerKind.UsedOtherwise) { Line = Line(parent), Code = Describe(parent.Syntax) });
                return;
        }
    }

    private void AddInstanceUse(IInvocationOperation invocation, object node)
    {
        if (!_apis.TryFind(invocation.TargetMethod, out _, out var entry))
        {
            AddSite(new RawSite(SiteKind.Read, invocation.Syntax.GetLocation(), invocation.TargetMethod.Name, null, node)
            {
                DTypeSensitive = !_apis.IsValueMethod(invocation.TargetMethod.Name),
            });
            return;
        }

        switch (entry.Kind)
        {
            case ApiKind.Increment:
                var increment = new RawSite(SiteKind.Increment, invocation.Syntax.GetLocation(), entry.MemberName, null, node);
                increment.Optimizer = KerasOptimizerUpdatedBefore(invocation);
                AddSite(increment);
                break;
            case ApiKind.Write:
                AddBlocker(node, new Blocker(BlockerKind.Written) { Api = entry.MemberName, Line = Line(invocation) });
                break;
            default:
                AddSite(new RawSite(SiteKind.Read, invocation.Syntax.GetLocation(), entry.MemberName, null, node));
                break;
        }
    }

    private void AddArgumentUse(IArgumentOperation argument, IOperation child, object node)
    {
        if (IsStepParameter(argument))
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
            && _apis.TryFind(target, out _, out var written)
            && written.Kind == ApiKind.Write
            && written.ParameterName is not null
            && argument.Parameter?.Name == written.ParameterName)
        {
            // tf.assign(step, value): a write spelled as a function of the variable.
            AddBlocker(node, new Blocker(BlockerKind.Written) { Api = written.MemberName, Line = Line(argument) });
            return;
        }

        if (target is not null && IsSafeReader(target))
        {
            AddSite(new RawSite(SiteKind.Read, child.Syntax.GetLocation(), target.Name, null, node)
            {
                DTypeSensitive = !IsValueReader(target),
            });
            return;
        }

        AddBlocker(node, new Blocker(BlockerKind.PassedToUnknownCode) { Name = target?.Name ?? Describe(argument.Parent?.Syntax), Line = Line(argument) });
    }

    /// <summary>Methods that read a tensor without keeping it: the legacy library's own (except collections) and console output.</summary>
    private bool IsSafeReader(IMethodSymbol method)
    {
        if (_apis.TryFind(method, out _, out var entry) && entry.Kind == ApiKind.CollectionAccess)
        {
            return false;
        }

        foreach (var library in _apis.Libraries)
        {
            if (library.IsLibraryMember(method))
            {
                return true;
            }
        }

        var type = method.ContainingType?.ToDisplayString();
        return type is "System.Console" or "System.String" or "System.Convert" or "System.Diagnostics.Debug" or "System.IO.TextWriter";
    }

    /// <summary>Methods whose result depends only on the step's value: running it (each library's readers), printing it.</summary>
    private bool IsValueReader(IMethodSymbol method)
    {
        var type = method.ContainingType?.Name;
        return _apis.IsValueReaderMethod(method.Name)
            || type is "Console" or "String" or "Convert" or "Debug" or "TextWriter";
    }

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
    private OptimizerKey? KerasOptimizerUpdatedBefore(IInvocationOperation increment)
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

        if (!_apis.TryFind(previous.TargetMethod, out _, out var entry) || entry.Kind != ApiKind.KerasOptimizerStep)
        {
            return null;
        }

        return SymbolOf(previous.Instance) is { } optimizer ? OptimizerKey.Named(optimizer.Name) : null;
    }

    private bool IsStepParameter(IArgumentOperation argument) =>
        argument.Parent is IInvocationOperation invocation
        && _apis.TryFind(invocation.TargetMethod, out _, out var entry)
        && entry.Kind is ApiKind.OptimizerStepMethod or ApiKind.DecayFunction
        && argument.Parameter?.Name == entry.ParameterName;

    private bool FlowsIntoStepParameter(IOperation operation)
    {
        var current = operation;
        while (current.Parent is IConversionOperation or IConditionalOperation or ICoalesceOperation)
        {
            current = current.Parent;
        }

        return current.Parent is IArgumentOperation argument && IsStepParameter(argument);
    }

    private bool IsCreation(IOperation value)
    {
        var unwrapped = Unwrap(value);
        var method = unwrapped switch
        {
            IInvocationOperation invocation => invocation.TargetMethod,
            IObjectCreationOperation creation => creation.Constructor,
            _ => null,
        };

        return method is not null
            && _apis.TryFind(method, out _, out var entry)
            && entry.Kind is ApiKind.CreateGlobalStep or ApiKind.GetOrCreateGlobalStep or ApiKind.GetGlobalStep or ApiKind.VariableFactory;
    }

    /// <summary>Whether the operation belongs to this type's own members (not a nested type's: those have their own collector).</summary>
    private bool IsOwnOperation(ISymbol containingSymbol)
    {
        var type = containingSymbol as INamedTypeSymbol ?? containingSymbol.ContainingType;
        return SymbolEqualityComparer.Default.Equals(type, _type);
    }

    private void AddSite(RawSite site)
    {
        lock (_gate)
        {
            _sites.Add(site);
        }
    }

    private void AddBlocker(object? node, Blocker blocker)
    {
        lock (_gate)
        {
            _blockers.Add(new RawBlocker(node, blocker));
        }
    }

    private void AddLink(object node, object other)
    {
        lock (_gate)
        {
            _links.Add((node, other));
        }
    }

    private static (IOperation Child, IOperation? Parent) SkipConversionsUp(IOperation operation)
    {
        var child = operation;
        var parent = operation.Parent;
        while (parent is IConversionOperation or IParenthesizedOperation)
        {
            child = parent;
            parent = parent.Parent;
        }

        return (child, parent);
    }

    private static IOperation Unwrap(IOperation operation)
    {
        var current = operation;
        while (true)
        {
            switch (current)
            {
                case IConversionOperation conversion:
                    current = conversion.Operand;
                    break;
                case IParenthesizedOperation parenthesized:
                    current = parenthesized.Operand;
                    break;
                default:
                    return current;
            }
        }
    }

    /// <summary>The local, field, parameter or property an expression reads, if it is that simple.</summary>
    private static ISymbol? SymbolOf(IOperation? operation) =>
        operation is null
            ? null
            : Unwrap(operation) switch
            {
                ILocalReferenceOperation local => local.Local,
                IFieldReferenceOperation field => field.Field,
                IParameterReferenceOperation parameter => parameter.Parameter,
                IPropertyReferenceOperation property => property.Property,
                _ => null,
            };

    private static int Line(IOperation operation) => Line(operation.Syntax.GetLocation());

    private static int Line(Location location) => CodeText.Line(location);

    private static string Describe(SyntaxNode? syntax) => CodeText.Quote(syntax);

    /// <summary>The argument of a call or constructor for a parameter, by name.</summary>
    private static IArgumentOperation? FindArgument(IOperation call, string? parameterName)
    {
        if (parameterName is null)
        {
            return null;
        }

        var arguments = call switch
        {
            IInvocationOperation invocation => invocation.Arguments,
            IObjectCreationOperation creation => creation.Arguments,
            _ => ImmutableArray<IArgumentOperation>.Empty,
        };

        foreach (var argument in arguments)
        {
            if (argument.Parameter?.Name == parameterName)
            {
                return argument;
            }
        }

        return null;
    }

    private static bool IsNullOrDefault(IArgumentOperation? argument) =>
        argument is null
        || argument.ArgumentKind == ArgumentKind.DefaultValue
        || (Unwrap(argument.Value) is var value && value.ConstantValue.HasValue && value.ConstantValue.Value is null)
        || Unwrap(argument.Value) is IDefaultValueOperation;

    private static Location ValueLocation(IArgumentOperation argument) =>
        argument.Syntax is Microsoft.CodeAnalysis.CSharp.Syntax.ArgumentSyntax syntax
            ? syntax.Expression.GetLocation()
            : argument.Value.Syntax.GetLocation();
}
