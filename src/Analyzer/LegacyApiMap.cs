using System.Collections.Immutable;

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
        string? source = null)
    {
        Kind = kind;
        TypeMetadataName = typeMetadataName;
        MemberName = memberName;
        ParameterName = parameterName;
        Blocks = blocks;
        Schedule = schedule;
        Source = source;
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
    /// Where the member is declared in the library's own source (release tag, file and line). Required for an entry
    /// that the test signature assembly does not reproduce (tests/TensorFlowNet.Tests/MapTests.cs checks the others against it).
    /// </summary>
    public string? Source { get; }

    /// <summary>The library whose map lists this entry (set once by <see cref="LegacyLibrary"/>).</summary>
    public LegacyLibrary? Library { get; internal set; }
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
            if (entry.Kind == ApiKind.DecayFunction && entry.MemberName == memberName)
            {
                return entry;
            }
        }

        return null;
    }
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
        GraphConventions? graphs = null)
    {
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
    /// Why "Use an explicitly incremented variable" is not offered for this library's units (null when the code
    /// fixes can write the library's own idiom). Clearing it is how a library's fix B is switched on.
    /// </summary>
    public Blocker? FixBUnavailable { get; }

    /// <summary>
    /// How the library's graphs are spelled, when the fixes write steps of explicit graphs for it (null: they
    /// rewrite default-graph steps only, and no graph scope of the library counts as private).
    /// </summary>
    public GraphConventions? Graphs { get; }
}

/// <summary>The data-driven map of legacy APIs (site kind -> type and member metadata names).</summary>
internal static class LegacyApiMap
{
    /// <summary>TensorFlow's name of the step's collection key (<c>GraphKeys.GLOBAL_STEP</c>), which code that is not constant spells.</summary>
    public const string GlobalStepKeyName = "GLOBAL_STEP";

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
    private const string Schedules = Ns + "Tf+Keras+Optimizers+Schedules";

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
            // Each decay with the Keras schedule of the same formula (docs/design/runtime-api.md; tests/Runtime.Tests/ScheduleTests.cs).
            new ApiEntry(ApiKind.DecayFunction, Train, "ExponentialDecay", "globalStep", schedule: new KerasSchedule(Schedules, "ExponentialDecay")),
            new ApiEntry(ApiKind.DecayFunction, Train, "PolynomialDecay", "globalStep", schedule: new KerasSchedule(Schedules, "PolynomialDecay")),
            new ApiEntry(ApiKind.DecayFunction, Train, "InverseTimeDecay", "globalStep", schedule: new KerasSchedule(Schedules, "InverseTimeDecay")),
            new ApiEntry(ApiKind.DecayFunction, Train, "CosineDecay", "globalStep", schedule: new KerasSchedule(Schedules, "CosineDecay")),
            new ApiEntry(ApiKind.DecayFunction, Train, "NaturalExpDecay", "globalStep", blocks: BlockerKind.DecayWithoutSchedule),
            new ApiEntry(ApiKind.DecayFunction, Train, "PiecewiseConstant", "x", schedule: new KerasSchedule(Schedules, "PiecewiseConstantDecay")),
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
        assemblyNames: ImmutableArray.Create("GlobalStepMigration.Runtime"),
        new LibraryConventions(
            storageTypeMetadataNames: ImmutableArray<string>.Empty,
            initialValueParameterNames: ImmutableArray.Create("initialValue"),
            dtypeParameterName: "dtype",
            valueMethodNames: ImmutableArray.Create("Numpy", "Value", "ReadValue", "ToString"),
            valueReaderMethodNames: ImmutableArray.Create("Run", "GlobalStep", "AssertGlobalStep"),
            graphs: new GraphConventions(Graph, "AsDefault", Ns + "Session")));

    // SciSharp's TensorFlow.NET (package TensorFlow.NET, assembly Tensorflow.Binding, namespace Tensorflow), as
    // published in its repository src/TensorFlowNET.Core and src/TensorFlowNET.Keras; see docs/tensorflow-net.md.
    private const string TfNet = "Tensorflow.";
    private const string TfNetTensorflow = TfNet + "tensorflow";
    private const string TfNetTrain = TfNetTensorflow + "+train_internal";
    private const string TfNetTrainingUtil = TfNet + "Train.TrainingUtil";
    private const string TfNetOptimizer = TfNet + "Optimizer";
    private const string TfNetGraph = TfNet + "Graph";
    private const string TfNetVariable = TfNet + "IVariableV1";
    private const string TfNetRefVariable = TfNet + "RefVariable";
    private const string TfNetResourceVariable = TfNet + "BaseResourceVariable";

    /// <summary>TensorFlow.NET: snake_case members reached through <c>using static Tensorflow.Binding;</c> and <c>tf</c>.</summary>
    public static readonly LegacyLibrary TensorFlowNet = new(
        "TensorFlow.NET",
        tensorTypeMetadataName: TfNet + "Tensor",
        globalStepName: "global_step",
        globalStepCollectionKey: "global_step",
        ImmutableArray.Create(
            new ApiEntry(ApiKind.GetGlobalStep, TfNetTrain, "get_global_step", "graph"),
            new ApiEntry(ApiKind.CreateGlobalStep, TfNetTrain, "create_global_step", "graph"),
            new ApiEntry(ApiKind.GetGlobalStep, TfNetTrainingUtil, "get_global_step", "graph"),
            new ApiEntry(ApiKind.CreateGlobalStep, TfNetTrainingUtil, "create_global_step", "graph"),
            new ApiEntry(ApiKind.GlobalStepRead, TfNetTrainingUtil, "_get_or_create_global_step_read", "graph", source: "TensorFlow.NET v0.100.5 src/TensorFlowNET.Core/Training/TrainingUtil.cs:49"),
            new ApiEntry(ApiKind.OptimizerStepMethod, TfNetOptimizer, "minimize", "global_step"),
            new ApiEntry(ApiKind.OptimizerStepMethod, TfNetOptimizer, "apply_gradients", "global_step"),
            new ApiEntry(ApiKind.DecayFunction, TfNet + "Training.learning_rate_decay", "polynomial_decay", "global_step"),
            new ApiEntry(ApiKind.NameLookup, TfNetGraph, "get_tensor_by_name", "name"),
            new ApiEntry(ApiKind.NameLookup, TfNetGraph, "get_operation_by_name", "name", source: "TensorFlow.NET v0.100.5 src/TensorFlowNET.Core/Graphs/Graph.Operation.cs:91"),
            new ApiEntry(ApiKind.NameLookup, TfNetGraph, "as_graph_element", "obj"),
            new ApiEntry(ApiKind.CollectionAccess, TfNetGraph, "get_collection", "name"),
            new ApiEntry(ApiKind.CollectionAccess, TfNetGraph, "get_collection_ref", "name"),
            new ApiEntry(ApiKind.CollectionAccess, TfNetGraph, "add_to_collection", "name"),
            new ApiEntry(ApiKind.CollectionAccess, TfNetTensorflow, "get_collection", "key"),
            new ApiEntry(ApiKind.CollectionAccess, TfNetTensorflow, "add_to_collection", "name"),
            new ApiEntry(ApiKind.CollectionAccess, TfNet + "ops", "get_collection", "key"),
            new ApiEntry(ApiKind.CollectionAccess, TfNet + "ops", "get_collection_ref", "key"),
            new ApiEntry(ApiKind.CollectionAccess, TfNet + "ops", "add_to_collection", "name"),
            new ApiEntry(ApiKind.VariableFactory, TfNetTensorflow, "Variable", "name"),
            new ApiEntry(ApiKind.VariableFactory, TfNet + "CompatV1Api", "get_variable", "name"),
            new ApiEntry(ApiKind.VariableFactory, TfNet + "ResourceVariable", ".ctor", "name"),
            new ApiEntry(ApiKind.VariableFactory, TfNetRefVariable, ".ctor", "name"),
            new ApiEntry(ApiKind.Increment, TfNetVariable, "assign_add"),
            new ApiEntry(ApiKind.Increment, TfNetRefVariable, "assign_add"),
            new ApiEntry(ApiKind.Increment, TfNetResourceVariable, "assign_add"),
            new ApiEntry(ApiKind.Write, TfNetVariable, "assign"),
            new ApiEntry(ApiKind.Write, TfNetVariable, "assign_sub"),
            new ApiEntry(ApiKind.Write, TfNetVariable, "assign_lazy_load"),
            new ApiEntry(ApiKind.Write, TfNetVariable, "assign_sub_lazy_load"),
            new ApiEntry(ApiKind.Write, TfNetRefVariable, "assign"),
            new ApiEntry(ApiKind.Write, TfNetRefVariable, "assign_sub"),
            new ApiEntry(ApiKind.Write, TfNetRefVariable, "assign_lazy_load"),
            new ApiEntry(ApiKind.Write, TfNetRefVariable, "assign_sub_lazy_load"),
            new ApiEntry(ApiKind.Write, TfNetResourceVariable, "assign"),
            new ApiEntry(ApiKind.Write, TfNetResourceVariable, "assign_sub"),
            new ApiEntry(ApiKind.Write, TfNetResourceVariable, "assign_lazy_load"),
            new ApiEntry(ApiKind.Write, TfNetResourceVariable, "assign_sub_lazy_load"),
            new ApiEntry(ApiKind.Write, TfNetTensorflow, "assign", "ref"),
            new ApiEntry(ApiKind.KerasOptimizerStep, TfNet + "Keras.Optimizers.OptimizerV2", "apply_gradients")),
        assemblyNames: ImmutableArray.Create("Tensorflow.Binding"),
        new LibraryConventions(
            storageTypeMetadataNames: ImmutableArray.Create(TfNetVariable, TfNetRefVariable, TfNetResourceVariable),
            initialValueParameterNames: ImmutableArray.Create("data", "initial_value"),
            dtypeParameterName: "dtype",
            valueMethodNames: ImmutableArray.Create("numpy", "value", "read_value", "read_value_no_copy", "ToString"),
            valueReaderMethodNames: ImmutableArray.Create("run", "eval"),
            dtypeMemberPrefix: "TF_",
            dtypeShorthandTypeMetadataName: TfNetTensorflow,
            globalStepKeyTypeMetadataName: TfNet + "ops+GraphKeys",
            globalStepKeyMemberName: "GLOBAL_STEP",
            // TensorFlow.NET v0.100.5 src/TensorFlowNET.Keras/Optimizers/OptimizerV2.cs:17-18: the counter is a protected field
            // and a protected property (tests/TensorFlowNet.Tests/MapTests.cs checks that nothing public exposes it).
            fixAUnavailable: new Blocker(BlockerKind.IterationsNotPublic) { OnlyFix = FixKind.UseOptimizerIterations, Library = "TensorFlow.NET", Name = "Keras OptimizerV2" },
            // Fix B writes TensorFlow.NET's idiom (src/CodeFixes/ExplicitVariable/TensorFlowNetIdiom.cs): offered.
            fixBUnavailable: null));

    /// <summary>Every library the analyzer knows.</summary>
    public static readonly ImmutableArray<LegacyLibrary> Libraries = ImmutableArray.Create(GlobalStepMigrationRuntime, TensorFlowNet);

    /// <summary>The library an assembly of that name belongs to, or null.</summary>
    public static LegacyLibrary? LibraryOfAssembly(string? assemblyName)
    {
        foreach (var library in Libraries)
        {
            if (assemblyName is not null && library.AssemblyNames.Contains(assemblyName))
            {
                return library;
            }
        }

        return null;
    }
}
