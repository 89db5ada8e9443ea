namespace GlobalStepMigration.Analyzers;

/// <summary>
/// Why a fix is not offered for a unit: every decline, the analysis's and the code fixes', is one of
/// these, with its arguments in a <see cref="Blocker"/>. The text of each kind (the reason and what to
/// do by hand) is in <see cref="BlockerText"/>, the one table; docs/design/unit-model.md lists the kinds.
/// </summary>
/// <remarks>
/// Blockers are ordered by the line they name, then by kind (<see cref="Blocker.CompareTo"/>): the kinds of
/// one group are declared in the order their messages sorted in before they were data, so two blockers on
/// one line keep the order they had.
/// </remarks>
internal enum BlockerKind
{
    // ---- How a use of the step blocks its unit (the analysis, per use). ----

    /// <summary>The step is passed to a method the fix cannot follow (source code, a collection).</summary>
    PassedToUnknownCode,

    /// <summary>The step's storage is assigned something other than a creation.</summary>
    Reassigned,

    /// <summary>The step is returned.</summary>
    Returned,

    /// <summary>Any other use the analysis does not model (copied, stored in a tuple, ...).</summary>
    UsedOtherwise,

    /// <summary>The step is an operand of <c>?:</c> or <c>??</c> that does not flow into a step parameter.</summary>
    UsedInConditional,

    /// <summary>The step is written with Assign, AssignSub or <c>tf.assign</c>.</summary>
    Written,

    /// <summary>A global-step function's graph argument is an expression, not a variable.</summary>
    GraphArgumentNotVariable,

    /// <summary>The step argument of an optimizer or decay is an expression the fix cannot follow.</summary>
    StepArgumentNotFollowable,

    /// <summary>The step argument of an optimizer or decay is conditional (<c>decay ? step : null</c>).</summary>
    ConditionalStepArgument,

    /// <summary>A decay has no Keras schedule with the same formula (the map says so for the member).</summary>
    DecayWithoutSchedule,

    // ---- What blocks every unit of a type (the analysis, per type). ----

    /// <summary>The step is also found by name, through the GLOBAL_STEP collection or through a method group (GSM004).</summary>
    FoundIndirectly,

    /// <summary>Global-step functions are called on the default graph and on an explicit graph in one type.</summary>
    GraphsMixed,

    /// <summary>Code of the type reads a collection, enumerates the graph or looks up a name that fix A changes (O6).</summary>
    GraphStructureObserved,

    /// <summary>Code of the type reads TRAIN_OP, a collection by a key that is not constant, enumerates the graph or looks up a name under an optimizer's or the step's scope: both fixes change what it sees (O6).</summary>
    TrainStructureObserved,

    /// <summary>Code of the type writes or restores a checkpoint, whose keys fix A changes (O12).</summary>
    CheckpointObserved,

    // ---- What blocks a unit as a whole (the analysis, per unit). ----

    /// <summary>The step comes from a parameter.</summary>
    StepFromParameter,

    /// <summary>The step is stored in a property.</summary>
    StepInProperty,

    /// <summary>The step is stored in a field that is not private, or of another type.</summary>
    StepInReachableField,

    /// <summary>The unit's global-step calls use several graphs.</summary>
    SeveralGraphs,

    /// <summary>The step's graph is explicit, and for its library the fixes only write default-graph steps.</summary>
    ExplicitGraphNotSupported,

    /// <summary>The step's graph is not created with <c>new Graph()</c> at its declaration.</summary>
    GraphNotCreatedHere,

    /// <summary>The step's graph is a parameter.</summary>
    GraphIsParameter,

    /// <summary>The step's graph is a field or property that code outside the type can reach.</summary>
    GraphReachable,

    /// <summary>The step's graph is used otherwise than for its scope, its global-step calls and its session.</summary>
    GraphUsedElsewhere,

    /// <summary>The step's graph is not the library's graph type (it cannot be followed).</summary>
    GraphNotOfLibrary,

    /// <summary>The step is created outside <c>using (g.AsDefault())</c> of its explicit graph.</summary>
    CreatedOutsideGraphScope,

    /// <summary>No creation of the step is visible in the type.</summary>
    NoCreationVisible,

    /// <summary>The step is created both by hand and by a global-step function.</summary>
    CreatedBothWays,

    /// <summary>The step's dtype is not an integer type, or is not known: TF1 refuses such a step, a fix would make the program run (O3).</summary>
    DTypeNotInteger,

    /// <summary>An update of the unit runs inside a try with a catch, which can observe the optimizer's exception messages (O8).</summary>
    UpdateInTry,

    /// <summary><c>GlobalStep(sess, step)</c> cannot be rewritten to the read it makes (the step's mode or the session is not known).</summary>
    GlobalStepValueNotRewritable,

    // ---- What rules out "Use optimizer.Iterations" only (the analysis; NoExactKerasOptimizer, OptimizerUsedOtherwise,
    // DecayNotOptimizersRate, DecayEvaluatedEagerly and DecayWithKerasOptimizer below are the analysis's too). ----

    /// <summary>An optimizer that increments the step is an expression, not a variable or field.</summary>
    OptimizerNotStored,

    /// <summary>Two or more TF1 optimizers increment the step (a shared step, a GAN).</summary>
    SeveralOptimizers,

    /// <summary>A TF1 optimizer increments the step and so does a manual increment.</summary>
    AlsoIncrementedByHand,

    /// <summary>No optimizer increments the step.</summary>
    NoOptimizer,

    /// <summary>A manual increment does not directly follow a Keras optimizer's update.</summary>
    IncrementNotAfterKerasUpdate,

    /// <summary>The manual increments follow the updates of several Keras optimizers.</summary>
    SeveralKerasOptimizers,

    /// <summary>The step is not int64 and a read depends on its dtype (optimizer.Iterations is int64).</summary>
    DTypeObserved,

    /// <summary>The library's Keras optimizer keeps its iteration counter non-public.</summary>
    IterationsNotPublic,

    /// <summary>The step itself (not its value) is printed, formatted or asked for its Name or Op: Iterations is named otherwise (O4).</summary>
    StepNameObserved,

    /// <summary>A hand-made step does not start at the constant 0, where Iterations does (O2).</summary>
    InitialValueNotZero,

    /// <summary>A hand-made step is trainable (in TRAINABLE_VARIABLES, trained by a Minimize without a variable list), Iterations is not (O2).</summary>
    StepTrainable,

    /// <summary>The train op the update returns is printed or asked for its name (O10).</summary>
    TrainOpObserved,

    /// <summary>The library has no idiom the fixes write for an explicit variable.</summary>
    ExplicitVariableNotSupported,

    /// <summary>A step made by a global-step function is created inside a name or variable scope, where <c>Tf.Variable</c> would be named otherwise (O7).</summary>
    CreatedInNameScope,

    // ---- What only the code fixes see: the solution, other types, the rewrite itself. ----

    /// <summary>The analysis does not allow this fix (its reason is the diagnostic's NoFixReason or NoFixAReason).</summary>
    DeclinedByAnalysis,

    /// <summary>The unit's global-step calls do not use one graph the fixes can write for.</summary>
    GraphNotWritable,

    /// <summary>A site of the unit is no longer where the diagnostic says (the code changed since the analysis).</summary>
    SiteNotFound,

    /// <summary>A site binds to no library the fixes write, or the sites bind to two libraries.</summary>
    LibraryNotWritable,

    /// <summary>A document of the unit has compiler errors.</summary>
    DocumentHasErrors,

    /// <summary>The unit does not have exactly one creation.</summary>
    NotOneCreation,

    /// <summary>The creation is not stored in a local or a private field.</summary>
    CreationNotStoredPrivately,

    /// <summary>A global-step site of another type may see the same step (both use the default graph).</summary>
    SharedWithOtherType,

    /// <summary>Code run inside the step's private graph scope reaches another type's default-graph global-step site.</summary>
    ScopeReachesStepSite,

    /// <summary>Code run inside the step's private graph scope makes a call whose target cannot be known.</summary>
    ScopeReachesUnknownCode,

    /// <summary>A lookup cannot name the step's storage (out of scope, before a local's creation, static code and an instance field).</summary>
    LookupCannotNameStorage,

    /// <summary>Replacing a lookup by the storage would change what the code binds to (TensorFlow.NET's types).</summary>
    LookupTypeDiffers,

    /// <summary>The storage cannot hold the variable the fix writes, or cannot be incremented.</summary>
    StorageCannotHoldVariable,

    /// <summary>An optimizer call the step is passed to cannot be rewritten (not a plain call with the storage as its argument).</summary>
    OptimizerCallNotRewritable,

    /// <summary>The dtype of a hand-made step is unknown, so the increment's literal cannot be written.</summary>
    StepDTypeUnknown,

    /// <summary>A decay's learning rate is not a number (Keras schedules take one).</summary>
    DecayRateNotNumber,

    /// <summary>A decay's step argument is not the storage.</summary>
    DecayStepNotStorage,

    /// <summary>The rewrite would change nothing.</summary>
    NothingToRewrite,

    /// <summary>The optimizers of the unit are not one local variable.</summary>
    OptimizerNotOneLocal,

    /// <summary>The optimizer is used for more than the unit's update calls.</summary>
    OptimizerUsedOtherwise,

    /// <summary>The TF1 optimizer has no Keras optimizer proven equal (or its arguments rule it out).</summary>
    NoExactKerasOptimizer,

    /// <summary>A decay of the unit does not feed the optimizer's learning rate alone.</summary>
    DecayNotOptimizersRate,

    /// <summary>A decay is evaluated eagerly (once), while a Keras schedule follows every update.</summary>
    DecayEvaluatedEagerly,

    /// <summary>An update call cannot become a Keras one (Minimize without varList, a name argument).</summary>
    UpdateNotTranslatable,

    /// <summary>A half-migrated unit (Keras optimizer) also has a decay.</summary>
    DecayWithKerasOptimizer,

    /// <summary>The optimizer's declaration and the creation cannot be put in order (other blocks, or a use declared between).</summary>
    DeclarationCannotMove,

    /// <summary>Fix B's inline of an update needs statements, and the update call is not a statement of its own.</summary>
    UpdateNotStatement,

    /// <summary>The update's name argument is not a constant scope name (fix B names the update and the increment after it).</summary>
    UpdateNameNotConstant,

    /// <summary>The update may run while another graph than its step's is the default (the increment's control dependency is the default graph's).</summary>
    UpdateOutsideStepGraphScope,

    /// <summary>The dtype of the step a global-step function makes differs between the releases the compilation may be (fix B writes the variable).</summary>
    CreationDTypeUnknown,
}

/// <summary>A call whose target the reach of a graph scope cannot know (<see cref="BlockerKind.ScopeReachesUnknownCode"/>).</summary>
internal enum UnknownCall
{
    /// <summary>A dynamic call.</summary>
    Dynamic,

    /// <summary>A function pointer call.</summary>
    FunctionPointer,

    /// <summary>A delegate invocation.</summary>
    Delegate,

    /// <summary>A virtual, abstract or interface method that source code overrides or implements.</summary>
    Virtual,

    /// <summary>A virtual property that source code overrides.</summary>
    VirtualProperty,

    /// <summary>A delegate made outside the scope and used in it.</summary>
    DelegateFromOutside,

    /// <summary>More code than the walk follows.</summary>
    TooMuchCode,

    /// <summary>A scope that is not in the compilation at hand.</summary>
    OtherCompilation,
}
