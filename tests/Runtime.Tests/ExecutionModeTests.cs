using System;
using System.Threading;
using Xunit;
using Train = GlobalStepMigration.Runtime.Tf.Compat.V1.Train;

namespace GlobalStepMigration.Runtime.Tests;

/// <summary>
/// <c>tf.compat.v1.disable_eager_execution</c>, <c>enable_eager_execution</c>, <c>tf.executing_eagerly</c> and
/// <c>reset_default_graph</c>: graph mode on the thread's global default graph and its interaction with
/// <c>Graph.AsDefault()</c> (tensorflow/python/eager/context.py, tensorflow/python/framework/ops.py).
/// </summary>
[Collection(ExecutionModeCollection.Name)]
public class ExecutionModeTests : ExecutionModeTest
{
    [Fact]
    public void EagerByDefaultAndGraphModeAfterDisabling()
    {
        Assert.True(Tf.ExecutingEagerly());
        Assert.Null(Tf.Constant(1).Op);

        Tf.Compat.V1.DisableEagerExecution();

        Assert.False(Tf.ExecutingEagerly());
        var c = Tf.Constant(1);
        Assert.NotNull(c.Op);
        Assert.Same(Tf.Compat.V1.GetDefaultGraph(), c.Graph);
    }

    [Fact]
    public void InGraphModeVariablesOptimizersAndTheGlobalStepLiveOnTheDefaultGraph()
    {
        Tf.Compat.V1.DisableEagerExecution();
        var g = Tf.Compat.V1.GetDefaultGraph();

        var w = Tf.Variable(1.0, name: "w");
        var step = Train.GetOrCreateGlobalStep();
        var keras = Tf.Keras.Optimizers.SGD(0.1);

        Assert.Equal("VariableV2", w.Op!.Type);
        Assert.Same(g, w.Graph);
        Assert.Contains(w, g.GetCollection(Tf.Compat.V1.GraphKeys.GLOBAL_VARIABLES));
        Assert.Contains(w, g.GetCollection(Tf.Compat.V1.GraphKeys.TRAINABLE_VARIABLES));
        Assert.Same(g, step.Graph);
        Assert.Equal("global_step:0", step.Name);
        Assert.Same(step, Train.GetGlobalStep());
        Assert.Same(step, Train.GetGlobalStep(g));
        Assert.Same(g, keras.Iterations.Graph);

        // The TF1 training loop runs on a session over the default graph.
        var loss = Tf.Square(w - 3.0);
        var trainOp = Train.GradientDescentOptimizer(0.25).Minimize(loss, step);
        using var sess = Tf.Compat.V1.Session();
        Assert.Same(g, sess.Graph);
        sess.Run(Tf.Compat.V1.GlobalVariablesInitializer());
        sess.Run(trainOp!);
        Assert.Equal(1L, Train.GlobalStep(sess, step));
        Assert.Equal(2.0f, (float)sess.Run(w));
    }

    [Fact]
    public void PlaceholdersNeedGraphModeOrAGraph()
    {
        var e = Assert.Throws<InvalidOperationException>(() => Tf.Compat.V1.Placeholder(Tf.Float32));
        Assert.Equal("tf.placeholder() is not compatible with eager execution.", e.Message);

        Tf.Compat.V1.DisableEagerExecution();
        var x = Tf.Compat.V1.Placeholder(Tf.Float32, TensorShape.Scalar, name: "x");
        Assert.Equal("x:0", x.Name);
        Assert.Same(Tf.Compat.V1.GetDefaultGraph(), x.Graph);
    }

    [Fact]
    public void AsDefaultNestsOverTheGlobalDefaultGraphInBothModes()
    {
        foreach (var disable in new[] { false, true })
        {
            if (disable)
            {
                Tf.Compat.V1.DisableEagerExecution();
            }

            var global = Tf.Compat.V1.GetDefaultGraph();
            Assert.Same(global, Tf.Compat.V1.GetDefaultGraph());
            var g1 = new Graph();
            var g2 = new Graph();
            using (g1.AsDefault())
            {
                Assert.False(Tf.ExecutingEagerly());
                Assert.Same(g1, Tf.Compat.V1.GetDefaultGraph());
                Assert.Same(g1, Tf.Constant(1).Graph);
                using (g2.AsDefault())
                {
                    Assert.Same(g2, Tf.Compat.V1.GetDefaultGraph());
                    Assert.Same(g2, Tf.Constant(1).Graph);
                }

                Assert.Same(g1, Tf.Compat.V1.GetDefaultGraph());
            }

            Assert.Same(global, Tf.Compat.V1.GetDefaultGraph());
            Assert.Equal(!disable, Tf.ExecutingEagerly());
            Assert.Equal(disable, Tf.Constant(1).Graph is not null);
        }
    }

    [Fact]
    public void ResetDefaultGraphReplacesTheGlobalGraphAndRefusesInsideANestedScope()
    {
        Tf.Compat.V1.DisableEagerExecution();
        var before = Tf.Compat.V1.GetDefaultGraph();
        Train.CreateGlobalStep();

        using (new Graph().AsDefault())
        {
            var e = Assert.Throws<InvalidOperationException>(Tf.Compat.V1.ResetDefaultGraph);
            Assert.Equal(
                "Do not use tf.reset_default_graph() to clear nested graphs. If you need a cleared graph, exit the nesting and create a new graph.",
                e.Message);
        }

        Assert.Same(before, Tf.Compat.V1.GetDefaultGraph());
        Tf.Compat.V1.ResetDefaultGraph();
        var after = Tf.Compat.V1.GetDefaultGraph();
        Assert.NotSame(before, after);
        Assert.Null(Train.GetGlobalStep());
        Assert.Empty(after.GetOperations());
    }

    [Fact]
    public void EnableEagerExecutionMustComeBeforeTheDefaultGraphIsUsed()
    {
        Tf.Compat.V1.EnableEagerExecution(); // already eager: nothing to do
        Assert.True(Tf.ExecutingEagerly());

        Tf.Compat.V1.DisableEagerExecution();
        Tf.Constant(1);
        var e = Assert.Throws<ValueErrorException>(Tf.Compat.V1.EnableEagerExecution);
        Assert.Equal("tf.enable_eager_execution must be called at program startup.", e.Message);
        Assert.False(Tf.ExecutingEagerly());

        Tf.Compat.V1.ResetDefaultGraph();
        Tf.Compat.V1.EnableEagerExecution();
        Assert.True(Tf.ExecutingEagerly());
        Assert.Null(Tf.Constant(1).Op);
    }

    [Fact]
    public void TheModeIsPerThreadTakenFromTheProcessDefaultOnFirstUse()
    {
        using var asked = new ManualResetEventSlim();
        using var disabled = new ManualResetEventSlim();
        bool? early = null;
        bool? earlyAfter = null;
        var thread = new Thread(() =>
        {
            early = Tf.ExecutingEagerly();
            asked.Set();
            disabled.Wait();
            earlyAfter = Tf.ExecutingEagerly();
        });
        thread.Start();
        asked.Wait();
        Tf.Compat.V1.DisableEagerExecution();
        disabled.Set();
        thread.Join();

        // A thread that had asked keeps eager mode; a thread that asks now starts in graph mode, with its own graph.
        Assert.True(early);
        Assert.True(earlyAfter);
        bool? late = null;
        Graph? lateGraph = null;
        var lateThread = new Thread(() =>
        {
            late = Tf.ExecutingEagerly();
            lateGraph = Tf.Constant(1).Graph;
        });
        lateThread.Start();
        lateThread.Join();
        Assert.False(late);
        Assert.NotNull(lateGraph);
        Assert.NotSame(Tf.Compat.V1.GetDefaultGraph(), lateGraph);
    }

    [Fact]
    public void SeedProgramOnTheDefaultGraphRunsInGraphModeAndFindsItsStep() =>
        Assert.Equal(
            "before training: 0\nafter training: 1\n1\nexecuting eagerly: False\n"
            + "found by get_global_step: <tf.Variable 'global_step:0' shape=() dtype=int64_ref>\n",
            SeedProgramTests.RunSample("SeedTf1DefaultGraph"));

    /// <summary>
    /// TensorFlow 2's eager <c>tf.name_scope</c> (ops.py, name_scope_v2.__enter__, eager branch) touches no graph: it
    /// only extends the context's scope name ("a/", "a/b/"; a trailing slash is absolute; null or "" is the root) and
    /// makes nothing unique. Opened eagerly, it leaves the global default graph untouched: after graph mode is turned
    /// on, an op named like the scope keeps its name.
    /// </summary>
    [Fact]
    public void EagerNameScopeTouchesNoGraph()
    {
        using (var a = Tf.NameScope("a"))
        {
            Assert.Equal("a/", a.Name);
            using (var b = Tf.NameScope("b"))
            {
                Assert.Equal("a/b/", b.Name);
                using var root = Tf.NameScope(null);
                Assert.Equal("", root.Name);
            }

            using (var absolute = Tf.NameScope("x/"))
            {
                Assert.Equal("x/", absolute.Name);
            }

            using var again = Tf.NameScope("b");
            Assert.Equal("a/b/", again.Name);
        }

        using (var reopened = Tf.NameScope("a"))
        {
            Assert.Equal("a/", reopened.Name);
        }

        // Nothing was marked in the global default graph: graph mode starts with fresh names.
        Tf.Compat.V1.DisableEagerExecution();
        Assert.Equal("a", Tf.Constant(1, name: "a").Op!.Name);
        using (var inGraph = Tf.NameScope("a"))
        {
            Assert.Equal("a_1/", inGraph.Name);
        }
    }
}
