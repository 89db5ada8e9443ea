using System;
using System.Collections.Generic;
using System.Linq;

namespace GlobalStepMigration.Runtime;

/// <summary>Numeric kernels on <see cref="NDArray"/>s, shared by eager and graph execution.</summary>
internal static class Kernels
{
    internal static int[] BroadcastShapes(string opName, params IReadOnlyList<int>[] shapes)
    {
        var rank = shapes.Max(s => s.Count);
        var result = new int[rank];
        for (var i = 0; i < rank; i++)
        {
            var dim = 1;
            foreach (var s in shapes)
            {
                var k = i - (rank - s.Count);
                if (k < 0)
                {
                    continue;
                }

                var d = s[k];
                if (d == dim || d == 1)
                {
                    continue;
                }

                if (dim == 1)
                {
                    dim = d;
                    continue;
                }

                throw new InvalidArgumentException(
                    $"Incompatible shapes: [{string.Join(",", shapes[0])}] vs. [{string.Join(",", shapes[^1])}] [Op:{opName}]");
            }

            result[i] = dim;
        }

        return result;
    }

    /// <summary>Row-major strides of <paramref name="shape"/> aligned to <paramref name="outShape"/>, 0 on broadcast axes.</summary>
    private static int[] BroadcastStrides(IReadOnlyList<int> shape, int[] outShape)
    {
        var strides = new int[outShape.Length];
        var stride = 1;
        for (var i = shape.Count - 1; i >= 0; i--)
        {
            var o = i + outShape.Length - shape.Count;
            strides[o] = shape[i] == 1 && outShape[o] != 1 ? 0 : stride;
            stride *= shape[i];
        }

        return strides;
    }

    internal static NDArray Elementwise(string opName, DType outType, NDArray[] inputs, Func<double[], double> f)
    {
        var outShape = BroadcastShapes(opName, inputs.Select(a => a.Shape).ToArray());
        var size = outShape.Aggregate(1, (x, y) => x * y);
        var strides = inputs.Select(a => BroadcastStrides(a.Shape, outShape)).ToArray();
        var data = new double[size];
        var index = new int[outShape.Length];
        var args = new double[inputs.Length];
        for (var flat = 0; flat < size; flat++)
        {
            for (var k = 0; k < inputs.Length; k++)
            {
                var offset = 0;
                for (var d = 0; d < index.Length; d++)
                {
                    offset += index[d] * strides[k][d];
                }

                args[k] = inputs[k].Data[offset];
            }

            data[flat] = f(args);
            for (var d = index.Length - 1; d >= 0; d--)
            {
                if (++index[d] < outShape[d])
                {
                    break;
                }

                index[d] = 0;
            }
        }

        return new NDArray(outType, outShape, data);
    }

    internal static NDArray Map(NDArray a, Func<double, double> f, DType? outType = null) =>
        new(outType ?? a.DType, a.ShapeArray, a.Data.Select(f).ToArray());

    internal static NDArray MatMul(NDArray a, NDArray b, bool transposeA, bool transposeB)
    {
        if (a.Rank != 2 || b.Rank != 2)
        {
            throw new InvalidArgumentException(
                $"In[0] and In[1] must be matrices: In[0] has rank {a.Rank}, In[1] has rank {b.Rank} [Op:MatMul]");
        }

        int m = transposeA ? a.Shape[1] : a.Shape[0], k = transposeA ? a.Shape[0] : a.Shape[1];
        int k2 = transposeB ? b.Shape[1] : b.Shape[0], n = transposeB ? b.Shape[0] : b.Shape[1];
        if (k != k2)
        {
            throw new InvalidArgumentException(
                $"Matrix size-incompatible: In[0]: [{a.Shape[0]},{a.Shape[1]}], In[1]: [{b.Shape[0]},{b.Shape[1]}] [Op:MatMul]");
        }

        double A(int i, int j) => transposeA ? a.Data[j * a.Shape[1] + i] : a.Data[i * a.Shape[1] + j];
        double B(int i, int j) => transposeB ? b.Data[j * b.Shape[1] + i] : b.Data[i * b.Shape[1] + j];
        var data = new double[m * n];
        for (var i = 0; i < m; i++)
        {
            for (var j = 0; j < n; j++)
            {
                double sum = 0;
                for (var t = 0; t < k; t++)
                {
                    sum += A(i, t) * B(t, j);
                }

                data[i * n + j] = sum;
            }
        }

        return new NDArray(a.DType, new[] { m, n }, data);
    }

    internal static int[] NormalizeAxes(int[]? axes, int rank)
    {
        if (axes is null)
        {
            return Enumerable.Range(0, rank).ToArray();
        }

        var result = new List<int>();
        foreach (var axis in axes)
        {
            var a = axis < 0 ? axis + rank : axis;
            if (a < 0 || a >= rank)
            {
                throw new InvalidArgumentException($"Invalid reduction dimension ({axis} for input with {rank} dimension(s)");
            }

            if (!result.Contains(a))
            {
                result.Add(a);
            }
        }

        return result.ToArray();
    }

    internal static NDArray Reduce(NDArray x, int[]? axes, bool keepDims, bool mean)
    {
        var reduce = NormalizeAxes(axes, x.Rank);
        var keptShape = x.ShapeArray.Select((d, i) => reduce.Contains(i) ? 1 : d).ToArray();
        var sums = new double[keptShape.Aggregate(1, (p, q) => p * q)];
        var index = new int[x.Rank];
        var outStrides = BroadcastStrides(keptShape, x.ShapeArray);
        for (var flat = 0; flat < x.Size; flat++)
        {
            var o = 0;
            for (var d = 0; d < index.Length; d++)
            {
                o += index[d] * outStrides[d];
            }

            sums[o] += x.Data[flat];
            for (var d = index.Length - 1; d >= 0; d--)
            {
                if (++index[d] < x.Shape[d])
                {
                    break;
                }

                index[d] = 0;
            }
        }

        if (mean)
        {
            var count = x.Size / Math.Max(1, sums.Length);
            for (var i = 0; i < sums.Length; i++)
            {
                sums[i] = x.DType.IsInteger() ? Math.Truncate(sums[i] / count) : sums[i] / count;
            }
        }

        var shape = keepDims ? keptShape : x.ShapeArray.Where((_, i) => !reduce.Contains(i)).ToArray();
        return new NDArray(x.DType, shape, sums);
    }

    /// <summary>The gradient of a sum or mean: <paramref name="grad"/> spread back over <paramref name="x"/>'s shape.</summary>
    internal static NDArray ReduceGrad(NDArray grad, NDArray x, int[]? axes, bool mean)
    {
        var reduce = NormalizeAxes(axes, x.Rank);
        var keptShape = x.ShapeArray.Select((d, i) => reduce.Contains(i) ? 1 : d).ToArray();
        var g = new NDArray(grad.DType, keptShape, (double[])grad.Data.Clone(), coerce: false);
        var count = mean ? x.Size / Math.Max(1, g.Size) : 1;
        return Elementwise("ReduceGrad", grad.DType, new[] { g, NDArray.Zeros(grad.DType, x.ShapeArray) }, v => v[0] / count);
    }

    /// <summary>Sums <paramref name="grad"/> over the axes along which an input of <paramref name="shape"/> was broadcast.</summary>
    internal static NDArray SumToShape(NDArray grad, IReadOnlyList<int> shape)
    {
        if (grad.Shape.SequenceEqual(shape))
        {
            return grad;
        }

        var lead = grad.Rank - shape.Count;
        var axes = new List<int>();
        for (var i = 0; i < grad.Rank; i++)
        {
            if (i < lead || (shape[i - lead] == 1 && grad.Shape[i] != 1))
            {
                axes.Add(i);
            }
        }

        var summed = Reduce(grad, axes.ToArray(), keepDims: true, mean: false);
        return new NDArray(grad.DType, shape.ToArray(), summed.Data, coerce: false);
    }

    /// <summary>A shape as TensorFlow's kernels print it: <c>[2,3]</c>, <c>[]</c>, <c>[?,3]</c>, <c>&lt;unknown&gt;</c>.</summary>
    internal static string ShapeText(TensorShape shape) => shape.Rank is null
        ? "<unknown>"
        : "[" + string.Join(",", shape.Dims!.Select(d => d?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?")) + "]";

    internal static NDArray ApplyUpdate(string type, NDArray current, NDArray operand, string variableName)
    {
        if (!operand.Shape.SequenceEqual(current.Shape))
        {
            throw new InvalidArgumentException(
                $"Cannot update variable with shape {ShapeText(TensorShape.Of(current.Shape))} using a Tensor with shape {ShapeText(TensorShape.Of(operand.Shape))}, shapes must be equal. ({variableName})");
        }

        return type switch
        {
            "Assign" => new NDArray(current.DType, current.ShapeArray, (double[])operand.Data.Clone()),
            "AssignAdd" => Elementwise(type, current.DType, new[] { current, operand }, v => v[0] + v[1]),
            "AssignSub" => Elementwise(type, current.DType, new[] { current, operand }, v => v[0] - v[1]),
            _ => throw new InvalidOperationException("Unknown update " + type),
        };
    }
}
