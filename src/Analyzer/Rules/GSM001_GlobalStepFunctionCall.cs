using System.Collections.Immutable;
using System.Linq;
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
        if (kind == SiteKind.Creation
            && entry.Library?.MemberNames(k => k == ApiKind.NameScope) is { Count: > 0 } scopes
            && CodeScopes.NameScopeAround(invocation.Syntax, scopes) is { } scope)
        {
            // A global-step function ignores the name scope, Tf.Variable does not: fix B would rename the step (O7).
            analysis.AddBlocker(graph, new Blocker(BlockerKind.CreatedInNameScope) { Line = OperationFacts.Line(invocation), Lines = ImmutableArray.Create(CodeText.Line(scope)) });
        }

        if (storage is null)
        {
            StepUses.Add(analysis, invocation, graph);
        }
    }

    /// <summary>
    /// Records <c>GlobalStep(sess, step)</c>, TF1's reader of the step's value (a long): a site of the step's unit, which
    /// both fixes rewrite to the read it makes. Given a name (<c>"global_step:0"</c>) it finds the step by name (GSM004).
    /// </summary>
    public static void AnalyzeValueRead(TypeAnalysis analysis, IInvocationOperation invocation, ApiEntry entry, ResolvedLibrary library)
    {
        var argument = OperationFacts.FindArgument(invocation, entry.ParameterName);
        if (argument is not null && OperationFacts.Unwrap(argument.Value).ConstantValue is { HasValue: true, Value: string name })
        {
            if (name == library.Library.GlobalStepName || name.StartsWith(library.Library.GlobalStepName + ":", System.StringComparison.Ordinal))
            {
                GSM004_GlobalStepFoundIndirectly.AddSite(analysis, SiteKind.FoundByName, invocation, entry.MemberName, library.Library);
            }

            return;
        }

        if (StepArguments.Of(analysis, invocation, entry) is not { Node: var node })
        {
            return;
        }

        analysis.AddSite(new RawSite(SiteKind.GlobalStepValue, invocation.Syntax.GetLocation(), entry.MemberName, Descriptor, node) { Library = entry.Library });

        // The rewrite reads the step through the session (a graph step) or drops it (an eager step): it must be a plain value.
        var session = invocation.Arguments.FirstOrDefault(a => a.Parameter?.Ordinal == 0);
        if (session is not null && !OperationFacts.IsNullOrDefault(session) && OperationFacts.SymbolOf(session.Value) is null)
        {
            analysis.AddBlocker(node, new Blocker(BlockerKind.GlobalStepValueNotRewritable)
            {
                Api = entry.MemberName,
                Line = OperationFacts.Line(invocation),
                Code = "its session '" + OperationFacts.Describe(session.Value.Syntax) + "' is not a variable",
            });
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
