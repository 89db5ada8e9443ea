using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using GlobalStepMigration.Analyzers;
using GlobalStepMigration.TensorFlowNet.Model.Tests;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Xunit;

namespace GlobalStepMigration.CodeFixes.Tests;

/// <summary>
/// Fix B on TensorFlow.NET programs, proven by execution on the executable model of each generation
/// (tests/TensorFlowNet.Model.Current = v0.150.0, tests/TensorFlowNet.Model.Old = v0.20; docs/tensorflow-net.md): each
/// program runs before and after the fix and prints the same, in the shapes where replacing the update changed training
/// (issue 14): the train op run by name from another class, kept through the implicit Operation to Tensor conversion in a
/// Tensor field, discarded, and a learning rate that reads the step in the same run as the increment.
/// </summary>
/// <remarks>
/// On the current generation the whole code fix runs (analyzer, actions, fix-all). The analyzer does not recognize the
/// old generation's assembly name (TensorFlow.NET) yet, so there each update the step is passed to is rewritten by the
/// fix's rewrite directly (<see cref="UpdateInline"/> with TensorFlow.NET's idiom), as the code fix will once the map
/// lists that assembly; the before and after programs run on the old model.
/// </remarks>
public sealed class TensorFlowNetFixBTests
{
    private const string B = GlobalStepFixes.UseExplicitVariableKey;

    private const string Usings = """
        #nullable disable
        using System;
        using Tensorflow;
        using static Tensorflow.Binding;

        """;

    /// <summary>F(x): a float printed with up to 4 decimals.</summary>
    private const string Helpers = """

        static class Out
        {
            public static string F(float value) => value.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture);
        }
        """;

    /// <summary>Shape (a): the model is built in one class, and another runs the train op by its name, "loss/Adam".</summary>
    private const string RunByName = Usings + """
        tf.compat.v1.disable_eager_execution();
        var model = new Model();
        model.Build();
        new Trainer().Train(model);

        class Model
        {
            public Tensor X;
            public ResourceVariable W;
            private ResourceVariable _gs;

            public void Build()
            {
                X = tf.placeholder(tf.float32, name: "x");
                W = tf.Variable(3.0f, name: "w");
                var error = tf.square(X * W - 2.0f, name: "error");
                _gs = tf.Variable(0L, trainable: false, name: "global_step");
                tf_with(tf.name_scope("loss"), ns =>
                {
                    var optimizer = tf.train.AdamOptimizer(0.1f);
                    optimizer.minimize(error, global_step: _gs);
                });
            }

            public string Report(Session sess) => $"{Out.F(sess.run(W))} {sess.run(_gs)}";
        }

        class Trainer
        {
            public void Train(Model model)
            {
                var sess = tf.Session();
                sess.run(tf.global_variables_initializer());
                var train = tf.get_default_graph().OperationByName("loss/Adam");
                for (var i = 0; i < 3; i++)
                {
                    sess.run(train, (model.X, 1.0f));
                    print(model.Report(sess));
                }
            }
        }
        """ + Helpers;

    /// <summary>Shape (b): the train op kept in a Tensor field through the implicit conversion (the op's first output); running it returns the new step.</summary>
    private const string KeptAsTensor = Usings + """
        tf.compat.v1.disable_eager_execution();
        var x = tf.placeholder(tf.float32, name: "x");
        var w = tf.Variable(3.0f, name: "w");
        var model = new Model();
        model.Build(tf.square(x * w - 2.0f));
        var sess = tf.Session();
        sess.run(tf.global_variables_initializer());
        for (var i = 0; i < 3; i++)
        {
            print($"{model.Train(sess, x)} {Out.F(sess.run(w))}");
        }

        class Model
        {
            private ResourceVariable _gs;
            private Tensor _train;

            public void Build(Tensor loss)
            {
                _gs = tf.Variable(0L, trainable: false, name: "global_step");
                _train = tf.train.GradientDescentOptimizer(0.1f).minimize(loss, global_step: _gs);
            }

            public string Train(Session sess, Tensor x) => $"{_train.name} {sess.run(_train, (x, 1.0f))}";
        }
        """ + Helpers;

    /// <summary>Shape (c): the minimize result discarded; the train op is then reached by its name only.</summary>
    private const string Discarded = Usings + """
        tf.compat.v1.disable_eager_execution();
        var x = tf.placeholder(tf.float32, name: "x");
        var w = tf.Variable(3.0f, name: "w");
        var gs = tf.Variable(0, trainable: false, name: "global_step");
        var optimizer = tf.train.GradientDescentOptimizer(0.1f);
        optimizer.minimize(tf.square(x * w - 2.0f), gs, name: "train");
        var sess = tf.Session();
        sess.run(tf.global_variables_initializer());
        for (var i = 0; i < 2; i++)
        {
            sess.run(tf.get_default_graph().OperationByName("train"), (x, 1.0f));
            print($"{Out.F(sess.run(w))} {sess.run(gs)}");
        }
        """ + Helpers;

    /// <summary>
    /// Shape (d): a learning rate that reads the step, run with the update: the rate must be read before the increment
    /// (the update depends on the rate, the increment on the update), so the rates are 0.1, 0.05, 0.0333.
    /// </summary>
    private const string RateReadsTheStep = Usings + """
        tf.compat.v1.disable_eager_execution();
        var x = tf.placeholder(tf.float32, name: "x");
        var w = tf.Variable(3.0f, name: "w");
        var gs = tf.Variable(0L, trainable: false, name: "global_step");
        var lr = tf.constant(0.1f) / (tf.cast(gs.AsTensor(), tf.float32) + 1.0f);
        var optimizer = tf.train.GradientDescentOptimizer(lr);
        var train_op = optimizer.minimize(tf.square(x * w - 2.0f), global_step: gs);
        var sess = tf.Session();
        sess.run(tf.global_variables_initializer());
        for (var i = 0; i < 3; i++)
        {
            sess.run(train_op, (x, 1.0f));
            print($"{Out.F(sess.run(w))} {sess.run(gs)}");
        }
        """ + Helpers;

    [Fact]
    public async Task Current_RunByNameFromAnotherClass_KeepsTraining()
    {
        var after = await ProveOnCurrentAsync(RunByName, "2.9 1\n2.8004 2\n2.7016 3\n");
        Assert.Contains(
            """
                        tf_with(tf.control_dependencies(new[] { optimizer.apply_gradients(optimizer.compute_gradients(error), name: optimizer.Name + "/update") }),
                            _ => tf_with(tf.name_scope(optimizer.Name), scope => tf.assign_add(_gs, tf.constant(1L), name: scope)));
            """,
            after);
    }

    [Fact]
    public async Task Current_KeptAsTensor_StaysTheIncrementsOutput()
    {
        var after = await ProveOnCurrentAsync(KeptAsTensor, "GradientDescent:0 1 2.8\nGradientDescent:0 2 2.64\nGradientDescent:0 3 2.512\n");
        Assert.Contains(
            """
                    var optimizer = tf.train.GradientDescentOptimizer(0.1f);
                    _train = tf_with(tf.control_dependencies(new[] { optimizer.apply_gradients(optimizer.compute_gradients(loss), name: optimizer.Name + "/update") }),
                        _ => tf_with(tf.name_scope(optimizer.Name), scope => tf.assign_add(_gs, tf.constant(1L), name: scope).op));
            """,
            after);
    }

    [Fact]
    public async Task Current_Discarded_NamedAndPositional_StillReachedByName()
    {
        var after = await ProveOnCurrentAsync(Discarded, "2.8 1\n2.64 2\n");
        Assert.Contains(
            """
            tf_with(tf.control_dependencies(new[] { optimizer.apply_gradients(optimizer.compute_gradients(tf.square(x * w - 2.0f)), name: "train/update") }),
                _ => tf_with(tf.name_scope("train"), scope => tf.assign_add(gs, tf.constant(1), name: scope)));
            """,
            after);
    }

    [Fact]
    public async Task Current_RateReadsTheStep_ReadBeforeTheIncrement()
    {
        var after = await ProveOnCurrentAsync(RateReadsTheStep, "2.8 1\n2.72 2\n2.672 3\n");
        Assert.Contains("var train_op = tf_with(", after);
    }

    [Fact]
    public async Task Old_RunByNameFromAnotherClass_KeepsTraining() =>
        await ProveOnOldAsync(RunByName, "2.9 1\n2.8004 2\n2.7016 3\n");

    [Fact]
    public async Task Old_Discarded_StillReachedByName() =>
        await ProveOnOldAsync(Discarded, "2.8 1\n2.64 2\n", "int32");

    /// <summary>At v0.20 minimize with a global step returns null (Optimizer.cs:208-210, `as Operation`): so does the inline, which writes the same cast.</summary>
    [Fact]
    public async Task Old_TheTrainOpIsNullAsBefore_AndTheRateIsReadBeforeTheIncrement()
    {
        var program = RateReadsTheStep
            .Replace("sess.run(train_op, (x, 1.0f));", "sess.run(tf.get_default_graph().OperationByName(\"GradientDescent\"), (x, 1.0f));")
            .Replace("var sess = tf.Session();", "print(train_op == null);\nvar sess = tf.Session();");
        var after = await ProveOnOldAsync(program, "True\n2.8 1\n2.72 2\n2.672 3\n");
        Assert.Contains("tf.assign_add(gs, tf.constant(1L), name: scope) as Operation));", after);
    }

    /// <summary>
    /// Shape (d) with the old generation's own TF1 decay, tf.train.polynomial_decay (tf.train.cs:87-105 at v0.20; a float step
    /// is needed there): the decay's read of the step comes before the increment in the same run.
    /// </summary>
    [Fact]
    public async Task Old_PolynomialDecayFedByTheStep_ReadBeforeTheIncrement()
    {
        var program = Usings + """
            tf.compat.v1.disable_eager_execution();
            var x = tf.placeholder(tf.float32, name: "x");
            var w = tf.Variable(3.0f, name: "w");
            var gs = new RefVariable(0.0f, trainable: false, name: "global_step");
            var lr = tf.train.polynomial_decay(0.1f, gs, 4f, end_learning_rate: 0.01f);
            var optimizer = tf.train.GradientDescentOptimizer(lr);
            optimizer.minimize(tf.square(x * w - 2.0f), global_step: gs);
            var sess = tf.Session();
            sess.run(tf.global_variables_initializer());
            for (var i = 0; i < 3; i++)
            {
                sess.run(tf.get_default_graph().OperationByName("GradientDescent"), (x, 1.0f));
                print($"{Out.F(sess.run(w))} {sess.run(gs)}");
            }
            """ + Helpers;
        var after = await ProveOnOldAsync(program, "2.8 1\n2.676 2\n2.6016 3\n", "float32");
        Assert.Contains("tf.assign_add(gs, tf.constant(1f), name: scope)));", after);
    }

    /// <summary>The generation each model is, as the idiom reads it from the compilation.</summary>
    [Theory]
    [InlineData(TfNetGeneration.Old, true)]
    [InlineData(TfNetGeneration.Current, false)]
    public void TheIdiomReadsWhetherApplyGradientsReturnsNull(TfNetGeneration generation, bool returnsNull) =>
        Assert.Equal(returnsNull, TensorFlowNetIdiom.ReturnsNullTrainOp(ModelRunner.Compile("print(1);", generation)));

    /// <summary>
    /// create_global_step makes a float32 step up to TensorFlow.NET 0.40 and an int64 one from 0.60, all named TensorFlow.NET:
    /// the variable fix B would write is not known for that assembly.
    /// </summary>
    [Theory]
    [InlineData(TfNetGeneration.Old, true)]
    [InlineData(TfNetGeneration.Current, false)]
    public void CreateGlobalStep_IsNotReplacedWhereItsDTypeDependsOnTheRelease(TfNetGeneration generation, bool declined)
    {
        var blocker = new TensorFlowNetIdiom().NewStepBlocker(ModelRunner.Compile("print(1);", generation));
        Assert.Equal(declined ? BlockerKind.CreationDTypeUnknown : null, blocker?.Kind);
    }

    /// <summary>Runs the program on the current model, applies fix B to every unit, runs it again: the same output, nothing left, a second pass a no-op.</summary>
    private static async Task<string> ProveOnCurrentAsync(string before, string expectedOutput)
    {
        var harness = FixHarness.Create(ImmutableArray.Create(ModelRunner.Reference(TfNetGeneration.Current)), new[] { before });
        Assert.Equal(expectedOutput, ModelRunner.Run(await harness.CompilationAsync(), TfNetGeneration.Current));
        Assert.Contains(await harness.DiagnosticsAsync(), d => d.Id == "GSM002");

        await harness.FixAllAsync(FixAllScope.Document, B);
        var text = harness.Text();
        Assert.DoesNotContain(await harness.DiagnosticsAsync(), d => d.Id is "GSM001" or "GSM002" or "GSM003");
        Assert.Equal(expectedOutput, ModelRunner.Run(await harness.CompilationAsync(), TfNetGeneration.Current));

        await harness.FixAllAsync(FixAllScope.Document, B);
        Assert.Equal(text, harness.Text());
        return text;
    }

    /// <summary>
    /// Runs the program on the old model, rewrites every update a step is passed to (minimize/apply_gradients with a
    /// global_step) with fix B's rewrite, runs it again: the same output. Returns the text after.
    /// </summary>
    private static async Task<string> ProveOnOldAsync(string before, string expectedOutput, string stepDType = "int64")
    {
        var harness = FixHarness.Create(ImmutableArray.Create(ModelRunner.Reference(TfNetGeneration.Old)), new[] { before });
        Assert.Equal(expectedOutput, ModelRunner.Run(await harness.CompilationAsync(), TfNetGeneration.Old));

        var document = harness.Project.Documents.Single();
        var model = (await document.GetSemanticModelAsync())!;
        var root = (await document.GetSyntaxRootAsync())!;
        var idiom = new TensorFlowNetIdiom();
        var names = new LocalNames();
        var edits = new List<NodeEdit>();
        foreach (var call in root.DescendantNodes().OfType<InvocationExpressionSyntax>())
        {
            if (model.GetOperation(call) is IInvocationOperation { TargetMethod.Name: "minimize" or "apply_gradients" } operation
                && operation.Arguments.FirstOrDefault(a => a.Parameter?.Name == "global_step" && a.ArgumentKind != ArgumentKind.DefaultValue)?.Syntax is ArgumentSyntax step)
            {
                var edit = UpdateInline.Plan(idiom, document.Id, model, step, idiom.One(stepDType)!.Value, names, CancellationToken.None);
                edits.Add(Assert.IsType<NodeEdit>(edit.Value));
            }
        }

        Assert.NotEmpty(edits);
        harness = harness.With(await UnitRewrite.ApplyAsync(harness.Solution, new[] { new UnitRewrite(edits) }, CancellationToken.None));
        var text = harness.Text();
        Assert.DoesNotContain("global_step: gs)", text);
        Assert.Equal(expectedOutput, ModelRunner.Run(await harness.CompilationAsync(), TfNetGeneration.Old));
        return text;
    }
}
