using System.Collections.Generic;
using System.Linq;

namespace GlobalStepMigration.Reliability.Tests.Generation;

/// <summary>What a generated unit is built around (migration.md's patterns).</summary>
internal enum UnitKind
{
    /// <summary>Patterns 1-3 and 5: one TF1 optimizer fed the step, in a graph or eagerly.</summary>
    Tf1,

    /// <summary>Pattern 4: a Keras optimizer and a legacy step bumped by hand after each update.</summary>
    HalfMigrated,

    /// <summary>Pattern 6: two TF1 optimizers share the step.</summary>
    Gan,

    /// <summary>Pattern 9: two graphs, each with its own step, in one type.</summary>
    TwoGraphs,
}

internal enum Mode { Graph, Eager }

internal enum Creation { GetOrCreate, Create, HandMade32, HandMade64 }

internal enum Storage { Local, Field }

internal enum Tf1Optimizer { GradientDescent, Momentum, Adam }

internal enum KerasOptimizer { Sgd, Adam }

internal enum Decay { None, Exponential, Polynomial, Piecewise, InverseTime, Cosine, NaturalExp }

/// <summary>How the legacy functions are spelled (pattern 10).</summary>
internal enum Spelling { Qualified, Alias, UsingStatic, FullyQualified }

/// <summary>How the step is passed: positionally, or by name before or after the other named arguments (pattern 2).</summary>
internal enum StepArgument { Positional, NamedLast, NamedFirst }

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
    int Start)
{
    public override string ToString() =>
        $"{Kind} {Mode} {Creation} {Storage} opt={Optimizer}/{SecondOptimizer} keras={Keras} decay={Decay} rate={PrintRate} arg={Argument} " +
        $"{Spelling} apply={ApplyGradients} helper={HelperRead} lookup={LaterLookup} variable={StepIsVariable} steps={Steps} start={Start}";
}

/// <summary>A generated program: several units, the first one possibly in top-level statements.</summary>
internal sealed record ProgramSpec(IReadOnlyList<UnitSpec> Units, bool FirstAtTopLevel)
{
    public override string ToString() =>
        $"top-level={FirstAtTopLevel}\n" + string.Join("\n", Units.Select((u, i) => $"  U{i}: {u}"));
}
