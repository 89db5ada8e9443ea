using System;
using Xunit;

namespace GlobalStepMigration.Runtime.Tests;

/// <summary>Symbolic gradients in a graph and GradientTape eagerly.</summary>
public class GradientTests
{
    [Fact]
    public void GraphGradientOfAPolynomial()
    {
        var g = new Graph();
        Tensor x, dy;
        using (g.AsDefault())
        {
            x = Tf.Compat.V1.Placeholder(Tf.Float32, TensorShape.Scalar, name: "x");
            var y = x * x + 3.0 * x;
            dy = Tf.Gradients(y, new[] { x })[0]!;
        }

        using var sess = new Session(g);

        // d/dx (x^2 + 3x) = 2x + 3 = 7 at x = 2.
        Assert.Equal(7.0, (double)sess.Run(dy, new FeedDict { [x] = 2 }));
    }

    [Fact]
    public void GraphGradientWithRespectToVariables()
    {
        var g = new Graph();
        Variable a, b, unused;
        Tensor? da, db, du;
        Operation init;
        using (g.AsDefault())
        {
            a = Tf.Variable(1.0, name: "a");
            b = Tf.Variable(0.5, name: "b");
            unused = Tf.Variable(9.0, name: "unused");
            var loss = Tf.Square(a * 2.0 + b - 3.0);
            var grads = Tf.Compat.V1.Gradients(loss, new Tensor[] { a, b, unused });
            (da, db, du) = (grads[0], grads[1], grads[2]);
            init = Tf.Compat.V1.GlobalVariablesInitializer();
        }

        Assert.Null(du);
        using var sess = new Session(g);
        sess.Run(init);

        // r = 2a + b - 3 = -0.5; dL/da = 2r * 2 = -2; dL/db = 2r = -1.
        Assert.Equal(-2.0, (double)sess.Run(da!));
        Assert.Equal(-1.0, (double)sess.Run(db!));
    }

    [Fact]
    public void TapeGradientOfAnEagerComputation()
    {
        var a = Tf.Variable(1.0);
        var b = Tf.Variable(1.0);
        var frozen = Tf.Variable(2.0, trainable: false);
        using var tape = Tf.GradientTape();
        var loss = Tf.Square(a * 2.0 + b * frozen - 3.0);
        var grads = tape.Gradient(loss, new Tensor[] { a, b, frozen });

        // r = 2a + 2b - 3 = 1; dL/da = 2r * 2 = 4; dL/db = 2r * frozen = 4; frozen is not watched.
        Assert.Equal(4.0, (double)grads[0]!.Numpy());
        Assert.Equal(4.0, (double)grads[1]!.Numpy());
        Assert.Null(grads[2]);
    }

    [Fact]
    public void WatchedTensorsAndVariablesGetGradients()
    {
        var frozen = Tf.Variable(2.0, trainable: false);
        var x = Tf.Constant(3.0);
        using var tape = Tf.GradientTape();
        tape.Watch(frozen);
        tape.Watch(x);
        var y = frozen * x * x;
        var grads = tape.Gradient(y, new Tensor[] { frozen, x });
        Assert.Equal(9.0, (double)grads[0]!.Numpy());
        Assert.Equal(12.0, (double)grads[1]!.Numpy());
    }

    [Fact]
    public void BroadcastGradientsAreSummedBackToTheInputShape()
    {
        var w = Tf.Variable(NDArray.FromValues(DType.Float32, new[] { 2 }, new[] { 1.0, 2.0 }));
        var bias = Tf.Variable(0.5);
        using var tape = Tf.GradientTape();
        var loss = Tf.ReduceSum(w * 3.0 + bias);
        var grads = tape.Gradient(loss, new Tensor[] { w, bias });
        Assert.Equal("[3. 3.]", grads[0]!.Numpy().ToString());
        Assert.Equal(2.0, (double)grads[1]!.Numpy());
    }

    [Fact]
    public void MatMulAndMeanGradients()
    {
        var w = Tf.Variable((NDArray)new[,] { { 1.0 }, { 2.0 } });
        var x = Tf.Constant(new[,] { { 1.0, 2.0 }, { 3.0, 4.0 } });
        using var tape = Tf.GradientTape();
        var loss = Tf.ReduceMean(Tf.MatMul(x, w));

        // loss = mean(x w) over 2 rows, so dL/dw = x^T [0.5, 0.5]^T = [[2], [3]].
        var grad = tape.Gradient(loss, w)!;
        Assert.Equal("[[2.]\n [3.]]", grad.Numpy().ToString());
    }

    [Fact]
    public void NonPersistentTapeComputesOnce()
    {
        var v = Tf.Variable(1.0);
        using var tape = Tf.GradientTape();
        var y = v * v;
        tape.Gradient(y, v);
        var e = Assert.Throws<InvalidOperationException>(() => tape.Gradient(y, v));
        Assert.Equal("A non-persistent GradientTape can only be used to compute one set of gradients (or jacobians)", e.Message);
    }

    [Fact]
    public void PersistentTapeComputesRepeatedly()
    {
        var v = Tf.Variable(3.0);
        using var tape = Tf.GradientTape(persistent: true);
        var y = v * v;
        Assert.Equal(6.0, (double)tape.Gradient(y, v)!.Numpy());
        Assert.Equal(6.0, (double)tape.Gradient(y, v)!.Numpy());
    }

    [Fact]
    public void GraphGradientsEagerlyAreAValueError()
    {
        var v = Tf.Variable(1.0);
        var e = Assert.Throws<ValueErrorException>(() => Tf.Gradients(v * 2.0, new Tensor[] { v }));
        Assert.StartsWith("tf.gradients is not supported when eager execution is enabled.", e.Message);
    }

    [Fact]
    public void OperationsAfterTheTapeIsClosedAreNotRecorded()
    {
        var v = Tf.Variable(3.0);
        var tape = Tf.GradientTape(persistent: true);
        Tensor inside;
        using (tape)
        {
            inside = v * v;
        }

        var outside = v * v * v;
        Assert.Equal(6.0, (double)tape.Gradient(inside, v)!.Numpy());
        Assert.Null(tape.Gradient(outside, v));
    }
}
