using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace GlobalStepMigration.Analyzers;

/// <summary>
/// GSM002: a global step passed, named or positionally, to a TF1 optimizer's update (Minimize, ApplyGradients),
/// which increments it. The site is the step argument; it records which optimizer increments the step (for fix A).
/// Page: docs/rules/GSM002.md; tests: tests/Analyzer.Tests/GSM002_GlobalStepPassedToOptimizerTests.cs.
/// </summary>
internal static class GSM002_GlobalStepPassedToOptimizer
{
    public static readonly DiagnosticDescriptor Descriptor = Descriptors.Create(
        "GSM002",
        "Global step passed to a TF1 optimizer",
        "Global step {1} is passed to TF1 optimizer method '{0}'{2}",
        "A TF1 optimizer increments the global step it is given. Keras optimizers count their own steps in Iterations; pass no step and read optimizer.Iterations, or increment an explicit variable after the update.");

    /// <summary>Records a non-null step argument of an optimizer update, with the optimizer that increments it.</summary>
    public static void Analyze(TypeAnalysis analysis, IInvocationOperation invocation, ApiEntry entry)
    {
        if (StepArguments.Of(analysis, invocation, entry) is not { } step)
        {
            return;
        }

        var (argument, node) = step;
        var optimizer = OperationFacts.SymbolOf(invocation.Instance);
        analysis.AddSite(new RawSite(SiteKind.PassedToOptimizer, OperationFacts.ValueLocation(argument), entry.MemberName, Descriptor, node)
        {
            Library = entry.Library,
            Optimizer = optimizer is null
                ? OptimizerKey.Expression(OperationFacts.Describe(invocation.Instance?.Syntax), invocation.Syntax.SpanStart)
                : OptimizerKey.Stored(optimizer.Name, optimizer.Locations.Length > 0 ? optimizer.Locations[0].SourceSpan.Start : -1),
        });
    }
}
