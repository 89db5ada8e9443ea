using System;
using System.Collections.Generic;
using Xunit;
using Train = GlobalStepMigration.Runtime.Tf.Compat.V1.Train;

namespace GlobalStepMigration.Runtime.Tests;

/// <summary>
/// The runtime behaviour the two fixes rely on (docs/design/observables.md): a TF1 optimizer incrementing a global
/// step that feeds a decay, (A) a Keras optimizer whose Iterations feeds the matching schedule, and
/// (B) Group(Minimize, step.AssignAdd(1)) all train identically and count identically.
/// </summary>
public class MigrationEquivalenceTests
{
    private static Tensor Loss(Variable w) => Tf.Square(w - 10.0);

    private static List<(double W, long Step)> RunGraph(Func<Variable, (Operation TrainOp, Tensor Step)> build)
    {
        var g = new Graph();
        Variable w;
        Operation trainOp, init;
        Tensor step;
        using (g.AsDefault())
        {
            w = Tf.Variable(0.0, name: "w");
            (trainOp, step) = build(w);
            init = Tf.Compat.V1.GlobalVariablesInitializer();
        }

        using var sess = new Session(g);
        sess.Run(init);
        var trajectory = new List<(double, long)>();
        for (var i = 0; i < 4; i++)
        {
            sess.Run(trainOp);
            trajectory.Add(((double)sess.Run(w), Train.GlobalStep(sess, step)));
        }

        return trajectory;
    }

    private static readonly List<(double W, long Step)> Expected = new()
    {
        // dL/dw = 2(w - 10), rates 0.1, 0.05, 0.025, 0.0125 at steps 0..3 (decay 0.5 per step):
        // w = 0 + 0.1 * 20, 2 + 0.05 * 16, 2.8 + 0.025 * 14.4, 3.16 + 0.0125 * 13.68.
        (2.0, 1), (2.8, 2), (3.16, 3), (3.331, 4),
    };

    private static void AssertTrajectory(List<(double W, long Step)> actual)
    {
        Assert.Equal(Expected.Count, actual.Count);
        for (var i = 0; i < Expected.Count; i++)
        {
            T.Near(Expected[i].W, actual[i].W);
            Assert.Equal(Expected[i].Step, actual[i].Step);
        }
    }

    [Fact]
    public void Tf1OptimizerIncrementingTheGlobalStep()
    {
        AssertTrajectory(RunGraph(w =>
        {
            var step = Train.GetOrCreateGlobalStep();
            var lr = Train.ExponentialDecay(0.1, step, 1, 0.5);
            return (Train.GradientDescentOptimizer(lr).Minimize(Loss(w), step, new[] { w })!, step);
        }));
    }

    [Fact]
    public void FixAKerasOptimizerOwnsTheCounter()
    {
        AssertTrajectory(RunGraph(w =>
        {
            var optimizer = Tf.Keras.Optimizers.SGD(Tf.Keras.Optimizers.Schedules.ExponentialDecay(0.1, 1, 0.5));
            var step = optimizer.Iterations;
            return (optimizer.Minimize(Loss(w), new[] { w })!, step);
        }));
    }

    [Fact]
    public void FixBGroupIncrementsAfterTheUpdate()
    {
        AssertTrajectory(RunGraph(w =>
        {
            var step = Tf.Variable(0L, trainable: false, name: "global_step");
            var lr = Train.ExponentialDecay(0.1, step, 1, 0.5);
            var trainOp = Tf.Group(Train.GradientDescentOptimizer(lr).Minimize(Loss(w), varList: new[] { w }), step.AssignAdd(1))!;
            return (trainOp, step);
        }));
    }

    [Fact]
    public void FixBWithTheIncrementListedFirstWouldSeeTheIncrementedStep()
    {
        // The order Group runs its inputs in matters: incrementing first makes the first update use step 1.
        var trajectory = RunGraph(w =>
        {
            var step = Tf.Variable(0L, trainable: false, name: "global_step");
            var lr = Train.ExponentialDecay(0.1, step, 1, 0.5);
            var trainOp = Tf.Group(step.AssignAdd(1), Train.GradientDescentOptimizer(lr).Minimize(Loss(w), varList: new[] { w }))!;
            return (trainOp, step);
        });

        // Run 1 reads the step inside the same run after AssignAdd has written 1: lr = 0.05, w = 1.
        T.Near(1.0, trajectory[0].W);
    }

    [Fact]
    public void FixBEagerly()
    {
        var w = Tf.Variable(0.0);
        var step = Tf.Variable(0L, trainable: false, name: "global_step");
        var optimizer = Train.GradientDescentOptimizer(0.1);
        for (var i = 0; i < 3; i++)
        {
            Assert.Null(Tf.Group(optimizer.Minimize(() => Loss(w), varList: new[] { w }), step.AssignAdd(1)));
        }

        // w = 2, 3.6, 4.88 with a constant rate 0.1.
        T.Near(4.88, (double)w.Numpy());
        Assert.Equal(3L, (long)step.Numpy());
    }

    public static IEnumerable<object[]> Counters() => new[] { new object[] { "tf1" }, new object[] { "keras" } };

    [Theory]
    [MemberData(nameof(Counters))]
    public void StepFetchedWithTheTrainOpIsReadWhereItIsListed(string kind)
    {
        // The decay (schedule) reads the counter before the increment; a fetch listed after the train
        // op reads it again and sees the increment, whichever generation owns the counter.
        var g = new Graph();
        Operation trainOp, init;
        Tensor step;
        using (g.AsDefault())
        {
            var w = Tf.Variable(0.0, name: "w");
            if (kind == "tf1")
            {
                step = Train.GetOrCreateGlobalStep();
                trainOp = Train.GradientDescentOptimizer(Train.ExponentialDecay(0.1, step, 1, 0.5)).Minimize(Loss(w), step)!;
            }
            else
            {
                var optimizer = Tf.Keras.Optimizers.SGD(Tf.Keras.Optimizers.Schedules.ExponentialDecay(0.1, 1, 0.5));
                step = optimizer.Iterations;
                trainOp = optimizer.Minimize(Loss(w), new[] { w })!;
            }

            init = Tf.Compat.V1.GlobalVariablesInitializer();
        }

        using var sess = new Session(g);
        sess.Run(init);
        var after = Assert.IsType<List<object?>>(sess.Run(new List<object> { trainOp, step }));
        Assert.Equal(1.0, T.Value(after[1]));
        var before = Assert.IsType<List<object?>>(sess.Run(new List<object> { step, trainOp }));
        Assert.Equal(1.0, T.Value(before[0]));
        Assert.Equal(2L, Train.GlobalStep(sess, step));
    }
}
