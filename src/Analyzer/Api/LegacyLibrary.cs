using System.Collections.Immutable;

namespace GlobalStepMigration.Analyzers;

/// <summary>
/// A legacy library: its API entries plus the few facts the rules need (the step's name, the
/// collection key). Adding a library (for example TensorFlow.NET) is adding one of these, not code.
/// </summary>
internal sealed class LegacyLibrary
{
    public LegacyLibrary(
        string name,
        string tensorTypeMetadataName,
        string globalStepName,
        string globalStepCollectionKey,
        ImmutableArray<ApiEntry> entries,
        ImmutableArray<string> assemblyNames,
        LibraryConventions conventions)
    {
        Name = name;
        AssemblyNames = assemblyNames;
        TensorTypeMetadataName = tensorTypeMetadataName;
        GlobalStepName = globalStepName;
        GlobalStepCollectionKey = globalStepCollectionKey;
        Entries = entries;
        Conventions = conventions;
        foreach (var entry in entries)
        {
            entry.Library = this;
        }
    }

    /// <summary>Display name of the library.</summary>
    public string Name { get; }

    /// <summary>
    /// The assemblies that declare the library (one per name it has shipped under). A compilation that neither is
    /// nor references one of them is skipped before any symbol lookup, so projects without legacy code pay next to nothing.
    /// </summary>
    public ImmutableArray<string> AssemblyNames { get; }

    /// <summary>Metadata name of the base type of every tensor and variable (storage of a step has this type or a derived one).</summary>
    public string TensorTypeMetadataName { get; }

    /// <summary>The name TF gives the step's variable ("global_step"); also what the by-name fallback looks for.</summary>
    public string GlobalStepName { get; }

    /// <summary>The value of GraphKeys.GLOBAL_STEP.</summary>
    public string GlobalStepCollectionKey { get; }

    /// <summary>The members the rules recognize.</summary>
    public ImmutableArray<ApiEntry> Entries { get; }

    /// <summary>How the library spells what the rules need besides its members: storage types, parameter names, readers.</summary>
    public LibraryConventions Conventions { get; }

    /// <summary>The member names of the entries whose kind <paramref name="kinds"/> accepts.</summary>
    public ImmutableHashSet<string> MemberNames(System.Func<ApiKind, bool> kinds)
    {
        var names = ImmutableHashSet.CreateBuilder<string>(System.StringComparer.Ordinal);
        foreach (var entry in Entries)
        {
            if (kinds(entry.Kind))
            {
                names.Add(entry.MemberName);
            }
        }

        return names.ToImmutable();
    }

    /// <summary>The entry of a decay member by name, if the library lists one.</summary>
    public ApiEntry? Decay(string memberName)
    {
        foreach (var entry in Entries)
        {
            if (entry.Kind == ApiKind.Decay && entry.MemberName == memberName)
            {
                return entry;
            }
        }

        return null;
    }
}

/// <summary>
/// The spelling facts of a legacy library that are not API entries: which types can hold a step,
/// how the variable factory names its initial value and dtype, which members only read a value,
/// how code names the GLOBAL_STEP key, and whether optimizer.Iterations exists at all.
/// </summary>
internal sealed class LibraryConventions
{
    public LibraryConventions(
        ImmutableArray<string> storageTypeMetadataNames,
        ImmutableArray<string> initialValueParameterNames,
        string dtypeParameterName,
        ImmutableArray<string> valueMethodNames,
        ImmutableArray<string> valueReaderMethodNames,
        string? dtypeMemberPrefix = null,
        string? dtypeShorthandTypeMetadataName = null,
        string? globalStepKeyTypeMetadataName = null,
        string? globalStepKeyMemberName = null,
        Blocker? fixAUnavailable = null,
        Blocker? fixBUnavailable = null,
        GraphConventions? graphs = null,
        string? trainableParameterName = null,
        string? operationTypeMetadataName = null,
        ImmutableArray<string> optimizerNames = default,
        ImmutableArray<OptimizerPair> optimizerPairs = default,
        bool integerStepRequired = true)
    {
        IntegerStepRequired = integerStepRequired;
        TrainableParameterName = trainableParameterName;
        OperationTypeMetadataName = operationTypeMetadataName;
        OptimizerNames = optimizerNames.IsDefault ? ImmutableArray<string>.Empty : optimizerNames;
        OptimizerPairs = optimizerPairs.IsDefault ? ImmutableArray<OptimizerPair>.Empty : optimizerPairs;
        Graphs = graphs;
        StorageTypeMetadataNames = storageTypeMetadataNames;
        InitialValueParameterNames = initialValueParameterNames;
        DTypeParameterName = dtypeParameterName;
        ValueMethodNames = valueMethodNames;
        ValueReaderMethodNames = valueReaderMethodNames;
        DTypeMemberPrefix = dtypeMemberPrefix;
        DTypeShorthandTypeMetadataName = dtypeShorthandTypeMetadataName;
        GlobalStepKeyTypeMetadataName = globalStepKeyTypeMetadataName;
        GlobalStepKeyMemberName = globalStepKeyMemberName;
        FixAUnavailable = fixAUnavailable;
        FixBUnavailable = fixBUnavailable;
    }

    /// <summary>
    /// Types (classes or interfaces, by metadata name) besides the tensor type whose values can hold a step:
    /// a storage of one of them, of a derived type or of a type implementing one, is followed.
    /// </summary>
    public ImmutableArray<string> StorageTypeMetadataNames { get; }

    /// <summary>The variable factories' initial-value parameters (the literal's type gives a hand-made step's dtype).</summary>
    public ImmutableArray<string> InitialValueParameterNames { get; }

    /// <summary>The variable factory's dtype parameter.</summary>
    public string DTypeParameterName { get; }

    /// <summary>Instance methods of a step that only read its value (printing-like: the dtype does not matter).</summary>
    public ImmutableArray<string> ValueMethodNames { get; }

    /// <summary>Library methods that, given the step as an argument, only read its value (Session.Run).</summary>
    public ImmutableArray<string> ValueReaderMethodNames { get; }

    /// <summary>Prefix of the dtype enum's members (<c>TF_</c> in <c>TF_INT64</c>), dropped to get the dtype's name.</summary>
    public string? DTypeMemberPrefix { get; }

    /// <summary>A type whose fields of the dtype enum's type are dtype shorthands (<c>tf.int64</c>), named like the dtype.</summary>
    public string? DTypeShorthandTypeMetadataName { get; }

    /// <summary>A type with a non-constant member that holds the GLOBAL_STEP key (<c>tf.GraphKeys.GLOBAL_STEP</c>).</summary>
    public string? GlobalStepKeyTypeMetadataName { get; }

    /// <summary>The name of that member.</summary>
    public string? GlobalStepKeyMemberName { get; }

    /// <summary>Why "Use optimizer.Iterations" never applies to this library's units (null when it can).</summary>
    public Blocker? FixAUnavailable { get; }

    /// <summary>
    /// Whether the library's optimizers refuse a step that is not an integer (TF1's assert on the global step's dtype), so
    /// that a fix would make a failing program run (O3); false where the increment is converted to the step's dtype.
    /// </summary>
    public bool IntegerStepRequired { get; }

    /// <summary>
    /// Why "Use an explicitly incremented variable" is not offered for this library's units (null when the code
    /// fixes can write the library's own idiom). Clearing it is how a library's fix B is switched on.
    /// </summary>
    public Blocker? FixBUnavailable { get; }

    /// <summary>
    /// How the library's graphs are spelled, when the fixes write steps of explicit graphs for it (null: they
    /// rewrite default-graph steps only, and no graph scope of the library counts as private).
    /// </summary>
    public GraphConventions? Graphs { get; }

    /// <summary>The variable factories' <c>trainable</c> parameter (a hand-made step must be created non-trainable for fix A, O2).</summary>
    public string? TrainableParameterName { get; }

    /// <summary>The type of the train op an update returns (its uses are watched for its name, O10); null: not watched.</summary>
    public string? OperationTypeMetadataName { get; }

    /// <summary>The names the optimizers give their scopes by default, TF1's and Keras' (a lookup of a name under one may see a fix's change, O6).</summary>
    public ImmutableArray<string> OptimizerNames { get; }

    /// <summary>The TF1 optimizers fix A may swap, each with its proven Keras partner (O9); empty: none.</summary>
    public ImmutableArray<OptimizerPair> OptimizerPairs { get; }

    /// <summary>The pair of a TF1 optimizer (by factory or type name), or null.</summary>
    public OptimizerPair? PairOf(string tf1Name)
    {
        foreach (var pair in OptimizerPairs)
        {
            if (pair.Tf1Name == tf1Name)
            {
                return pair;
            }
        }

        return null;
    }
}

/// <summary>How a library's graphs are spelled, for the private-graph rules (<see cref="GraphScopes"/>).</summary>
internal sealed class GraphConventions
{
    public GraphConventions(string graphTypeMetadataName, string asDefaultMethodName, string sessionTypeMetadataName)
    {
        GraphTypeMetadataName = graphTypeMetadataName;
        AsDefaultMethodName = asDefaultMethodName;
        SessionTypeMetadataName = sessionTypeMetadataName;
    }

    /// <summary>The graph type.</summary>
    public string GraphTypeMetadataName { get; }

    /// <summary>The graph method whose result, disposed, ends its default-graph scope (<c>AsDefault</c>).</summary>
    public string AsDefaultMethodName { get; }

    /// <summary>The session type, whose constructor may take a private graph.</summary>
    public string SessionTypeMetadataName { get; }
}
