using System;
using Xunit;

namespace GlobalStepMigration.Runtime.Tests;

/// <summary>Issue 2 item 2: elementwise arithmetic with broadcasting, matmul, reductions, square, cast; eager and in a graph.</summary>
public class OpsTests
{
    private static readonly NDArray Matrix = new[,] { { 1.0, 2.0 }, { 3.0, 4.0 } };

    /// <summary>Evaluates <paramref name="build"/> eagerly and in a graph; both must agree.</summary>
    private static NDArray Both(Func<Tensor> build)
    {
        var eager = build().Numpy();
        var g = new Graph();
        Tensor symbolic;
        using (g.AsDefault())
        {
            symbolic = build();
        }

        Assert.NotNull(symbolic.Op);
        using var sess = new Session(g);
        var graph = sess.Run(symbolic);
        Assert.Equal(eager, graph);
        Assert.Equal(symbolic.DType, graph.DType);
        return eager;
    }

    [Fact]
    public void BroadcastingArithmetic()
    {
        var column = (NDArray)new[,] { { 1.0 }, { 2.0 } };
        var row = (NDArray)new[] { 10.0, 20.0, 30.0 };
        var sum = Both(() => Tf.Constant(column) + Tf.Constant(row));
        Assert.Equal(new[] { 2, 3 }, sum.Shape);
        Assert.Equal("[[11. 21. 31.]\n [12. 22. 32.]]", sum.ToString());
        Assert.Equal("[[-9. -19. -29.]\n [-8. -18. -28.]]", Both(() => Tf.Subtract(Tf.Constant(column), Tf.Constant(row))).ToString());
        Assert.Equal("[[10. 20. 30.]\n [20. 40. 60.]]", Both(() => Tf.Multiply(Tf.Constant(column), Tf.Constant(row))).ToString());
        Assert.Equal("[[2. 4.]\n [6. 8.]]", Both(() => Tf.Constant(Matrix) * 2.0).ToString());
        Assert.Equal("[[-1. -2.]\n [-3. -4.]]", Both(() => -Tf.Constant(Matrix)).ToString());
    }

    [Fact]
    public void StaticShapeOfABroadcast()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var a = Tf.Compat.V1.Placeholder(Tf.Float32, TensorShape.Partial(null, 1));
            var b = Tf.Compat.V1.Placeholder(Tf.Float32, new TensorShape(3));
            Assert.Equal(TensorShape.Partial(null, 3), (a + b).Shape);
            Assert.Equal(TensorShape.Unknown, (a + Tf.Compat.V1.Placeholder(Tf.Float32)).Shape);
        }
    }

    [Fact]
    public void TrueDivisionOfIntegersIsFloat64()
    {
        var q = Both(() => Tf.Divide(Tf.Constant(7), Tf.Constant(2)));
        Assert.Equal(DType.Float64, q.DType);
        Assert.Equal(3.5, (double)q);
        Assert.Equal(0.25, (double)Both(() => Tf.Constant(1.0) / 4.0));
    }

    [Fact]
    public void MatMulAndTransposes()
    {
        Assert.Equal("[[7. 10.]\n [15. 22.]]", Both(() => Tf.MatMul(Tf.Constant(Matrix), Tf.Constant(Matrix))).ToString());
        Assert.Equal("[[10. 14.]\n [14. 20.]]", Both(() => Tf.MatMul(Tf.Constant(Matrix), Tf.Constant(Matrix), transposeA: true)).ToString());
        Assert.Equal("[[5. 11.]\n [11. 25.]]", Both(() => Tf.MatMul(Tf.Constant(Matrix), Tf.Constant(Matrix), transposeB: true)).ToString());
        var e = Assert.Throws<InvalidArgumentException>(() => Tf.MatMul(Tf.Constant(Matrix), Tf.Constant(new[,] { { 1.0, 2.0, 3.0 } })));
        Assert.Equal("Matrix size-incompatible: In[0]: [2,2], In[1]: [1,3] [Op:MatMul]", e.Message);
    }

    [Fact]
    public void Reductions()
    {
        Assert.Equal(10.0, (double)Both(() => Tf.ReduceSum(Tf.Constant(Matrix))));
        Assert.Equal(2.5, (double)Both(() => Tf.ReduceMean(Tf.Constant(Matrix))));
        Assert.Equal("[4. 6.]", Both(() => Tf.ReduceSum(Tf.Constant(Matrix), new[] { 0 })).ToString());
        var kept = Both(() => Tf.ReduceSum(Tf.Constant(Matrix), new[] { -1 }, keepdims: true));
        Assert.Equal(new[] { 2, 1 }, kept.Shape);
        Assert.Equal("[[3.]\n [7.]]", kept.ToString());
        Assert.Equal("[1.5 3.5]", Both(() => Tf.ReduceMean(Tf.Constant(Matrix), new[] { 1 })).ToString());

        // Integer means truncate, as TensorFlow's do.
        Assert.Equal(1, (int)Both(() => Tf.ReduceMean(Tf.Constant(new[] { 1, 2 }))));
        Assert.Throws<InvalidArgumentException>(() => Tf.ReduceSum(Tf.Constant(Matrix), new[] { 2 }));
    }

    [Fact]
    public void SquareSqrtExpLogAndCast()
    {
        Assert.Equal("[[1. 4.]\n [9. 16.]]", Both(() => Tf.Square(Tf.Constant(Matrix))).ToString());
        Assert.Equal(3.0, (double)Both(() => Tf.Sqrt(Tf.Constant(9.0))));
        T.Near(Math.E, (double)Both(() => Tf.Exp(Tf.Constant(1.0))));
        T.Near(0.0, (double)Both(() => Tf.Log(Tf.Constant(1.0))));
        var cast = Both(() => Tf.Cast(Tf.Constant(new[] { -1.7, 1.7 }), DType.Int32));
        Assert.Equal(DType.Int32, cast.DType);
        Assert.Equal("[-1 1]", cast.ToString());
        Assert.Equal(DType.Float32, Both(() => Tf.Cast(Tf.Constant(3L), DType.Float32)).DType);
    }

    [Fact]
    public void ComparisonsMaximumAndWhere()
    {
        var x = (NDArray)new[] { 1.0, 5.0 };
        var y = (NDArray)new[] { 3.0, 2.0 };
        Assert.Equal("[True False]", Both(() => Tf.Constant(x) < Tf.Constant(y)).ToString());
        Assert.Equal("[False True]", Both(() => Tf.Constant(x) >= Tf.Constant(y)).ToString());
        Assert.Equal("[3. 5.]", Both(() => Tf.Maximum(Tf.Constant(x), Tf.Constant(y))).ToString());
        Assert.Equal("[1. 2.]", Both(() => Tf.Minimum(Tf.Constant(x), Tf.Constant(y))).ToString());
        Assert.Equal("[1. 2.]", Both(() => Tf.Where(Tf.Constant(x) < Tf.Constant(y), Tf.Constant(x), Tf.Constant(y))).ToString());
        Assert.Equal("[1. 25.]", Both(() => Tf.Pow(Tf.Constant(x), 2.0)).ToString());
    }

    [Fact]
    public void LiteralsTakeTheDTypeOfTheOtherOperand()
    {
        Assert.Equal(DType.Int64, Both(() => Tf.Constant(3L) + 1).DType);
        Assert.Equal(DType.Float64, Both(() => Tf.Constant(NDArray.Scalar(1, DType.Float64)) * 0.5).DType);
        Assert.Equal(DType.Float32, (Tf.Constant(1.0) + 2).DType);
    }
}
