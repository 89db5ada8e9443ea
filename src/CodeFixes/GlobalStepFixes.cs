using GlobalStepMigration.Analyzers;

namespace GlobalStepMigration.CodeFixes;

/// <summary>The code actions' titles and constant equivalence keys.</summary>
public static class GlobalStepFixes
{
    /// <summary>Equivalence key of "Use optimizer.Iterations" (fix A).</summary>
    public const string UseOptimizerIterationsKey = "GlobalStepMigration.UseOptimizerIterations";

    /// <summary>Equivalence key of "Use an explicitly incremented variable" (fix B).</summary>
    public const string UseExplicitVariableKey = "GlobalStepMigration.UseExplicitVariable";

    /// <summary>Title of fix A.</summary>
    public const string UseOptimizerIterationsTitle = "Use optimizer.Iterations";

    /// <summary>Title of fix B.</summary>
    public const string UseExplicitVariableTitle = "Use an explicitly incremented variable";

    /// <summary>How the title of an action that explains a declined fix starts (it names the fix, then the reason).</summary>
    public const string NotOfferedPrefix = "Not offered: ";

    /// <summary>The .editorconfig option that chooses which fix is offered first.</summary>
    public const string PreferredFixOption = "gsm_preferred_fix";

    /// <summary>The option value that puts the explicit variable first.</summary>
    public const string PreferExplicitVariable = "explicit_variable";

    /// <summary>The title of a fix's code action.</summary>
    internal static string TitleOf(FixKind fix) => fix == FixKind.UseOptimizerIterations ? UseOptimizerIterationsTitle : UseExplicitVariableTitle;

    /// <summary>The equivalence key of a fix's own family.</summary>
    internal static string KeyOf(FixKind fix) => fix == FixKind.UseOptimizerIterations ? UseOptimizerIterationsKey : UseExplicitVariableKey;
}
