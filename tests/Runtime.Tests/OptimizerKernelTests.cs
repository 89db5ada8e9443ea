using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Numerics;
using CsCheck;
using Xunit;
using KerasOptimizers = GlobalStepMigration.Runtime.Tf.Keras.Optimizers;
using Train = GlobalStepMigration.Runtime.Tf.Compat.V1.Train;

namespace GlobalStepMigration.Runtime.Tests;

/// <summary>
/// Every optimizer update against an independent computation of the kernel's published formula, bit for bit,
/// in float32 and float64, eagerly and in a graph. The expected values are computed here, one IEEE operation at a
/// time in the kernel's order (TF1: tensorflow/core/kernels/training_ops.cc and the casts of
/// tensorflow/python/training/{gradient_descent,momentum,adam}.py; Keras 3: keras/src/optimizers/{sgd,adam}.py).
/// </summary>
public class OptimizerKernelTests
{
    public enum Kind
    {
        Tf1GradientDescent,
        Tf1Momentum,
        Tf1Nesterov,
        Tf1Adam,
        KerasSgd,
        KerasSgdMomentum,
        KerasSgdNesterov,
        KerasAdam,
        KerasAdamAmsgrad,
    }

    /// <summary>One optimizer on one variable, fed fixed gradients.</summary>
    public sealed record Problem(Kind Kind, DType DType, bool InGraph, double LearningRate, double Momentum, double Beta1, double Beta2, double Epsilon,
        double[] Initial, double[][] Gradients)
    {
        public override string ToString() => string.Create(CultureInfo.InvariantCulture,
            $"{Kind} {DType} graph={InGraph} lr={LearningRate:R} momentum={Momentum:R} beta1={Beta1:R} beta2={Beta2:R} eps={Epsilon:R} "
            + $"w0=[{string.Join(", ", Initial.Select(x => x.ToString("R", CultureInfo.InvariantCulture)))}] "
            + $"g=[{string.Join("; ", Gradients.Select(g => string.Join(", ", g.Select(x => x.ToString("R", CultureInfo.InvariantCulture)))))}]");
    }

    // ---- the issue's example -------------------------------------------------------------------------------

    [Fact]
    public void Tf1AdamDefaultsOnTheQuadraticGiveTensorFlowsFloat32Steps()
    {
        // loss (w - 2)^2 from w = 0 with tf.compat.v1.train.AdamOptimizer() in float32: TensorFlow prints
        // 0.001000000, 0.001999984, 0.002999942 after one, two and three steps.
        var w = Tf.Variable(Tf.Constant(NDArray.Scalar(0, DType.Float32)), name: "w");
        var optimizer = Train.AdamOptimizer();
        var printed = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            optimizer.Minimize(() => Tf.Square(w - 2.0), varList: new[] { w });
            printed.Add(((float)w.Numpy()).ToString("F9", CultureInfo.InvariantCulture));
        }

        Assert.Equal(new[] { "0.001000000", "0.001999984", "0.002999942" }, printed);

        // The same three values from the kernel's formula, with the gradient 2 (w - 2) of each step.
        var expected = new List<float>();
        var reference = new Reference<float>(Kind.Tf1Adam, 0.001, 0, 0.9, 0.999, 1e-8, new[] { 0f });
        for (var i = 0; i < 3; i++)
        {
            var current = reference.Weights[0];
            reference.Step(new[] { 2f * (current - 2f) });
            expected.Add(reference.Weights[0]);
        }

        Assert.Equal(expected.Select(x => x.ToString("F9", CultureInfo.InvariantCulture)), printed);
    }

    [Fact]
    public void Tf1AdamComputesOneMinusBetaInTheVariablesTypeAndKerasInPython()
    {
        // TF1's kernel: T(1) - beta1 with beta1 = float32(0.9), i.e. 0.100000024f. Keras 3: (1 - 0.9) in Python,
        // then float32: 0.1f. After one step with g = 1 the first moments differ by that.
        var a = Tf.Variable(Tf.Constant(NDArray.Scalar(0, DType.Float32)), name: "a");
        var b = Tf.Variable(Tf.Constant(NDArray.Scalar(0, DType.Float32)), name: "b");
        var tf1 = Train.AdamOptimizer();
        var keras = KerasOptimizers.Adam();
        var one = Tf.Constant(NDArray.Scalar(1, DType.Float32));
        tf1.ApplyGradients(new (Tensor?, Variable)[] { (one, a) });
        keras.ApplyGradients(new (Tensor?, Variable)[] { (one, b) });

        Assert.Equal(1f - 0.9f, (float)tf1.GetSlot(a, "m")!.Numpy());
        Assert.Equal(0.100000024f, 1f - 0.9f);
        Assert.Equal((float)(1 - 0.9), (float)keras.Variables[2].Numpy());
        Assert.Equal(0.1f, (float)(1 - 0.9));
    }

    [Fact]
    public void Tf1HyperparametersAreFloat32CastToAFloat64Variable()
    {
        // A Python float becomes a float32 tensor (convert_to_tensor) and is cast to the variable's dtype, so
        // a float64 variable is updated with (double)0.1f, not 0.1.
        var w = Tf.Variable(Tf.Constant(NDArray.Scalar(1, DType.Float64)), name: "w");
        Train.GradientDescentOptimizer(0.1).ApplyGradients(new (Tensor?, Variable)[] { (Tf.Constant(NDArray.Scalar(1, DType.Float64)), w) });
        Assert.Equal(1.0 - 1.0 * (double)0.1f, (double)w.Numpy());
        Assert.NotEqual(1.0 - 0.1, (double)w.Numpy());
    }

    // ---- each kernel, both dtypes, eager and graph ---------------------------------------------------------

    public static IEnumerable<object[]> EveryKernel() =>
        from kind in Enum.GetValues<Kind>()
        from dtype in new[] { DType.Float32, DType.Float64 }
        from inGraph in new[] { false, true }
        select new object[] { kind, dtype, inGraph };

    [Theory]
    [MemberData(nameof(EveryKernel))]
    public void EveryStepEqualsTheKernelFormulaBitForBit(Kind kind, DType dtype, bool inGraph)
    {
        var gradients = new[]
        {
            new[] { 0.5, -1.25, 3.0 },
            new[] { -0.75, 0.125, 2.5 },
            new[] { 1e-3, -7.0, 0.3 },
            new[] { 0.0, 4.5, -0.6 },
        };
        var problem = new Problem(kind, dtype, inGraph, 0.05, 0.9, 0.8, 0.95, 1e-3, new[] { 1.0, -2.0, 0.7 }, gradients);
        AssertMatchesReference(problem);
    }

    [Fact]
    public void RandomProblemsMatchTheKernelFormulaBitForBit()
    {
        var gen =
            from kind in Gen.Enum<Kind>()
            from f64 in Gen.Bool
            from inGraph in Gen.Bool
            from lr in Gen.Double[1e-4, 1.0]
            from momentum in Gen.Double[0.0, 1.0]
            from beta1 in Gen.Double[0.0, 0.999]
            from beta2 in Gen.Double[0.0, 0.9999]
            from epsilon in Gen.Double[1e-9, 1e-2]
            from size in Gen.Int[1, 4]
            from steps in Gen.Int[1, 5]
            from initial in Gen.Double[-10, 10].Array[size]
            from gradients in Gen.Double[-10, 10].Array[size].Array[steps]
            select new Problem(kind, f64 ? DType.Float64 : DType.Float32, inGraph, lr, momentum, beta1, beta2, epsilon,
                f64 ? initial : initial.Select(x => (double)(float)x).ToArray(),
                f64 ? gradients : gradients.Select(g => g.Select(x => (double)(float)x).ToArray()).ToArray());
        gen.Sample(AssertMatchesReference, iter: 400, threads: 1, print: p => p.ToString());
    }

    private static void AssertMatchesReference(Problem p)
    {
        var actual = p.InGraph ? RunInGraph(p) : RunEagerly(p);
        var expected = p.DType == DType.Float32 ? Expected<float>(p) : Expected<double>(p);
        Assert.Equal(expected.Count, actual.Count);
        for (var step = 0; step < expected.Count; step++)
        {
            var e = expected[step].Select(BitConverter.DoubleToInt64Bits).ToArray();
            var a = actual[step].Select(BitConverter.DoubleToInt64Bits).ToArray();
            Assert.True(e.SequenceEqual(a),
                $"step {step + 1}: expected [{string.Join(", ", expected[step].Select(x => x.ToString("R", CultureInfo.InvariantCulture)))}], "
                + $"got [{string.Join(", ", actual[step].Select(x => x.ToString("R", CultureInfo.InvariantCulture)))}] for {p}");
        }
    }

    private static List<double[]> Expected<T>(Problem p)
        where T : IFloatingPointIeee754<T>
    {
        var reference = new Reference<T>(p.Kind, p.LearningRate, p.Momentum, p.Beta1, p.Beta2, p.Epsilon,
            p.Initial.Select(T.CreateChecked).ToArray());
        var after = new List<double[]>();
        foreach (var g in p.Gradients)
        {
            reference.Step(g.Select(T.CreateChecked).ToArray());
            after.Add(reference.Weights.Select(double.CreateChecked).ToArray());
        }

        return after;
    }

    private static object CreateOptimizer(Problem p) => p.Kind switch
    {
        Kind.Tf1GradientDescent => Train.GradientDescentOptimizer(p.LearningRate),
        Kind.Tf1Momentum => Train.MomentumOptimizer(p.LearningRate, p.Momentum),
        Kind.Tf1Nesterov => Train.MomentumOptimizer(p.LearningRate, p.Momentum, useNesterov: true),
        Kind.Tf1Adam => Train.AdamOptimizer(p.LearningRate, p.Beta1, p.Beta2, p.Epsilon),
        Kind.KerasSgd => KerasOptimizers.SGD(p.LearningRate),
        Kind.KerasSgdMomentum => KerasOptimizers.SGD(p.LearningRate, p.Momentum),
        Kind.KerasSgdNesterov => KerasOptimizers.SGD(p.LearningRate, p.Momentum, nesterov: true),
        Kind.KerasAdam => KerasOptimizers.Adam(p.LearningRate, p.Beta1, p.Beta2, p.Epsilon),
        _ => KerasOptimizers.Adam(p.LearningRate, p.Beta1, p.Beta2, p.Epsilon, amsgrad: true),
    };

    private static Operation? Apply(object optimizer, Tensor gradient, Variable w) => optimizer switch
    {
        Compat.V1.Train.Optimizer tf1 => tf1.ApplyGradients(new (Tensor?, Variable)[] { (gradient, w) }),
        Runtime.Keras.Optimizers.Optimizer keras => keras.ApplyGradients(new (Tensor?, Variable)[] { (gradient, w) }),
        _ => throw new InvalidOperationException(),
    };

    private static NDArray Array(Problem p, double[] values) => NDArray.FromValues(p.DType, new[] { values.Length }, values);

    private static List<double[]> RunEagerly(Problem p)
    {
        var w = Tf.Variable(Tf.Constant(Array(p, p.Initial)), name: "w");
        var optimizer = CreateOptimizer(p);
        var after = new List<double[]>();
        foreach (var g in p.Gradients)
        {
            Apply(optimizer, Tf.Constant(Array(p, g)), w);
            after.Add(w.Numpy().ToArray<double>());
        }

        return after;
    }

    private static List<double[]> RunInGraph(Problem p)
    {
        var graph = new Graph();
        Variable w;
        Tensor gradient;
        Operation trainOp, init;
        using (graph.AsDefault())
        {
            w = Tf.Variable(Tf.Constant(Array(p, p.Initial)), name: "w");
            gradient = Tf.Compat.V1.Placeholder(p.DType, TensorShape.Partial(p.Initial.Length), name: "g");
            trainOp = Apply(CreateOptimizer(p), gradient, w)!;
            init = Tf.Compat.V1.GlobalVariablesInitializer();
        }

        using var sess = Tf.Compat.V1.Session(graph);
        sess.Run(init);
        var after = new List<double[]>();
        foreach (var g in p.Gradients)
        {
            sess.Run(trainOp, new FeedDict { [gradient] = Array(p, g) });
            after.Add(sess.Run(w).ToArray<double>());
        }

        return after;
    }

    /// <summary>
    /// The published update rules, written out per element in <typeparamref name="T"/>. Hyperparameters reach the
    /// arithmetic as each library converts them: TF1 makes a Python float a float32 tensor and casts it to the
    /// variable's dtype, and keeps beta1_power and beta2_power in float32 variables; Keras 3 keeps the learning rate
    /// in a float32 variable, casts the momentum and the betas from Python floats to the variable's dtype,
    /// computes 1 - beta in Python (double) and raises beta to the step with the Pow kernel.
    /// </summary>
    private sealed class Reference<T>
        where T : IFloatingPointIeee754<T>
    {
        private readonly Kind _kind;
        private readonly double _momentum;
        private readonly double _beta1;
        private readonly double _beta2;
        private readonly double _epsilon;
        private readonly T _lr;
        private readonly T[] _first;
        private readonly T[] _second;
        private readonly T[] _secondMax;
        private float _beta1Power;
        private float _beta2Power;
        private long _iterations;

        public Reference(Kind kind, double learningRate, double momentum, double beta1, double beta2, double epsilon, T[] initial)
        {
            _kind = kind;
            _momentum = momentum;
            _beta1 = beta1;
            _beta2 = beta2;
            _epsilon = epsilon;
            _lr = T.CreateChecked((float)learningRate);
            Weights = initial;
            _first = new T[initial.Length];
            _second = new T[initial.Length];
            _secondMax = new T[initial.Length];
            _beta1Power = (float)beta1;
            _beta2Power = (float)beta2;
        }

        public T[] Weights { get; }

        private static T FromFloat32(double pythonFloat) => T.CreateChecked((float)pythonFloat);

        private static T Pow(T x, T y) => typeof(T) == typeof(float)
            ? T.CreateChecked(MathF.Pow(float.CreateChecked(x), float.CreateChecked(y)))
            : T.CreateChecked(Math.Pow(double.CreateChecked(x), double.CreateChecked(y)));

        public void Step(T[] g)
        {
            var w = Weights;

            // Keras' SGD.update_step takes the momentum path only when momentum != 0.
            var kind = _kind is Kind.KerasSgdMomentum or Kind.KerasSgdNesterov && _momentum == 0 ? Kind.KerasSgd : _kind;
            switch (kind)
            {
                case Kind.Tf1GradientDescent:
                case Kind.KerasSgd:
                    // TF1's var -= grad * lr and Keras' assign_sub(g * lr): the same float32 learning rate either way.
                    for (var i = 0; i < w.Length; i++)
                    {
                        w[i] -= g[i] * _lr;
                    }

                    break;

                case Kind.Tf1Momentum:
                case Kind.Tf1Nesterov:
                    {
                        var mu = FromFloat32(_momentum);
                        for (var i = 0; i < w.Length; i++)
                        {
                            _first[i] = _first[i] * mu + g[i];
                            var delta = _kind == Kind.Tf1Nesterov ? g[i] * _lr + _first[i] * mu * _lr : _first[i] * _lr;
                            w[i] -= delta;
                        }

                        break;
                    }

                case Kind.Tf1Adam:
                    {
                        var b1 = FromFloat32(_beta1);
                        var b2 = FromFloat32(_beta2);
                        var eps = FromFloat32(_epsilon);
                        var alpha = _lr * T.Sqrt(T.One - T.CreateChecked(_beta2Power)) / (T.One - T.CreateChecked(_beta1Power));
                        for (var i = 0; i < w.Length; i++)
                        {
                            _first[i] += (g[i] - _first[i]) * (T.One - b1);
                            _second[i] += (g[i] * g[i] - _second[i]) * (T.One - b2);
                            w[i] -= _first[i] * alpha / (T.Sqrt(_second[i]) + eps);
                        }

                        _beta1Power *= (float)_beta1;
                        _beta2Power *= (float)_beta2;
                        break;
                    }

                case Kind.KerasSgdMomentum:
                case Kind.KerasSgdNesterov:
                    {
                        var mu = T.CreateChecked(_momentum);
                        for (var i = 0; i < w.Length; i++)
                        {
                            _first[i] = _first[i] * mu - g[i] * _lr;
                            w[i] += kind == Kind.KerasSgdNesterov ? _first[i] * mu - g[i] * _lr : _first[i];
                        }

                        break;
                    }

                default:
                    {
                        var t = T.CreateChecked(_iterations + 1);
                        var b1Power = Pow(T.CreateChecked(_beta1), t);
                        var b2Power = Pow(T.CreateChecked(_beta2), t);
                        var alpha = _lr * T.Sqrt(T.One - b2Power) / (T.One - b1Power);
                        var oneMinusBeta1 = T.CreateChecked(1 - _beta1);
                        var oneMinusBeta2 = T.CreateChecked(1 - _beta2);
                        for (var i = 0; i < w.Length; i++)
                        {
                            _first[i] += (g[i] - _first[i]) * oneMinusBeta1;
                            _second[i] += (g[i] * g[i] - _second[i]) * oneMinusBeta2;
                            var v = _second[i];
                            if (_kind == Kind.KerasAdamAmsgrad)
                            {
                                _secondMax[i] = T.Max(_secondMax[i], _second[i]);
                                v = _secondMax[i];
                            }

                            w[i] -= _first[i] * alpha / (T.Sqrt(v) + T.CreateChecked(_epsilon));
                        }

                        break;
                    }
            }

            _iterations++;
        }
    }
}
