using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace GlobalStepMigration.Analyzers;

/// <summary>GSM002: a global step passed (named or positionally) to a TF1 optimizer's Minimize or ApplyGradients.</summary>
internal sealed partial class UnitCollector
{
    private void AnalyzeOptimizerStepArgument(IInvocationOperation invocation, ApiEntry entry)
    {
        var argument = FindArgument(invocation, entry.ParameterName);
        if (IsNullOrDefault(argument))
        {
            return;
        }

        var node = NodeOfStepValue(argument!, entry.MemberName);
        var site = new RawSite(SiteKind.OptimizerArgument, ValueLocation(argument!), entry.MemberName, Descriptors.GlobalStepPassedToOptimizer, node)
        {
            Library = entry.Library,
        };
        var optimizer = SymbolOf(invocation.Instance);
        site.Optimizer = optimizer is null
            ? OptimizerKey.Expression(Describe(invocation.Instance?.Syntax), invocation.Syntax.SpanStart)
            : OptimizerKey.Stored(optimizer.Name, optimizer.Locations.Length > 0 ? optimizer.Locations[0].SourceSpan.Start : -1);

        AddSite(site);
    }

    /// <summary>The unit-graph node of a value passed as a step: its variable or field, or the graph of a direct global-step call.</summary>
    private object NodeOfStepValue(IArgumentOperation argument, string api)
    {
        var value = Unwrap(argument.Value);
        if (SymbolOf(value) is { } symbol)
        {
            return symbol;
        }

        if (value is IInvocationOperation invocation
            && _apis.TryFind(invocation.TargetMethod, out _, out var entry)
            && entry.Kind is ApiKind.GetGlobalStep or ApiKind.CreateGlobalStep or ApiKind.GetOrCreateGlobalStep)
        {
            var graphArgument = FindArgument(invocation, entry.ParameterName);
            return IsNullOrDefault(graphArgument)
                ? GraphKey.DefaultOf(entry.Library)
                : SymbolOf(graphArgument!.Value) is { } graph ? GraphKey.Of(graph) : new object();
        }

        var node = new object();
        if (value is IConditionalOperation or ICoalesceOperation)
        {
            foreach (var descendant in value.Descendants())
            {
                if (SymbolOf(descendant) is { } candidate && _apis.LibraryOfTensorType(descendant.Type) is not null)
                {
                    AddLink(node, candidate);
                }
            }

            AddBlocker(node, new Blocker(BlockerKind.ConditionalStepArgument) { Api = api, Line = Line(argument), Code = Describe(value.Syntax) });
            return node;
        }

        AddBlocker(node, new Blocker(BlockerKind.StepArgumentNotFollowable) { Api = api, Line = Line(argument), Code = Describe(value.Syntax) });
        return node;
    }
}
