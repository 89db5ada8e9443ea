using System.Globalization;
using System.Linq;

namespace GlobalStepMigration.Analyzers;

/// <summary>
/// The one table from <see cref="BlockerKind"/> to text: the reason (what the program does that rules a
/// fix out) and the advice (what to do by hand). Diagnostics write <see cref="WithAdvice"/> after
/// <c>no automatic fix:</c> and <see cref="Reason"/> after <c>optimizer.Iterations cannot own it:</c>;
/// docs/rules lists the messages. Nothing reads these strings back.
/// </summary>
internal static class BlockerText
{
    /// <summary>The reason followed by what to do by hand, when the kind has advice: "reason; advice".</summary>
    public static string WithAdvice(Blocker blocker)
    {
        var (reason, advice) = Describe(blocker);
        return advice is null ? reason : reason + "; " + advice;
    }

    /// <summary>The reason alone.</summary>
    public static string Reason(Blocker blocker) => Describe(blocker).Reason;

    /// <summary>How a GSM004 site finds the step ("by name", ...), as its message and the blockers it causes say it.</summary>
    public static string HowFound(SiteKind kind) => kind switch
    {
        SiteKind.FoundByName => "by name",
        SiteKind.FoundInCollection => "through the GLOBAL_STEP collection",
        _ => "through a method group",
    };

    private static (string Reason, string? Advice) Describe(Blocker b)
    {
        var (reason, advice) = Text(b);
        return b.After is { } first ? (Reason(first) + ", and " + reason, advice) : (reason, advice);
    }

    private static (string Reason, string? Advice) Text(Blocker b) => b.Kind switch
    {
        BlockerKind.PassedToUnknownCode => (
            F("it is passed to '{0}' at line {1}, which the fix cannot follow", b.Name, b.Line),
            "give that method the step's value instead of the step, or migrate it by hand"),
        BlockerKind.Reassigned => (
            F("it is reassigned at line {0}", b.Line),
            "create the step once and keep it in one local or private field, or migrate by hand"),
        BlockerKind.Returned => (
            F("it is returned at line {0}, so code the fix cannot see uses it", b.Line),
            "keep the step in a private field of this type instead of returning it, then fix"),
        BlockerKind.UsedOtherwise => (
            F("it is used at line {0} in a way the fix cannot follow ({1})", b.Line, b.Code),
            "migrate that use by hand, then fix the rest"),
        BlockerKind.UsedInConditional => (
            F("it is used in a conditional expression at line {0}", b.Line),
            "migrate that expression by hand, then fix the rest"),
        BlockerKind.Written => (
            F("it is written with {0} at line {1}", b.Api, b.Line),
            "only the optimizer (or AssignAdd) may change the step; migrate by hand"),
        BlockerKind.GraphArgumentNotVariable => (
            F("its graph argument '{0}' at line {1} is not a variable, so other calls on the same graph cannot be matched", b.Code, b.Line),
            "store the graph in a local or private field created with new Graph() and pass that"),
        BlockerKind.StepArgumentNotFollowable => (
            F("the step passed to '{0}' at line {1} ('{2}') is not a variable, field or global-step call the fix can follow", b.Api, b.Line, b.Code),
            "store the step in a local or private field and pass that"),
        BlockerKind.ConditionalStepArgument => (
            F("the step passed to '{0}' at line {1} is conditional ('{2}')", b.Api, b.Line, b.Code),
            "migrate that call by hand"),
        BlockerKind.DecayWithoutSchedule => (
            F("{0} has no Keras schedule with the same formula", b.Api),
            "replace it by hand"),
        BlockerKind.FoundIndirectly => (
            F("the step is also found {0} at line {1} ('{2}', GSM004), which would no longer find it", HowFound(b.FoundBy ?? SiteKind.FoundThroughMethodGroup), b.Line, b.Api),
            "pass the step's variable (or its optimizer) to that code instead (see GSM004), then fix"),
        BlockerKind.GraphsMixed => (
            F("'{0}' on the default graph (line {1}) and '{2}' on graph '{3}' (line {4}) may see the same step", At(b.Names, 0), At(b.Lines, 0), At(b.Names, 1), b.Graph, At(b.Lines, 1)),
            "pass the graph explicitly in every global-step call of this type, or in none"),
        BlockerKind.StepFromParameter => (
            F("it comes from parameter '{0}' of '{1}', so its creation is not visible here", b.Name, b.Owner),
            "fix the code that creates the step, then pass its variable (or its optimizer) here"),
        BlockerKind.StepInProperty => (
            F("it is stored in property '{0}', which code outside '{1}' can reach", b.Name, b.Owner),
            "keep the step in a private field (pass it to other code as a parameter), then fix"),
        BlockerKind.StepInReachableField => (
            F("it is stored in field '{0}', which code outside '{1}' can reach", b.Name, b.Owner),
            "keep the step in a private field (pass it to other code as a parameter), then fix"),
        BlockerKind.SeveralGraphs => (
            F("it is used with several graphs ({0}), and the fixes rewrite a step of one graph", string.Join(", ", b.Names.Select(name => "'" + name + "'"))),
            "keep one storage per graph"),
        BlockerKind.ExplicitGraphNotSupported => (
            F("its graph '{0}' is passed explicitly, and for this library the fixes only rewrite steps of the default graph", b.Graph),
            F("create the step inside {0}.AsDefault() without the graph argument by hand", b.Graph)),
        BlockerKind.GraphNotCreatedHere => (
            F("its graph '{0}' is not created with 'new Graph()' at its declaration (line {1}), so other code may hold it", b.Graph, b.Line),
            "pass the step's variable (or its optimizer) to the code that shares the graph"),
        BlockerKind.GraphIsParameter => (
            F("its graph '{0}' is a parameter, so the caller may find the step in it", b.Graph),
            F("pass the step's variable (or its optimizer) to that code, then create the step inside {0}.AsDefault() without the graph argument", b.Graph)),
        BlockerKind.GraphReachable => (
            F("its graph '{0}' can be reached by code outside '{1}', which may find the step in it", b.Graph, b.Owner),
            F("pass the step's variable (or its optimizer) to that code, then create the step inside {0}.AsDefault() without the graph argument", b.Graph)),
        BlockerKind.GraphUsedElsewhere => (
            F("its graph '{0}' is also used at line {1} ('{2}'), where other code may find the step in it", b.Graph, b.Line, b.Code),
            "pass the step's variable (or its optimizer) to that code, then fix"),
        BlockerKind.GraphNotOfLibrary => (
            F("its graph '{0}' is not a {1} graph, so where the step lives cannot be followed", b.Graph, b.Library),
            "pass the step's variable (or its optimizer) to the code that shares the graph"),
        BlockerKind.CreatedOutsideGraphScope => (
            F("the step is created at line {0} outside 'using ({1}.AsDefault())', and the fixes create variables in the current default graph", b.Line, b.Graph),
            "move the creation into that scope"),
        BlockerKind.NoCreationVisible => (
            F("no creation of this step is visible in '{0}'", b.Owner),
            "migrate the code that creates it, then pass its variable (or its optimizer) here"),
        BlockerKind.CreatedBothWays => (
            F("it is created both by hand and by a global-step function (lines {0})", string.Join(", ", b.Lines.Select(line => line.ToString(CultureInfo.InvariantCulture)))),
            "keep one creation and pass its variable where the other one is used"),
        BlockerKind.OptimizerNotStored => (
            b.Code is null
                ? F("the optimizer at line {0} is not stored in a variable or field", b.Line)
                : F("the optimizer made at line {0} is not stored, and its arguments ({1}) cannot be evaluated where the step is created", b.Line, b.Code),
            null),
        BlockerKind.SeveralOptimizers => (
            F("optimizers {0} both increment it, and an optimizer's Iterations counts only its own updates", string.Join(" and ", b.Names.Select(name => "'" + name + "'"))), null),
        BlockerKind.AlsoIncrementedByHand => (
            F("it is also incremented by hand at line {0}", b.Line), null),
        BlockerKind.NoOptimizer => ("no optimizer increments it", null),
        BlockerKind.IncrementNotAfterKerasUpdate => (
            F("the increment at line {0} does not directly follow a Keras optimizer's update", b.Line), null),
        BlockerKind.SeveralKerasOptimizers => ("it is incremented after the updates of several Keras optimizers", null),
        BlockerKind.DTypeObserved => (
            F("it is {0} and read at line {1} in a way that depends on its dtype, and optimizer.Iterations is int64", b.DType, b.Line), null),
        BlockerKind.IterationsNotPublic => (
            F("{0}'s {1} keeps its iteration counter non-public, so fix A (optimizer.Iterations) is unavailable", b.Library, b.Name), null),
        BlockerKind.ExplicitVariableNotSupported => (
            F("the fixes write no explicit variable in {0}'s idiom", b.Library), null),
        BlockerKind.GraphStructureObserved => (
            F("{0} at line {1} reads {2}, which changes with the optimizer", Where(b), b.Line, b.Code),
            "read it after migrating by hand, or drop that read, then fix"),
        BlockerKind.TrainStructureObserved => (
            F("{0} at line {1} reads {2}, which both fixes change", Where(b), b.Line, b.Code),
            "migrate by hand (docs/design/observables.md lists what each fix changes), or drop that read, then fix"),
        BlockerKind.CheckpointObserved => (
            F("{0} at line {1} writes or restores a checkpoint, and the step's key in it would change", Where(b), b.Line),
            "keep the step's variable (Use an explicitly incremented variable), or migrate the checkpoints by hand"),
        BlockerKind.DTypeNotInteger => (
            b.DType is null or "unknown"
                ? "its dtype cannot be seen here, and TF1 refuses a step that is not an integer (a fix would make the program run)"
                : F("its dtype is {0}, and TF1 refuses a step that is not an integer (a fix would make the program run)", b.DType),
            "create it with an integer value or dtype (Tf.Variable(0L, ...)), then fix"),
        BlockerKind.UpdateInTry => (
            b.Name is null
                ? F("the update at line {0} runs inside a try with a catch (line {1}), which sees the optimizer's exception messages, and the fixes change them", b.Line, At(b.Lines, 0))
                : F("the update at line {0} may run inside the try at line {1} in '{2}' (through '{3}'), whose catch sees the optimizer's exception messages, and the fixes change them", b.Line, At(b.Lines, 0), b.Owner, b.Name),
            "move the update out of the try, or migrate by hand"),
        BlockerKind.GlobalStepValueNotRewritable => (
            F("'{0}' at line {1} cannot be rewritten to the read it makes: {2}", b.Api, b.Line, b.Code),
            "read the step with sess.Run(step) or step.Numpy() by hand, then fix"),
        BlockerKind.StepNameObserved => (
            F("the step itself is {0} at line {1}, which shows its name, and optimizer.Iterations has another", b.Code, b.Line), null),
        BlockerKind.InitialValueNotZero => (
            F("it starts at {0} (line {1}), and optimizer.Iterations starts at 0", b.Code, b.Line), null),
        BlockerKind.StepTrainable => (
            F("it is created trainable at line {0}, and optimizer.Iterations is not", b.Line), null),
        BlockerKind.TrainOpObserved => (
            F("the train op '{0}' is {1} at line {2}, and the Keras optimizer's train op is named otherwise", b.Name, b.Code, b.Line), null),
        BlockerKind.CreatedInNameScope => (
            b.Name is null
                ? F("it is created at line {0} inside a name or variable scope, where a new variable would be named otherwise (a global-step function ignores the name scope)", b.Line)
                : F("it is created at line {0} in '{1}', which may run inside the name or variable scope at line {2} in '{3}', where a new variable would be named otherwise", b.Line, b.Name, At(b.Lines, 0), b.Owner),
            null),

        // The code fixes' own checks: the fixes return them, and an action "Not offered: <fix> — <reason>" shows them.
        BlockerKind.DeclinedByAnalysis => (b.Code ?? "the analysis allows no fix", null),
        BlockerKind.GraphNotWritable => (
            F("its global-step calls use no single graph the fixes can write for ('{0}')", b.Graph), null),
        BlockerKind.SiteNotFound => (
            F("a site of the step is no longer at line {0} (the code changed since the analysis)", b.Line),
            "let the analysis run again"),
        BlockerKind.LibraryNotWritable => (
            F("'{0}' at line {1} binds to {2}, and the fixes write only one library per step, of those they know", b.Code, b.Line, b.Library ?? "no library they know"), null),
        BlockerKind.DocumentHasErrors => (
            F("'{0}' has compiler errors, so the step may be incomplete", b.Name),
            "fix the errors, then fix"),
        BlockerKind.NotOneCreation => (
            F("it has {0} creations, and the fixes rewrite a step created once", b.Lines.Length), null),
        BlockerKind.CreationNotStoredPrivately => (
            F("its creation at line {0} is not stored in a local or a private field", b.Line),
            "store the step in a local or private field, then fix"),
        BlockerKind.SharedWithOtherType => (
            F("'{0}' in '{1}' at line {2} may see the same step (both use the default graph)", b.Api, b.Owner, b.Line),
            F("create the step once and pass its variable (or its optimizer) to '{0}', or give each type a graph of its own, then fix", b.Owner)),
        BlockerKind.ScopeReachesStepSite => (
            F("'{0}' called inside the graph scope of '{1}' reads the default graph's global step at line {2} ('{3}' in '{4}'), which would no longer find this step", b.Name, b.Graph, b.Line, b.Api, b.Owner),
            F("call it outside 'using ({0}.AsDefault())', or pass it the step's variable (or its optimizer), then fix", b.Graph)),
        BlockerKind.ScopeReachesUnknownCode => (
            (b.Name is null
                ? F("'{0}' at line {1} inside the graph scope of '{2}' is {3}", b.Code, b.Line, b.Graph, UnknownText(b.Unknown))
                : F("'{0}' called inside the graph scope of '{1}' reaches {2} at line {3} ('{4}')", b.Name, b.Graph, UnknownText(b.Unknown), b.Line, b.Code))
                + ", which the fix cannot follow (the code it runs may read the default graph's global step)",
            F("call it outside 'using ({0}.AsDefault())', then fix", b.Graph)),
        BlockerKind.LookupCannotNameStorage => (
            F("the lookup at line {0} cannot name '{1}' (out of scope, before the creation, or an instance field in static code)", b.Line, b.Name),
            "pass the step's variable to that code, then fix"),
        BlockerKind.LookupTypeDiffers => (
            F("the lookup at line {0} would bind differently if it read '{1}' directly", b.Line, b.Name), null),
        BlockerKind.StorageCannotHoldVariable => (
            F("'{0}' cannot hold the variable the fix writes, or cannot be incremented", b.Name),
            "declare it with the library's variable type, then fix"),
        BlockerKind.OptimizerCallNotRewritable => (
            F("the call at line {0} the step is passed to cannot be rewritten (the step must be the storage itself)", b.Line), null),
        BlockerKind.StepDTypeUnknown => (
            F("its dtype is {0}, so the increment's literal cannot be written", b.DType), "create it with an explicit dtype, then fix"),
        BlockerKind.DecayRateNotNumber => (
            F("the learning rate of '{0}' at line {1} is not a number, and Keras schedules take one", b.Api, b.Line), null),
        BlockerKind.DecayStepNotStorage => (
            F("the step passed to '{0}' at line {1} is not the storage itself", b.Api, b.Line), null),
        BlockerKind.NothingToRewrite => ("the fix would change nothing", null),
        BlockerKind.OptimizerNotOneLocal => (
            F("the optimizer at line {0} is not one local variable of the step's code", b.Line), null),
        BlockerKind.OptimizerUsedOtherwise => (
            F("optimizer '{0}' is used for more than its updates, which a Keras optimizer may not support", b.Name), null),
        BlockerKind.NoExactKerasOptimizer => (
            F("'{0}' has no Keras optimizer proven bit-identical in this runtime{1}", b.Name, b.Code is null ? string.Empty : " (" + b.Code + ")"), null),
        BlockerKind.DecayNotOptimizersRate => (
            F("the decay at line {0} does not feed the optimizer's learning rate alone", b.Line), null),
        BlockerKind.DecayEvaluatedEagerly => (
            F("the decay at line {0} is evaluated once (eagerly), while a Keras schedule follows every update", b.Line), null),
        BlockerKind.UpdateNotTranslatable => (
            F("'{0}' at line {1} has no Keras equivalent ({2})", b.Api, b.Line, b.Code), null),
        BlockerKind.DecayWithKerasOptimizer => ("a decay reads the step next to a Keras optimizer", null),
        BlockerKind.DeclarationCannotMove => (
            F("the declaration of optimizer '{0}' cannot be put before the step's creation at line {1}", b.Name, b.Line), null),
        BlockerKind.UpdateNotStatement => (
            F("the update at line {0} ('{1}') is not a statement of its own, and the explicit increment is written as statements around it", b.Line, b.Code),
            "make the call a statement of its own (a local, an assignment, a return), then fix"),
        BlockerKind.UpdateNameNotConstant => (
            F("the name of the update at line {0} ({1}) is not a constant scope name, and the explicit increment takes it", b.Line, b.Code),
            "name it with a string literal, then fix"),
        BlockerKind.UpdateOutsideStepGraphScope => (
            F("the update at line {0} may run while another graph than its step's is the default, where the increment's control dependency would not reach it", b.Line),
            "build it inside the step's using (graph.AsDefault()) block, then fix"),
        BlockerKind.CreationDTypeUnknown => (
            F("the step that {0}'s global-step function creates has a dtype that differs between its releases ({1})", b.Library, b.Code),
            "create the step by hand with an explicit dtype, then fix"),
        _ => (b.Kind.ToString(), null),
    };

    /// <summary>How a call whose target is unknown is named ("a delegate call", ...).</summary>
    public static string UnknownText(UnknownCall? call) => call switch
    {
        UnknownCall.Dynamic => "a dynamic call",
        UnknownCall.FunctionPointer => "a function pointer call",
        UnknownCall.Delegate => "a delegate call",
        UnknownCall.Virtual => "a virtual call",
        UnknownCall.VirtualProperty => "a virtual property",
        UnknownCall.DelegateFromOutside => "a delegate made outside the scope",
        UnknownCall.TooMuchCode => "more code than the fix follows",
        _ => "code of another compilation",
    };

    /// <summary>The member at a line, with its type when it is another type's ("'GetCollection' in 'Report'").</summary>
    private static string Where(Blocker b) => b.Owner is null ? F("'{0}'", b.Api) : F("'{0}' in '{1}'", b.Api, b.Owner);

    private static string At(System.Collections.Immutable.ImmutableArray<string> values, int index) => index < values.Length ? values[index] : "?";

    private static string At(System.Collections.Immutable.ImmutableArray<int> values, int index) =>
        index < values.Length ? values[index].ToString(CultureInfo.InvariantCulture) : "?";

    private static string F(string format, params object?[] arguments) => string.Format(CultureInfo.InvariantCulture, format, arguments);
}
