using System.Linq;
using System.Threading.Tasks;
using GlobalStepMigration.Analyzers;
using Xunit;
using static GlobalStepMigration.TensorFlowNet.Tests.TfNetVerifier;

namespace GlobalStepMigration.TensorFlowNet.Tests;

/// <summary>The same precision as on the runtime: what reads, what blocks, what is not a step at all.</summary>
public sealed class PrecisionTests
{
    [Fact]
    public Task SessRunTuples_ReadTheStepWithoutBlockingIt() => VerifyAsync(Usings + Trained + """
        var gs = tf.Variable(0, trainable: false, name: "global_step");
        IVariableV1 asInterface = tf.Variable(0L, trainable: false, name: "step2");
        var train_op = optimizer.minimize(loss, global_step: {|#0:gs|});
        var train_op2 = optimizer.minimize(loss, global_step: {|#1:asInterface|});
        var sess = tf.Session();
        // (Operation, ResourceVariable) binds to run(object); with the step cast to Tensor, to the typed tuple overload.
        var fetched = sess.run((train_op, gs));
        var (_, step, value) = sess.run((train_op2, x, (Tensor)gs));
        var all = sess.run((train_op2, (x, asInterface)));
        Console.WriteLine($"{fetched} {step} {value} {all} {gs.numpy()} {asInterface}");
        """,
        Diagnostic("GSM002").WithLocation(0).WithArguments("minimize", "'gs'", LibraryLimits),
        Diagnostic("GSM002").WithLocation(1).WithArguments("minimize", "'asInterface'", LibraryLimits));

    [Fact]
    public async Task SessRunTuple_IsARelatedReadOfTheUnit()
    {
        var diagnostics = await GetDiagnosticsAsync(Usings + Trained + """
            var gs = tf.Variable(0, trainable: false, name: "global_step");
            var train_op = optimizer.minimize(loss, global_step: gs);
            var sess = tf.Session();
            var (_, step) = sess.run((train_op, (Tensor)gs));
            """);

        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("GSM002", diagnostic.Id);
        // Fix B is offered (it writes TensorFlow.NET's idiom); fix A is not.
        Assert.Equal(UnitProperties.ExplicitVariableOnly, diagnostic.Properties[UnitProperties.Fixes]);
        Assert.Equal(string.Empty, diagnostic.Properties[UnitProperties.NoFixReason]);
        Assert.Equal("int32", diagnostic.Properties[UnitProperties.StepDType]);
        Assert.Equal("Creation;Read", diagnostic.Properties[UnitProperties.AdditionalLocationKinds]);
        Assert.Equal("(Tensor)gs", diagnostic.AdditionalLocations[1].SourceTree!.GetText().ToString(diagnostic.AdditionalLocations[1].SourceSpan));
        Assert.Equal(FixAReason, diagnostic.Properties[UnitProperties.NoFixAReason]);
        Assert.Equal(string.Empty, diagnostic.Properties[UnitProperties.Optimizer]);
    }

    [Theory]
    [InlineData("tf.Variable(0, trainable: false, name: \"global_step\")", "int32")]
    [InlineData("tf.Variable(0L, trainable: false, name: \"global_step\")", "int64")]
    [InlineData("tf.Variable(0, trainable: false, name: \"global_step\", dtype: TF_DataType.TF_INT64)", "int64")]
    [InlineData("tf.compat.v1.get_variable(\"global_step\", dtype: tf.int64, trainable: false)", "int64")]
    [InlineData("tf.compat.v1.get_variable(\"global_step\", trainable: false)", "unknown")]
    [InlineData("tf.train.create_global_step(null)", "int64")]
    [InlineData("new ResourceVariable(0L, trainable: false, name: \"global_step\")", "int64")]
    [InlineData("new ResourceVariable(0, trainable: false, name: \"global_step\")", "int32")]
    [InlineData("new RefVariable(0, trainable: false, name: \"global_step\", dtype: TF_DataType.TF_INT64)", "int64")]
    public async Task StepDType_FromTensorFlowNetSpellings(string creation, string dtype)
    {
        var diagnostics = await GetDiagnosticsAsync(Usings + Trained + $$"""
            var gs = {{creation}};
            optimizer.minimize(loss, global_step: gs);
            """);

        var optimizerArgument = diagnostics.Single(d => d.Id == "GSM002");
        Assert.Equal(dtype, optimizerArgument.Properties[UnitProperties.StepDType]);

        // Fix A is never offered on TensorFlow.NET; fix B writes the increment in the step's dtype, so it needs to see it
        // (TensorFlow.NET itself takes any dtype: Optimizer.cs:208-210 converts the 1).
        if (dtype == "unknown")
        {
            Assert.Equal(string.Empty, optimizerArgument.Properties[UnitProperties.Fixes]);
            Assert.Contains("its dtype is unknown, so the increment's literal cannot be written", optimizerArgument.Properties[UnitProperties.NoFixReason]);
        }
        else
        {
            Assert.Equal(UnitProperties.ExplicitVariableOnly, optimizerArgument.Properties[UnitProperties.Fixes]);
            Assert.Equal(FixAReason, optimizerArgument.Properties[UnitProperties.NoFixAReason]);
        }
    }

    [Fact]
    public async Task TwoGraphs_AreTwoUnits()
    {
        var diagnostics = await GetDiagnosticsAsync(Usings + Trained + """
            var g1 = tf.Graph();
            var g2 = tf.Graph();
            var s1 = tf.train.create_global_step(g1);
            var s2 = tf.train.create_global_step(g2);
            optimizer.minimize(loss, global_step: s1);
            var again = tf.train.get_global_step(g2);
            Console.WriteLine(tf.Session(g2).run(again));
            """);

        Assert.Equal(new[] { "GSM001", "GSM001", "GSM002", "GSM001" }, diagnostics.Select(d => d.Id));
        var units = diagnostics.Select(d => d.Properties[UnitProperties.UnitId]).ToList();
        Assert.Equal(units[0], units[2]);
        Assert.Equal(units[1], units[3]);
        Assert.NotEqual(units[0], units[1]);
        Assert.Equal("g2", diagnostics[3].Properties[UnitProperties.Graph]);
    }

    [Fact]
    public Task KerasOptimizerV2_HalfMigrated_ManualIncrement_LibraryLimits() => VerifyAsync(Usings + """
        using Tensorflow.Keras.Optimizers;

        var w = tf.Variable(1.0f, name: "w");
        var grads = new List<(Tensor, ResourceVariable)>();
        var opt = new SGD(0.1f);
        var gs = {|#0:tf.train.create_global_step(null)|};
        opt.apply_gradients(grads);
        gs.assign_add(1);
        """,
        Diagnostic("GSM001").WithLocation(0).WithArguments("create_global_step", "'gs'", LibraryLimits));

    [Fact]
    public Task Writes_BlockTheUnit() => VerifyAsync(Usings + Trained + """
        var gs = tf.Variable(0, trainable: false, name: "global_step");
        optimizer.minimize(loss, global_step: {|#0:gs|});
        tf.assign(gs, 0);

        var other = tf.Variable(0, trainable: false, name: "other_step");
        optimizer.minimize(loss, global_step: {|#1:other|});
        other.assign(5);
        """,
        Diagnostic("GSM002").WithLocation(0).WithArguments("minimize", "'gs'", "; no automatic fix: it is written with assign at line 12; only the optimizer (or AssignAdd) may change the step; migrate by hand"),
        Diagnostic("GSM002").WithLocation(1).WithArguments("minimize", "'other'", "; no automatic fix: it is written with assign at line 16; only the optimizer (or AssignAdd) may change the step; migrate by hand"));

    [Fact]
    public Task ConditionallyNullStep_FlaggedWithoutFix() => VerifyAsync(Usings + Trained + """
        var decay = DateTime.Now.Second > 30;
        var gs = tf.Variable(0, trainable: false, name: "global_step");
        optimizer.minimize(loss, global_step: {|#0:decay ? gs : null|});
        """,
        Diagnostic("GSM002").WithLocation(0).WithArguments("minimize", "'gs'", "; no automatic fix: the step passed to 'minimize' at line 12 is conditional ('decay ? gs : null'); migrate that call by hand"));

    [Fact]
    public Task NotSteps_NoDiagnostic() => VerifyAsync(Usings + Trained + """
        // minimize without a step, with an explicit null, with default.
        optimizer.minimize(loss);
        optimizer.minimize(loss, global_step: null);
        optimizer.minimize(loss, null, new List<IVariableV1> { w });
        optimizer.minimize(loss, global_step: default);
        optimizer.apply_gradients(optimizer.compute_gradients(loss));

        // A variable named global_step that no optimizer, decay or global-step function sees.
        var unused = tf.Variable(0, trainable: false, name: "global_step");
        unused.assign_add(1);

        // Lookups of other names and collections.
        var graph = tf.get_default_graph();
        graph.get_tensor_by_name("w:0");
        graph.get_collection<IVariableV1>(tf.GraphKeys.TRAINABLE_VARIABLES);
        tf.get_collection<IVariableV1>(ops.GraphKeys.TRAIN_OP_);
        tf.add_to_collection(tf.GraphKeys.TRAIN_OP, loss);
        """);

    /// <summary>The hand migration docs/tensorflow-net.md shows compiles against the model and is not flagged.</summary>
    [Fact]
    public Task MigratedByHand_AsDocumented_NoDiagnostic() => VerifyAsync(Usings + Trained + """
        var gs = tf.Variable(0L, trainable: false, name: "global_step");
        var train_op = tf.group(new ITensorOrOperation[] { optimizer.minimize(loss), gs.assign_add(1L) });
        var sess = tf.Session();
        sess.run(train_op);
        print(sess.run(gs));
        """);

    [Fact]
    public Task LookAlikes_OfOtherLibraries_NoDiagnostic() => VerifyAsync("""
        using MyTraining;

        var optimizer = new Optimizer();
        var gs = train.get_global_step(null);
        optimizer.minimize(1.0, global_step: train.create_global_step(null));
        optimizer.apply_gradients(new object[0], global_step: gs);

        namespace MyTraining
        {
            public class Optimizer
            {
                public object minimize(object loss, object global_step = null) => global_step;

                public object apply_gradients(object[] grads_and_vars, object global_step = null) => global_step;
            }

            public static class train
            {
                public static object get_global_step(object graph) => graph;

                public static object create_global_step(object graph) => graph;
            }
        }
        """);

    [Fact]
    public Task SameNamespaceInSource_WithoutTheAssembly_NoDiagnostic() => VerifyAsync("""
        using Tensorflow.Train;

        var step = TrainingUtil.get_global_step();

        namespace Tensorflow.Train
        {
            public class TrainingUtil
            {
                public static object get_global_step(object graph = null) => graph;
            }
        }
        """,
        referenceSignatures: false,
        referenceRuntime: false);

    [Fact]
    public Task BothLibrariesReferenced_EachRecognized() => VerifyAsync("""
        using Tensorflow;
        using static Tensorflow.Binding;
        using Rt = GlobalStepMigration.Runtime;

        var loss = tf.placeholder(tf.float32);
        var gs = tf.Variable(0, trainable: false, name: "global_step");
        tf.train.GradientDescentOptimizer(0.1f).minimize(loss, global_step: {|#0:gs|});

        var step = {|#1:Rt.Tf.Compat.V1.Train.GetGlobalStep()|};
        """,
        referenceSignatures: true,
        referenceRuntime: true,
        Diagnostic("GSM002").WithLocation(0).WithArguments("minimize", "'gs'", LibraryLimits),
        Diagnostic("GSM001").WithLocation(1).WithArguments("GetGlobalStep", "'step'", "; no automatic fix: no creation of this step is visible in 'Program'; migrate the code that creates it, then pass its variable (or its optimizer) here"));
}
