namespace GlobalStepMigration.Analyzers;

/// <summary>
/// Keys of <see cref="Microsoft.CodeAnalysis.Diagnostic.Properties"/> set by the analyzer: the contract
/// with the code fixes, described in docs/design/unit-model.md.
/// </summary>
public static class UnitProperties
{
    /// <summary>Identifies the unit: every diagnostic of one global step has the same value.</summary>
    public const string UnitId = "UnitId";

    /// <summary>The role of the reported site (a <c>SiteKind</c> name: Creation, Lookup, OptimizerArgument, Decay, NameLookup, CollectionLookup, MethodGroup).</summary>
    public const string SiteKind = "SiteKind";

    /// <summary>The legacy member at the site (GetOrCreateGlobalStep, Minimize, ExponentialDecay, GetTensorByName, ...).</summary>
    public const string Api = "Api";

    /// <summary>How messages name the step: its variable, field or the graph it belongs to.</summary>
    public const string StepName = "StepName";

    /// <summary>The graph of the unit's global-step function calls: "default", a variable name, or "" when none.</summary>
    public const string Graph = "Graph";

    /// <summary>The dtype the step is created with: int64, int32, float32, ... or unknown.</summary>
    public const string StepDType = "StepDType";

    /// <summary>Which fixes the analysis allows: "A,B", "A", "B" or "" (A: use optimizer.Iterations, B: explicit variable).</summary>
    public const string Fixes = "Fixes";

    /// <summary>Why no fix is allowed (empty when one is).</summary>
    public const string NoFixReason = "NoFixReason";

    /// <summary>Why "Use optimizer.Iterations" is not allowed (empty when it is).</summary>
    public const string NoFixAReason = "NoFixAReason";

    /// <summary>Why "Use an explicitly incremented variable" is not allowed (empty when it is).</summary>
    public const string NoFixBReason = "NoFixBReason";

    /// <summary>The one optimizer (variable or field name) that increments the step, when there is exactly one.</summary>
    public const string Optimizer = "Optimizer";

    /// <summary>The roles of <see cref="Microsoft.CodeAnalysis.Diagnostic.AdditionalLocations"/>, ';'-separated, in the same order.</summary>
    public const string AdditionalLocationKinds = "AdditionalLocationKinds";

    /// <summary>Value of <see cref="Fixes"/> when both fixes are allowed.</summary>
    public const string BothFixes = "A,B";

    /// <summary>Value of <see cref="Fixes"/> when only the explicit-variable fix is allowed.</summary>
    public const string ExplicitVariableOnly = "B";
}
