using System.Linq;
using System.Threading.Tasks;
using GlobalStepMigration.Analyzers;
using Xunit;
using static GlobalStepMigration.TensorFlowNet.Tests.TfNetVerifier;

namespace GlobalStepMigration.TensorFlowNet.Tests;

/// <summary>Every rule on TensorFlow.NET spellings (docs/tensorflow-net.md).</summary>
public sealed class RuleTests
{
    /// <summary>What most TensorFlow.NET code does: a hand-made step passed to minimize, read with sess.run.</summary>
    [Fact]
    public Task GSM002_HandMadeStep_NamedGlobalStep() => VerifyAsync(Usings + """
        var x = tf.placeholder(tf.float32);
        var w = tf.Variable(3.0f, name: "w");
        var loss = x * w;
        var gs = tf.Variable(0, trainable: false, name: "global_step");
        var optimizer = tf.train.GradientDescentOptimizer(0.1f);
        var train_op = optimizer.minimize(loss, global_step: {|#0:gs|});
        using var sess = tf.Session();
        sess.run(tf.global_variables_initializer());
        sess.run(train_op);
        print(sess.run(gs));
        """,
        Diagnostic("GSM002").WithLocation(0).WithArguments("minimize", "'gs'", LibraryLimits));

    [Fact]
    public Task GSM002_HandMadeStep_NamedAfterOtherNamedArguments() => VerifyAsync(Usings + """
        var x = tf.placeholder(tf.float32);
        var w = tf.Variable(3.0f, name: "w");
        Tensor loss = x * w;
        var gs = tf.Variable(0, trainable: false, name: "global_step");
        var optimizer = new GradientDescentOptimizer(0.1f);
        var train_op = optimizer.minimize(loss, var_list: new List<IVariableV1> { w }, name: "train", global_step: {|#0:gs|});
        """,
        Diagnostic("GSM002").WithLocation(0).WithArguments("minimize", "'gs'", LibraryLimits));

    [Fact]
    public Task GSM002_HandMadeStep_Positional() => VerifyAsync(Usings + """
        var x = tf.placeholder(tf.float32);
        var w = tf.Variable(3.0f, name: "w");
        Tensor loss = x * w;
        var gs = tf.Variable(0, trainable: false, name: "global_step");
        var optimizer = tf.train.AdamOptimizer(0.01f);
        var train_op = optimizer.minimize(loss, {|#0:gs|}, new List<IVariableV1> { w });
        """,
        Diagnostic("GSM002").WithLocation(0).WithArguments("minimize", "'gs'", LibraryLimits));

    [Fact]
    public Task GSM002_ApplyGradients_NamedAndPositional() => VerifyAsync(Usings + """
        class Trainer
        {
            public void Build(Tensor loss, Optimizer optimizer)
            {
                var gs = tf.compat.v1.get_variable("global_step", dtype: tf.int64, trainable: false);
                var grads_and_vars = optimizer.compute_gradients(loss);
                var train_op = optimizer.apply_gradients(grads_and_vars, global_step: {|#0:gs|});
            }

            public void BuildPositional(Tensor loss, Optimizer optimizer)
            {
                var gs = tf.Variable(0L, trainable: false, name: "global_step");
                var train_op = optimizer.apply_gradients(optimizer.compute_gradients(loss), {|#1:gs|});
            }
        }
        """,
        // Both hand-made steps are named global_step: in graph mode the by-name fallback sees either, so they are one unit.
        Diagnostic("GSM002").WithLocation(0).WithArguments("apply_gradients", "'gs'", LibraryLimits),
        Diagnostic("GSM002").WithLocation(1).WithArguments("apply_gradients", "'gs'", LibraryLimits));

    [Fact]
    public Task GSM002_FieldTypedIVariableV1_CreatedInOneMethodPassedAndReadInOthers() => VerifyAsync(Usings + """
        class Trainer
        {
            private IVariableV1 _step;
            private Optimizer _optimizer;

            public void Create()
            {
                _step = tf.Variable(0L, trainable: false, name: "global_step");
                _optimizer = tf.train.GradientDescentOptimizer(0.1f);
            }

            public Operation Build(Tensor loss) => _optimizer.minimize(loss, global_step: {|#0:_step|});

            public void Report(Session sess) => Console.WriteLine(sess.run(_step));
        }
        """,
        Diagnostic("GSM002").WithLocation(0).WithArguments("minimize", "'_step'", LibraryLimits));

    [Fact]
    public Task AllRules_FieldTypedRefVariable_FromTrainingUtil_WithDecay() => VerifyAsync(Usings + """
        using Tensorflow.Training;

        class Trainer
        {
            private RefVariable _step;

            public Operation Build(Tensor loss)
            {
                _step = (RefVariable){|#0:TrainingUtil.create_global_step()|};
                var lr = {|#1:learning_rate_decay.polynomial_decay(0.1f, _step, 1000f)|};
                var optimizer = tf.train.GradientDescentOptimizer(lr);
                return optimizer.minimize(loss, {|#2:_step|});
            }
        }
        """,
        Diagnostic("GSM001").WithLocation(0).WithArguments("create_global_step", "'_step'", LibraryLimits),
        Diagnostic("GSM003").WithLocation(1).WithArguments("polynomial_decay", "'_step'", LibraryLimits),
        Diagnostic("GSM002").WithLocation(2).WithArguments("minimize", "'_step'", LibraryLimits));

    [Fact]
    public Task HandMadeSteps_FromConstructors() => VerifyAsync(Usings + """
        using Tensorflow.Training;

        class Trainer
        {
            private RefVariable _step = new RefVariable(0, trainable: false, name: "global_step");

            public Tensor Rate() => {|#0:learning_rate_decay.polynomial_decay(0.1f, _step, 1000f)|};

            public Operation Build(Tensor loss)
            {
                var other = new ResourceVariable(0L, trainable: false, name: "other_step");
                return tf.train.GradientDescentOptimizer(Rate()).minimize(loss, global_step: {|#1:other|});
            }
        }
        """,
        Diagnostic("GSM003").WithLocation(0).WithArguments("polynomial_decay", "'_step'", LibraryLimits),
        Diagnostic("GSM002").WithLocation(1).WithArguments("minimize", "'other'", LibraryLimits));

    [Fact]
    public async Task GSM001_TfTrain_CreateThenGet_OnOneGraph_OneUnit()
    {
        var diagnostics = await GetDiagnosticsAsync(Usings + """
            var graph = tf.Graph();
            var loss = tf.placeholder(tf.float32);
            var gs = tf.train.create_global_step(graph);
            var train_op = tf.train.GradientDescentOptimizer(0.1f).minimize(loss, global_step: gs);
            var again = tf.train.get_global_step(graph);
            var sess = tf.Session(graph);
            Console.WriteLine(sess.run(again));
            """);

        Assert.Equal(new[] { "GSM001", "GSM002", "GSM001" }, diagnostics.Select(d => d.Id));
        Assert.Equal(new[] { "create_global_step", "minimize", "get_global_step" }, diagnostics.Select(d => d.Properties[UnitProperties.Api]));
        Assert.Single(diagnostics.Select(d => d.Properties[UnitProperties.UnitId]).Distinct());
        Assert.All(diagnostics, d => Assert.Equal("graph", d.Properties[UnitProperties.Graph]));
        Assert.All(diagnostics, d => Assert.Equal("gs", d.Properties[UnitProperties.StepName]));
        Assert.All(diagnostics, d => Assert.Equal(string.Empty, d.Properties[UnitProperties.Fixes]));
        Assert.All(diagnostics, d => Assert.Equal("int64", d.Properties[UnitProperties.StepDType]));
    }

    [Fact]
    public Task GSM001_TrainingUtil_UsingStatic_DefaultGraph() => VerifyAsync("""
        using System;
        using Tensorflow;
        using static Tensorflow.Binding;
        using static Tensorflow.Train.TrainingUtil;

        class Model
        {
            private readonly IVariableV1 _step = {|#0:create_global_step()|};

            public Operation Train(Tensor loss) => tf.train.GradientDescentOptimizer(0.5f).minimize(loss, global_step: {|#1:_step|});

            public void Print(Session sess) => print(sess.run({|#2:get_global_step()|}));
        }
        """,
        Diagnostic("GSM001").WithLocation(0).WithArguments("create_global_step", "'_step'", LibraryLimits),
        Diagnostic("GSM002").WithLocation(1).WithArguments("minimize", "'_step'", LibraryLimits),
        Diagnostic("GSM001").WithLocation(2).WithArguments("get_global_step", "'_step'", LibraryLimits));

    [Fact]
    public Task GSM001_StepCreatedElsewhere_NoFix() => VerifyAsync(Usings + """
        class Trainer
        {
            public Operation Build(Tensor loss) =>
                tf.train.GradientDescentOptimizer(0.1f).minimize(loss, global_step: {|#0:{|#1:TrainingUtil.get_global_step()|}|});
        }
        """,
        Diagnostic("GSM002").WithLocation(0).WithArguments("minimize", "global_step of the default graph", NotCreatedIn("Trainer")),
        Diagnostic("GSM001").WithLocation(1).WithArguments("get_global_step", "global_step of the default graph", NotCreatedIn("Trainer")));

    private static string NotCreatedIn(string type) =>
        "; no automatic fix: no creation of this step is visible in '" + type + "'; migrate the code that creates it, then pass its variable (or its optimizer) here";

    [Fact]
    public Task GSM003_PolynomialDecay_OnALookedUpStep() => VerifyAsync(Usings + """
        using Tensorflow.Training;

        var lr = {|#0:learning_rate_decay.polynomial_decay(0.1f, {|#1:TrainingUtil.get_global_step()|}, 1000f, end_learning_rate: 0.01f)|};
        """,
        Diagnostic("GSM003").WithLocation(0).WithArguments("polynomial_decay", "global_step of the default graph", NotCreatedIn("Program")),
        Diagnostic("GSM001").WithLocation(1).WithArguments("get_global_step", "global_step of the default graph", NotCreatedIn("Program")));

    [Fact]
    public Task GSM004_ByNameAndByCollection_BlockTheUnit() => VerifyAsync(Usings + """
        var graph = tf.get_default_graph();
        var loss = tf.placeholder(tf.float32);
        var gs = tf.Variable(0, trainable: false, name: "global_step");
        var train_op = tf.train.GradientDescentOptimizer(0.1f).minimize(loss, global_step: {|#0:gs|});
        var byName = {|#1:graph.get_tensor_by_name("global_step:0")|};
        var byKey = {|#2:graph.get_collection<IVariableV1>(tf.GraphKeys.GLOBAL_STEP)|};
        var byConstant = {|#3:tf.get_collection<IVariableV1>(ops.GraphKeys.GLOBAL_STEP_)|};
        var element = {|#4:graph.as_graph_element("global_step")|};
        """,
        Diagnostic("GSM002").WithLocation(0).WithArguments("minimize", "'gs'", "; no automatic fix: the step is also found by name at line 10 ('get_tensor_by_name', GSM004), which would no longer find it; pass the step's variable (or its optimizer) to that code instead (see GSM004), then fix"),
        Diagnostic("GSM004").WithLocation(1).WithArguments("get_tensor_by_name", "by name", "pass the step's variable to this code instead of looking it up by name"),
        Diagnostic("GSM004").WithLocation(2).WithArguments("get_collection", "through the GLOBAL_STEP collection", "pass the step's variable to this code instead of going through the collection"),
        Diagnostic("GSM004").WithLocation(3).WithArguments("get_collection", "through the GLOBAL_STEP collection", "pass the step's variable to this code instead of going through the collection"),
        Diagnostic("GSM004").WithLocation(4).WithArguments("as_graph_element", "by name", "pass the step's variable to this code instead of looking it up by name"));

    [Fact]
    public Task GSM004_AddToCollection_AndMethodGroup() => VerifyAsync(Usings + """
        class Setup
        {
            public void Register(IVariableV1 step) => {|#0:tf.add_to_collection(tf.GraphKeys.GLOBAL_STEP, step)|};

            public Func<Graph, IVariableV1> Finder() => {|#1:tf.train.get_global_step|};

            public void Register(Graph graph, IVariableV1 step) => {|#2:graph.add_to_collection("global_step", step)|};

            public void RegisterStatic(IVariableV1 step) => {|#3:ops.add_to_collection(ops.GraphKeys.GLOBAL_STEP_, step)|};

            public object Find() => {|#4:ops.get_collection<IVariableV1>(tf.GraphKeys.GLOBAL_STEP)|};

            public object FindOthers() => ops.get_collection_ref<IVariableV1>(tf.GraphKeys.TRAIN_OP);
        }
        """,
        Diagnostic("GSM004").WithLocation(0).WithArguments("add_to_collection", "through the GLOBAL_STEP collection", "pass the step's variable to this code instead of going through the collection"),
        Diagnostic("GSM004").WithLocation(1).WithArguments("get_global_step", "through a method group", "call the function directly where its graph is known, or pass the step's variable instead of the function"),
        Diagnostic("GSM004").WithLocation(2).WithArguments("add_to_collection", "through the GLOBAL_STEP collection", "pass the step's variable to this code instead of going through the collection"),
        Diagnostic("GSM004").WithLocation(3).WithArguments("add_to_collection", "through the GLOBAL_STEP collection", "pass the step's variable to this code instead of going through the collection"),
        Diagnostic("GSM004").WithLocation(4).WithArguments("get_collection", "through the GLOBAL_STEP collection", "pass the step's variable to this code instead of going through the collection"));
}
