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

    // SciSharp's TensorFlow.NET (package TensorFlow.NET; assembly TensorFlow.NET up to the 0.6x releases, Tensorflow.Binding
    // from 0.70; namespace Tensorflow), as published in its repository src/TensorFlowNET.Core and src/TensorFlowNET.Keras.
    // Each entry cites its declaration at the newest modelled tag that has it and the tags between which it exists
    // (docs/tensorflow-net.md, "Generations"; docs/tensorflow-net-api.tsv lists every member with both modelled tags).
    private const string TfNet = "Tensorflow.";
    private const string TfNetTensorflow = TfNet + "tensorflow";
    private const string TfNetTrain = TfNetTensorflow + "+train_internal";
    private const string TfNetTrainingUtil = TfNet + "Train.TrainingUtil";
    private const string TfNetOptimizer = TfNet + "Optimizer";
    private const string TfNetGraph = TfNet + "Graph";
    private const string TfNetVariable = TfNet + "IVariableV1";
    private const string TfNetRefVariable = TfNet + "RefVariable";
    private const string TfNetResourceVariable = TfNet + "BaseResourceVariable";

    // The release tags the entries name: v0.12 is the first with the global-step functions, tf.train.polynomial_decay
    // exists from v0.13 to v0.20 (the old model), IVariableV1 from v0.20, the lazy-load writes from v0.30, and
    // v0.150.0-BERT-Model is the newest release (the current model).
    private const string V012 = "v0.12";
    private const string V013 = "v0.13";
    private const string V020 = "v0.20";
    private const string V030 = "v0.30";
    private const string Newest = "v0.150.0-BERT-Model";

    /// <summary>TensorFlow.NET: snake_case members reached through <c>using static Tensorflow.Binding;</c> and <c>tf</c>.</summary>
    public static readonly LegacyLibrary TensorFlowNet = new(
        "TensorFlow.NET",
        tensorTypeMetadataName: TfNet + "Tensor",
        globalStepName: "global_step",
        globalStepCollectionKey: "global_step",
        ImmutableArray.Create(
            TfNetEntry(ApiKind.GetGlobalStep, TfNetTrain, "get_global_step", "graph", V012, Newest, "APIs/tf.train.cs:31"),
            TfNetEntry(ApiKind.CreateGlobalStep, TfNetTrain, "create_global_step", "graph", V012, Newest, "APIs/tf.train.cs:28"),
            TfNetEntry(ApiKind.GetGlobalStep, TfNetTrainingUtil, "get_global_step", "graph", V012, Newest, "Training/TrainingUtil.cs:25"),
            TfNetEntry(ApiKind.CreateGlobalStep, TfNetTrainingUtil, "create_global_step", "graph", V012, Newest, "Training/TrainingUtil.cs:8"),
            TfNetEntry(ApiKind.GlobalStepRead, TfNetTrainingUtil, "_get_or_create_global_step_read", "graph", V012, Newest, "Training/TrainingUtil.cs:49"),
            TfNetEntry(ApiKind.PassedToOptimizer, TfNetOptimizer, "minimize", "global_step", V012, Newest, "Training/Optimizer.cs:108"),
            TfNetEntry(ApiKind.PassedToOptimizer, TfNetOptimizer, "apply_gradients", "global_step", V012, Newest, "Training/Optimizer.cs:145"),
            // The two TF1 decays TensorFlow.NET ever had: tf.train.polynomial_decay (a Keras PolynomialDecay called with the
            // step, commented out before v0.30) and learning_rate_decay.polynomial_decay (unfinished in TensorFlow.NET: its
            // body always throws).
            TfNetEntry(ApiKind.Decay, TfNetTrain, "polynomial_decay", "global_step", V013, V020, "APIs/tf.train.cs:87"),
            TfNetEntry(ApiKind.Decay, TfNet + "Training.learning_rate_decay", "polynomial_decay", "global_step", V013, Newest, "Training/learning_rate_decay.cs:18"),
            TfNetEntry(ApiKind.FindByName, TfNetGraph, "get_tensor_by_name", "name", V012, Newest, "Graphs/Graph.cs:553"),
            TfNetEntry(ApiKind.FindByName, TfNetGraph, "get_operation_by_name", "name", V012, Newest, "Graphs/Graph.Operation.cs:91"),
            TfNetEntry(ApiKind.FindByName, TfNetGraph, "OperationByName", "operName", V012, Newest, "Graphs/Graph.Operation.cs:62"),
            TfNetEntry(ApiKind.FindByName, TfNetGraph, "as_graph_element", "obj", V012, Newest, "Graphs/Graph.cs:146"),
            TfNetEntry(ApiKind.CollectionAccess, TfNetGraph, "get_collection", "name", V012, Newest, "Graphs/Graph.cs:491"),
            TfNetEntry(ApiKind.CollectionAccess, TfNetGraph, "get_collection_ref", "name", V012, Newest, "Graphs/Graph.cs:523"),
            TfNetEntry(ApiKind.CollectionAccess, TfNetGraph, "add_to_collection", "name", V012, Newest, "Graphs/Graph.cs:291"),
            TfNetEntry(ApiKind.CollectionAccess, TfNetGraph, "add_to_collections", "names", V012, Newest, "Graphs/Graph.cs:300"),
            TfNetEntry(ApiKind.CollectionAccess, TfNetTensorflow, "get_collection", "key", V012, Newest, "APIs/tf.ops.cs:39"),
            TfNetEntry(ApiKind.CollectionAccess, TfNetTensorflow, "add_to_collection", "name", V012, Newest, "APIs/tf.ops.cs:24"),
            TfNetEntry(ApiKind.CollectionAccess, TfNetTensorflow, "add_to_collections", "names", V012, Newest, "APIs/tf.ops.cs:27"),
            TfNetEntry(ApiKind.CollectionAccess, TfNet + "ops", "get_collection", "key", V012, Newest, "ops.cs:66"),
            TfNetEntry(ApiKind.CollectionAccess, TfNet + "ops", "get_collection_ref", "key", V012, Newest, "ops.cs:76"),
            TfNetEntry(ApiKind.CollectionAccess, TfNet + "ops", "add_to_collection", "name", V012, Newest, "ops.cs:40"),
            // Name scopes (O7): create_global_step resets the graph's name scope to the root (Training/TrainingUtil.cs:15-16),
            // a tf.Variable takes the open one, so fix B does not replace a creation inside one.
            TfNetEntry(ApiKind.NameScope, TfNetTensorflow, "name_scope", "name", V012, Newest, "APIs/tf.ops.cs:57"),
            TfNetEntry(ApiKind.NameScope, TfNet + "ops", "name_scope", "name", V012, Newest, "ops.name_scope.cs:26"),
            // Graph introspection (O6): what fix B moves (the update ops under S/update/, the creation's ops) shows here.
            TfNetEntry(ApiKind.GraphIntrospection, TfNetGraph, "get_operations", null, V012, Newest, "Graphs/Graph.Operation.cs:80"),
            TfNetEntry(ApiKind.GraphIntrospection, TfNetGraph, "get_all_collection_keys", null, V012, Newest, "Graphs/Graph.cs:486"),
            TfNetEntry(ApiKind.GraphIntrospection, TfNetGraph, "unique_name", "name", V012, Newest, "Graphs/Graph.cs:438"),
            new ApiEntry(ApiKind.GraphIntrospection, TfNetTensorflow, "global_variables", "scope", collectionKey: "variables",
                source: "TensorFlow.NET " + Newest + " src/TensorFlowNET.Core/APIs/tf.variable.cs:24", firstTag: V012, lastTag: Newest),
            TfNetEntry(ApiKind.VariableFactory, TfNetTensorflow, "Variable", "name", V012, Newest, "tensorflow.cs:117"),
            TfNetEntry(ApiKind.VariableFactory, TfNet + "CompatV1Api", "get_variable", "name", V020, Newest, "APIs/tf.compat.v1.cs:27"),
            TfNetEntry(ApiKind.VariableFactory, TfNet + "ResourceVariable", ".ctor", "name", V012, Newest, "Variables/ResourceVariable.cs:32"),
            TfNetEntry(ApiKind.VariableFactory, TfNetRefVariable, ".ctor", "name", V012, Newest, "Variables/RefVariable.cs:62"),
            TfNetEntry(ApiKind.Increment, TfNetVariable, "assign_add", null, V020, Newest, "Variables/IVariableV1.cs:50"),
            TfNetEntry(ApiKind.Increment, TfNetRefVariable, "assign_add", null, V020, Newest, "Variables/RefVariable.cs:425"),
            TfNetEntry(ApiKind.Increment, TfNetResourceVariable, "assign_add", null, V020, Newest, "Variables/BaseResourceVariable.cs:249"),
            TfNetEntry(ApiKind.Write, TfNetVariable, "assign", null, V020, Newest, "Variables/IVariableV1.cs:53"),
            TfNetEntry(ApiKind.Write, TfNetVariable, "assign_sub", null, V030, Newest, "Variables/IVariableV1.cs:51"),
            TfNetEntry(ApiKind.Write, TfNetVariable, "assign_lazy_load", null, V030, Newest, "Variables/IVariableV1.cs:54"),
            TfNetEntry(ApiKind.Write, TfNetVariable, "assign_sub_lazy_load", null, V030, Newest, "Variables/IVariableV1.cs:52"),
            TfNetEntry(ApiKind.Write, TfNetRefVariable, "assign", null, V012, Newest, "Variables/RefVariable.cs:342"),
            TfNetEntry(ApiKind.Write, TfNetRefVariable, "assign_sub", null, V030, Newest, "Variables/RefVariable.cs:435"),
            TfNetEntry(ApiKind.Write, TfNetRefVariable, "assign_lazy_load", null, V030, Newest, "Variables/RefVariable.cs:445"),
            TfNetEntry(ApiKind.Write, TfNetRefVariable, "assign_sub_lazy_load", null, V030, Newest, "Variables/RefVariable.cs:440"),
            TfNetEntry(ApiKind.Write, TfNetResourceVariable, "assign", null, V020, Newest, "Variables/BaseResourceVariable.cs:122"),
            TfNetEntry(ApiKind.Write, TfNetResourceVariable, "assign_sub", null, V030, Newest, "Variables/BaseResourceVariable.cs:260"),
            TfNetEntry(ApiKind.Write, TfNetResourceVariable, "assign_lazy_load", null, V030, Newest, "Variables/BaseResourceVariable.cs:161"),
            TfNetEntry(ApiKind.Write, TfNetResourceVariable, "assign_sub_lazy_load", null, V030, Newest, "Variables/BaseResourceVariable.cs:271"),
            TfNetEntry(ApiKind.Write, TfNetTensorflow, "assign", "ref", V012, Newest, "APIs/tf.ops.cs:33"),
            // In TensorFlow.NET.dll up to v0.20, in Tensorflow.Keras.dll (src/TensorFlowNET.Keras) from v0.30.
            new ApiEntry(ApiKind.KerasOptimizerUpdate, TfNet + "Keras.Optimizers.OptimizerV2", "apply_gradients",
                source: "TensorFlow.NET " + Newest + " src/TensorFlowNET.Keras/Optimizers/OptimizerV2.cs:45", firstTag: V020, lastTag: Newest)),
        // Tensorflow.Binding from commit ebfb3275 (2021-12-25, first tag v0.70.2-NET6); TensorFlow.NET before.
        assemblyNames: ImmutableArray.Create("Tensorflow.Binding", "TensorFlow.NET"),
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
            fixBUnavailable: null,
            // No dtype assert on the step: apply_gradients adds convert_to_tensor(1, dtype: global_step.dtype) to it
            // (TensorFlow.NET v0.20 and v0.150.0 src/TensorFlowNET.Core/Training/Optimizer.cs:208-210), so a float step trains.
            integerStepRequired: false));

    /// <summary>A TensorFlow.NET core entry: the tags between which the member exists, and its file:line under src/TensorFlowNET.Core at the last one.</summary>
    private static ApiEntry TfNetEntry(ApiKind kind, string type, string member, string? parameter, string firstTag, string lastTag, string coreFileAndLine) =>
        new(kind, type, member, parameter, source: "TensorFlow.NET " + lastTag + " src/TensorFlowNET.Core/" + coreFileAndLine, firstTag: firstTag, lastTag: lastTag);

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
