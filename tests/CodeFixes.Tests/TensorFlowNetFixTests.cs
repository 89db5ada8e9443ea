using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Xunit;

namespace GlobalStepMigration.CodeFixes.Tests;

/// <summary>
/// Fix B on TensorFlow.NET code (docs/tensorflow-net.md), through the Workspaces API, compiled against the current
/// generation of the TensorFlow.NET model (tests/TensorFlowNet.Model.Current, assembly Tensorflow.Binding). The proof
/// here is compilation, text and idempotence: the result compiles with no warning or error, no GSM001/GSM002 is left,
/// and fix-all again changes nothing (the programs here are libraries or do not train; TensorFlowNetFixBTests runs
/// training programs before and after on both model generations). (The programs print with TensorFlow.NET's print: Console.WriteLine of an NDArray
/// is ambiguous there, NDArray converting implicitly to bool, int, long, float and double.)
/// </summary>
public sealed class TensorFlowNetFixTests
{
    private const string B = GlobalStepFixes.UseExplicitVariableKey;

    private const string Usings = """
        using System;
        using System.Collections.Generic;
        using Tensorflow;
        using Tensorflow.Train;
        using static Tensorflow.Binding;

        """;

    private static FixHarness Create(string source) =>
        FixHarness.Create(ImmutableArray.Create<MetadataReference>(MetadataReference.CreateFromFile(typeof(Tensorflow.Binding).Assembly.Location)), new[] { source });

    /// <summary>Applies <paramref name="apply"/> and checks the result; returns the text after the fix.</summary>
    private static async Task<string> ProveAsync(string before, System.Func<FixHarness, Task> apply)
    {
        var harness = Create(before);
        var beforeProblems = Problems(await harness.CompilationAsync());
        Assert.Empty(beforeProblems);

        await apply(harness);
        var text = harness.Text();
        Assert.True(Problems(await harness.CompilationAsync()).Length == 0, string.Join("\n", Problems(await harness.CompilationAsync())) + "\n" + text);

        // Nothing is left to fix.
        Assert.DoesNotContain(await harness.DiagnosticsAsync(), d => d.Id is "GSM001" or "GSM002" or "GSM003");

        // A second fix-all pass is a no-op.
        await harness.FixAllAsync(FixAllScope.Document, B);
        Assert.Equal(text, harness.Text());
        return text;
    }

    private static ImmutableArray<Diagnostic> Problems(Compilation compilation) =>
        compilation.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToImmutableArray();

    [Fact]
    public async Task HandMadeStep_Named_ReadInSessRunTuple()
    {
        var after = await ProveAsync(Usings + """
            var x = tf.placeholder(tf.float32);
            var w = tf.Variable(3.0f, name: "w");
            Tensor loss = x * w;
            var optimizer = tf.train.GradientDescentOptimizer(0.1f);
            // The step, made by hand.
            var gs = tf.Variable(0L, trainable: false, name: "global_step");
            var train_op = optimizer.minimize(loss, global_step: gs); // one update
            using var sess = tf.Session();
            sess.run(tf.global_variables_initializer());
            var (_, step) = sess.run((train_op, (Tensor)gs));
            print(step);
            """, h => h.ApplyAsync(0, B));

        Assert.Equal(Usings + """
            var x = tf.placeholder(tf.float32);
            var w = tf.Variable(3.0f, name: "w");
            Tensor loss = x * w;
            var optimizer = tf.train.GradientDescentOptimizer(0.1f);
            // The step, made by hand.
            var gs = tf.Variable(0L, trainable: false, name: "global_step");
            var train_op = tf_with(tf.control_dependencies(new[] { optimizer.apply_gradients(optimizer.compute_gradients(loss), name: optimizer.Name + "/update") }),
                _ => tf_with(tf.name_scope(optimizer.Name), scope => tf.assign_add(gs, tf.constant(1L), name: scope).op)); // one update
            using var sess = tf.Session();
            sess.run(tf.global_variables_initializer());
            var (_, step) = sess.run((train_op, (Tensor)gs));
            print(step);
            """, after);
    }

    [Fact]
    public async Task HandMadeInt32Step_Positional_IncrementKeepsTheDtype()
    {
        var after = await ProveAsync(Usings + """
            var x = tf.placeholder(tf.float32);
            var w = tf.Variable(3.0f, name: "w");
            Tensor loss = x * w;
            var gs = tf.Variable(0, trainable: false, name: "global_step");
            var optimizer = tf.train.AdamOptimizer(0.01f);
            var train_op = optimizer.minimize(loss, gs, new List<IVariableV1> { w });
            """, h => h.FixAllAsync(FixAllScope.Document, B));

        Assert.Contains("var gs = tf.Variable(0, trainable: false, name: \"global_step\");", after);
        Assert.Contains("""
            var train_op = tf_with(tf.control_dependencies(new[] { optimizer.apply_gradients(optimizer.compute_gradients(loss, var_list: new List<IVariableV1> { w }), name: optimizer.Name + "/update") }),
                _ => tf_with(tf.name_scope(optimizer.Name), scope => tf.assign_add(gs, tf.constant(1), name: scope).op));
            """, after);
    }

    [Fact]
    public async Task CreateGlobalStep_FieldTypedIVariableV1_LookupReadsTheField()
    {
        var after = await ProveAsync("""
            using System;
            using Tensorflow;
            using static Tensorflow.Binding;
            using static Tensorflow.Train.TrainingUtil;

            class Model
            {
                private readonly IVariableV1 _step = create_global_step();

                public Operation Train(Tensor loss) => tf.train.GradientDescentOptimizer(0.5f).minimize(loss, global_step: _step);

                public void Print(Session sess) => print(sess.run(get_global_step().AsTensor()));
            }
            """, h => h.FixAllAsync(FixAllScope.Document, B));

        Assert.Equal("""
            using System;
            using Tensorflow;
            using static Tensorflow.Binding;
            using static Tensorflow.Train.TrainingUtil;

            class Model
            {
                private readonly IVariableV1 _step = tf.Variable(0L, trainable: false, name: "global_step");

                public Operation Train(Tensor loss)
                {
                    var optimizer = tf.train.GradientDescentOptimizer(0.5f);
                    return tf_with(tf.control_dependencies(new[] { optimizer.apply_gradients(optimizer.compute_gradients(loss), name: optimizer.Name + "/update") }),
                        _ => tf_with(tf.name_scope(optimizer.Name), scope => tf.assign_add(_step, tf.constant(1L), name: scope).op));
                }

                public void Print(Session sess) => print(sess.run(_step.AsTensor()));
            }
            """, after);
    }

    [Fact]
    public async Task ApplyGradients_GetVariable_NamedAndPositional()
    {
        var after = await ProveAsync(Usings + """
            class Trainer
            {
                public Operation Build(Tensor loss, Optimizer optimizer)
                {
                    var gs = tf.compat.v1.get_variable("global_step", dtype: tf.int64, trainable: false);
                    var grads_and_vars = optimizer.compute_gradients(loss);
                    return optimizer.apply_gradients(grads_and_vars, global_step: gs, name: "train");
                }
            }
            """, h => h.FixAllAsync(FixAllScope.Document, B));

        Assert.Equal(Usings + """
            class Trainer
            {
                public Operation Build(Tensor loss, Optimizer optimizer)
                {
                    var gs = tf.compat.v1.get_variable("global_step", dtype: tf.int64, trainable: false);
                    var grads_and_vars = optimizer.compute_gradients(loss);
                    return tf_with(tf.control_dependencies(new[] { optimizer.apply_gradients(grads_and_vars, name: "train/update") }),
                        _ => tf_with(tf.name_scope("train"), scope => tf.assign_add(gs, tf.constant(1L), name: scope).op));
                }
            }
            """, after);
    }

    [Fact]
    public async Task TwoGraphs_EachHandMadeStepIsItsOwnUnit()
    {
        var after = await ProveAsync(Usings + """
            class Trainer
            {
                public Operation BuildA(Tensor loss)
                {
                    var a = tf.Variable(0L, trainable: false, name: "step_a");
                    return tf.train.GradientDescentOptimizer(0.1f).minimize(loss, global_step: a);
                }

                public Operation BuildB(Tensor loss)
                {
                    var b = tf.Variable(0L, trainable: false, name: "step_b");
                    return tf.train.GradientDescentOptimizer(0.2f).minimize(loss, global_step: b);
                }
            }
            """, h => h.FixAllAsync(FixAllScope.Document, B));

        Assert.Contains("""
                    var optimizer = tf.train.GradientDescentOptimizer(0.1f);
                    return tf_with(tf.control_dependencies(new[] { optimizer.apply_gradients(optimizer.compute_gradients(loss), name: optimizer.Name + "/update") }),
                        _ => tf_with(tf.name_scope(optimizer.Name), scope => tf.assign_add(a, tf.constant(1L), name: scope).op));
            """, after);
        Assert.Contains("""
                    var optimizer = tf.train.GradientDescentOptimizer(0.2f);
                    return tf_with(tf.control_dependencies(new[] { optimizer.apply_gradients(optimizer.compute_gradients(loss), name: optimizer.Name + "/update") }),
                        _ => tf_with(tf.name_scope(optimizer.Name), scope => tf.assign_add(b, tf.constant(1L), name: scope).op));
            """, after);
    }

    [Fact]
    public async Task CreateGlobalStep_VarLocal_BecomesVariable()
    {
        var after = await ProveAsync(Usings + """
            var loss = tf.placeholder(tf.float32);
            var gs = TrainingUtil.create_global_step();
            var train_op = tf.train.GradientDescentOptimizer(0.1f).minimize(loss, global_step: gs);
            using var sess = tf.Session();
            print(sess.run(gs));
            """, h => h.FixAllAsync(FixAllScope.Document, B));

        Assert.Contains("var gs = tf.Variable(0L, trainable: false, name: \"global_step\");", after);
        Assert.Contains("""
            var optimizer = tf.train.GradientDescentOptimizer(0.1f);
            var train_op = tf_with(tf.control_dependencies(new[] { optimizer.apply_gradients(optimizer.compute_gradients(loss), name: optimizer.Name + "/update") }),
                _ => tf_with(tf.name_scope(optimizer.Name), scope => tf.assign_add(gs, tf.constant(1L), name: scope).op));
            """, after);
    }

    /// <summary>Where fix B cannot write compiling, equivalent TensorFlow.NET code, it is not offered.</summary>
    [Theory]
    // tf.Variable returns a ResourceVariable, which a RefVariable field cannot hold.
    [InlineData("""
        class Trainer
        {
            private RefVariable? _step;

            public Operation Build(Tensor loss)
            {
                _step = (RefVariable)TrainingUtil.create_global_step();
                return tf.train.GradientDescentOptimizer(0.1f).minimize(loss, _step);
            }
        }
        """)]
    // sess.run(IVariableV1) would bind to run(object): the lookup cannot become the field.
    [InlineData("""
        class Model
        {
            private readonly IVariableV1 _step = TrainingUtil.create_global_step();

            public Operation Train(Tensor loss) => tf.train.GradientDescentOptimizer(0.5f).minimize(loss, global_step: _step);

            public void Print(Session sess) => print(sess.run(TrainingUtil.get_global_step()));
        }
        """)]
    // The increment's dtype is unknown (get_variable without dtype).
    [InlineData("""
        class Trainer
        {
            public Operation Build(Tensor loss)
            {
                var gs = tf.compat.v1.get_variable("global_step", trainable: false);
                return tf.train.GradientDescentOptimizer(0.1f).minimize(loss, global_step: gs);
            }
        }
        """)]
    // Another type finds the step with tf.train.get_global_step: it would stop seeing it.
    [InlineData("""
        class Model
        {
            private readonly IVariableV1 _step = TrainingUtil.create_global_step();

            public Operation Train(Tensor loss) => tf.train.GradientDescentOptimizer(0.5f).minimize(loss, global_step: _step);
        }

        static class Reporter
        {
            public static void Print(Session sess) => print(sess.run(tf.train.get_global_step(null).AsTensor()));
        }
        """)]
    // learning_rate_decay.polynomial_decay has no Keras schedule with the same formula (its body throws NotImplementedException).
    [InlineData("""
        class Trainer
        {
            private RefVariable _step = new RefVariable(0L, trainable: false, name: "global_step");

            public Operation Build(Tensor loss)
            {
                var lr = Tensorflow.Training.learning_rate_decay.polynomial_decay(0.1f, _step, 1000f);
                var optimizer = tf.train.GradientDescentOptimizer(lr);
                return optimizer.minimize(loss, _step);
            }
        }
        """)]
    public async Task NotOffered_WhereTheIdiomWouldNotCompileOrWouldChangeMeaning(string body)
    {
        var harness = Create(Usings + body);
        Assert.Empty(Problems(await harness.CompilationAsync()));
        var diagnostics = await harness.DiagnosticsAsync();
        Assert.Contains(diagnostics, d => d.Id is "GSM001" or "GSM002");
        for (var i = 0; i < diagnostics.Length; i++)
        {
            Assert.DoesNotContain(await harness.ActionsAsync(i), a => a.Title == GlobalStepFixes.UseExplicitVariableTitle);
        }
    }
}
