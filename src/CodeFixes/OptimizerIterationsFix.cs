using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;

namespace GlobalStepMigration.CodeFixes;

/// <summary>Fix A, "Use optimizer.Iterations".</summary>
internal static class OptimizerIterationsFix
{
    public static Task<UnitRewrite?> TryCreateAsync(Solution solution, FixUnit unit, CancellationToken cancellationToken)
    {
        _ = solution;
        _ = unit;
        _ = cancellationToken;
        return Task.FromResult<UnitRewrite?>(null);
    }
}
