namespace GlobalStepMigration.Analyzers;

/// <summary>One member of a legacy library and what it does for the global step.</summary>
/// <remarks>
/// The type is named by metadata name (nested types use '+'); every overload of the member name matches;
/// the parameter is the one that carries the step, the graph, the name or the collection key.
/// </remarks>
internal sealed class ApiEntry
{
    public ApiEntry(
        ApiKind kind,
        string typeMetadataName,
        string memberName,
        string? parameterName = null,
        BlockerKind? blocks = null,
        KerasSchedule? schedule = null,
        string? source = null,
        string? firstTag = null,
        string? lastTag = null,
        string? collectionKey = null)
    {
        CollectionKey = collectionKey;
        Kind = kind;
        TypeMetadataName = typeMetadataName;
        MemberName = memberName;
        ParameterName = parameterName;
        Blocks = blocks;
        Schedule = schedule;
        Source = source;
        FirstTag = firstTag;
        LastTag = lastTag;
    }

    public ApiKind Kind { get; }

    public string TypeMetadataName { get; }

    public string MemberName { get; }

    public string? ParameterName { get; }

    /// <summary>Why a unit using this member cannot be migrated automatically (a decay with no exact Keras schedule), if so.</summary>
    public BlockerKind? Blocks { get; }

    /// <summary>For a decay: the Keras schedule with the same formula that the fixes write instead (null: none known).</summary>
    public KerasSchedule? Schedule { get; }

    /// <summary>
    /// Where the member is declared in the library's own source: "TensorFlow.NET &lt;tag&gt; &lt;file&gt;:&lt;line&gt;", at the newest
    /// modelled release tag that has it (null for this repository's runtime). tests/TensorFlowNet.Tests/MapTests.cs checks it
    /// against docs/tensorflow-net-api.tsv.
    /// </summary>
    public string? Source { get; }

    /// <summary>The first release tag of the library that has the member (null: every version the map knows).</summary>
    public string? FirstTag { get; }

    /// <summary>
    /// The last release tag that has it (null: every version). The analyzer matches members by name in whatever version a
    /// compilation references; the tags say which generations' test models must have the member (MapTests).
    /// </summary>
    public string? LastTag { get; }

    /// <summary>For <see cref="ApiKind.GraphIntrospection"/>: the one collection the member reads (<c>GlobalVariables()</c> reads <c>variables</c>); null: the whole graph.</summary>
    public string? CollectionKey { get; }

    /// <summary>For a constructor entry, its type's simple name; else the member's name (how the optimizer pairs name a TF1 optimizer).</summary>
    public string DisplayName => MemberName == ".ctor" ? TypeMetadataName.Substring(System.Math.Max(TypeMetadataName.LastIndexOf('.'), TypeMetadataName.LastIndexOf('+')) + 1) : MemberName;

    /// <summary>The library whose map lists this entry (set once by <see cref="LegacyLibrary"/>).</summary>
    public LegacyLibrary? Library { get; internal set; }
}

/// <summary>A Keras learning-rate schedule with the formula of a TF1 decay: <c>Schedules.ExponentialDecay(lr, 100, 0.96).Call(step)</c>.</summary>
internal sealed class KerasSchedule
{
    public KerasSchedule(string typeMetadataName, string factoryName, string learningRateParameter = "learningRate", string initialLearningRateParameter = "initialLearningRate", string callMethodName = "Call")
    {
        TypeMetadataName = typeMetadataName;
        FactoryName = factoryName;
        LearningRateParameter = learningRateParameter;
        InitialLearningRateParameter = initialLearningRateParameter;
        CallMethodName = callMethodName;
    }

    /// <summary>The type whose static factory makes the schedule (metadata name, nested types with '+').</summary>
    public string TypeMetadataName { get; }

    /// <summary>The factory method; its parameters are the decay's without the step, in the same order.</summary>
    public string FactoryName { get; }

    /// <summary>The decay's learning-rate parameter ...</summary>
    public string LearningRateParameter { get; }

    /// <summary>... which the schedule names this way.</summary>
    public string InitialLearningRateParameter { get; }

    /// <summary>The schedule's method that computes the rate at a step.</summary>
    public string CallMethodName { get; }
}
