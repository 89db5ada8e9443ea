using System;
using System.Collections.Generic;
using Xunit;
using Schedules = GlobalStepMigration.Runtime.Tf.Keras.Optimizers.Schedules;
using Train = GlobalStepMigration.Runtime.Tf.Compat.V1.Train;

namespace GlobalStepMigration.Runtime.Tests;

/// <summary>
/// docs/design/runtime-semantics.md, section 4 (optimizers), learning-rate decay: TF's formulas for every TF1 decay function and Keras schedule,
/// and each TF1 function gives exactly the value of the matching Keras schedule.
/// </summary>
public class ScheduleTests
{
    private static readonly long[] Steps = { 0, 1, 5, 10, 15, 25 };

    private static Tensor Step(long step) => Tf.Constant(NDArray.Scalar(step, DType.Int64));

    private static double Eval(Tensor t) => (double)t.Numpy();

    private static void Check(Func<Tensor, Tensor> tf1, Func<Tensor, Tensor> keras, Func<double, double> formula)
    {
        foreach (var step in Steps)
        {
            var fromTf1 = Eval(tf1(Step(step)));
            var fromKeras = Eval(keras(Step(step)));
            Assert.Equal(fromKeras, fromTf1);
            T.Near(formula(step), fromTf1);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ExponentialDecay(bool staircase)
    {
        // lr * rate ^ (step / decay_steps), the exponent floored when staircase.
        Check(
            s => Train.ExponentialDecay(0.1, s, 10, 0.5, staircase),
            s => Schedules.ExponentialDecay(0.1, 10, 0.5, staircase).Call(s),
            step => 0.1 * Math.Pow(0.5, staircase ? Math.Floor(step / 10) : step / 10));
        T.Near(0.05, Eval(Schedules.ExponentialDecay(0.1, 10, 0.5).Call(Step(10))));
        T.Near(0.1 * Math.Sqrt(0.5), Eval(Schedules.ExponentialDecay(0.1, 10, 0.5).Call(Step(5))));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void PolynomialDecay(bool cycle)
    {
        // (lr - end) * (1 - step / decay_steps) ^ power + end, step clipped to decay_steps, or
        // with cycle decay_steps stretched to the next multiple (1 at step 0).
        Check(
            s => Train.PolynomialDecay(0.1, s, 10, 0.01, power: 2, cycle: cycle),
            s => Schedules.PolynomialDecay(0.1, 10, 0.01, power: 2, cycle: cycle).Call(s),
            step =>
            {
                var decaySteps = cycle ? 10 * (step == 0 ? 1 : Math.Ceiling(step / 10)) : 10;
                var p = (cycle ? step : Math.Min(step, 10)) / decaySteps;
                return (0.1 - 0.01) * Math.Pow(1 - p, 2) + 0.01;
            });
        T.Near(0.0325, Eval(Schedules.PolynomialDecay(0.1, 10, 0.01, power: 2).Call(Step(5))));
        T.Near(0.01, Eval(Schedules.PolynomialDecay(0.1, 10, 0.01, power: 2).Call(Step(20))));
        T.Near(0.015625, Eval(Schedules.PolynomialDecay(0.1, 10, 0.01, power: 2, cycle: true).Call(Step(15))));
    }

    [Fact]
    public void PolynomialDecayDefaults()
    {
        // end_learning_rate 0.0001, power 1: halfway is the midpoint.
        T.Near((0.1 + 0.0001) / 2, Eval(Train.PolynomialDecay(0.1, Step(5), 10)));
        T.Near((0.1 + 0.0001) / 2, Eval(Schedules.PolynomialDecay(0.1, 10).Call(Step(5))));
    }

    [Fact]
    public void PiecewiseConstant()
    {
        // values[0] while step <= 10, values[1] while 10 < step <= 20, then values[2].
        double[] boundaries = { 10, 20 };
        double[] values = { 1.0, 0.5, 0.1 };
        Check(
            s => Train.PiecewiseConstant(s, boundaries, values),
            s => Schedules.PiecewiseConstantDecay(boundaries, values).Call(s),
            step => step <= 10 ? 1.0 : step <= 20 ? 0.5 : 0.1);
        foreach (var (step, expected) in new (long, double)[] { (10, 1.0), (11, 0.5), (20, 0.5), (21, 0.1) })
        {
            T.Near(expected, Eval(Train.PiecewiseConstant(Step(step), boundaries, values)));
        }
    }

    [Fact]
    public void PiecewiseConstantNeedsOneMoreValueThanBoundaries()
    {
        var e = Assert.Throws<ValueErrorException>(() => Schedules.PiecewiseConstantDecay(new double[] { 1, 2 }, new double[] { 1, 2 }));
        Assert.Equal("The length of boundaries should be 1 less than the length of values", e.Message);
        Assert.Throws<ValueErrorException>(() => Train.PiecewiseConstant(Step(0), new double[] { 1 }, new double[] { 1 }));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void InverseTimeDecay(bool staircase)
    {
        // lr / (1 + rate * step / decay_steps), the ratio floored when staircase.
        Check(
            s => Train.InverseTimeDecay(0.1, s, 10, 0.5, staircase),
            s => Schedules.InverseTimeDecay(0.1, 10, 0.5, staircase).Call(s),
            step => 0.1 / (1 + 0.5 * (staircase ? Math.Floor(step / 10) : step / 10)));
        T.Near(0.08, Eval(Schedules.InverseTimeDecay(0.1, 10, 0.5).Call(Step(5))));
    }

    [Fact]
    public void CosineDecay()
    {
        // lr * ((1 - alpha) * 0.5 * (1 + cos(pi * min(step, decay_steps) / decay_steps)) + alpha).
        Check(
            s => Train.CosineDecay(0.1, s, 10, alpha: 0.1),
            s => Schedules.CosineDecay(0.1, 10, alpha: 0.1).Call(s),
            step => 0.1 * ((1 - 0.1) * 0.5 * (1 + Math.Cos(Math.PI * Math.Min(step, 10) / 10)) + 0.1));
        T.Near(0.055, Eval(Schedules.CosineDecay(0.1, 10, alpha: 0.1).Call(Step(5))));
        T.Near(0.01, Eval(Schedules.CosineDecay(0.1, 10, alpha: 0.1).Call(Step(25))));
        T.Near(0.0, Eval(Train.CosineDecay(0.1, Step(10), 10)));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void NaturalExpDecay(bool staircase)
    {
        // lr * exp(-rate * step / decay_steps): an exponential decay with rate exp(-rate).
        Check(
            s => Train.NaturalExpDecay(0.1, s, 10, 0.5, staircase),
            s => Schedules.ExponentialDecay(0.1, 10, Math.Exp(-0.5), staircase).Call(s),
            step => 0.1 * Math.Exp(-0.5 * (staircase ? Math.Floor(step / 10) : step / 10)));
    }

    [Fact]
    public void DecayFunctionsRequireTheStep()
    {
        var cases = new (string Name, Action Call)[]
        {
            ("exponential_decay", () => Train.ExponentialDecay(0.1, null!, 10, 0.5)),
            ("polynomial_decay", () => Train.PolynomialDecay(0.1, null!, 10)),
            ("inverse_time_decay", () => Train.InverseTimeDecay(0.1, null!, 10, 0.5)),
            ("cosine_decay", () => Train.CosineDecay(0.1, null!, 10)),
            ("natural_exp_decay", () => Train.NaturalExpDecay(0.1, null!, 10, 0.5)),
        };
        foreach (var (name, call) in cases)
        {
            var e = Assert.Throws<ValueErrorException>(call);
            Assert.Equal($"global_step is required for {name}.", e.Message);
        }
    }

    [Fact]
    public void DecayOfTheGlobalStepInAGraphFollowsTheStep()
    {
        var g = new Graph();
        Tensor step, lr;
        Tensor inc;
        Operation init;
        using (g.AsDefault())
        {
            step = Train.GetOrCreateGlobalStep();
            lr = Train.ExponentialDecay(0.1, step, 2, 0.5, staircase: true);
            inc = ((Variable)step).AssignAdd(1);
            init = Tf.Compat.V1.GlobalVariablesInitializer();
        }

        Assert.Equal(DType.Float32, lr.DType);
        using var sess = new Session(g);
        sess.Run(init);
        var seen = new List<double>();
        for (var i = 0; i < 5; i++)
        {
            seen.Add((double)sess.Run(lr));
            sess.Run(inc);
        }

        // Steps 0..4 with decay_steps 2, staircase: exponents 0, 0, 1, 1, 2.
        var expected = new[] { 0.1, 0.1, 0.05, 0.05, 0.025 };
        for (var i = 0; i < 5; i++)
        {
            T.Near(expected[i], seen[i]);
        }
    }

    [Fact]
    public void LearningRateDTypeFollowsTheInitialRate()
    {
        var lr = Train.ExponentialDecay(Tf.Constant(NDArray.Scalar(0.1, DType.Float64)), Step(5), 10, 0.5);
        Assert.Equal(DType.Float64, lr.DType);
        Assert.Equal(0.1 * Math.Pow(0.5, 0.5), (double)lr.Numpy(), 12);
        Assert.Equal(DType.Float32, Schedules.ExponentialDecay(0.1, 10, 0.5).Call(Step(5)).DType);
    }

    [Fact]
    public void KerasSchedulesRefuseANonPositivePeriodAsKeras3Does()
    {
        var e = Assert.Throws<ValueErrorException>(() => Tf.Keras.Optimizers.Schedules.ExponentialDecay(0.1, 0, 0.5));
        Assert.Equal("Argument `decay_steps` must be > 0. Received: decay_steps=0", e.Message);
        Assert.Throws<ValueErrorException>(() => Tf.Keras.Optimizers.Schedules.PolynomialDecay(0.1, -1));
        Assert.Throws<ValueErrorException>(() => Tf.Keras.Optimizers.Schedules.InverseTimeDecay(0.1, 0, 0.5));
        Assert.Equal("Argument `decay_steps` must be > 0. Received: decay_steps=-2.5",
            Assert.Throws<ValueErrorException>(() => Tf.Keras.Optimizers.Schedules.CosineDecay(0.1, -2.5)).Message);
    }
}
