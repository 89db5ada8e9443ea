namespace GlobalStepMigration.Analyzers;

/// <summary>
/// What a legacy API member does for the global step. The map in <see cref="LegacyApiMap"/> ties each
/// kind to a library's types and members by metadata name; the analysis only ever speaks in kinds.
/// </summary>
internal enum ApiKind
{
    /// <summary><c>GetGlobalStep(graph)</c>: looks the step up (GSM001, a lookup site of the unit).</summary>
    GetGlobalStep,

    /// <summary><c>CreateGlobalStep(graph)</c>: creates the step (GSM001, a creation site).</summary>
    CreateGlobalStep,

    /// <summary><c>GetOrCreateGlobalStep(graph)</c>: creates or finds the step (GSM001, a creation site).</summary>
    GetOrCreateGlobalStep,

    /// <summary>A TF1 optimizer method with a global-step parameter (GSM002): Minimize, ApplyGradients.</summary>
    OptimizerStepMethod,

    /// <summary>A TF1 learning-rate decay function with a step parameter (GSM003).</summary>
    DecayFunction,

    /// <summary>A lookup of a tensor or operation by name (GSM004 when the name is the step's).</summary>
    NameLookup,

    /// <summary>A collection read or write (GSM004 when the key is the GLOBAL_STEP key).</summary>
    CollectionAccess,

    /// <summary>A variable factory (<c>Tf.Variable</c>, <c>GetVariable</c>, or a variable's constructor, member name <c>.ctor</c>): a hand-made step's creation.</summary>
    VariableFactory,

    /// <summary>An increment of a variable (<c>AssignAdd</c>): a manual increment of the step.</summary>
    Increment,

    /// <summary>A write of a variable that is not an increment (<c>Assign</c>, <c>AssignSub</c>).</summary>
    Write,

    /// <summary>A Keras optimizer's <c>ApplyGradients</c>/<c>Minimize</c>: increments the optimizer's own counter.</summary>
    KerasOptimizerStep,

    /// <summary>
    /// A library helper that reads (creating it when missing) the step of a graph, such as TensorFlow.NET's
    /// <c>TrainingUtil._get_or_create_global_step_read(graph)</c>: no rule reports it, but another type's call
    /// of it may see a unit's step (the code fixes' cross-type check counts it).
    /// </summary>
    GlobalStepRead,
}

/// <summary>Groups of <see cref="ApiKind"/> that the rules and the fixes ask about.</summary>
internal static class ApiKinds
{
    /// <summary>GSM001's members: the global-step functions.</summary>
    public static bool IsGlobalStepFunction(ApiKind kind) =>
        kind is ApiKind.GetGlobalStep or ApiKind.CreateGlobalStep or ApiKind.GetOrCreateGlobalStep;

    /// <summary>Members without which no site can be reported (every GSM site is a call to, or a method group of, one of them).</summary>
    public static bool StartsSite(ApiKind kind) =>
        IsGlobalStepFunction(kind) || kind is ApiKind.OptimizerStepMethod or ApiKind.DecayFunction or ApiKind.NameLookup or ApiKind.CollectionAccess;

    /// <summary>Members through which code of another type may see a unit's step: global-step functions and helpers that read it.</summary>
    public static bool MaySeeTheStep(ApiKind kind) => IsGlobalStepFunction(kind) || kind == ApiKind.GlobalStepRead;

    /// <summary>Members that find the step by name or through the GLOBAL_STEP collection (GSM004 with the step's name or key).</summary>
    public static bool FindsByNameOrCollection(ApiKind kind) => kind is ApiKind.NameLookup or ApiKind.CollectionAccess;
}

/// <summary>The role a site plays in a global-step unit (the <c>SiteKind</c> property, see docs/design/unit-model.md).</summary>
internal enum SiteKind
{
    /// <summary>The step is created here (CreateGlobalStep, GetOrCreateGlobalStep, or a hand-made variable).</summary>
    Creation,

    /// <summary>The step is looked up with GetGlobalStep.</summary>
    Lookup,

    /// <summary>The step is passed to a TF1 optimizer, which increments it.</summary>
    OptimizerArgument,

    /// <summary>The step feeds a TF1 learning-rate decay function.</summary>
    Decay,

    /// <summary>The step is incremented by hand (<c>AssignAdd</c>).</summary>
    Increment,

    /// <summary>The step's value is read (Session.Run, Numpy, printing, arithmetic).</summary>
    Read,

    /// <summary>The step is looked up by tensor or operation name (GSM004).</summary>
    NameLookup,

    /// <summary>The step is read or registered through the GLOBAL_STEP collection (GSM004).</summary>
    CollectionLookup,

    /// <summary>A global-step function is used as a method group (GSM004).</summary>
    MethodGroup,
}
