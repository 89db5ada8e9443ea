using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using GlobalStepMigration.Analyzers;
using Microsoft.CodeAnalysis;

namespace GlobalStepMigration.CodeFixes;

/// <summary>
/// Fix A, "Use optimizer.Iterations": the one optimizer that increments the step owns the counter.
/// The plan (<see cref="OptimizerPlan"/>) picks that optimizer: a TF1 optimizer becomes its Keras
/// equivalent with the same hyperparameters (<see cref="KerasOptimizers"/>), its step argument is
/// dropped, and a decay that feeds only it becomes the Keras schedule passed as its learning rate
/// (<see cref="ScheduleTranslation"/>); in half-migrated code the manual increments after a Keras update
/// go. The step's storage then reads <c>optimizer.Iterations</c> (<see cref="DeclarationHoist"/> puts the
/// optimizer first) and lookups read the storage (<see cref="Lookups"/>). Anything else: a blocker.
/// </summary>
internal static class OptimizerIterationsFix
{
    public static async Task<Outcome<UnitRewrite>> PlanAsync(Solution solution, FixUnit unit, CancellationToken cancellationToken)
    {
        var bound = await UnitContext.BindForAsync(solution, unit, FixKind.UseOptimizerIterations, cancellationToken).ConfigureAwait(false);
        if (bound.Value is not { } context)
        {
            return bound.Declined<UnitRewrite>();
        }

        var edits = new List<NodeEdit>();
        var planned = OptimizerPlan.Select(context, edits, cancellationToken);
        if (planned.Value is not { } plan)
        {
            return planned.Declined<UnitRewrite>();
        }

        return (DeclarationHoist.Place(context, plan, edits, cancellationToken) ?? Lookups.ReadStorage(context, edits, takesStorage: null, cancellationToken)) is { } blocker
            ? blocker
            : new UnitRewrite(edits);
    }
}
