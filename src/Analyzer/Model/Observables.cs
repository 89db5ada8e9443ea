using System;
using System.Collections.Immutable;

namespace GlobalStepMigration.Analyzers;

/// <summary>
/// The rows of docs/design/observables.md: the ways a program can observe its global step, its optimizer and their
/// graph. A fix is offered only where the program cannot observe what the fix changes.
/// </summary>
internal enum Observable
{
    /// <summary>O1: the step's values at every read, in order.</summary>
    StepValues = 1,

    /// <summary>O2: the step's initial value (and whether it is trainable, which decides the collections it is in).</summary>
    InitialValue = 2,

    /// <summary>O3: the step's dtype, directly or through anything derived from it.</summary>
    DType = 3,

    /// <summary>O4: the step's name and identity (<c>Name</c>, <c>Op</c>, printing the step itself).</summary>
    NameAndIdentity = 4,

    /// <summary>O5: finding the step (global-step functions, by name, through GLOBAL_STEP).</summary>
    FindingTheStep = 5,

    /// <summary>O6: collections and graph structure (any collection, enumerating the graph, op and tensor names).</summary>
    GraphStructure = 6,

    /// <summary>O7: the graph and the scopes (default-graph and name scopes) the step lives and is looked up in.</summary>
    GraphAndScopes = 7,

    /// <summary>O8: whether and when the step is incremented, and the exceptions a caught update raises.</summary>
    Increments = 8,

    /// <summary>O9: the optimizer's arithmetic, every bit of every variable.</summary>
    Arithmetic = 9,

    /// <summary>O10: the optimizer's own state and names, and the train op's.</summary>
    OptimizerAndTrainOp = 10,

    /// <summary>O11: the learning rate a decay computes at each step.</summary>
    LearningRate = 11,

    /// <summary>O12: checkpoints the program writes or restores.</summary>
    Checkpoints = 12,
}

/// <summary>What one decline reason rules out, and which observable it protects (null: the fix cannot follow the code at all).</summary>
internal readonly struct DeclineRule
{
    public DeclineRule(Observable? row, FixKind? onlyFix)
    {
        Row = row;
        OnlyFix = onlyFix;
    }

    /// <summary>The row of docs/design/observables.md whose change this reason prevents; null for code the fixes cannot follow.</summary>
    public Observable? Row { get; }

    /// <summary>The fix this reason rules out; null when it rules out both.</summary>
    public FixKind? OnlyFix { get; }
}

/// <summary>
/// The model of docs/design/observables.md in code, shared by the analyzer and the code fixes: for every decline
/// reason (<see cref="BlockerKind"/>), the fix it rules out and the observable it protects (<see cref="Rule"/>), and
/// the classifications both sides make of the same program text (a collection key, a looked-up name, a catch). A
/// <see cref="Blocker"/> takes what it rules out from here, so no check decides it twice.
/// </summary>
internal static class Observables
{
    private const FixKind A = FixKind.UseOptimizerIterations;
    private const FixKind B = FixKind.UseExplicitVariable;

    /// <summary>Collection keys whose contents neither fix changes (a hand-made step is made non-trainable, O2): TRAINABLE_VARIABLES, LOCAL_VARIABLES, UPDATE_OPS.</summary>
    public static readonly ImmutableArray<string> KeysNoFixChanges = ImmutableArray.Create("trainable_variables", "local_variables", "update_ops");

    /// <summary>Collection keys whose contents fix B changes too: TRAIN_OP (the update's NoOp replaces the train op), GLOBAL_STEP.</summary>
    public static readonly ImmutableArray<string> KeysBothFixesChange = ImmutableArray.Create("train_op", "global_step");

    /// <summary>The rule of each decline reason: which fix it rules out, and for which observable.</summary>
    public static DeclineRule Rule(BlockerKind kind) => kind switch
    {
        // O1: the step's values.
        BlockerKind.Reassigned or BlockerKind.Written => new(Observable.StepValues, null),
        BlockerKind.SeveralOptimizers or BlockerKind.AlsoIncrementedByHand or BlockerKind.NoOptimizer
            or BlockerKind.IncrementNotAfterKerasUpdate or BlockerKind.SeveralKerasOptimizers => new(Observable.StepValues, A),

        // O2: the initial value, trainable.
        BlockerKind.InitialValueNotZero or BlockerKind.StepTrainable => new(Observable.InitialValue, A),

        // O3: the dtype.
        BlockerKind.DTypeObserved => new(Observable.DType, A),
        BlockerKind.DTypeNotInteger => new(Observable.DType, null),

        // O4: name and identity.
        BlockerKind.StepNameObserved => new(Observable.NameAndIdentity, A),

        // O5: finding the step.
        BlockerKind.FoundIndirectly or BlockerKind.SharedWithOtherType or BlockerKind.GraphsMixed => new(Observable.FindingTheStep, null),

        // O6: collections and graph structure.
        BlockerKind.GraphStructureObserved => new(Observable.GraphStructure, A),
        BlockerKind.TrainStructureObserved => new(Observable.GraphStructure, null),

        // O7: graphs and scopes.
        BlockerKind.SeveralGraphs or BlockerKind.ExplicitGraphNotSupported or BlockerKind.GraphNotCreatedHere or BlockerKind.GraphIsParameter
            or BlockerKind.GraphReachable or BlockerKind.GraphUsedElsewhere or BlockerKind.GraphNotOfLibrary or BlockerKind.CreatedOutsideGraphScope
            or BlockerKind.GraphArgumentNotVariable or BlockerKind.GraphNotWritable or BlockerKind.ScopeReachesStepSite
            or BlockerKind.ScopeReachesUnknownCode => new(Observable.GraphAndScopes, null),
        BlockerKind.CreatedInNameScope => new(Observable.GraphAndScopes, B),
        BlockerKind.DeclarationCannotMove => new(Observable.GraphAndScopes, A),

        // O8: whether and when the step is incremented.
        BlockerKind.UpdateInTry or BlockerKind.ConditionalStepArgument => new(Observable.Increments, null),

        // O9: the optimizer's arithmetic.
        BlockerKind.NoExactKerasOptimizer => new(Observable.Arithmetic, A),

        // O10: the optimizer's state and names, the train op.
        BlockerKind.OptimizerUsedOtherwise or BlockerKind.TrainOpObserved or BlockerKind.OptimizerNotStored
            or BlockerKind.OptimizerNotOneLocal or BlockerKind.UpdateNotTranslatable => new(Observable.OptimizerAndTrainOp, A),

        // O11: the learning rate.
        BlockerKind.DecayWithoutSchedule or BlockerKind.DecayRateNotNumber => new(Observable.LearningRate, null),
        BlockerKind.DecayEvaluatedEagerly or BlockerKind.DecayNotOptimizersRate or BlockerKind.DecayWithKerasOptimizer => new(Observable.LearningRate, A),

        // O12: checkpoints.
        BlockerKind.CheckpointObserved => new(Observable.Checkpoints, A),

        // What a fix's rewrite cannot write (the fix that returns it is the one ruled out).
        BlockerKind.IterationsNotPublic => new(null, A),
        BlockerKind.ExplicitVariableNotSupported or BlockerKind.StorageCannotHoldVariable or BlockerKind.OptimizerCallNotRewritable
            or BlockerKind.StepDTypeUnknown or BlockerKind.UpdateNotStatement or BlockerKind.UpdateNameNotConstant
            or BlockerKind.UpdateOutsideStepGraphScope or BlockerKind.CreationDTypeUnknown => new(null, B),

        // Code the fixes cannot follow, or cannot bind: both.
        _ => new(null, null),
    };

    /// <summary>
    /// What reading the collection <paramref name="key"/> (null: a key that is not a constant) lets a program see change:
    /// null when neither fix changes it, else the blocker kind (<see cref="BlockerKind.GraphStructureObserved"/> for fix A
    /// only, <see cref="BlockerKind.TrainStructureObserved"/> for both). GLOBAL_STEP is GSM004's, handled before.
    /// </summary>
    public static BlockerKind? CollectionRead(string? key) =>
        key is null || KeysBothFixesChange.Contains(key) ? BlockerKind.TrainStructureObserved
        : KeysNoFixChanges.Contains(key) ? null
        : BlockerKind.GraphStructureObserved;

    /// <summary>
    /// What looking an op or tensor up by <paramref name="name"/> (null: not a constant) lets a program see change. Fix B
    /// renames the ops under an optimizer's scope (<c>S/...</c> becomes <c>S/update/...</c>) and the creation's own ops
    /// (<c>global_step/...</c>); fix A also removes the step, the optimizer's ops and slots and the train op, and adds the
    /// Keras optimizer's, and numbers the auto-named constants again (a TF1 decay builds its constants where it is called,
    /// the Keras schedule inside the update: the program's <c>Const_3</c> may become <c>Const</c>). Any other name that
    /// mentions none of <paramref name="optimizerNames"/> or the step's name changes under neither fix.
    /// </summary>
    public static BlockerKind? NameLookup(string? name, string stepName, ImmutableArray<string> optimizerNames)
    {
        if (name is null)
        {
            return BlockerKind.TrainStructureObserved;
        }

        var op = name.IndexOf(':') is var colon and >= 0 ? name.Substring(0, colon) : name;
        var segments = op.Split('/');
        var underScope = false;
        var mentioned = false;
        for (var i = 0; i < segments.Length; i++)
        {
            var segment = segments[i];
            var isStep = segment.StartsWith(stepName, StringComparison.OrdinalIgnoreCase);
            var isOptimizer = false;
            foreach (var optimizer in optimizerNames)
            {
                isOptimizer |= segment.StartsWith(optimizer, StringComparison.OrdinalIgnoreCase)
                    || segment.EndsWith(optimizer, StringComparison.OrdinalIgnoreCase);
            }

            mentioned |= isStep || isOptimizer;
            underScope |= (isStep || isOptimizer) && i < segments.Length - 1;
        }

        return underScope ? BlockerKind.TrainStructureObserved
            : mentioned || IsAutoNumberedConstant(segments[segments.Length - 1]) ? BlockerKind.GraphStructureObserved
            : null;
    }

    /// <summary>The name the runtime gives a constant that is not named: <c>Const</c>, <c>Const_1</c>, <c>Const_2</c>, ...</summary>
    private static bool IsAutoNumberedConstant(string segment)
    {
        if (!segment.StartsWith("Const", StringComparison.Ordinal))
        {
            return false;
        }

        if (segment.Length == "Const".Length)
        {
            return true;
        }

        if (segment.Length < "Const_0".Length || segment["Const".Length] != '_')
        {
            return false;
        }

        for (var i = "Const_".Length; i < segment.Length; i++)
        {
            if (segment[i] < '0' || segment[i] > '9')
            {
                return false;
            }
        }

        return true;
    }
}
