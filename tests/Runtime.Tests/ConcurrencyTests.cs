using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Xunit;

namespace GlobalStepMigration.Runtime.Tests;

/// <summary>
/// Issue 7 item 3: each thread has its own default graph (and its own name scope, control dependency
/// and variable scope stacks in a shared graph); concurrent Session.Run on one session is serialized.
/// </summary>
public class ConcurrencyTests
{
    /// <summary>
    /// Runs <paramref name="body"/> on <paramref name="count"/> dedicated threads and rethrows the first
    /// failure; with <paramref name="together"/>, the threads wait at a barrier so their bodies start at once.
    /// </summary>
    internal static void OnThreads(int count, Action<int> body, bool together = false)
    {
        var errors = new ConcurrentQueue<Exception>();
        using var barrier = new Barrier(together ? count : 0);
        var threads = Enumerable.Range(0, count).Select(i => new Thread(() =>
        {
            try
            {
                if (together)
                {
                    barrier.SignalAndWait();
                }

                body(i);
            }
            catch (Exception e)
            {
                errors.Enqueue(e);
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        if (errors.TryDequeue(out var first))
        {
            throw new AggregateException(first);
        }
    }

    [Fact]
    public void EachThreadHasItsOwnDefaultGraph()
    {
        var graphs = new Graph[3];
        OnThreads(3, i => graphs[i] = Tf.Compat.V1.GetDefaultGraph());
        Assert.Equal(3, graphs.Distinct().Count());
        Assert.DoesNotContain(Tf.Compat.V1.GetDefaultGraph(), graphs);
    }

    [Fact]
    public void AGraphPushedOnOneThreadIsNotTheDefaultOnAnother()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            Graph? seen = null;
            var eager = false;
            OnThreads(1, _ =>
            {
                seen = Tf.Compat.V1.GetDefaultGraph();
                eager = Tf.ExecutingEagerly();
            });
            Assert.NotSame(g, seen);
            Assert.True(eager);
            Assert.False(Tf.ExecutingEagerly());
        }
    }

    [Fact]
    public void NameScopesAndControlDependenciesArePerThreadInASharedGraph()
    {
        var g = new Graph();
        Operation? trigger;
        using (g.AsDefault())
        {
            trigger = Tf.Group(Tf.Constant(0, name: "trigger"));
        }

        var names = new string[2];
        var controls = new int[2];
        using var barrier = new Barrier(2);
        OnThreads(2, i =>
        {
            using (g.AsDefault())
            {
                if (i == 0)
                {
                    using (Tf.NameScope("scoped"))
                    using (Tf.ControlDependencies(trigger!))
                    {
                        barrier.SignalAndWait();
                        var c = Tf.Constant(1, name: "c");
                        (names[0], controls[0]) = (c.Op!.Name, c.Op.ControlInputs.Count);
                        barrier.SignalAndWait();
                    }
                }
                else
                {
                    barrier.SignalAndWait();
                    var d = Tf.Constant(1, name: "d");
                    (names[1], controls[1]) = (d.Op!.Name, d.Op.ControlInputs.Count);
                    barrier.SignalAndWait();
                }
            }
        });

        Assert.Equal("scoped/c", names[0]);
        Assert.Equal(1, controls[0]);
        Assert.Equal("d", names[1]);
        Assert.Equal(0, controls[1]);
    }

    [Fact]
    public void ConcurrentOpCreationGivesUniqueNames()
    {
        var g = new Graph();
        var names = new ConcurrentBag<string>();
        OnThreads(4, _ =>
        {
            using (g.AsDefault())
            {
                for (var k = 0; k < 250; k++)
                {
                    names.Add(Tf.Constant(k, name: "c").Op!.Name);
                }
            }
        });

        Assert.Equal(1000, names.Distinct().Count());
        Assert.Equal(1000, g.GetOperations().Count);
        Assert.Contains("c", names);
        Assert.Contains("c_999", names);
    }

    [Fact]
    public void ConcurrentCollectionAdditionsAreAllKept()
    {
        var g = new Graph();
        OnThreads(4, i =>
        {
            for (var k = 0; k < 500; k++)
            {
                g.AddToCollection("k", i * 1000 + k);
            }
        });

        Assert.Equal(2000, g.GetCollection("k").Distinct().Count());
    }

    [Fact]
    public void ConcurrentRunsOnOneSessionAreSerialized()
    {
        var g = new Graph();
        Variable counter;
        Tensor inc;
        Operation init;
        using (g.AsDefault())
        {
            counter = Tf.Variable(0L, name: "counter");
            inc = counter.AssignAdd(1);
            init = Tf.Compat.V1.GlobalVariablesInitializer();
        }

        using var sess = new Session(g);
        sess.Run(init);
        var results = new ConcurrentBag<long>();
        OnThreads(4, _ =>
        {
            for (var k = 0; k < 250; k++)
            {
                results.Add((long)sess.Run(inc));
            }
        });

        // Every run saw a distinct value: no increment was lost or observed twice.
        Assert.Equal(1000L, (long)sess.Run(counter));
        Assert.Equal(Enumerable.Range(1, 1000).Select(v => (long)v), results.OrderBy(v => v));
    }

    [Fact]
    public void ConcurrentTrainingOnOneSessionKeepsTheStepInStep()
    {
        var g = new Graph();
        Tensor step;
        Operation trainOp, init;
        using (g.AsDefault())
        {
            var w = Tf.Variable(0.0, name: "w");
            step = Tf.Compat.V1.Train.GetOrCreateGlobalStep();
            trainOp = Tf.Compat.V1.Train.GradientDescentOptimizer(0.01).Minimize(Tf.Square(w - 1.0), step)!;
            init = Tf.Compat.V1.GlobalVariablesInitializer();
        }

        using var sess = new Session(g);
        sess.Run(init);
        OnThreads(3, _ =>
        {
            for (var k = 0; k < 100; k++)
            {
                sess.Run(trainOp);
            }
        });

        Assert.Equal(300L, Tf.Compat.V1.Train.GlobalStep(sess, step));
    }

    [Fact]
    public void GradientTapesOnDifferentThreadsAreIndependent()
    {
        var gradients = new double[4];
        OnThreads(4, i =>
        {
            var v = Tf.Variable((double)i);
            for (var k = 0; k < 50; k++)
            {
                using var tape = Tf.GradientTape();
                var y = v * v;
                gradients[i] = (double)tape.Gradient(y, v)!.Numpy();
            }
        });

        Assert.Equal(new[] { 0.0, 2.0, 4.0, 6.0 }, gradients);
    }

    [Fact]
    public void VariableScopesArePerThreadInASharedGraph()
    {
        var g = new Graph();
        var names = new string[2];
        using var barrier = new Barrier(2);
        OnThreads(2, i =>
        {
            using (g.AsDefault())
            {
                if (i == 0)
                {
                    using (Tf.Compat.V1.VariableScope("scope"))
                    {
                        barrier.SignalAndWait();
                        names[0] = Tf.Compat.V1.GetVariable("x", TensorShape.Scalar).Name;
                        barrier.SignalAndWait();
                    }
                }
                else
                {
                    barrier.SignalAndWait();
                    names[1] = Tf.Compat.V1.GetVariable("y", TensorShape.Scalar).Name;
                    barrier.SignalAndWait();
                }
            }
        });

        Assert.Equal(new[] { "scope/x:0", "y:0" }, names);
    }
}
