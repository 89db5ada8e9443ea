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

        analysis.AddSite(new RawSite(SiteKind.Decay, invocation.Syntax.GetLocation(), entry.MemberName, Descriptor, node) { Library = entry.Library });
    }
}
