using System;
using System.Collections.Generic;
using System.Linq;

namespace GlobalStepMigration.Runtime;

/// <summary>The kernels, shape functions and gradients of every op type the runtime knows.</summary>
internal static class OpRegistry
{
    // The input names of the fused optimizer kernels, as their error messages call them.
    private static readonly string[] GradientDescentRefs = { "var" };
    private static readonly string[] GradientDescentScalars = { "alpha" };
    private static readonly string[] MomentumRefs = { "var", "accum" };
    private static readonly string[] MomentumScalars = { "lr", "momentum" };
    private static readonly string[] AdamRefs = { "var", "m", "v" };
    private static readonly string[] AdamScalars = { "beta1_power", "beta2_power", "lr", "beta1", "beta2", "epsilon" };

    private static readonly Dictionary<string, OpDef> Defs = Build();

    internal static OpDef Get(string type) =>
        Defs.TryGetValue(type, out var def) ? def : throw new InvalidOperationException($"Unknown op type '{type}'.");

    private static (DType, TensorShape)[] One(DType dtype, TensorShape shape) => new[] { (dtype, shape) };

    private static TensorShape BroadcastStatic(string type, IEnumerable<TensorShape> shapes)
    {
        var list = shapes.ToList();
        if (list.Any(s => s.Rank is null))
        {
            return TensorShape.Unknown;
        }

        var rank = list.Max(s => s.Rank!.Value);
        var dims = new int?[rank];
        for (var i = 0; i < rank; i++)
        {
            int? dim = 1;
            foreach (var s in list)
            {
                var k = i - (rank - s.Rank!.Value);
                if (k < 0)
                {
                    continue;
                }

                var d = s.Dims![k];
                if (d == 1)
                {
                    continue;
                }

                if (dim is int known && d is int other && known != 1 && known != other)
                {
                    // TensorFlow's shape inference rejects this when the graph is built.
                    throw new ValueErrorException(
                        $"Dimensions must be equal, but are {known} and {other} for '{type}' with input shapes: "
                        + string.Join(", ", list.Select(ShapeText)) + ".");
                }

                dim = dim == 1 ? d : (d is null || dim is null ? dim ?? d : dim);
            }

            dims[i] = dim;
        }

        return TensorShape.Partial(dims);
    }

    private static NDArray Read(KernelContext ctx)
    {
        var varOp = ctx.Op!.Inputs[0].Op!;
        return ctx.Store!.Read(varOp) ?? throw new FailedPreconditionException(
            $"Attempting to use uninitialized value {varOp.Name}");
    }

    /// <summary>A shape as TensorFlow's C++ shape inference prints it: <c>[2,?]</c>.</summary>
    private static string ShapeText(TensorShape shape) => shape.Rank is null
        ? "?"
        : "[" + string.Join(",", shape.Dims!.Select(d => d?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?")) + "]";

    private static Dictionary<string, OpDef> Build()
    {
        var defs = new Dictionary<string, OpDef>(StringComparer.Ordinal);

        void Add(OpDef def) => defs.Add(def.Type, def);

        void Elementwise(string type, Func<double, double, double> f, Func<GradContext, Tensor?[]>? grad, bool boolOut = false,
            Func<double, double, double>? f32 = null) => Add(new OpDef
            {
                Type = type,
                Kernel = c =>
                {
                    var g = f32 is not null && c.Inputs[0].DType == DType.Float32 ? f32 : f;
                    return new[] { Kernels.Elementwise(type, boolOut ? DType.Bool : c.Inputs[0].DType, c.Inputs, v => g(v[0], v[1])) };
                },
                Infer = (i, _) => One(boolOut ? DType.Bool : i[0].DType, BroadcastStatic(type, i.Select(t => t.Shape))),
                Grad = grad,
            });

        void Unary(string type, Func<double, double> f, Func<GradContext, Tensor?[]>? grad) => Add(new OpDef
        {
            Type = type,
            Kernel = c => new[] { Kernels.Map(c.Inputs[0], f) },
            Infer = (i, _) => One(i[0].DType, i[0].Shape),
            Grad = grad,
        });

        Tensor S(Tensor g, Tensor like) => Ops.SumToShapeOf(g, like);

        Elementwise("Add", (a, b) => a + b, c => new Tensor?[] { S(c.Grad, c.Inputs[0]), S(c.Grad, c.Inputs[1]) });
        Elementwise("Sub", (a, b) => a - b, c => new Tensor?[] { S(c.Grad, c.Inputs[0]), S(-c.Grad, c.Inputs[1]) });
        Elementwise("Mul", (a, b) => a * b, c => new Tensor?[] { S(c.Grad * c.Inputs[1], c.Inputs[0]), S(c.Grad * c.Inputs[0], c.Inputs[1]) });
        Elementwise("RealDiv", (a, b) => a / b, c => new Tensor?[]
        {
            S(Ops.TrueDiv(c.Grad, c.Inputs[1]), c.Inputs[0]),
            S(-c.Grad * c.Inputs[0] / (c.Inputs[1] * c.Inputs[1]), c.Inputs[1]),
        });
        Elementwise("Pow", Math.Pow, c => new Tensor?[]
        {
            S(c.Grad * c.Inputs[1] * Ops.Binary("Pow", c.Inputs[0], c.Inputs[1] - 1.0), c.Inputs[0]),
            S(c.Grad * c.Output * Ops.Unary("Log", c.Inputs[0]), c.Inputs[1]),
        },
        // float32 Pow is the C library's powf, as TensorFlow's CPU kernel calls std::pow(float, float) (Keras Adam's beta powers).
        f32: (a, b) => MathF.Pow((float)a, (float)b));
        Elementwise("Maximum", Math.Max, c =>
        {
            var xWins = Ops.Binary("GreaterEqual", c.Inputs[0], c.Inputs[1]);
            var zero = Ops.Literal(0, c.Grad);
            return new Tensor?[] { S(Ops.Select(xWins, c.Grad, zero), c.Inputs[0]), S(Ops.Select(xWins, zero, c.Grad), c.Inputs[1]) };
        });
        Elementwise("Minimum", Math.Min, c =>
        {
            var xWins = Ops.Binary("LessEqual", c.Inputs[0], c.Inputs[1]);
            var zero = Ops.Literal(0, c.Grad);
            return new Tensor?[] { S(Ops.Select(xWins, c.Grad, zero), c.Inputs[0]), S(Ops.Select(xWins, zero, c.Grad), c.Inputs[1]) };
        });
        Elementwise("Less", (a, b) => a < b ? 1 : 0, null, boolOut: true);
        Elementwise("LessEqual", (a, b) => a <= b ? 1 : 0, null, boolOut: true);
        Elementwise("Greater", (a, b) => a > b ? 1 : 0, null, boolOut: true);
        Elementwise("GreaterEqual", (a, b) => a >= b ? 1 : 0, null, boolOut: true);
        Elementwise("Equal", (a, b) => a == b ? 1 : 0, null, boolOut: true);
        Elementwise("LogicalAnd", (a, b) => a != 0 && b != 0 ? 1 : 0, null, boolOut: true);

        Unary("Neg", a => -a, c => new Tensor?[] { -c.Grad });
        Unary("Square", a => a * a, c => new Tensor?[] { c.Grad * (2.0 * c.Inputs[0]) });
        Unary("Sqrt", Math.Sqrt, c => new Tensor?[] { c.Grad * 0.5 / c.Output });
        Unary("Exp", Math.Exp, c => new Tensor?[] { c.Grad * c.Output });
        Unary("Log", Math.Log, c => new Tensor?[] { Ops.TrueDiv(c.Grad, c.Inputs[0]) });
        Unary("Cos", Math.Cos, c => new Tensor?[] { -c.Grad * Ops.Unary("Sin", c.Inputs[0]) });
        Unary("Sin", Math.Sin, c => new Tensor?[] { c.Grad * Ops.Unary("Cos", c.Inputs[0]) });
        Unary("Floor", Math.Floor, null);
        Unary("Ceil", Math.Ceiling, null);
        Unary("Abs", Math.Abs, c => new Tensor?[] { c.Grad * Ops.Unary("Sign", c.Inputs[0]) });
        Unary("Sign", a => Math.Sign(a), null);
        Unary("Identity", a => a, c => new Tensor?[] { c.Grad });
        Unary("ZerosLike", _ => 0, null);
        Unary("OnesLike", _ => 1, null);

        Add(new OpDef
        {
            Type = "Cast",
            Kernel = c => new[] { c.Inputs[0].AsType(c.Attrs.Get("DstT", DType.Float32)) },
            Infer = (i, a) => One(a.Get("DstT", DType.Float32), i[0].Shape),
            Grad = c => new Tensor?[] { c.Inputs[0].DType.IsFloating() && c.Grad.DType.IsFloating() ? Ops.Cast(c.Grad, c.Inputs[0].DType) : null },
        });

        Add(new OpDef
        {
            Type = "SelectV2",
            Kernel = c => new[] { Kernels.Elementwise("SelectV2", c.Inputs[1].DType, c.Inputs, v => v[0] != 0 ? v[1] : v[2]) },
            Infer = (i, _) => One(i[1].DType, BroadcastStatic("SelectV2", i.Select(t => t.Shape))),
            Grad = c =>
            {
                var zero = Ops.Literal(0, c.Grad);
                return new Tensor?[] { null, S(Ops.Select(c.Inputs[0], c.Grad, zero), c.Inputs[1]), S(Ops.Select(c.Inputs[0], zero, c.Grad), c.Inputs[2]) };
            },
        });

        Add(new OpDef
        {
            Type = "MatMul",
            Kernel = c => new[] { Kernels.MatMul(c.Inputs[0], c.Inputs[1], c.Attrs.Get("transpose_a", false), c.Attrs.Get("transpose_b", false)) },
            Infer = (i, a) =>
            {
                var ta = a.Get("transpose_a", false);
                var tb = a.Get("transpose_b", false);
                var x = i[0].Shape;
                var y = i[1].Shape;
                var m = x.Rank == 2 ? x.Dims![ta ? 1 : 0] : null;
                var n = y.Rank == 2 ? y.Dims![tb ? 0 : 1] : null;
                return One(i[0].DType, TensorShape.Partial(m, n));
            },
            Grad = c =>
            {
                var ta = c.Attrs.Get("transpose_a", false);
                var tb = c.Attrs.Get("transpose_b", false);
                if (ta || tb)
                {
                    throw new InvalidOperationException("Gradients of transposed MatMul are not supported.");
                }

                return new Tensor?[] { Tf.MatMul(c.Grad, c.Inputs[1], transposeB: true), Tf.MatMul(c.Inputs[0], c.Grad, transposeA: true) };
            },
        });

        void Reduction(string type, bool mean) => Add(new OpDef
        {
            Type = type,
            Kernel = c => new[] { Kernels.Reduce(c.Inputs[0], c.Attrs.Get<int[]?>("axis", null), c.Attrs.Get("keepdims", false), mean) },
            Infer = (i, a) =>
            {
                var x = i[0].Shape;
                var axis = a.Get<int[]?>("axis", null);
                var keep = a.Get("keepdims", false);
                if (x.Rank is not int rank)
                {
                    return One(i[0].DType, axis is null && !keep ? TensorShape.Scalar : TensorShape.Unknown);
                }

                var reduce = Kernels.NormalizeAxes(axis, rank);
                var dims = x.Dims!.Select((d, k) => reduce.Contains(k) ? (keep ? 1 : (int?)-1) : d).Where(d => d != -1).ToArray();
                return One(i[0].DType, TensorShape.Partial(dims));
            },
            Grad = c => new Tensor?[]
            {
                Ops.Apply("ReduceGrad", new[] { c.Grad, c.Inputs[0] }, "ReduceGrad",
                    new Attrs { ["axis"] = c.Attrs.Get<int[]?>("axis", null), ["mean"] = mean })[0],
            },
        });
        Reduction("Sum", mean: false);
        Reduction("Mean", mean: true);

        Add(new OpDef
        {
            Type = "ReduceGrad",
            Kernel = c => new[] { Kernels.ReduceGrad(c.Inputs[0], c.Inputs[1], c.Attrs.Get<int[]?>("axis", null), c.Attrs.Get("mean", false)) },
            Infer = (i, _) => One(i[0].DType, i[1].Shape),
        });
        Add(new OpDef
        {
            Type = "SumToShape",
            Kernel = c => new[] { Kernels.SumToShape(c.Inputs[0], c.Inputs[1].Shape) },
            Infer = (i, _) => One(i[0].DType, i[1].Shape),
        });

        Add(new OpDef
        {
            Type = "Const",
            Kernel = c => new[] { (NDArray)c.Attrs["value"]! },
            Infer = (_, a) => One(((NDArray)a["value"]!).DType, TensorShape.Of(((NDArray)a["value"]!).Shape)),
        });
        Add(new OpDef
        {
            Type = "Placeholder",
            Kernel = c =>
            {
                var dtype = c.Attrs.Get("dtype", DType.Float32);
                var shape = c.Attrs.Get("shape", TensorShape.Unknown);
                var shapeText = shape.Rank is null ? "" : " and shape [" + string.Join(",", shape.Dims!.Select(d => d?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?")) + "]";
                throw new InvalidArgumentException(
                    $"You must feed a value for placeholder tensor '{c.OpName}' with dtype {PlaceholderTypeName(dtype)}{shapeText}");
            },
            Infer = (_, a) => One(a.Get("dtype", DType.Float32), a.Get("shape", TensorShape.Unknown)),
        });
        Add(new OpDef
        {
            Type = "NoOp",
            Kernel = _ => Array.Empty<NDArray>(),
            Infer = (_, _) => Array.Empty<(DType, TensorShape)>(),
        });

        Add(new OpDef
        {
            Type = "VariableV2",
            Kernel = c => new[] { c.Store!.Read(c.Op!) ?? throw new FailedPreconditionException($"Attempting to use uninitialized value {c.OpName}") },
            Infer = (_, a) => One(a.Get("dtype", DType.Float32), a.Get("shape", TensorShape.Unknown)),
        });

        void Update(string type) => Add(new OpDef
        {
            Type = type,
            RefInputs = 1,
            Kernel = c =>
            {
                var varOp = c.Op!.Inputs[0].Op!;
                NDArray current;
                if (type == "Assign")
                {
                    current = c.Store!.Read(varOp) ?? NDArray.Zeros(varOp.Outputs[0].DType, c.Inputs[1].ShapeArray);
                }
                else
                {
                    current = Read(c);
                }

                var updated = Kernels.ApplyUpdate(type, current, c.Inputs[1], varOp.Name);
                c.Store!.Write(varOp, updated);
                return new[] { updated };
            },
            Infer = (i, _) => One(i[0].DType, i[0].Shape),
        });
        Update("Assign");
        Update("AssignAdd");
        Update("AssignSub");

        Add(new OpDef
        {
            Type = "IsVariableInitialized",
            RefInputs = 1,
            Kernel = c => new[] { NDArray.Scalar(c.Store!.Read(c.Op!.Inputs[0].Op!) is null ? 0 : 1, DType.Bool) },
            Infer = (_, _) => One(DType.Bool, TensorShape.Scalar),
        });
        Add(new OpDef
        {
            Type = "ReadOrInitialValue",
            RefInputs = 1,
            Kernel = c => new[] { c.Store!.Read(c.Op!.Inputs[0].Op!) ?? c.Inputs[1] },
            Infer = (i, _) => One(i[0].DType, i[0].Shape),
        });

        AddTrainingOps(Add);

        return defs;
    }

    /// <summary>
    /// The fused TF1 optimizer ops (tensorflow/core/kernels/training_ops.cc): the variable and its slots are
    /// reference inputs, updated in place; the output is the updated variable. The kernels' checks and messages
    /// are TensorFlow's (<c>ApplyGradientDescentOp</c>, <c>ApplyMomentumOp</c>, <c>ApplyAdamOp</c>).
    /// </summary>
    private static void AddTrainingOps(Action<OpDef> add)
    {
        NDArray[] Fused(KernelContext c, string[] refNames, int gradIndex, string[] scalarNames, TrainingKernels.Kernel<float> f32, TrainingKernels.Kernel<double> f64)
        {
            var refs = new NDArray[refNames.Length];
            for (var k = 0; k < refs.Length; k++)
            {
                refs[k] = c.Ref(k) ?? throw new FailedPreconditionException($"Attempting to use uninitialized variables: {c.RefInputName(k)}");
            }

            var scalars = new double[scalarNames.Length];
            var s = 0;
            for (var i = refNames.Length; i < c.Inputs.Length; i++)
            {
                if (i == gradIndex)
                {
                    continue;
                }

                var input = c.Inputs[i];
                if (input.Rank != 0)
                {
                    throw new InvalidArgumentException($"{scalarNames[s]} is not a scalar: {Kernels.ShapeText(TensorShape.Of(input.Shape))}");
                }

                scalars[s++] = input.Data[0];
            }

            var grad = c.Inputs[gradIndex];
            for (var k = 1; k < refs.Length; k++)
            {
                if (!refs[k].Shape.SequenceEqual(refs[0].Shape))
                {
                    throw new InvalidArgumentException(
                        $"var and {refNames[k]} do not have the same shape{Kernels.ShapeText(TensorShape.Of(refs[0].Shape))} {Kernels.ShapeText(TensorShape.Of(refs[k].Shape))}");
                }
            }

            if (!grad.Shape.SequenceEqual(refs[0].Shape))
            {
                var gradName = refNames.Length == 1 ? "delta" : "grad";
                throw new InvalidArgumentException(
                    $"var and {gradName} do not have the same shape{Kernels.ShapeText(TensorShape.Of(refs[0].Shape))} {Kernels.ShapeText(TensorShape.Of(grad.Shape))}");
            }

            var updated = TrainingKernels.Run(refs[0].DType, refs, grad, scalars, f32, f64);
            for (var k = 0; k < updated.Length; k++)
            {
                c.SetRef(k, updated[k]);
            }

            return new[] { updated[0] };
        }

        // One op per kernel; the attr use_nesterov reaches the kernels that have it.
        void Fuse(string type, string[] refNames, int gradIndex, string[] scalarNames,
            Func<bool, TrainingKernels.Kernel<float>> f32, Func<bool, TrainingKernels.Kernel<double>> f64) => add(new OpDef
            {
                Type = type,
                RefInputs = refNames.Length,
                Infer = (i, _) => One(i[0].DType, i[0].Shape),
                Kernel = c =>
                {
                    var nesterov = c.Attrs.Get("use_nesterov", false);
                    return Fused(c, refNames, gradIndex, scalarNames, f32(nesterov), f64(nesterov));
                },
            });

        // ApplyGradientDescent(var, alpha, delta)
        Fuse("ApplyGradientDescent", GradientDescentRefs, 2, GradientDescentScalars,
            _ => (r, g, s) => TrainingKernels.ApplyGradientDescent<float>(r[0], s[0], g),
            _ => (r, g, s) => TrainingKernels.ApplyGradientDescent<double>(r[0], s[0], g));

        // ApplyMomentum(var, accum, lr, grad, momentum), attr use_nesterov
        Fuse("ApplyMomentum", MomentumRefs, 3, MomentumScalars,
            n => (r, g, s) => TrainingKernels.ApplyMomentum<float>(r[0], r[1], s[0], g, s[1], n),
            n => (r, g, s) => TrainingKernels.ApplyMomentum<double>(r[0], r[1], s[0], g, s[1], n));

        // ApplyAdam(var, m, v, beta1_power, beta2_power, lr, beta1, beta2, epsilon, grad), attr use_nesterov
        Fuse("ApplyAdam", AdamRefs, 9, AdamScalars,
            n => (r, g, s) => TrainingKernels.ApplyAdam<float>(r[0], r[1], r[2], s[0], s[1], s[2], s[3], s[4], s[5], g, n),
            n => (r, g, s) => TrainingKernels.ApplyAdam<double>(r[0], r[1], r[2], s[0], s[1], s[2], s[3], s[4], s[5], g, n));
    }

    /// <summary>TensorFlow's C++ type names, used in kernel error messages.</summary>
    internal static string PlaceholderTypeName(DType dtype) => dtype switch
    {
        DType.Float32 => "float",
        DType.Float64 => "double",
        _ => dtype.TfName(),
    };
}
