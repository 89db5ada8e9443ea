using System;
using System.Linq;
using System.Numerics;

namespace GlobalStepMigration.Runtime;

/// <summary>
/// TensorFlow's fused TF1 optimizer kernels (tensorflow/core/kernels/training_ops.cc, the CPU functors
/// <c>ApplyGradientDescent</c>, <c>ApplyMomentum</c> and <c>ApplyAdamNonCuda</c>), computed in the variable's
/// type (float for float32, double for float64) in the kernel's operation order, one
/// IEEE operation at a time: no fused multiply-add (TensorFlow's CPU builds use none) and no wider intermediate.
/// </summary>
internal static class TrainingKernels
{
    /// <summary><c>var -= grad * lr</c>.</summary>
    internal static void ApplyGradientDescent<T>(Span<T> var, T lr, ReadOnlySpan<T> grad)
        where T : IFloatingPointIeee754<T>
    {
        for (var i = 0; i < var.Length; i++)
        {
            var[i] = var[i] - grad[i] * lr;
        }
    }

    /// <summary>
    /// <c>accum = accum * momentum + grad</c>, then <c>var -= accum * lr</c>, or with Nesterov
    /// <c>var -= grad * lr + accum * momentum * lr</c>.
    /// </summary>
    internal static void ApplyMomentum<T>(Span<T> var, Span<T> accum, T lr, ReadOnlySpan<T> grad, T momentum, bool useNesterov)
        where T : IFloatingPointIeee754<T>
    {
        for (var i = 0; i < var.Length; i++)
        {
            accum[i] = accum[i] * momentum + grad[i];
            var[i] = useNesterov
                ? var[i] - (grad[i] * lr + accum[i] * momentum * lr)
                : var[i] - accum[i] * lr;
        }
    }

    /// <summary>
    /// <c>alpha = lr * sqrt(1 - beta2_power) / (1 - beta1_power)</c>; <c>m += (grad - m) * (1 - beta1)</c>;
    /// <c>v += (grad^2 - v) * (1 - beta2)</c>; <c>var -= (m * alpha) / (sqrt(v) + epsilon)</c>, or with Nesterov
    /// <c>var -= ((grad * (1 - beta1) + beta1 * m) * alpha) / (sqrt(v) + epsilon)</c>. Every <c>1 - x</c> is
    /// <c>T(1) - x</c>, in the variable's type.
    /// </summary>
    internal static void ApplyAdam<T>(Span<T> var, Span<T> m, Span<T> v, T beta1Power, T beta2Power, T lr, T beta1, T beta2, T epsilon,
        ReadOnlySpan<T> grad, bool useNesterov)
        where T : IFloatingPointIeee754<T>
    {
        var one = T.One;
        var alpha = lr * T.Sqrt(one - beta2Power) / (one - beta1Power);
        for (var i = 0; i < var.Length; i++)
        {
            var g = grad[i];
            m[i] = m[i] + (g - m[i]) * (one - beta1);
            v[i] = v[i] + (g * g - v[i]) * (one - beta2);
            var[i] = useNesterov
                ? var[i] - (g * (one - beta1) + beta1 * m[i]) * alpha / (T.Sqrt(v[i]) + epsilon)
                : var[i] - m[i] * alpha / (T.Sqrt(v[i]) + epsilon);
        }
    }

    /// <summary>
    /// Runs <paramref name="f32"/> or <paramref name="f64"/> on float or double copies of the arrays (by <paramref name="dtype"/>) and
    /// returns the updated <paramref name="refs"/> (the first is the variable). <paramref name="scalars"/> are
    /// converted to the type first.
    /// </summary>
    internal static NDArray[] Run(DType dtype, NDArray[] refs, NDArray grad, double[] scalars, Kernel<float> f32, Kernel<double> f64)
    {
        switch (dtype)
        {
            case DType.Float32:
                {
                    var buffers = refs.Select(r => r.Data.Select(d => (float)d).ToArray()).ToArray();
                    f32(buffers, grad.Data.Select(d => (float)d).ToArray(), scalars.Select(s => (float)s).ToArray());
                    return refs.Select((r, k) => new NDArray(dtype, r.ShapeArray, buffers[k].Select(x => (double)x).ToArray(), coerce: false)).ToArray();
                }

            case DType.Float64:
                {
                    var buffers = refs.Select(r => (double[])r.Data.Clone()).ToArray();
                    f64(buffers, (double[])grad.Data.Clone(), scalars);
                    return refs.Select((r, k) => new NDArray(dtype, r.ShapeArray, buffers[k], coerce: false)).ToArray();
                }

            default:
                throw new InvalidArgumentException($"No OpKernel was registered to support this dtype: {OpRegistry.PlaceholderTypeName(dtype)}");
        }
    }

    /// <summary>A kernel over the variable-like buffers, the gradient and the scalar inputs.</summary>
    internal delegate void Kernel<T>(T[][] refs, T[] grad, T[] scalars);
}
