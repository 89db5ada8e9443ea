using System;
using System.Collections.Generic;
using System.Linq;

namespace GlobalStepMigration.Reliability.Tests.Generation;

/// <summary>What a generated unit is built around (the patterns of docs/design/patterns.md).</summary>
internal enum UnitKind
{
    /// <summary>Seed program, hand-made step, field step across methods and decays (docs/design/patterns.md): one TF1 optimizer fed the step, in a graph or eagerly.</summary>
    Tf1,

    /// <summary>Half-migrated TF2: a Keras optimizer and a legacy step bumped by hand after each update.</summary>
    HalfMigrated,

    /// <summary>Shared step: two TF1 optimizers share the step.</summary>
    Gan,

    /// <summary>Several graphs: two graphs, each with its own step, in one type.</summary>
    TwoGraphs,
}

internal enum Mode { Graph, Eager }

internal enum Creation { GetOrCreate, Create, HandMade32, HandMade64 }

internal enum Storage { Local, Field }

/// <summary>Where a field-stored step is created: in Run (which also uses it) or in the constructor (the field step across methods pattern: created in one method, used in another).</summary>
internal enum FieldInit { InRun, InConstructor }

internal enum Tf1Optimizer { GradientDescent, Momentum, Adam }

internal enum KerasOptimizer { Sgd, Adam }

internal enum Decay { None, Exponential, Polynomial, Piecewise, InverseTime, Cosine, NaturalExp }

/// <summary>How the legacy functions are spelled (the "spellings" pattern of docs/design/patterns.md).</summary>
internal enum Spelling { Qualified, Alias, UsingStatic, FullyQualified }

/// <summary>How the step is passed: positionally, or by name before or after the other named arguments (the "hand-made step" pattern of docs/design/patterns.md).</summary>
internal enum StepArgument { Positional, NamedLast, NamedFirst }

/// <summary>
/// How a unit observes its step beyond printing its value (docs/design/observables.md, one class per row it protects): each
/// prints what it observes, so a fix that changes it (a missing decline) changes the output or fails the run.
/// </summary>
internal enum Observe
{
    /// <summary>Only the step's value, printed.</summary>
    None,

    /// <summary>O3: the dtype of a fetched value (<c>sess.Run(step).DType</c>, <c>step.Numpy().DType</c>).</summary>
    ValueDType,

    /// <summary>O3: a fetched value compared with an int32 NDArray (<c>Equals</c> compares dtypes).</summary>
    ValueEquality,

    /// <summary>O4: <c>step.Name</c>.</summary>
    StepName,

    /// <summary>O4: <c>step.Op</c> printed.</summary>
    StepOp,

    /// <summary>O6: GLOBAL_VARIABLES, GLOBAL_STEP, TRAIN_OP and the trainable variables counted (graph).</summary>
    CollectionsCounted,

    /// <summary>O5/O7: a helper of another type calls <c>GetGlobalStep()</c> inside a second <c>AsDefault()</c> block of the step's graph.</summary>
    ScopedHelper,

    /// <summary>O8: an update with an empty gradient list, its exception caught and printed.</summary>
    EmptyGradients,

    /// <summary>O8: an update whose loss does not depend on the variables (every gradient None), its exception caught and printed.</summary>
    NoGradients,

    /// <summary>O8: the unit's own update inside a try/catch that prints what it catches.</summary>
    TryCatch,

    /// <summary>O12: a Saver saves with <c>globalStep:</c> into a folder the program makes, and restores (graph).</summary>
    Checkpoint,

    /// <summary>O7: the creation inside <c>Tf.NameScope("outer")</c>, the step's name printed (graph).</summary>
    NameScope,

    /// <summary>O7: the creation inside <c>VariableScope("vs")</c>, the step's name printed (graph).</summary>
    VariableScope,

    /// <summary>O1: <c>Tf.Compat.V1.Train.GlobalStep(sess, step)</c>.</summary>
    GlobalStepFunction,

    /// <summary>O10: the train op run by its name (<c>sess.Run(train.Name)</c>) and its name printed (graph).</summary>
    TrainByName,

    /// <summary>O7: the default graph of <c>DisableEagerExecution()</c> instead of a graph of its own (graph; the program's only unit).</summary>
    DefaultGraph,

    /// <summary>O6/O10: the ops below the train op, by walking its control inputs, printed (graph).</summary>
    TrainControlInputs,

    /// <summary>O6: the graph's first unnamed constant looked up by its name (<c>GetTensorByName("Const:0")</c>) and printed (graph).</summary>
    ConstantByName,
}

internal sealed record UnitSpec(
    UnitKind Kind,
    Mode Mode,
    Creation Creation,
    Storage Storage,
    Tf1Optimizer Optimizer,
    Tf1Optimizer SecondOptimizer,
    KerasOptimizer Keras,
    Decay Decay,
    bool PrintRate,
    StepArgument Argument,
    Spelling Spelling,
    bool ApplyGradients,
    bool HelperRead,
    bool LaterLookup,
    bool StepIsVariable,
    int Steps,
    int Start,
    bool ExplicitGraph = false,
    FieldInit FieldInit = FieldInit.InRun,
    bool DecayVariant = false,
    bool HelperLookup = false,
    Observe Observe = Observe.None,
    bool Nesterov = false)
{
    public override string ToString() =>
        $"{Kind} {Mode} {Creation} {Storage} opt={Optimizer}/{SecondOptimizer} keras={Keras} decay={Decay} rate={PrintRate} arg={Argument} " +
        $"{Spelling} apply={ApplyGradients} helper={HelperRead} lookup={LaterLookup} variable={StepIsVariable} steps={Steps} start={Start} " +
        $"explicitGraph={ExplicitGraph} fieldInit={FieldInit} decayVariant={DecayVariant} helperLookup={HelperLookup} " +
        $"observe={Observe} nesterov={Nesterov}";

    /// <summary>
    /// False for a half-migrated unit whose step is made by hand: Keras optimizer, a variable named
    /// "global_step" bumped with AssignAdd, no TF1 API at all. Nothing to flag: it is the control case
    /// (the fixes must leave it alone and fix-all must not break it).
    /// </summary>
    public bool UsesLegacyApi => !(Kind == UnitKind.HalfMigrated && Creation is Creation.HandMade32 or Creation.HandMade64);

    /// <summary>
    /// The shapes this unit exercises, one tag per dimension value (the per-shape counts of the test
    /// output are counted over these, so coverage of the patterns of docs/design/patterns.md is visible).
    /// </summary>
    public IEnumerable<string> Shapes()
    {
        yield return "kind=" + Kind + (UsesLegacyApi ? string.Empty : " (control: no legacy API)");
        yield return "mode=" + Mode;
        yield return "creation=" + Creation;
        yield return "storage=" + Storage + (Storage == Storage.Field ? "/" + FieldInit : string.Empty);
        yield return "decay=" + Decay + (Decay != Decay.None && DecayVariant ? "/variant" : string.Empty)
            + (Kind == UnitKind.HalfMigrated && Decay != Decay.None ? " (Keras schedule)" : string.Empty);
        yield return "spelling=" + Spelling;
        yield return Kind == UnitKind.HalfMigrated ? "update=keras-" + (ApplyGradients ? "apply" : "minimize") : "update=" + (ApplyGradients ? "apply" : "minimize") + "/" + Argument;
        if (Kind == UnitKind.Gan)
        {
            yield return "two optimizers: " + Optimizer + "+" + SecondOptimizer;
        }

        if (HelperRead)
        {
            yield return Storage == Storage.Field ? "helper reads the field" : "helper reads a parameter";
        }

        if (HelperLookup)
        {
            yield return "helper looks the step up (GetGlobalStep)";
        }

        if (LaterLookup)
        {
            yield return "later GetGlobalStep lookup";
        }

        if (ExplicitGraph)
        {
            yield return "explicit graph argument";
        }

        if (PrintRate)
        {
            yield return "rate printed";
        }

        yield return "observe=" + Observe;
        foreach (var optimizer in Kind is UnitKind.Gan or UnitKind.TwoGraphs ? new[] { Optimizer, SecondOptimizer } : Kind == UnitKind.HalfMigrated ? Array.Empty<Tf1Optimizer>() : new[] { Optimizer })
        {
            yield return "optimizer=" + optimizer + (optimizer == Tf1Optimizer.Momentum && Nesterov ? "+Nesterov" : string.Empty)
                + (Decay == Decay.None || Kind == UnitKind.Gan || (Kind == UnitKind.TwoGraphs && optimizer == SecondOptimizer && optimizer != Optimizer) ? " constant rate" : " decayed rate");
        }
    }
}

/// <summary>A generated program: several units, the first one possibly in top-level statements.</summary>
internal sealed record ProgramSpec(IReadOnlyList<UnitSpec> Units, bool FirstAtTopLevel)
{
    public override string ToString() =>
        $"top-level={FirstAtTopLevel}\n" + string.Join("\n", Units.Select((u, i) => $"  U{i}: {u}"));
}
