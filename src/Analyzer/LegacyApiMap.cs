using System.Collections.Immutable;

namespace GlobalStepMigration.Analyzers;

/// <summary>One member of a legacy library and what it does for the global step.</summary>
/// <remarks>
/// The type is named by metadata name (nested types use '+'); every overload of the member name matches;
/// the parameter is the one that carries the step, the graph, the name or the collection key.
/// </remarks>
internal sealed class ApiEntry
{
    public ApiEntry(ApiKind kind, string typeMetadataName, string memberName, string? parameterName = null)
    {
        Kind = kind;
        TypeMetadataName = typeMetadataName;
        MemberName = memberName;
        ParameterName = parameterName;
    }

    public ApiKind Kind { get; }

    public string TypeMetadataName { get; }

    public string MemberName { get; }

    public string? ParameterName { get; }
}

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
        string assemblyName)
    {
        Name = name;
        AssemblyName = assemblyName;
        TensorTypeMetadataName = tensorTypeMetadataName;
        GlobalStepName = globalStepName;
        GlobalStepCollectionKey = globalStepCollectionKey;
        Entries = entries;
    }

    /// <summary>Display name of the library.</summary>
    public string Name { get; }

    /// <summary>
    /// The assembly that declares the library. A compilation that neither is nor references it is
    /// skipped before any symbol lookup, so projects without legacy code pay next to nothing.
    /// </summary>
    public string AssemblyName { get; }

    /// <summary>Metadata name of the base type of every tensor and variable (storage of a step has this type or a derived one).</summary>
    public string TensorTypeMetadataName { get; }

    /// <summary>The name TF gives the step's variable ("global_step"); also what the by-name fallback looks for.</summary>
    public string GlobalStepName { get; }

    /// <summary>The value of GraphKeys.GLOBAL_STEP.</summary>
    public string GlobalStepCollectionKey { get; }

    /// <summary>The members the rules recognize.</summary>
    public ImmutableArray<ApiEntry> Entries { get; }
}

/// <summary>The data-driven map of legacy APIs (site kind -> type and member metadata names).</summary>
internal static class LegacyApiMap
{
    private const string Ns = "GlobalStepMigration.Runtime.";
    private const string Train = Ns + "Tf+Compat+V1+Train";
    private const string V1 = Ns + "Tf+Compat+V1";
    private const string Tf = Ns + "Tf";
    private const string Graph = Ns + "Graph";
    private const string Variable = Ns + "Variable";
    // The runtime declares the TF1 optimizers in Compat.V1.Train (docs/design/runtime-api.md said "Train");
    // both names are listed, a missing type simply resolves to nothing.
    private const string Tf1Optimizer = Ns + "Compat.V1.Train.Optimizer";
    private const string Tf1OptimizerContractName = Ns + "Train.Optimizer";
    private const string KerasOptimizer = Ns + "Keras.Optimizers.Optimizer";

    /// <summary>This project's runtime (assembly GlobalStepMigration.Runtime, docs/design/runtime-api.md).</summary>
    public static readonly LegacyLibrary GlobalStepMigrationRuntime = new(
        "GlobalStepMigration.Runtime",
        tensorTypeMetadataName: Ns + "Tensor",
        globalStepName: "global_step",
        globalStepCollectionKey: "global_step",
        ImmutableArray.Create(
            new ApiEntry(ApiKind.GetGlobalStep, Train, "GetGlobalStep", "graph"),
            new ApiEntry(ApiKind.CreateGlobalStep, Train, "CreateGlobalStep", "graph"),
            new ApiEntry(ApiKind.GetOrCreateGlobalStep, Train, "GetOrCreateGlobalStep", "graph"),
            new ApiEntry(ApiKind.OptimizerStepMethod, Tf1Optimizer, "Minimize", "globalStep"),
            new ApiEntry(ApiKind.OptimizerStepMethod, Tf1Optimizer, "ApplyGradients", "globalStep"),
            new ApiEntry(ApiKind.OptimizerStepMethod, Tf1OptimizerContractName, "Minimize", "globalStep"),
            new ApiEntry(ApiKind.OptimizerStepMethod, Tf1OptimizerContractName, "ApplyGradients", "globalStep"),
            new ApiEntry(ApiKind.DecayFunction, Train, "ExponentialDecay", "globalStep"),
            new ApiEntry(ApiKind.DecayFunction, Train, "PolynomialDecay", "globalStep"),
            new ApiEntry(ApiKind.DecayFunction, Train, "InverseTimeDecay", "globalStep"),
            new ApiEntry(ApiKind.DecayFunction, Train, "CosineDecay", "globalStep"),
            new ApiEntry(ApiKind.DecayFunction, Train, "NaturalExpDecay", "globalStep"),
            new ApiEntry(ApiKind.DecayFunction, Train, "PiecewiseConstant", "x"),
            new ApiEntry(ApiKind.NameLookup, Graph, "GetTensorByName", "name"),
            new ApiEntry(ApiKind.NameLookup, Graph, "GetOperationByName", "name"),
            new ApiEntry(ApiKind.NameLookup, Graph, "AsGraphElement", "name"),
            new ApiEntry(ApiKind.CollectionAccess, Graph, "GetCollection", "name"),
            new ApiEntry(ApiKind.CollectionAccess, Graph, "GetCollectionRef", "name"),
            new ApiEntry(ApiKind.CollectionAccess, Graph, "AddToCollection", "name"),
            new ApiEntry(ApiKind.CollectionAccess, V1, "GetCollection", "key"),
            new ApiEntry(ApiKind.CollectionAccess, V1, "GetCollectionRef", "key"),
            new ApiEntry(ApiKind.CollectionAccess, V1, "AddToCollection", "key"),
            new ApiEntry(ApiKind.VariableFactory, Tf, "Variable", "name"),
            new ApiEntry(ApiKind.VariableFactory, V1, "GetVariable", "name"),
            new ApiEntry(ApiKind.Increment, Variable, "AssignAdd"),
            new ApiEntry(ApiKind.Write, Variable, "Assign"),
            new ApiEntry(ApiKind.Write, Variable, "AssignSub"),
            new ApiEntry(ApiKind.KerasOptimizerStep, KerasOptimizer, "ApplyGradients"),
            new ApiEntry(ApiKind.KerasOptimizerStep, KerasOptimizer, "Minimize")),
        assemblyName: "GlobalStepMigration.Runtime");

    /// <summary>Every library the analyzer knows.</summary>
    public static readonly ImmutableArray<LegacyLibrary> Libraries = ImmutableArray.Create(GlobalStepMigrationRuntime);
}
