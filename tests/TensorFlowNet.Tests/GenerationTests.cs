using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using GlobalStepMigration.Analyzers;
using Xunit;
using static GlobalStepMigration.TensorFlowNet.Tests.TfNetVerifier;

namespace GlobalStepMigration.TensorFlowNet.Tests;

/// <summary>
/// Every rule on code written against each generation of TensorFlow.NET (docs/tensorflow-net.md, "Generations"): the old
/// one (tag v0.20, assembly TensorFlow.NET, code written before 2022) and the current one (assembly Tensorflow.Binding).
/// Each program compiles against that generation's model without errors; every GSM site it has is reported, and nothing else.
/// </summary>
public sealed class GenerationTests
{
    [Theory]
    [MemberData(nameof(Generations), MemberType = typeof(TfNetVerifier))]
    public async Task GSM001_GSM002_TfTrainFunctions_OneUnitPerGraph(Generation generation)
    {
        var diagnostics = await GetDiagnosticsAsync(Usings + """
            class Trainer
            {
                public void Build(Graph graph, Tensor loss, Optimizer optimizer, Session sess)
                {
                    var gs = tf.train.create_global_step(graph);
                    var train_op = optimizer.minimize(loss, global_step: gs);
                    var again = tf.train.get_global_step(graph);
                    sess.run(train_op);
                    print(sess.run(again));
                }
            }
            """, generation);

        Assert.Equal(
            new[] { ("GSM001", "tf.train.create_global_step(graph)"), ("GSM002", "gs"), ("GSM001", "tf.train.get_global_step(graph)") },
            Sites(diagnostics));
        Assert.Single(diagnostics.Select(d => d.Properties[UnitProperties.UnitId]).Distinct());
        Assert.All(diagnostics, d => Assert.Equal("graph", d.Properties[UnitProperties.Graph]));
    }

    [Theory]
    [MemberData(nameof(Generations), MemberType = typeof(TfNetVerifier))]
    public async Task GSM001_GSM002_TrainingUtil_UsingStatic_AndApplyGradients(Generation generation)
    {
        var diagnostics = await GetDiagnosticsAsync("""
            using System;
            using Tensorflow;
            using static Tensorflow.Binding;
            using static Tensorflow.Train.TrainingUtil;

            class Model
            {
                private readonly IVariableV1 _step = create_global_step();

                public Operation Train(Tensor loss, Optimizer optimizer) =>
                    optimizer.apply_gradients(optimizer.compute_gradients(loss), global_step: _step);

                public void Print(Session sess) => print(sess.run(get_global_step()));
            }
            """, generation);

        Assert.Equal(
            new[] { ("GSM001", "create_global_step()"), ("GSM002", "_step"), ("GSM001", "get_global_step()") },
            Sites(diagnostics));
        Assert.Equal(new[] { "create_global_step", "apply_gradients", "get_global_step" }, diagnostics.Select(d => d.Properties[UnitProperties.Api]));
    }

    [Theory]
    [MemberData(nameof(Generations), MemberType = typeof(TfNetVerifier))]
    public async Task GSM002_HandMadeSteps_OfEveryFactory(Generation generation)
    {
        var diagnostics = await GetDiagnosticsAsync(Usings + """
            class Trainer
            {
                public void Build(Tensor loss, Optimizer optimizer)
                {
                    var a = tf.Variable(0, trainable: false, name: "global_step");
                    optimizer.minimize(loss, global_step: a);
                    var b = tf.compat.v1.get_variable("step_b", dtype: tf.int64, trainable: false);
                    optimizer.minimize(loss, b);
                    var c = new ResourceVariable(0L, trainable: false, name: "step_c");
                    optimizer.minimize(loss, global_step: c);
                    var d = new RefVariable(0L, trainable: false, name: "step_d");
                    optimizer.minimize(loss, global_step: d);
                }
            }
            """, generation);

        Assert.Equal(new[] { ("GSM002", "a"), ("GSM002", "b"), ("GSM002", "c"), ("GSM002", "d") }, Sites(diagnostics));
        // Four hand-made steps, each created where the code shows it: four units, each with its creation.
        Assert.Equal(4, diagnostics.Select(d => d.Properties[UnitProperties.UnitId]).Distinct().Count());
        Assert.All(diagnostics, d => Assert.StartsWith("Creation", d.Properties[UnitProperties.AdditionalLocationKinds], System.StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Generations), MemberType = typeof(TfNetVerifier))]
    public async Task GSM003_LearningRateDecayPolynomialDecay(Generation generation)
    {
        var diagnostics = await GetDiagnosticsAsync(Usings + """
            using Tensorflow.Training;

            class Trainer
            {
                private RefVariable _step = new RefVariable(0.0f, trainable: false, name: "global_step");

                public Operation Build(Tensor loss)
                {
                    var lr = learning_rate_decay.polynomial_decay(0.1f, _step, 1000f, end_learning_rate: 0.01f);
                    return tf.train.GradientDescentOptimizer(lr).minimize(loss, global_step: _step);
                }
            }
            """, generation);

        Assert.Equal(
            new[] { ("GSM003", "learning_rate_decay.polynomial_decay(0.1f, _step, 1000f, end_learning_rate: 0.01f)"), ("GSM002", "_step") },
            Sites(diagnostics));
        Assert.Single(diagnostics.Select(d => d.Properties[UnitProperties.UnitId]).Distinct());
    }

    /// <summary>tf.train.polynomial_decay existed from v0.13 to v0.20 (old tf.train.cs:87-105): real code fed it the step.</summary>
    [Fact]
    public async Task GSM003_TfTrainPolynomialDecay_OldGeneration()
    {
        const string Program = Usings + """
            class Trainer
            {
                public Operation Build(Tensor loss)
                {
                    var global_step = new RefVariable(0.0f, trainable: false, name: "global_step");
                    var learning_rate = tf.train.polynomial_decay(0.1f, global_step, 1000f, end_learning_rate: 0.0001f, power: 1.0f);
                    var looked_up = tf.train.polynomial_decay(0.1f, TrainingUtil.get_global_step(), 10f);
                    var optimizer = tf.train.AdamOptimizer(learning_rate);
                    return optimizer.minimize(loss, global_step: global_step);
                }
            }
            """;
        var diagnostics = await GetDiagnosticsAsync(Program, Generation.Old);

        Assert.Equal(
            new[]
            {
                ("GSM003", "tf.train.polynomial_decay(0.1f, global_step, 1000f, end_learning_rate: 0.0001f, power: 1.0f)"),
                ("GSM003", "tf.train.polynomial_decay(0.1f, TrainingUtil.get_global_step(), 10f)"),
                ("GSM001", "TrainingUtil.get_global_step()"),
                ("GSM002", "global_step"),
            },
            Sites(diagnostics));
        Assert.All(diagnostics.Where(d => d.Id == "GSM003"), d => Assert.Equal("polynomial_decay", d.Properties[UnitProperties.Api]));

        // The current generation no longer has it (commented out in 41df7852, before v0.30): the same code does not compile there.
        Assert.Contains(Compile(Program, Generation.Current).GetDiagnostics(), d => d.Id == "CS1061" && d.GetMessage(System.Globalization.CultureInfo.InvariantCulture).Contains("polynomial_decay", System.StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Generations), MemberType = typeof(TfNetVerifier))]
    public async Task GSM004_EveryLookupByNameAndCollection(Generation generation)
    {
        var diagnostics = await GetDiagnosticsAsync(Usings + """
            class Lookups
            {
                public void Find(Graph graph, IVariableV1 step)
                {
                    var byTensorName = graph.get_tensor_by_name("global_step:0");
                    var byOperationName = graph.get_operation_by_name("global_step");
                    var byCApi = graph.OperationByName("global_step");
                    var element = graph.as_graph_element("global_step");
                    var byKey = graph.get_collection<IVariableV1>(tf.GraphKeys.GLOBAL_STEP);
                    var byConstant = tf.get_collection<IVariableV1>(ops.GraphKeys.GLOBAL_STEP_);
                    var byString = ops.get_collection_ref<IVariableV1>("global_step");
                    tf.add_to_collection(tf.GraphKeys.GLOBAL_STEP, step);
                    graph.add_to_collections(new List<string> { tf.GraphKeys.GLOBAL_VARIABLES, tf.GraphKeys.GLOBAL_STEP }, step);
                    tf.add_to_collections(new List<string> { ops.GraphKeys.GLOBAL_STEP_ }, step);
                    Func<Graph, IVariableV1> finder = tf.train.get_global_step;

                    // Other names and keys are not the step.
                    graph.get_operation_by_name("train_op");
                    graph.OperationByName("loss/Adam");
                    graph.add_to_collections(new List<string> { tf.GraphKeys.GLOBAL_VARIABLES }, step);
                }
            }
            """, generation);

        Assert.Equal(
            new[]
            {
                ("GSM004", "get_tensor_by_name"), ("GSM004", "get_operation_by_name"), ("GSM004", "OperationByName"), ("GSM004", "as_graph_element"),
                ("GSM004", "get_collection"), ("GSM004", "get_collection"), ("GSM004", "get_collection_ref"), ("GSM004", "add_to_collection"),
                ("GSM004", "add_to_collections"), ("GSM004", "add_to_collections"), ("GSM004", "get_global_step"),
            },
            diagnostics.Select(d => (d.Id, d.Properties[UnitProperties.Api]!)));
    }

    private static List<(string Id, string Code)> Sites(IEnumerable<Microsoft.CodeAnalysis.Diagnostic> diagnostics) =>
        diagnostics.Select(d => (d.Id, d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan))).ToList();
}
