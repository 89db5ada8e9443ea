using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using GlobalStepMigration.Analyzers;
using GlobalStepMigration.TensorFlowNet.Model.Tests;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
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
/// On both generations the whole code fix runs (analyzer, actions, fix-all): the current one (assembly Tensorflow.Binding)
/// and the old one (assembly TensorFlow.NET), each program on its own generation's model.
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

    /// <summary>A float32 hand-made step (v0.20), the train op run by its name.</summary>
    private const string FloatStep = Usings + """
        tf.compat.v1.disable_eager_execution();
        var x = tf.placeholder(tf.float32, name: "x");
        var w = tf.Variable(3.0f, name: "w");
        var gs = new RefVariable(0.0f, trainable: false, name: "global_step");
        var optimizer = tf.train.GradientDescentOptimizer(0.1f);
        optimizer.minimize(tf.square(x * w - 2.0f), global_step: gs);
        var sess = tf.Session();
        sess.run(tf.global_variables_initializer());
        for (var i = 0; i < 3; i++)
        {
            sess.run(tf.get_default_graph().OperationByName("GradientDescent"), (x, 1.0f));
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
        await ProveOnOldAsync(Discarded, "2.8 1\n2.64 2\n");

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
    /// A float32 step at v0.20: TensorFlow.NET has no dtype assert on the step and adds 1 converted to the step's dtype
    /// (Optimizer.cs:208-210), so the program trains; fix B keeps the variable and adds a float32 one, as before.
    /// </summary>
    [Fact]
    public async Task Old_FloatStep_KeepsItsDType()
    {
        var after = await ProveOnOldAsync(FloatStep, "2.8 1\n2.64 2\n2.512 3\n");
        Assert.Contains("tf.assign_add(gs, tf.constant(1f), name: scope)));", after);
    }

    /// <summary>
    /// The old generation's own TF1 decay, tf.train.polynomial_decay (tf.train.cs:87-105 at v0.20), has no Keras schedule
    /// in that release to become: fix B is not offered, an action says why, and fix-all leaves the program as it is.
    /// </summary>
    [Fact]
    public async Task Old_PolynomialDecay_NotOffered_TheActionSaysWhy()
    {
        var program = FloatStep.Replace(
            "var optimizer = tf.train.GradientDescentOptimizer(0.1f);",
            "var lr = tf.train.polynomial_decay(0.1f, gs, 4f, end_learning_rate: 0.01f);\nvar optimizer = tf.train.GradientDescentOptimizer(lr);");
        var (harness, index, _) = await NoFixOfferedAsync(TfNetGeneration.Old, program, "GSM002");
        Assert.Equal(BlockerKind.DecayWithoutSchedule, (await harness.DeclinedAsync(index, FixKind.UseExplicitVariable))?.Kind);
        Assert.Contains(await harness.ExplanationsAsync(index), title => title.Contains("polynomial_decay", System.StringComparison.Ordinal));

        var text = harness.Text();
        await harness.FixAllAsync(FixAllScope.Document, B);
        Assert.Equal(text, harness.Text());
    }

    /// <summary>
    /// Code that sees the graph's structure sees what fix B moves (the update's ops under S/update/), so B is not offered
    /// (O6), on both generations; the same program without the introspection gets B (Current_Discarded_...).
    /// </summary>
    [Theory]
    [InlineData(TfNetGeneration.Current, "tf.get_default_graph().get_operations().Length")]
    [InlineData(TfNetGeneration.Current, "tf.get_default_graph().get_all_collection_keys().Length")]
    [InlineData(TfNetGeneration.Old, "tf.get_default_graph().unique_name(\"train\")")]
    [InlineData(TfNetGeneration.Old, "tf.get_default_graph().get_operations().Length")]
    public async Task GraphIntrospection_NoFixB(TfNetGeneration generation, string introspection)
    {
        var program = Discarded.Replace("var sess = tf.Session();", "print(" + introspection + ");\nvar sess = tf.Session();");
        ModelRunner.Run(program, generation);
        var (harness, _, diagnostic) = await NoFixOfferedAsync(generation, program, "GSM002");
        Assert.Single(await harness.DiagnosticsAsync(), d => d.Id == "GSM002");
        Assert.Equal(string.Empty, diagnostic.Properties[UnitProperties.Fixes]);
        Assert.Contains("the graph's structure", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>GLOBAL_VARIABLES counted: fix B keeps a hand-made step, so the count stays (it rules out fix A only).</summary>
    [Fact]
    public async Task Current_GlobalVariablesCounted_KeepsTheCount() =>
        await ProveOnCurrentAsync(
            Discarded.Replace("var sess = tf.Session();", "print(tf.global_variables().Length);\nvar sess = tf.Session();"),
            "2\n2.8 1\n2.64 2\n");

    /// <summary>
    /// create_global_step inside a name scope resets the graph's name scope to the root (TrainingUtil.cs:15-16 at
    /// v0.150.0), so the optimizer built after it in the same scope is "GradientDescent", not "loss/GradientDescent"; a
    /// tf.Variable has no such side effect, so fix B does not replace that creation (O7): directly inside the tf_with, or
    /// in a method a tf_with of the same type calls. The program runs, so the names printed are the model's.
    /// </summary>
    [Theory]
    [InlineData("""
            tf_with(tf.name_scope("loss"), ns =>
            {
                _gs = tf.train.create_global_step(null);
                train = tf.train.GradientDescentOptimizer(0.1f).minimize(tf.square(x * w - 2.0f), global_step: _gs);
            });
        """, "GradientDescent")]
    [InlineData("""
            tf_with(tf.name_scope("loss"), ns =>
            {
                Step();
                train = tf.train.GradientDescentOptimizer(0.1f).minimize(tf.square(x * w - 2.0f), global_step: _gs);
            });
        """, "GradientDescent")]
    public async Task Current_CreateGlobalStepInsideANameScope_NotReplaced(string build, string trainOpName)
    {
        var program = Usings + """
            tf.compat.v1.disable_eager_execution();
            print(new Trainer().Build().name);

            class Trainer
            {
                private IVariableV1 _gs;

                private void Step() => _gs = tf.train.create_global_step(null);

                public Operation Build()
                {
                    var x = tf.placeholder(tf.float32, name: "x");
                    var w = tf.Variable(3.0f, name: "w");
                    Operation train = null;
            """ + build + """

                    return train;
                }
            }
            """;
        Assert.Equal(trainOpName + "\n", ModelRunner.Run(program, TfNetGeneration.Current));
        var (_, _, creation) = await NoFixOfferedAsync(TfNetGeneration.Current, program, "GSM001");
        Assert.Contains("name or variable scope", creation.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// The same with the tf_with in another type than the creation: the code fix sees that the scope's lambda reaches the
    /// creation's method (a project-wide check), so fix B is not offered and an action says why; the program runs.
    /// </summary>
    [Fact]
    public async Task Current_CreateGlobalStepCalledFromANameScopeOfAnotherType_NotOffered()
    {
        var program = Usings + """
            tf.compat.v1.disable_eager_execution();
            var x = tf.placeholder(tf.float32, name: "x");
            var w = tf.Variable(3.0f, name: "w");
            var trainer = new Trainer();
            tf_with(tf.name_scope("loss"), ns =>
            {
                trainer.Step();
                print(trainer.Train(tf.square(x * w - 2.0f)).name);
            });

            class Trainer
            {
                private IVariableV1 _gs;

                public void Step() => _gs = tf.train.create_global_step(null);

                public Operation Train(Tensor loss) => tf.train.GradientDescentOptimizer(0.1f).minimize(loss, global_step: _gs);
            }
            """;
        Assert.Equal("GradientDescent\n", ModelRunner.Run(program, TfNetGeneration.Current));
        var (harness, creation, diagnostic) = await NoFixOfferedAsync(TfNetGeneration.Current, program, "GSM001");
        Assert.Equal(UnitProperties.ExplicitVariableOnly, diagnostic.Properties[UnitProperties.Fixes]);
        Assert.Equal(BlockerKind.CreatedInNameScope, (await harness.DeclinedAsync(creation, FixKind.UseExplicitVariable))?.Kind);
        Assert.Contains(await harness.ExplanationsAsync(creation), title => title.Contains("name or variable scope", System.StringComparison.Ordinal));
    }

    /// <summary>A hand-made step inside the same scope is kept as written by fix B: nothing about its name changes.</summary>
    [Fact]
    public async Task Current_HandMadeStepInsideANameScope_Proven() =>
        await ProveOnCurrentAsync(Usings + """
            tf.compat.v1.disable_eager_execution();
            var x = tf.placeholder(tf.float32, name: "x");
            var w = tf.Variable(3.0f, name: "w");
            Operation train = null;
            IVariableV1 gs = null;
            tf_with(tf.name_scope("loss"), ns =>
            {
                gs = tf.Variable(0L, trainable: false, name: "global_step");
                train = tf.train.GradientDescentOptimizer(0.1f).minimize(tf.square(x * w - 2.0f), global_step: gs);
            });
            print(train.name + " " + gs.Name);
            var sess = tf.Session();
            sess.run(tf.global_variables_initializer());
            sess.run(train, (x, 1.0f));
            print(Out.F(sess.run(w)));
            """ + Helpers, "loss/GradientDescent loss/global_step:0\n2.8\n");

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

    /// <summary>Runs the program on the current model, applies fix B to every unit, runs it again: the same output, nothing left.</summary>
    private static Task<string> ProveOnCurrentAsync(string before, string expectedOutput) =>
        ProveAsync(TfNetGeneration.Current, before, expectedOutput);

    /// <summary>The same on the old model (TensorFlow.NET v0.20, assembly TensorFlow.NET): the whole code fix, as on the current one.</summary>
    private static Task<string> ProveOnOldAsync(string before, string expectedOutput) =>
        ProveAsync(TfNetGeneration.Old, before, expectedOutput);

    /// <summary>
    /// Runs the program on the model of <paramref name="generation"/>, applies fix B to every unit with the whole code fix
    /// (analyzer, actions, fix-all), runs it again: the same output, no GSM001-GSM003 left.
    /// Returns the text after.
    /// </summary>
    private static async Task<string> ProveAsync(TfNetGeneration generation, string before, string expectedOutput)
    {
        var harness = Open(generation, before);
        Assert.Equal(expectedOutput, ModelRunner.Run(await harness.CompilationAsync(), generation));
        Assert.Contains(await harness.DiagnosticsAsync(), d => d.Id == "GSM002");

        await harness.FixAllAsync(FixAllScope.Document, B);
        var text = harness.Text();
        var left = await harness.DiagnosticsAsync();
        Assert.True(left.All(d => d.Id is not ("GSM001" or "GSM002" or "GSM003")), text + string.Join("\n", left.Select(d => d.Id + " " + d.GetMessage(System.Globalization.CultureInfo.InvariantCulture))));
        Assert.Equal(expectedOutput, ModelRunner.Run(await harness.CompilationAsync(), generation));
        return text;
    }

    /// <summary>The program in a workspace that references the model of <paramref name="generation"/>.</summary>
    private static FixHarness Open(TfNetGeneration generation, string program) =>
        FixHarness.Create(ImmutableArray.Create(ModelRunner.Reference(generation)), new[] { program });

    /// <summary>
    /// Opens the program on the model of <paramref name="generation"/> and requires that no fix is offered on its first
    /// diagnostic <paramref name="id"/>; returns the harness, that diagnostic's index and the diagnostic.
    /// </summary>
    private static async Task<(FixHarness Harness, int Index, Diagnostic Diagnostic)> NoFixOfferedAsync(TfNetGeneration generation, string program, string id)
    {
        var harness = Open(generation, program);
        var diagnostics = await harness.DiagnosticsAsync();
        var index = diagnostics.IndexOf(diagnostics.First(d => d.Id == id));
        Assert.Empty(await harness.FixesAsync(index));
        return (harness, index, diagnostics[index]);
    }
}
