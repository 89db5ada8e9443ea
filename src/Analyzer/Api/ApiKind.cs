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

    /// <summary>A TF1 optimizer's update with a global-step parameter, Minimize or ApplyGradients: a step passed to it is GSM002.</summary>
    PassedToOptimizer,

    /// <summary>A TF1 learning-rate decay function with a step parameter: fed by a step, GSM003.</summary>
    Decay,

    /// <summary>Finds a tensor or operation by name (GSM004 when the name is the step's).</summary>
    FindByName,

    /// <summary>A collection read or write (GSM004 when the key is the GLOBAL_STEP key).</summary>
    CollectionAccess,

    /// <summary>A variable factory (<c>Tf.Variable</c>, <c>GetVariable</c>, or a variable's constructor, member name <c>.ctor</c>): a hand-made step's creation.</summary>
    VariableFactory,

    /// <summary>An increment of a variable (<c>AssignAdd</c>): a manual increment of the step.</summary>
    Increment,

    /// <summary>A write of a variable that is not an increment (<c>Assign</c>, <c>AssignSub</c>).</summary>
    Write,

    /// <summary>A Keras optimizer's update, <c>ApplyGradients</c>/<c>Minimize</c>: increments the optimizer's own counter.</summary>
    KerasOptimizerUpdate,

    /// <summary>
    /// A library helper that reads (creating it when missing) the step of a graph, such as TensorFlow.NET's
    /// <c>TrainingUtil._get_or_create_global_step_read(graph)</c>: no rule reports it, but another type's call
    /// of it may see a unit's step (the code fixes' cross-type check counts it).
    /// </summary>
    GlobalStepRead,

    /// <summary><c>GlobalStep(sess, step)</c>: reads the step's value as a long (GSM001, a site of the unit both fixes rewrite to that read).</summary>
    GlobalStepValue,

    /// <summary>A TF1 optimizer's construction (factory or constructor): what fix A would swap for a Keras optimizer (O9).</summary>
    Tf1OptimizerConstruction,

    /// <summary>
    /// A read of the graph's structure that no key names (<c>GetOperations</c>, <c>GetAllCollectionKeys</c>), or of one fixed
    /// collection (<see cref="ApiEntry.CollectionKey"/>, <c>GlobalVariables()</c>): what it sees may change (O6).
    /// </summary>
    GraphIntrospection,

    /// <summary>A checkpoint writer or reader (Saver, Checkpoint, CheckpointManager): its keys name the step's variable (O12).</summary>
    Checkpointing,

    /// <summary>A name or variable scope opened with <c>using</c>: a variable created inside is named after it (O7).</summary>
    NameScope,
}

/// <summary>Groups of <see cref="ApiKind"/> that the rules and the fixes ask about.</summary>
internal static class ApiKinds
{
    /// <summary>GSM001's members: the global-step functions.</summary>
    public static bool IsGlobalStepFunction(ApiKind kind) =>
        kind is ApiKind.GetGlobalStep or ApiKind.CreateGlobalStep or ApiKind.GetOrCreateGlobalStep;

    /// <summary>Members without which no site can be reported (every GSM site is a call to, or a method group of, one of them).</summary>
    public static bool StartsSite(ApiKind kind) =>
        IsGlobalStepFunction(kind) || kind is ApiKind.PassedToOptimizer or ApiKind.Decay or ApiKind.FindByName or ApiKind.CollectionAccess or ApiKind.GlobalStepValue;

    /// <summary>Members with which code of another type may observe what a fix changes of a unit's graph (O6, O12): the code fixes index them.</summary>
    public static bool ObservesTheGraph(ApiKind kind) => kind is ApiKind.FindByName or ApiKind.CollectionAccess or ApiKind.GraphIntrospection or ApiKind.Checkpointing;

    /// <summary>Members through which code of another type may see a unit's step: global-step functions and helpers that read it.</summary>
    public static bool MaySeeTheStep(ApiKind kind) => IsGlobalStepFunction(kind) || kind == ApiKind.GlobalStepRead;

    /// <summary>Members that find the step by name or through the GLOBAL_STEP collection (GSM004 with the step's name or key).</summary>
    public static bool FindsByNameOrCollection(ApiKind kind) => kind is ApiKind.FindByName or ApiKind.CollectionAccess;
}
