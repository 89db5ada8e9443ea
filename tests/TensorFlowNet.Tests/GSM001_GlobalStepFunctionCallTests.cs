using System.Linq;
using System.Threading.Tasks;
using GlobalStepMigration.Analyzers;
using Xunit;
using static GlobalStepMigration.TensorFlowNet.Tests.TfNetVerifier;

namespace GlobalStepMigration.TensorFlowNet.Tests;

/// <summary>GSM001 on TensorFlow.NET: tf.train.create_global_step/get_global_step and TrainingUtil's (docs/tensorflow-net.md).</summary>
public sealed class GSM001_GlobalStepFunctionCallTests
{
    [Fact]
    public async Task TfTrain_CreateThenGet_OnOneGraph_OneUnit()
    {
        var diagnostics = await GetDiagnosticsAsync(Usings + """
            var graph = tf.Graph();
            var loss = tf.placeholder(tf.float32);
            var gs = tf.train.create_global_step(graph);
            var train_op = tf.train.GradientDescentOptimizer(0.1f).minimize(loss, global_step: gs);
            var again = tf.train.get_global_step(graph);
            var sess = tf.Session(graph);
            print(sess.run(again));
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
    public Task TrainingUtil_UsingStatic_DefaultGraph() => VerifyAsync("""
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
    public Task StepCreatedElsewhere_NoFix() => VerifyAsync(Usings + """
        class Trainer
        {
            public Operation Build(Tensor loss) =>
                tf.train.GradientDescentOptimizer(0.1f).minimize(loss, global_step: {|#0:{|#1:TrainingUtil.get_global_step()|}|});
        }
        """,
        Diagnostic("GSM002").WithLocation(0).WithArguments("minimize", "global_step of the default graph", NotCreatedIn("Trainer")),
        Diagnostic("GSM001").WithLocation(1).WithArguments("get_global_step", "global_step of the default graph", NotCreatedIn("Trainer")));
}
