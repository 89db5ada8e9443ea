using System;
using System.Collections.Generic;
using System.Linq;
using GlobalStepMigration.Runtime.Keras.Optimizers;
using Xunit;
using GraphKeys = GlobalStepMigration.Runtime.Tf.Compat.V1.GraphKeys;
using Optimizers = GlobalStepMigration.Runtime.Tf.Keras.Optimizers;

namespace GlobalStepMigration.Runtime.Tests;

/// <summary>
/// docs/design/runtime-semantics.md, section 4 (optimizers), Keras optimizers (Keras 3 semantics). Numeric tests train a = 1, b = 0.5 (float64)
/// on loss = (2a + b - 3)^2 as in <see cref="Tf1OptimizerTests"/>. Keras keeps the learning rate as a
/// float32, so a rate of 0.05 is (double)0.05f; the difference is far below the 1e-6 tolerance.
/// </summary>
public class KerasOptimizerTests
{
    private static Tensor Loss(Tensor a, Tensor b) => Tf.Square(a * 2.0 + b - 3.0);

    private static void EagerStep(Optimizer optimizer, Variable a, Variable b)
    {
        List<Tensor?> grads;
        using (var tape = Tf.GradientTape())
        {
            grads = tape.Gradient(Loss(a, b), new Tensor[] { a, b });
        }

        optimizer.ApplyGradients(grads.Zip(new[] { a, b }));
    }

    private static (double[] A, double[] B) AdamExpected(double lr, double epsilon)
    {
        var adam = Tf1OptimizerTests.AdamByHand(lr, 0.9, 0.999, epsilon, 3);
        return (adam.Select(x => x.A).ToArray(), adam.Select(x => x.B).ToArray());
    }

    public static IEnumerable<object[]> Trajectories()
    {
        // SGD: var -= lr g. Grads (-2, -1), (-1, -0.5), (-0.5, -0.25).
        yield return new object[] { "sgd", new[] { 1.1, 1.15, 1.175 }, new[] { 0.55, 0.575, 0.5875 } };

        // SGD with momentum 0.9: m = 0.9 m - lr g; var += m. m_a = 0.1, 0.14, 0.106 (grads -2, -1, 0.4).
        yield return new object[] { "momentum", new[] { 1.1, 1.24, 1.346 }, new[] { 0.55, 0.62, 0.673 } };

        // Adam, lr 0.1, epsilon 1e-7, bias correction with iterations + 1.
        var (a, b) = AdamExpected(0.1, 1e-7);
        yield return new object[] { "adam", a, b };
    }

    private static Optimizer Make(string kind) => kind switch
    {
        "sgd" => Optimizers.SGD(0.05),
        "momentum" => Optimizers.SGD(0.05, momentum: 0.9),
        _ => Optimizers.Adam(0.1),
    };

    [Theory]
    [MemberData(nameof(Trajectories))]
    public void ThreeEagerStepsMatchTheHandComputation(string kind, double[] expectedA, double[] expectedB)
    {
        var optimizer = Make(kind);
        var a = T.Var64(1.0);
        var b = T.Var64(0.5);
        for (var i = 0; i < 3; i++)
        {
            EagerStep(optimizer, a, b);
            T.Near(expectedA[i], (double)a.Numpy());
            T.Near(expectedB[i], (double)b.Numpy());
            Assert.Equal(i + 1, (long)optimizer.Iterations.Numpy());
        }
    }

    [Theory]
    [MemberData(nameof(Trajectories))]
    public void ThreeGraphStepsMatchTheHandComputation(string kind, double[] expectedA, double[] expectedB)
    {
        var g = new Graph();
        Variable a, b;
        Optimizer optimizer;
        Operation trainOp, init;
        using (g.AsDefault())
        {
            a = T.Var64(1.0, "a");
            b = T.Var64(0.5, "b");
            optimizer = Make(kind);
            trainOp = optimizer.Minimize(Loss(a, b), new[] { a, b })!;
            init = Tf.Compat.V1.GlobalVariablesInitializer();
        }

        using var sess = new Session(g);
        sess.Run(init);
        Assert.Equal(0L, (long)sess.Run(optimizer.Iterations));
        for (var i = 0; i < 3; i++)
        {
            sess.Run(trainOp);
            T.Near(expectedA[i], (double)sess.Run(a));
            T.Near(expectedB[i], (double)sess.Run(b));
            Assert.Equal(i + 1, (long)sess.Run(optimizer.Iterations));
        }
    }

    [Fact]
    public void EagerMinimizeWithALossFunction()
    {
        var optimizer = Optimizers.SGD(0.05);
        var a = T.Var64(1.0);
        var b = T.Var64(0.5);
        Assert.Null(optimizer.Minimize(() => Loss(a, b), new[] { a, b }));
        T.Near(1.1, (double)a.Numpy());
        T.Near(0.55, (double)b.Numpy());
        Assert.Equal(1L, (long)optimizer.Iterations.Numpy());
    }

    [Fact]
    public void NesterovMomentumStep()
    {
        var optimizer = Optimizers.SGD(0.05, momentum: 0.9, nesterov: true);
        var a = T.Var64(1.0);
        var b = T.Var64(0.5);
        EagerStep(optimizer, a, b);

        // m = -lr g = (0.1, 0.05); var += -lr g + 0.9 m: a = 1 + 0.1 + 0.09, b = 0.5 + 0.05 + 0.045.
        T.Near(1.19, (double)a.Numpy());
        T.Near(0.595, (double)b.Numpy());
    }

    [Fact]
    public void IterationsStartsAtZeroAsANonTrainableInt64Scalar()
    {
        Tf.Keras.Backend.ClearSession();
        var optimizer = Optimizers.SGD();
        var iterations = optimizer.Iterations;
        Assert.Equal(0L, (long)iterations.Numpy());
        Assert.Equal(DType.Int64, iterations.DType);
        Assert.Equal(TensorShape.Scalar, iterations.Shape);
        Assert.False(iterations.Trainable);
        Assert.Equal("<Variable path=sgd/iteration, shape=(), dtype=int64, value=0>", iterations.ToString());

        // Keras 3's automatic names: the class name in snake case, numbered per thread; a given name is kept.
        Assert.Equal("sgd/iteration:0", iterations.Name);
        Assert.Equal("adam/iteration:0", Optimizers.Adam().Iterations.Name);
        Assert.Equal("sgd_1/iteration:0", Optimizers.SGD().Iterations.Name);
        Assert.Equal("mine/iteration:0", Optimizers.SGD(name: "mine").Iterations.Name);
        Assert.Equal("mine/iteration:0", Optimizers.SGD(name: "mine").Iterations.Name);
        Tf.Keras.Backend.ClearSession();
        Assert.Equal("sgd", Optimizers.SGD().Name);
    }

    [Fact]
    public void IterationsCountsApplyGradientsCalls()
    {
        var optimizer = Optimizers.SGD(0.1);
        var w = Tf.Variable(1.0);
        for (var i = 1; i <= 3; i++)
        {
            Assert.Null(optimizer.ApplyGradients(new (Tensor?, Variable)[] { (Tf.Constant(1.0), w) }));
            Assert.Equal(i, (long)optimizer.Iterations.Numpy());
        }

        T.Near(0.7, (double)w.Numpy());
    }

    [Fact]
    public void ApplyGradientsOfAnEmptyListRaisesAsKeras3UnpacksIt()
    {
        // keras/src/optimizers/base_optimizer.py: grads, trainable_variables = zip(*grads_and_vars)
        var optimizer = Optimizers.SGD();
        var e = Assert.Throws<ValueErrorException>(() => optimizer.ApplyGradients(Array.Empty<(Tensor?, Variable)>()));
        Assert.Equal("not enough values to unpack (expected 2, got 0)", e.Message);
        Assert.Equal(0L, (long)optimizer.Iterations.Numpy());
    }

    [Fact]
    public void ApplyOfNoGradientsIsANoOpThatDoesNotIncrement()
    {
        var optimizer = Optimizers.SGD();
        Assert.Null(optimizer.Apply(Array.Empty<Tensor?>(), Array.Empty<Variable>()));
        Assert.Null(optimizer.Apply(Array.Empty<Tensor?>()));
        Assert.Equal(0L, (long)optimizer.Iterations.Numpy());
        Assert.False(optimizer.Built);
    }

    [Fact]
    public void ApplyWithoutVariablesNeedsABuiltOptimizerAndOneGradientPerVariable()
    {
        var optimizer = Optimizers.SGD(0.5);
        var w = Tf.Variable(1.0);
        var e = Assert.Throws<ValueErrorException>(() => optimizer.Apply(new Tensor?[] { Tf.Constant(1.0) }));
        Assert.Equal(
            "When passing `grads` without `variables`, the optimizer must already be built on a list of variables. "
            + "Call `optimizer.build(trainable_variables)` first. ",
            e.Message);

        optimizer.Build(new[] { w });
        Assert.True(optimizer.Built);
        e = Assert.Throws<ValueErrorException>(() => optimizer.Apply(new Tensor?[] { Tf.Constant(1.0), Tf.Constant(2.0) }));
        Assert.Equal(
            "When passing `grads` as a list of gradient tensors, the gradients must match `optimizer.variables` one-to-on. "
            + "Received a list of 2 gradients, but the optimizer is tracking 1 trainable variables.",
            e.Message);

        optimizer.Apply(new Tensor?[] { Tf.Constant(1.0) });
        Assert.Equal(0.5f, (float)w.Numpy());
        Assert.Equal(1L, (long)optimizer.Iterations.Numpy());
    }

    [Fact]
    public void TheFirstApplyBuildsTheOptimizerAndOtherVariablesAreRefused()
    {
        var optimizer = Optimizers.SGD(0.5, momentum: 0.9);
        var w = Tf.Variable(1.0, name: "w");
        var u = Tf.Variable(2.0, name: "u");
        optimizer.ApplyGradients(new (Tensor?, Variable)[] { (Tf.Constant(1.0), w), (null, u) });

        // Built on both (slots for both, although u had no gradient); a subset may be updated later.
        Assert.True(optimizer.Built);
        Assert.Equal(4, optimizer.Variables.Count);
        optimizer.ApplyGradients(new (Tensor?, Variable)[] { (Tf.Constant(1.0), u) });
        Assert.Equal(2L, (long)optimizer.Iterations.Numpy());

        var other = Tf.Variable(3.0, name: "other");
        var e = Assert.Throws<ValueErrorException>(() => optimizer.ApplyGradients(new (Tensor?, Variable)[] { (Tf.Constant(1.0), other) }));
        Assert.Equal(
            "Unknown variable: <tf.Variable 'other:0' shape=() dtype=float32, numpy=3.0>. This optimizer can only be called for the variables it was "
            + "originally built with. When working with a new set of variables, you should recreate a new optimizer instance.",
            e.Message);
        Assert.Equal(2L, (long)optimizer.Iterations.Numpy());
    }

    [Fact]
    public void VariablesListIterationLearningRateThenTheSlotsInKerasOrder()
    {
        var a = Tf.Variable(1.0, name: "a");
        var b = Tf.Variable(2.0, name: "b");
        var sgd = Optimizers.SGD(0.1, momentum: 0.5, name: "opt");
        Assert.Equal(new[] { "opt/iteration:0", "opt/learning_rate:0" }, sgd.Variables.Select(v => v.Name));
        Assert.Equal(0.1f, (float)sgd.Variables[1].Numpy());
        Assert.Equal(DType.Float32, sgd.Variables[1].DType);
        sgd.Build(new[] { a, b });
        Assert.Equal(new[] { "opt/iteration:0", "opt/learning_rate:0", "opt/a_0_momentum:0", "opt/b_0_momentum:0" }, sgd.Variables.Select(v => v.Name));

        // Adam interleaves momentum and velocity per variable; AMSGrad's velocity_hat come after.
        var adam = Optimizers.Adam(amsgrad: true, name: "ad");
        adam.Build(new[] { a, b });
        Assert.Equal(
            new[] { "ad/iteration:0", "ad/learning_rate:0", "ad/a_0_momentum:0", "ad/a_0_velocity:0", "ad/b_0_momentum:0", "ad/b_0_velocity:0",
                "ad/a_0_velocity_hat:0", "ad/b_0_velocity_hat:0" },
            adam.Variables.Select(v => v.Name));

        // A schedule has no learning-rate variable; plain SGD has no slots.
        var scheduled = Optimizers.SGD(Optimizers.Schedules.ExponentialDecay(0.1, 1, 0.5), name: "s");
        scheduled.Build(new[] { a });
        Assert.Equal(new[] { "s/iteration:0" }, scheduled.Variables.Select(v => v.Name));
    }

    [Fact]
    public void MissingGradientsAreReportedWithKerasWarning()
    {
        var optimizer = Optimizers.SGD(0.5);
        var w = Tf.Variable(1.0, name: "w");
        var u = Tf.Variable(1.0, name: "u");
        var log = T.CaptureLog(() => optimizer.ApplyGradients(new (Tensor?, Variable)[] { (Tf.Constant(1.0), w), (null, u) }));
        Assert.Equal(
            "Gradients do not exist for variables ['u:0'] when minimizing the loss. If using `model.compile()`, did you forget to provide a `loss` argument?",
            Assert.Single(log));
    }

    [Fact]
    public void AllNullGradientsAreAnErrorAndDoNotIncrement()
    {
        var optimizer = Optimizers.SGD();
        var w = Tf.Variable(1.0);
        var e = Assert.Throws<ValueErrorException>(() => optimizer.ApplyGradients(new (Tensor?, Variable)[] { (null, w) }));
        Assert.Equal("No gradients provided for any variable.", e.Message);
        Assert.Equal(0L, (long)optimizer.Iterations.Numpy());
    }

    [Fact]
    public void NullGradientsAreSkippedWhenOthersArePresent()
    {
        var optimizer = Optimizers.SGD(0.5);
        var w = Tf.Variable(1.0);
        var untouched = Tf.Variable(1.0);
        optimizer.ApplyGradients(new (Tensor?, Variable)[] { (Tf.Constant(1.0), w), (null, untouched) });
        Assert.Equal(0.5, (double)w.Numpy());
        Assert.Equal(1.0, (double)untouched.Numpy());
        Assert.Equal(1L, (long)optimizer.Iterations.Numpy());
    }

    [Fact]
    public void IterationsIsAReadOnlyPropertyWhoseValueCanBeAssigned()
    {
        var property = typeof(Optimizer).GetProperty(nameof(Optimizer.Iterations))!;
        Assert.False(property.CanWrite);
        Assert.Equal(typeof(Variable), property.PropertyType);

        var optimizer = Optimizers.SGD(0.1);
        optimizer.Iterations.Assign(5L);
        Assert.Equal(5L, (long)optimizer.Iterations.Numpy());
        optimizer.ApplyGradients(new (Tensor?, Variable)[] { (Tf.Constant(1.0), Tf.Variable(1.0)) });
        Assert.Equal(6L, (long)optimizer.Iterations.Numpy());
    }

    [Fact]
    public void GraphIterationsIsNamedAfterTheUniqueOptimizerNameAndInitialized()
    {
        var g = new Graph();
        Optimizer first, second;
        using (g.AsDefault())
        {
            first = Optimizers.SGD(name: "opt");
            second = Optimizers.SGD(name: "opt");
        }

        Assert.Equal("opt/iteration:0", first.Iterations.Name);
        Assert.Equal("opt_1/iteration:0", second.Iterations.Name);
        Assert.Equal("opt_1", second.Name);
        Assert.Equal("<Variable path=opt/iteration, shape=(), dtype=int64>", first.Iterations.ToString());
        Assert.Same(g, first.Iterations.Graph);
        Assert.Contains(first.Iterations, g.GetCollection(GraphKeys.GLOBAL_VARIABLES));
        Assert.DoesNotContain(first.Iterations, g.GetCollection(GraphKeys.TRAINABLE_VARIABLES));
    }

    [Fact]
    public void GraphApplyOfNoGradientsIsNullAndApplyGradientsOfNoneRaises()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var optimizer = Optimizers.SGD();
            Assert.Null(optimizer.Apply(Array.Empty<Tensor?>(), Array.Empty<Variable>()));
            Assert.Throws<ValueErrorException>(() => optimizer.ApplyGradients(Array.Empty<(Tensor?, Variable)>()));
        }
    }

    [Fact]
    public void ScheduleSeesIterationsBeforeTheIncrementEagerly()
    {
        var optimizer = Optimizers.SGD(Optimizers.Schedules.ExponentialDecay(0.1, 1, 0.5));
        var w = Tf.Variable(0.0);
        var expected = new[] { 2.0, 2.8, 3.16 };
        for (var i = 0; i < 3; i++)
        {
            List<Tensor?> grads;
            using (var tape = Tf.GradientTape())
            {
                grads = tape.Gradient(Tf.Square(w - 10.0), new Tensor[] { w });
            }

            // dL/dw = 2(w - 10); the rates are 0.1, 0.05, 0.025 at iterations 0, 1, 2.
            optimizer.ApplyGradients(grads.Zip(new[] { w }));
            T.Near(expected[i], (double)w.Numpy());
        }
    }

    [Fact]
    public void ScheduleSeesIterationsBeforeTheIncrementInAGraph()
    {
        var g = new Graph();
        Variable w;
        Optimizer optimizer;
        Operation trainOp, init;
        using (g.AsDefault())
        {
            w = Tf.Variable(0.0, name: "w");
            optimizer = Optimizers.SGD(Optimizers.Schedules.ExponentialDecay(0.1, 1, 0.5));
            trainOp = optimizer.Minimize(Tf.Square(w - 10.0), new[] { w })!;
            init = Tf.Compat.V1.GlobalVariablesInitializer();
        }

        using var sess = new Session(g);
        sess.Run(init);
        foreach (var expected in new[] { 2.0, 2.8, 3.16 })
        {
            sess.Run(trainOp);
            T.Near(expected, (double)sess.Run(w));
        }
    }

    [Fact]
    public void ScheduleSeesAnAssignedIterationsValue()
    {
        var optimizer = Optimizers.SGD(Optimizers.Schedules.ExponentialDecay(0.1, 1, 0.5));
        optimizer.Iterations.Assign(2L);
        T.Near(0.025, (double)optimizer.LearningRate.Numpy());
        var w = Tf.Variable(0.0);
        optimizer.ApplyGradients(new (Tensor?, Variable)[] { (Tf.Constant(-20.0), w) });
        T.Near(0.5, (double)w.Numpy());
        Assert.Equal(3L, (long)optimizer.Iterations.Numpy());
    }

    [Fact]
    public void AdamKeepsKerasDefaults()
    {
        Tf.Keras.Backend.ClearSession();
        var adam = Optimizers.Adam();
        Assert.Equal(1e-7, adam.Epsilon);
        Assert.Equal(0.9, adam.Beta1);
        Assert.Equal(0.999, adam.Beta2);
        Assert.False(adam.Amsgrad);
        Assert.Equal("adam", adam.Name);
        Assert.Equal(0.001, (double)adam.LearningRate.Numpy(), 1e-9);
        Assert.Equal(1e-7, new Adam().Epsilon);
        Assert.Equal(0.01, (double)Optimizers.SGD().LearningRate.Numpy(), 1e-9);
    }

    [Fact]
    public void AdamEpsilonDefaultsDifferBetweenGenerations()
    {
        // One step with gradient g = 1e-7: m = 0.1 g, v = 0.001 g^2, lr_1 = lr sqrt(0.001) / 0.1, so the
        // step is lr * sqrt(0.001) g / (sqrt(0.001) g + epsilon), where epsilon is 1e-8 (TF1) or 1e-7 (Keras).
        var tf1 = T.Var64(0.0);
        Tf.Compat.V1.Train.AdamOptimizer(T.F64(0.001)).ApplyGradients(new (Tensor?, Variable)[] { (T.F64(1e-7), tf1) });
        var keras = T.Var64(0.0);
        Optimizers.Adam(0.001).ApplyGradients(new (Tensor?, Variable)[] { (T.F64(1e-7), keras) });

        // TF1 casts its float32 hyperparameters to float64: beta1 = (double)0.9f and so on (the learning rate here
        // is a float64 tensor, which stays exact).
        double b1 = 0.9f, b2 = 0.999f, lr = 0.001, eps = 1e-8f, g = 1e-7;
        var tf1Step = g * (1 - b1) * (lr * Math.Sqrt(1 - b2) / (1 - b1)) / (Math.Sqrt(g * g * (1 - b2)) + eps);
        T.Near(-tf1Step, (double)tf1.Numpy(), 1e-12);
        var sg = Math.Sqrt(0.001) * 1e-7;
        T.Near(-(double)0.001f * sg / (sg + 1e-7), (double)keras.Numpy(), 1e-12);
        Assert.True(Math.Abs((double)tf1.Numpy() - (double)keras.Numpy()) > 2e-4);
    }

    [Fact]
    public void MomentumOutsideZeroToOneIsAValueError()
    {
        var e = Assert.Throws<ValueErrorException>(() => Optimizers.SGD(0.01, momentum: 1.5));
        Assert.Equal("`momentum` must be a float between [0, 1].", e.Message);
    }

    [Fact]
    public void EagerOptimizerOnGraphVariablesIsRejectedInsteadOfCountingAtBuildTime()
    {
        var optimizer = Optimizers.SGD(0.1, name: "opt");
        var g = new Graph();
        using (g.AsDefault())
        {
            var w = Tf.Variable(1.0, name: "w");
            var e = Assert.Throws<ValueErrorException>(() => optimizer.Minimize(Tf.Square(w), new[] { w }));
            Assert.StartsWith("Tensor(w:0) must be from the same graph as Tensor(opt/iteration:0).", e.Message);
        }

        Assert.Equal(0L, (long)optimizer.Iterations.Numpy());
    }
}
