namespace GlobalStepMigration.Analyzers;

/// <summary>The two code fixes of a global-step unit (the <c>Fixes</c> property spells them A and B).</summary>
internal enum FixKind
{
    /// <summary>Fix A, "Use optimizer.Iterations": the one optimizer that increments the step owns the counter.</summary>
    UseOptimizerIterations,

    /// <summary>Fix B, "Use an explicitly incremented variable": the program owns the counter.</summary>
    UseExplicitVariable,
}

/// <summary>How the <c>Fixes</c> property spells the fixes a unit allows (docs/design/unit-model.md).</summary>
internal static class FixKinds
{
    /// <summary>The letter of a fix in the <c>Fixes</c> property: A or B.</summary>
    public static string Letter(FixKind fix) => fix == FixKind.UseOptimizerIterations ? "A" : "B";

    /// <summary>The value of the <c>Fixes</c> property: "A,B", "B" or "".</summary>
    public static string PropertyValue(bool allowsA, bool allowsB) =>
        allowsA && allowsB ? UnitProperties.BothFixes
        : allowsB ? UnitProperties.ExplicitVariableOnly
        : allowsA ? Letter(FixKind.UseOptimizerIterations)
        : string.Empty;

    /// <summary>Whether a <c>Fixes</c> property value allows <paramref name="fix"/>.</summary>
    public static bool Allows(string? propertyValue, FixKind fix)
    {
        var letter = Letter(fix);
        foreach (var part in (propertyValue ?? string.Empty).Split(','))
        {
            if (part == letter)
            {
                return true;
            }
        }

        return false;
    }
}
