using System.Collections.Immutable;
using System.Linq;
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
        var variables = invocation.Arguments.FirstOrDefault(a => a.Parameter?.Name is "varList" or "var_list" or "gradsAndVars" or "grads_and_vars");
        var storage = StepCreations.StorageOf(invocation);
        analysis.AddSite(new RawSite(SiteKind.PassedToOptimizer, OperationFacts.ValueLocation(argument), entry.MemberName, Descriptor, node)
        {
            Library = entry.Library,
            Optimizer = OptimizerAnalysis.KeyOfUpdate(invocation),
            CallPosition = invocation.Syntax.SpanStart,
            TrainOp = storage,
            Variables = variables is null || OperationFacts.IsNullOrDefault(variables) ? string.Empty : variables.Value.Syntax.ToString(),
            InGraph = entry.Library?.Conventions.Graphs is { } graphs && GraphScopes.InGraphMode(invocation.Syntax, graphs),
            UpdateName = OperationFacts.FindArgument(invocation, "name") is { } name && !OperationFacts.IsNullOrDefault(name)
                ? OperationFacts.Unwrap(name.Value).ConstantValue.Value as string ?? string.Empty
                : null,
        });

        if (CodeScopes.TryWithCatchAround(invocation.Syntax) is { } attempt)
        {
            // A caught exception shows its message, and both fixes change the optimizer's messages (O8).
            analysis.AddBlocker(node, new Blocker(BlockerKind.UpdateInTry) { Line = OperationFacts.Line(invocation), Lines = ImmutableArray.Create(CodeText.Line(attempt)) });
        }

        if (storage is null && OptimizerAnalysis.HowNameIsShown(analysis, invocation) is { } how)
        {
            // Console.WriteLine(opt.Minimize(...)): the train op itself is shown (O10).
            analysis.AddBlocker(node, new Blocker(BlockerKind.TrainOpObserved) { Name = entry.MemberName, Code = how, Line = OperationFacts.Line(invocation) });
        }

        if (storage is null && OptimizerAnalysis.WalksBelow(invocation) is { } walk)
        {
            // opt.Minimize(...).ControlInputs: what is below the train op is named otherwise after either fix (O6).
            analysis.AddBlocker(node, walk);
        }
    }
}
