using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace GlobalStepMigration.Analyzers;

/// <summary>
/// GSM003: a TF1 learning-rate decay function (ExponentialDecay, PolynomialDecay, ...) fed by a global step. A decay
/// the map gives no Keras schedule of the same formula blocks its unit. Page: docs/rules/GSM003.md; tests:
/// tests/Analyzer.Tests/GSM003_DecayFedByGlobalStepTests.cs; the fixes' translation: src/CodeFixes/ScheduleTranslation.cs.
/// </summary>
internal static class GSM003_DecayFedByGlobalStep
{
    public static readonly DiagnosticDescriptor Descriptor = Descriptors.Create(
        "GSM003",
        "TF1 learning-rate decay fed by a global step",
        "Learning-rate decay '{0}' is fed by global step {1}{2}",
        "TF1 decay functions read the global step. Keras learning-rate schedules are passed to the optimizer as its learning rate and read optimizer.Iterations.");

    /// <summary>Records a decay call with a non-null step argument.</summary>
    public static void Analyze(TypeAnalysis analysis, IInvocationOperation invocation, ApiEntry entry)
    {
        if (StepArguments.Of(analysis, invocation, entry) is not { Node: var node })
        {
            return;
        }

        if (entry.Blocks is { } kind)
        {
            analysis.AddBlocker(node, new Blocker(kind) { Api = entry.MemberName });
        }

        // Where the rate goes (fix A needs it to be one TF1 optimizer's learning rate, O11), whether it is built in a graph
        // (eagerly a TF1 decay is computed once), and whether its learning rate is a number (Keras schedules take one).
        var (_, parent) = OperationFacts.SkipConversionsUp(invocation);
        var rate = OperationFacts.FindArgument(invocation, entry.Schedule?.LearningRateParameter ?? "learningRate");
        analysis.AddSite(new RawSite(SiteKind.Decay, invocation.Syntax.GetLocation(), entry.MemberName, Descriptor, node)
        {
            Library = entry.Library,
            ValueStorage = StepCreations.StorageOf(invocation),
            Feeds = parent is IArgumentOperation { Parameter.Name: OptimizerPair.LearningRateParameter, Parent: { } construction } && IsTf1Construction(analysis, construction)
                ? OptimizerAnalysis.KeyOfConstruction(analysis, construction)
                : null,
            InGraph = entry.Library?.Conventions.Graphs is { } graphs && GraphScopes.InGraphMode(invocation.Syntax, graphs),
        });

        if (rate is not null && rate.ArgumentKind != ArgumentKind.DefaultValue
            && !(rate.Value is IConversionOperation conversion && OptimizerAnalysis.IsNumber(conversion.Operand.Type)))
        {
            analysis.AddBlocker(node, new Blocker(BlockerKind.DecayRateNotNumber) { Api = entry.MemberName, Line = OperationFacts.Line(invocation) });
        }
    }

    /// <summary>Whether an operation constructs a TF1 optimizer (a factory or a constructor of the map).</summary>
    public static bool IsTf1Construction(TypeAnalysis analysis, IOperation operation)
    {
        var method = operation switch
        {
            IInvocationOperation invocation => invocation.TargetMethod,
            IObjectCreationOperation creation => creation.Constructor,
            _ => null,
        };

        return method is not null && analysis.Apis.TryFind(method, out _, out var entry) && entry.Kind == ApiKind.Tf1OptimizerConstruction;
    }
}
