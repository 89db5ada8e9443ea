using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace GlobalStepMigration.Analyzers;

/// <summary>
/// GSM001: a call to GetGlobalStep, GetOrCreateGlobalStep or CreateGlobalStep, in any spelling. A creation
/// (GetOrCreateGlobalStep, CreateGlobalStep) or a lookup (GetGlobalStep) site of the step's unit, on the graph
/// the call names (none or null: the library's default graph). Page: docs/rules/GSM001.md; tests:
/// tests/Analyzer.Tests/GSM001_GlobalStepFunctionCallTests.cs.
/// </summary>
internal static class GSM001_GlobalStepFunctionCall
{
    public static readonly DiagnosticDescriptor Descriptor = Descriptors.Create(
        "GSM001",
        "Global-step function call",
        "'{0}' is a removed global-step function (step {1}){2}",
        "TensorFlow 2 removed GetGlobalStep, GetOrCreateGlobalStep and CreateGlobalStep. Let a Keras optimizer own the counter (optimizer.Iterations) or create and increment a variable yourself.");

    /// <summary>Records a call of a global-step function: its site, its graph, and (when it is not stored) what the call's value is used for.</summary>
    public static void Analyze(TypeAnalysis analysis, IInvocationOperation invocation, ApiEntry entry)
    {
        var graph = GraphKeyOf(analysis, OperationFacts.FindArgument(invocation, entry.ParameterName), entry.Library);
        var kind = entry.Kind == ApiKind.GetGlobalStep ? SiteKind.Lookup : SiteKind.Creation;
        var site = new RawSite(kind, invocation.Syntax.GetLocation(), entry.MemberName, Descriptor, graph)
        {
            Graph = graph,
            DType = "int64",
            Library = entry.Library,
        };

        var storage = StepCreations.StorageOf(invocation);
        if (storage is not null)
        {
            site.LinkedNodes.Add(storage);
        }

        analysis.AddSite(site);
        if (storage is null)
        {
            StepUses.Add(analysis, invocation, graph);
        }
    }

    /// <summary>The unit-graph key of a call's graph argument: the library's default graph, the variable passed, or an unknown graph (which blocks).</summary>
    private static GraphKey GraphKeyOf(TypeAnalysis analysis, IArgumentOperation? argument, LegacyLibrary? library)
    {
        if (OperationFacts.IsNullOrDefault(argument))
        {
            return GraphKey.DefaultOf(library);
        }

        if (OperationFacts.SymbolOf(argument!.Value) is { } symbol)
        {
            return GraphKey.Of(symbol);
        }

        var key = GraphKey.Unknown(argument.Syntax.ToString());
        analysis.AddBlocker(key, new Blocker(BlockerKind.GraphArgumentNotVariable) { Code = OperationFacts.Describe(argument.Value.Syntax), Line = OperationFacts.Line(argument) });
        return key;
    }
}
