using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace GlobalStepMigration.Analyzers;

/// <summary>How a TF1 optimizer's learning rate is written.</summary>
internal enum RateKind
{
    /// <summary>A number (Keras optimizers take one).</summary>
    Number,

    /// <summary>A decay call written as the argument.</summary>
    InlineDecay,

    /// <summary>A local or field (a stored decay, when a decay site stores into it).</summary>
    Storage,

    /// <summary>Any other tensor: no Keras optimizer takes it.</summary>
    Tensor,
}

/// <summary>A TF1 optimizer's construction, as the analysis saw it (what fix A would swap, O9).</summary>
internal sealed class OptimizerConstruction
{
    public OptimizerConstruction(OptimizerKey? key, string kind, LegacyLibrary library, int line)
    {
        Key = key;
        Kind = kind;
        Library = library;
        Line = line;
    }

    /// <summary>The optimizer: its storage, or the update it is the receiver of (null: neither, it is used otherwise).</summary>
    public OptimizerKey? Key { get; }

    /// <summary>The TF1 factory or type (<c>GradientDescentOptimizer</c>).</summary>
    public string Kind { get; }

    public LegacyLibrary Library { get; }

    public int Line { get; }

    /// <summary>The parameters given explicitly.</summary>
    public ImmutableArray<string> Given { get; init; } = ImmutableArray<string>.Empty;

    /// <summary>A parameter that rules out every Keras optimizer (<c>useLocking</c> not the constant false), or null.</summary>
    public string? NotExact { get; init; }

    public RateKind Rate { get; init; }

    /// <summary>Whether every argument but an inline decay is a constant (an optimizer that is not stored is built earlier by fix A).</summary>
    public bool ArgumentsConstant { get; init; }

    /// <summary>The optimizer's name argument, when it is a constant (its scope's name).</summary>
    public string? Name { get; init; }
}

/// <summary>A reference to a TF1 optimizer's storage: the receiver of an update with a step (at <see cref="CallPosition"/>), or anything else.</summary>
internal sealed class OptimizerUse
{
    public OptimizerUse(ISymbol optimizer, int? callPosition, int line)
    {
        Optimizer = optimizer;
        CallPosition = callPosition;
        Line = line;
    }

    public ISymbol Optimizer { get; }

    /// <summary>The update call this reference is the receiver of, when that update passes a step; null for any other use.</summary>
    public int? CallPosition { get; }

    public int Line { get; }
}

/// <summary>A lookup of an op or tensor by a name other than the step's: what it sees depends on the optimizers' names, known at the type's end (O6).</summary>
internal sealed class NameLookupFact
{
    public NameLookupFact(string api, int line, string? name, LegacyLibrary library)
    {
        Api = api;
        Line = line;
        Name = name;
        Library = library;
    }

    public string Api { get; }

    public int Line { get; }

    /// <summary>The name looked up; null when it is not a constant.</summary>
    public string? Name { get; }

    public LegacyLibrary Library { get; }
}

/// <summary>What the analysis of a type found about its TF1 optimizers, their train ops and the names it looks up.</summary>
internal sealed class OptimizerFacts
{
    public OptimizerFacts(List<OptimizerConstruction> constructions, List<OptimizerUse> uses, List<(ISymbol TrainOp, Blocker Blocker)> trainOpUses, List<NameLookupFact> nameLookups)
    {
        Constructions = constructions;
        Uses = uses;
        TrainOpUses = trainOpUses;
        NameLookups = nameLookups;
    }

    public List<OptimizerConstruction> Constructions { get; }

    public List<OptimizerUse> Uses { get; }

    /// <summary>Uses of a stored train op that show its name (each with the blocker it causes).</summary>
    public List<(ISymbol TrainOp, Blocker Blocker)> TrainOpUses { get; }

    public List<NameLookupFact> NameLookups { get; }
}
