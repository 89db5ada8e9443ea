using System.Collections.Immutable;

namespace GlobalStepMigration.Analyzers;

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
    private const string Tf1Optimizers = Ns + "Compat.V1.Train.";
    private const string Tf2Train = Ns + "Tf+Train";
    private const string Checkpoints = Ns + "Checkpoints.";

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
            new ApiEntry(ApiKind.PassedToOptimizer, Tf1Optimizer, "Minimize", "globalStep"),
            new ApiEntry(ApiKind.PassedToOptimizer, Tf1Optimizer, "ApplyGradients", "globalStep"),
            new ApiEntry(ApiKind.PassedToOptimizer, Tf1OptimizerContractName, "Minimize", "globalStep"),
            new ApiEntry(ApiKind.PassedToOptimizer, Tf1OptimizerContractName, "ApplyGradients", "globalStep"),
            // Each decay with the Keras schedule of the same formula (docs/design/runtime-api.md; tests/Runtime.Tests/ScheduleTests.cs).
            new ApiEntry(ApiKind.Decay, Train, "ExponentialDecay", "globalStep", schedule: new KerasSchedule(Schedules, "ExponentialDecay")),
            new ApiEntry(ApiKind.Decay, Train, "PolynomialDecay", "globalStep", schedule: new KerasSchedule(Schedules, "PolynomialDecay")),
            new ApiEntry(ApiKind.Decay, Train, "InverseTimeDecay", "globalStep", schedule: new KerasSchedule(Schedules, "InverseTimeDecay")),
            new ApiEntry(ApiKind.Decay, Train, "CosineDecay", "globalStep", schedule: new KerasSchedule(Schedules, "CosineDecay")),
            new ApiEntry(ApiKind.Decay, Train, "NaturalExpDecay", "globalStep", blocks: BlockerKind.DecayWithoutSchedule),
            new ApiEntry(ApiKind.Decay, Train, "PiecewiseConstant", "x", schedule: new KerasSchedule(Schedules, "PiecewiseConstantDecay")),
            new ApiEntry(ApiKind.FindByName, Graph, "GetTensorByName", "name"),
            new ApiEntry(ApiKind.FindByName, Graph, "GetOperationByName", "name"),
            new ApiEntry(ApiKind.FindByName, Graph, "AsGraphElement", "name"),
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
            new ApiEntry(ApiKind.KerasOptimizerUpdate, KerasOptimizer, "ApplyGradients"),
            new ApiEntry(ApiKind.KerasOptimizerUpdate, KerasOptimizer, "Minimize"),
            new ApiEntry(ApiKind.GlobalStepValue, Train, "GlobalStep", "globalStepTensor"),
            new ApiEntry(ApiKind.Tf1OptimizerConstruction, Train, "GradientDescentOptimizer"),
            new ApiEntry(ApiKind.Tf1OptimizerConstruction, Train, "MomentumOptimizer"),
            new ApiEntry(ApiKind.Tf1OptimizerConstruction, Train, "AdamOptimizer"),
            new ApiEntry(ApiKind.Tf1OptimizerConstruction, Tf1Optimizers + "GradientDescentOptimizer", ".ctor"),
            new ApiEntry(ApiKind.Tf1OptimizerConstruction, Tf1Optimizers + "MomentumOptimizer", ".ctor"),
            new ApiEntry(ApiKind.Tf1OptimizerConstruction, Tf1Optimizers + "AdamOptimizer", ".ctor"),
            new ApiEntry(ApiKind.GraphIntrospection, Graph, "GetOperations"),
            new ApiEntry(ApiKind.GraphIntrospection, Graph, "GetAllCollectionKeys"),
            new ApiEntry(ApiKind.GraphIntrospection, Graph, "UniqueName"),
            new ApiEntry(ApiKind.GraphIntrospection, V1, "GlobalVariables", collectionKey: "variables"),
            new ApiEntry(ApiKind.Checkpointing, Train, "Saver"),
            new ApiEntry(ApiKind.Checkpointing, Tf1Optimizers + "Saver", ".ctor"),
            new ApiEntry(ApiKind.Checkpointing, Tf2Train, "Checkpoint"),
            new ApiEntry(ApiKind.Checkpointing, Tf2Train, "CheckpointManager"),
            new ApiEntry(ApiKind.Checkpointing, Checkpoints + "Checkpoint", ".ctor"),
            new ApiEntry(ApiKind.Checkpointing, Checkpoints + "CheckpointManager", ".ctor"),
            new ApiEntry(ApiKind.NameScope, Tf, "NameScope"),
            new ApiEntry(ApiKind.NameScope, Graph, "NameScope"),
            new ApiEntry(ApiKind.NameScope, V1, "VariableScope")),
        assemblyNames: ImmutableArray.Create("GlobalStepMigration.Runtime"),
        new LibraryConventions(
            storageTypeMetadataNames: ImmutableArray<string>.Empty,
            initialValueParameterNames: ImmutableArray.Create("initialValue"),
            dtypeParameterName: "dtype",
            valueMethodNames: ImmutableArray.Create("Numpy", "Value", "ReadValue", "ToString"),
            valueReaderMethodNames: ImmutableArray.Create("Run", "AssertGlobalStep"),
            graphs: new GraphConventions(Graph, "AsDefault", Ns + "Session"),
            trainableParameterName: "trainable",
            operationTypeMetadataName: Ns + "Operation",
            optimizerNames: ImmutableArray.Create("GradientDescent", "Momentum", "Adam", "sgd", "adam"),
            // Only the pairs tests/Runtime.Tests/OptimizerPairTests.cs proves bit-identical on random problems (float32 and
            // float64, eager and graph, constant and decayed rates): TF1 Momentum and Adam order their arithmetic otherwise
            // than Keras' SGD(momentum) and Adam, so they are not here (docs/design/observables.md, O9).
            optimizerPairs: ImmutableArray.Create(
                new OptimizerPair("GradientDescentOptimizer", "SGD", decayedRate: true, (OptimizerPair.LearningRateParameter, null), ("name", "name")))));

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
            new ApiEntry(ApiKind.PassedToOptimizer, TfNetOptimizer, "minimize", "global_step"),
            new ApiEntry(ApiKind.PassedToOptimizer, TfNetOptimizer, "apply_gradients", "global_step"),
            new ApiEntry(ApiKind.Decay, TfNet + "Training.learning_rate_decay", "polynomial_decay", "global_step"),
            new ApiEntry(ApiKind.FindByName, TfNetGraph, "get_tensor_by_name", "name"),
            new ApiEntry(ApiKind.FindByName, TfNetGraph, "get_operation_by_name", "name", source: "TensorFlow.NET v0.100.5 src/TensorFlowNET.Core/Graphs/Graph.Operation.cs:91"),
            new ApiEntry(ApiKind.FindByName, TfNetGraph, "as_graph_element", "obj"),
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
            new ApiEntry(ApiKind.KerasOptimizerUpdate, TfNet + "Keras.Optimizers.OptimizerV2", "apply_gradients")),
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
