using System.Collections.Immutable;

namespace GlobalStepMigration.Analyzers;

/// <summary>
/// A TF1 optimizer and the Keras optimizer that a library computes bit for bit the same way (docs/design/observables.md,
/// O9): the only swaps fix A makes. A library lists its pairs in <see cref="LibraryConventions.OptimizerPairs"/>, and
/// only pairs a test proves identical (for this runtime, tests/Runtime.Tests/OptimizerPairTests.cs, whose proved set
/// tests/Analyzer.Tests/OptimizerPairTableTests.cs requires the table to equal).
/// </summary>
internal sealed class OptimizerPair
{
    public OptimizerPair(string tf1Name, string kerasFactory, bool decayedRate, params (string Tf1, string? Keras)[] parameters)
    {
        Tf1Name = tf1Name;
        KerasFactory = kerasFactory;
        DecayedRate = decayedRate;
        Parameters = parameters.ToImmutableArray();
    }

    /// <summary>The TF1 factory method or type (<c>GradientDescentOptimizer</c>).</summary>
    public string Tf1Name { get; }

    /// <summary>The Keras factory the fix writes (<c>SGD</c>).</summary>
    public string KerasFactory { get; }

    /// <summary>Whether the pair is proved with a decayed rate too (in a graph, the TF1 decay against its Keras schedule).</summary>
    public bool DecayedRate { get; }

    /// <summary>The TF1 parameters that carry over, in the Keras call's order, with their Keras names (null: positional).</summary>
    public ImmutableArray<(string Tf1, string? Keras)> Parameters { get; }

    /// <summary>The TF1 parameter that holds the learning rate (a number, or a decay of the unit).</summary>
    public const string LearningRateParameter = "learningRate";

    /// <summary>TF1 arguments with no Keras counterpart unless they are the constant <c>false</c>.</summary>
    public static readonly ImmutableArray<string> MustBeFalse = ImmutableArray.Create("useLocking");
}
