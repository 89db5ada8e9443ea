using System;
using System.Collections.Concurrent;
using System.Linq;
using Xunit;
using GraphKeys = GlobalStepMigration.Runtime.Tf.Compat.V1.GraphKeys;
using Train = GlobalStepMigration.Runtime.Tf.Compat.V1.Train;

namespace GlobalStepMigration.Runtime.Tests;

/// <summary>
/// Issue 7 item 3, concurrency of the global step itself: threads that get or create the step of one
/// graph, build its cached read, train and count through it, or bump an eager step or a Keras
/// optimizer's iterations, all see one step and lose no increment.
/// </summary>
public class GlobalStepConcurrencyTests
{
    private const int Threads = 8;

    /// <summary>Starts <paramref name="count"/> threads at once (a barrier) and rethrows the first failure.</summary>
    private static void Together(int count, Action<int> body) => ConcurrencyTests.OnThreads(count, body, together: true);

    [Fact]
    public void GetOrCreateGlobalStepOnOneGraphFromManyThreadsCreatesOneStep()
    {
        for (var round = 0; round < 20; round++)
        {
            var g = new Graph();
            var steps = new Tensor[Threads];
            Together(Threads, i => steps[i] = Train.GetOrCreateGlobalStep(g));

            Assert.All(steps, s => Assert.Same(steps[0], s));
            Assert.Single(g.GetCollection(GraphKeys.GLOBAL_STEP));
            Assert.Equal("global_step:0", steps[0].Name);
            Assert.Single(g.GetOperations(), op => op.Type == "VariableV2");
        }
    }

    [Fact]
    public void GetOrCreateGlobalStepUnderTheGraphAsDefaultOnEveryThreadCreatesOneStep()
    {
        for (var round = 0; round < 20; round++)
        {
            var g = new Graph();
            var steps = new Tensor[Threads];
            Together(Threads, i =>
            {
                using (g.AsDefault())
                {
                    steps[i] = Train.GetOrCreateGlobalStep();
                }
            });

            Assert.All(steps, s => Assert.Same(steps[0], s));
            Assert.Single(g.GetCollection(GraphKeys.GLOBAL_STEP));
        }
    }

    [Fact]
    public void CreateGlobalStepRacingOnOneGraphCreatesOneAndRefusesTheRest()
    {
        for (var round = 0; round < 20; round++)
        {
            var g = new Graph();
            var created = new ConcurrentBag<Variable>();
            var refused = new ConcurrentBag<string>();
            Together(Threads, _ =>
            {
                try
                {
                    created.Add(Train.CreateGlobalStep(g));
                }
                catch (ValueErrorException e)
                {
                    refused.Add(e.Message);
                }
            });

            Assert.Single(created);
            Assert.Equal(Threads - 1, refused.Count);
            Assert.All(refused, m => Assert.Equal("\"global_step\" already exists.", m));
            Assert.Same(created.Single(), Train.GetGlobalStep(g));
        }
    }

    [Fact]
    public void OptimizersBuiltOnManyThreadsShareOneStepAndOneCachedRead()
    {
        for (var round = 0; round < 10; round++)
        {
            var g = new Graph();
            var trainOps = new Operation[Threads];
            Tensor step;
            using (g.AsDefault())
            {
                step = Train.GetOrCreateGlobalStep();
            }

            // Each thread builds its own variable and optimizer, all incrementing the one step.
            Together(Threads, i =>
            {
                using (g.AsDefault())
                {
                    var w = Tf.Variable((double)i, name: "w");
                    trainOps[i] = Train.GradientDescentOptimizer(0.1).Minimize(Tf.Square(w - 1.0), step)!;
                }
            });

            Operation init;
            using (g.AsDefault())
            {
                init = Tf.Compat.V1.GlobalVariablesInitializer();
            }

            using var sess = new Session(g);
            sess.Run(init);
            foreach (var op in trainOps)
            {
                sess.Run(op);
            }

            Assert.Equal((long)Threads, Train.GlobalStep(sess, step));
        }
    }

    [Fact]
    public void TheCachedStepReadBuiltOnManyThreadsIsOne()
    {
        for (var round = 0; round < 20; round++)
        {
            var g = new Graph();
            using (g.AsDefault())
            {
                Train.GetOrCreateGlobalStep();
            }

            var reads = new Tensor?[Threads];
            Together(Threads, i => reads[i] = TrainingUtil.GetOrCreateGlobalStepRead(g));

            Assert.All(reads, r => Assert.Same(reads[0], r));
            Assert.Single(g.GetCollection(GraphKeys.GLOBAL_STEP_READ_KEY));
        }
    }

    [Fact]
    public void EagerStepBumpedFromManyThreadsLosesNoIncrement()
    {
        var eager = Tf.Variable(0L, trainable: false, name: "global_step");
        Together(Threads, _ =>
        {
            for (var k = 0; k < 250; k++)
            {
                eager.AssignAdd(1);
            }
        });

        Assert.Equal(Threads * 250L, (long)eager.Numpy());
        var g2 = new Graph();
        Operation init;
        Tensor inc;
        using (g2.AsDefault())
        {
            var s = Train.GetOrCreateGlobalStep();
            inc = ((Variable)s).AssignAdd(1);
            init = Tf.Compat.V1.GlobalVariablesInitializer();
        }

        using var sess = new Session(g2);
        sess.Run(init);
        Together(Threads, _ =>
        {
            for (var k = 0; k < 100; k++)
            {
                sess.Run(inc);
            }
        });

        Assert.Equal(Threads * 100L, Train.GlobalStep(sess, Train.GetGlobalStep(g2)!));
    }

    [Fact]
    public void KerasIterationsCountEveryUpdateFromManyThreads()
    {
        // Keras 3 updates only the variables an optimizer was built with: build it on every thread's variable first.
        var optimizer = Tf.Keras.Optimizers.SGD(0.01);
        var variables = Enumerable.Range(0, Threads).Select(i => Tf.Variable((double)i)).ToArray();
        optimizer.Build(variables);
        Together(Threads, i =>
        {
            var v = variables[i];
            for (var k = 0; k < 50; k++)
            {
                optimizer.Minimize(() => Tf.Square(v - 1.0), new[] { v });
            }
        });

        Assert.Equal(Threads * 50L, (long)optimizer.Iterations.Numpy());
    }

    [Fact]
    public void EagerTf1MinimizeWithASharedStepCountsEveryCall()
    {
        var step = Tf.Variable(0L, trainable: false, name: "global_step");
        var optimizer = Train.GradientDescentOptimizer(0.01);
        Together(Threads, i =>
        {
            var v = Tf.Variable((double)i);
            for (var k = 0; k < 50; k++)
            {
                optimizer.Minimize(() => Tf.Square(v - 1.0), step, new[] { v });
            }
        });

        Assert.Equal(Threads * 50L, (long)step.Numpy());
    }
}
