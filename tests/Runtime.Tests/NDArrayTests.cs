using Xunit;

namespace GlobalStepMigration.Runtime.Tests;

/// <summary>What Session.Run and Numpy() return, and how it prints (the seed programs print these).</summary>
public class NDArrayTests
{
    [Fact]
    public void ScalarsPrintLikeNumpy()
    {
        Assert.Equal("0", NDArray.Scalar(0, DType.Int64).ToString());
        Assert.Equal("1.5", ((NDArray)1.5).ToString());
        Assert.Equal("3.0", ((NDArray)3.0).ToString());
        Assert.Equal("0.1", ((NDArray)0.1).ToString());
        Assert.Equal("True", ((NDArray)true).ToString());
        Assert.Equal("-7", ((NDArray)(-7)).ToString());
    }

    [Fact]
    public void ArraysPrintLikeNumpy()
    {
        Assert.Equal("[1 2]", ((NDArray)new[] { 1, 2 }).ToString());
        Assert.Equal("[1. 2.5]", ((NDArray)new[] { 1.0, 2.5 }).ToString());
        Assert.Equal("[[1. 2.]\n [3. 4.]]", ((NDArray)new[,] { { 1.0, 2.0 }, { 3.0, 4.0 } }).ToString());
    }

    [Fact]
    public void DoublesBecomeFloat32LikePythonFloats()
    {
        var a = (NDArray)0.1;
        Assert.Equal(DType.Float32, a.DType);
        Assert.Equal((double)0.1f, (double)a);
        Assert.Equal(DType.Int64, ((NDArray)1L).DType);
    }

    [Fact]
    public void IntegerDTypesTruncateTowardZero()
    {
        Assert.Equal("[1 -1]", NDArray.FromValues(DType.Int32, new[] { 2 }, new[] { 1.9, -1.9 }).ToString());
        Assert.Equal(2L, (long)NDArray.Scalar(2.7, DType.Float64));
        Assert.Equal(DType.Int64, NDArray.Scalar(2.7, DType.Float64).AsType(DType.Int64).DType);
        Assert.Equal("2", NDArray.Scalar(2.7, DType.Float64).AsType(DType.Int64).ToString());
    }

    [Fact]
    public void EqualityComparesDTypeShapeAndValues()
    {
        Assert.Equal(NDArray.Scalar(1, DType.Int64), NDArray.Scalar(1, DType.Int64));
        Assert.NotEqual(NDArray.Scalar(1, DType.Int64), NDArray.Scalar(1, DType.Int32));
        Assert.NotEqual((NDArray)new[] { 1 }, (NDArray)1);
    }

    [Fact]
    public void MultiElementArrayIsNotAScalar()
    {
        Assert.Throws<System.InvalidCastException>(() => (double)(NDArray)new[] { 1.0, 2.0 });
    }
}
