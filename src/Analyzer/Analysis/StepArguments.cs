using Microsoft.CodeAnalysis.Operations;

namespace GlobalStepMigration.Analyzers;

/// <summary>The step argument of an optimizer update (GSM002) or a decay (GSM003): which unit-graph node it is.</summary>
internal static class StepArguments
{
    /// <summary>The step argument of an optimizer update or a decay and its node; null when no step is passed (none, null or default).</summary>
    public static (IArgumentOperation Argument, object Node)? Of(TypeAnalysis analysis, IInvocationOperation invocation, ApiEntry entry)
    {
        var argument = OperationFacts.FindArgument(invocation, entry.ParameterName);
        return OperationFacts.IsNullOrDefault(argument) ? null : (argument!, NodeOf(analysis, argument!, entry.MemberName));
    }

    /// <summary>
    /// The node of a value passed as a step: its variable or field, or the graph of a direct global-step call.
    /// A conditional or any other expression is a node of its own that blocks its unit (a conditional is
    /// linked to every storage in it, so their units are blocked too).
    /// </summary>
    private static object NodeOf(TypeAnalysis analysis, IArgumentOperation argument, string api)
    {
        var value = OperationFacts.Unwrap(argument.Value);
        if (OperationFacts.SymbolOf(value) is { } symbol)
        {
            return symbol;
        }

        if (value is IInvocationOperation invocation
            && analysis.Apis.TryFind(invocation.TargetMethod, out _, out var entry)
            && ApiKinds.IsGlobalStepFunction(entry.Kind))
        {
            var graphArgument = OperationFacts.FindArgument(invocation, entry.ParameterName);
            return OperationFacts.IsNullOrDefault(graphArgument)
                ? GraphKey.DefaultOf(entry.Library)
                : OperationFacts.SymbolOf(graphArgument!.Value) is { } graph ? GraphKey.Of(graph) : new object();
        }

        var node = new object();
        if (value is IConditionalOperation or ICoalesceOperation)
        {
            foreach (var descendant in value.Descendants())
            {
                if (OperationFacts.SymbolOf(descendant) is { } candidate && analysis.Apis.LibraryOfTensorType(descendant.Type) is not null)
                {
                    analysis.AddLink(node, candidate);
                }
            }

            analysis.AddBlocker(node, new Blocker(BlockerKind.ConditionalStepArgument) { Api = api, Line = OperationFacts.Line(argument), Code = OperationFacts.Describe(value.Syntax) });
            return node;
        }

        analysis.AddBlocker(node, new Blocker(BlockerKind.StepArgumentNotFollowable) { Api = api, Line = OperationFacts.Line(argument), Code = OperationFacts.Describe(value.Syntax) });
        return node;
    }
}
