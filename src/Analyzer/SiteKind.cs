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
