using System;
using System.Collections.Generic;
using System.Linq;

namespace GlobalStepMigration.Runtime;

internal sealed class Attrs : Dictionary<string, object?>
{
    public Attrs() : base(StringComparer.Ordinal) { }

    public T Get<T>(string key, T fallback) => TryGetValue(key, out var v) && v is T t ? t : fallback;
}

/// <summary>Where graph-mode stateful kernels keep variable values (a session).</summary>
internal interface IVariableStore
{
    NDArray? Read(Operation variableOp);

    void Write(Operation variableOp, NDArray value);
}

internal sealed class KernelContext
{
    public required NDArray[] Inputs { get; init; }

    public required Attrs Attrs { get; init; }

    public Operation? Op { get; init; }

    public IVariableStore? Store { get; init; }

    /// <summary>Eagerly: the current value of reference input k (a graph kernel reads it from <see cref="Store"/>).</summary>
    public Func<int, NDArray?>? ReadRef { get; init; }

    /// <summary>Eagerly: sets the value of reference input k.</summary>
    public Action<int, NDArray>? WriteRef { get; init; }

    /// <summary>Eagerly: the name of reference input k, for error messages.</summary>
    public Func<int, string>? RefName { get; init; }

    public string OpName => Op?.Name ?? "";

    /// <summary>The value of reference input <paramref name="k"/> (graph: in the session; eager: the variable's), null when uninitialized.</summary>
    public NDArray? Ref(int k) => ReadRef is not null ? ReadRef(k) : Store!.Read(Op!.Inputs[k].Op!);

    /// <summary>Sets the value of reference input <paramref name="k"/>.</summary>
    public void SetRef(int k, NDArray value)
    {
        if (WriteRef is not null)
        {
            WriteRef(k, value);
        }
        else
        {
            Store!.Write(Op!.Inputs[k].Op!, value);
        }
    }

    /// <summary>The name of reference input <paramref name="k"/> as the op names it (TensorFlow's <c>requested_input</c>).</summary>
    public string RefInputName(int k) => RefName is not null ? RefName(k) : Op!.Inputs[k].Op!.Name;
}

internal sealed class GradContext
{
    public required Tensor[] Inputs { get; init; }

    public required Tensor Output { get; init; }

    public required Tensor Grad { get; init; }

    public required Attrs Attrs { get; init; }
}

internal sealed class OpDef
{
    public required string Type { get; init; }

    public required Func<KernelContext, NDArray[]> Kernel { get; init; }

    /// <summary>Static output dtypes and shapes from the inputs.</summary>
    public required Func<Tensor[], Attrs, (DType, TensorShape)[]> Infer { get; init; }

    /// <summary>Gradients of the inputs from the gradient of output 0; null when not differentiable.</summary>
    public Func<GradContext, Tensor?[]>? Grad { get; init; }

    /// <summary>Inputs 0 to <c>RefInputs - 1</c> are variable references that the kernel uses without reading them.</summary>
    public int RefInputs { get; init; }
}

/// <summary>Builds operations: eagerly (run now, record on gradient tapes) or into a graph.</summary>
internal static class Ops
{
    internal static Tensor[] Apply(string type, Tensor[] inputs, string? name, Attrs? attrs = null, Graph? graph = null)
    {
        var def = OpRegistry.Get(type);
        attrs ??= new Attrs();
        var resolved = new Tensor[inputs.Length];
        for (var i = 0; i < inputs.Length; i++)
        {
            resolved[i] = inputs[i] ?? throw new ArgumentNullException(nameof(inputs), $"Input {i} of '{type}' is null.");
            resolved[i] = i < def.RefInputs ? resolved[i] : resolved[i].AsInput();
            var g = resolved[i].Graph;
            if (g is null)
            {
                continue;
            }

            if (graph is null)
            {
                graph = g;
            }
            else if (!ReferenceEquals(graph, g))
            {
                throw new ValueErrorException(
                    $"Tensor({resolved[i].Name}) must be from the same graph as the other inputs of '{type}'.");
            }
        }

        graph ??= DefaultGraphStack.Top;
        if (graph is null)
        {
            return ApplyEager(def, resolved, attrs);
        }

        for (var i = 0; i < resolved.Length; i++)
        {
            if (resolved[i].Graph is null)
            {
                resolved[i] = graph.Capture(resolved[i]);
            }
        }

        var outputs = def.Infer(resolved, attrs);
        return graph.CreateOp(def, name ?? type, resolved, attrs, outputs).Outputs.ToArray();
    }

    private static Tensor[] ApplyEager(OpDef def, Tensor[] inputs, Attrs attrs)
    {
        Variable[]? refs = null;
        if (def.RefInputs > 0)
        {
            // Eagerly a reference input is an eager variable; a fused kernel reads and writes its value.
            refs = new Variable[def.RefInputs];
            for (var i = 0; i < refs.Length; i++)
            {
                refs[i] = inputs[i] as Variable ?? throw new InvalidOperationException($"'{def.Type}' needs a variable as input {i}.");
            }

            if (def.Type is "Assign" or "AssignAdd" or "AssignSub" or "IsVariableInitialized" or "ReadOrInitialValue")
            {
                throw new InvalidOperationException($"'{def.Type}' needs a graph variable.");
            }
        }

        var values = def.Kernel(new KernelContext
        {
            Inputs = inputs.Select((t, i) => refs is not null && i < refs.Length ? null! : t.Numpy()).ToArray(),
            Attrs = attrs,
            ReadRef = refs is null ? null : k => refs[k].Numpy(),
            WriteRef = refs is null ? null : (k, value) => refs[k].SetEagerValue(value),
            RefName = refs is null ? null : k => refs[k].Name.Split(':')[0],
        });
        var outputs = values.Select(v => new Tensor(v)).ToArray();
        if (def.Grad is not null)
        {
            GradientTape.RecordOp(def, inputs, outputs[0], attrs);
        }

        return outputs;
    }

    internal static Tensor Unary(string type, Tensor x, string? name = null, Attrs? attrs = null) =>
        Apply(type, new[] { x }, name, attrs)[0];

    internal static (Tensor X, Tensor Y) Harmonize(string type, Tensor x, Tensor y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.DType == y.DType)
        {
            return (x, y);
        }

        if (y.IsWeak)
        {
            return (x, ConvertTo(y, x.DType));
        }

        if (x.IsWeak)
        {
            return (ConvertTo(x, y.DType), y);
        }

        throw new TypeErrorException(
            $"Input 'y' of '{type}' Op has type {y.DType.TfName()} that does not match type {x.DType.TfName()} of argument 'x'.");
    }

    internal static Tensor Binary(string type, Tensor x, Tensor y, string? name = null)
    {
        (x, y) = Harmonize(type, x, y);
        var result = Apply(type, new[] { x, y }, name)[0];

        // Arithmetic on two C# literals stays a literal, as it does on Python numbers.
        return x.IsWeak && y.IsWeak && result.Op is null ? new Tensor(result.Numpy(), weak: true) : result;
    }

    internal static Tensor TrueDiv(Tensor x, Tensor y, string? name = null)
    {
        (x, y) = Harmonize("RealDiv", x, y);
        if (!x.DType.IsFloating())
        {
            x = Cast(x, DType.Float64);
            y = Cast(y, DType.Float64);
        }

        return Apply("RealDiv", new[] { x, y }, name ?? "truediv")[0];
    }

    /// <summary>A weak scalar constant with the dtype of <paramref name="like"/> (a C# literal next to a tensor).</summary>
    internal static Tensor Literal(double value, Tensor like)
    {
        ArgumentNullException.ThrowIfNull(like);
        var dtype = like.DType == DType.Bool ? DType.Float32 : like.DType;
        var literal = NDArray.Scalar(value, dtype);
        if (literal.Data[0] != value && !dtype.IsFloating())
        {
            throw LiteralError(value, dtype);
        }

        return new Tensor(literal, weak: true);
    }

    /// <summary>TensorFlow refuses to convert a Python number to a dtype that cannot hold it (1.5 to int64).</summary>
    private static TypeErrorException LiteralError(double value, DType dtype) =>
        new(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"Cannot convert {value:R} to EagerTensor of dtype {dtype.TfName()}"));

    /// <summary>
    /// The tensor as <paramref name="dtype"/>: a literal or eager value is converted directly, a
    /// graph tensor through a Cast op.
    /// </summary>
    internal static Tensor ConvertTo(Tensor t, DType dtype)
    {
        ArgumentNullException.ThrowIfNull(t);
        if (t.DType == dtype)
        {
            return t;
        }

        if (t.Op is null && t is not Variable)
        {
            var value = t.Numpy();
            var converted = value.AsType(dtype);
            if (t.IsWeak && !dtype.IsFloating() && !converted.AsType(value.DType).Equals(value))
            {
                throw LiteralError(value.Data.First(d => dtype.Coerce(d) != d), dtype);
            }

            return new Tensor(converted, t.IsWeak);
        }

        return Cast(t, dtype);
    }

    internal static Tensor Cast(Tensor x, DType dtype, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(x);
        return x.DType == dtype && x is not Variable ? x : Apply("Cast", new[] { x }, name ?? "Cast", new Attrs { ["DstT"] = dtype })[0];
    }

    internal static Tensor Const(NDArray value, string? name = null, Graph? graph = null)
    {
        graph ??= DefaultGraphStack.Top;
        return graph is null ? new Tensor(value) : ConstInGraph(graph, value, name ?? "Const");
    }

    internal static Tensor ConstInGraph(Graph graph, NDArray value, string name) =>
        graph.CreateOp(OpRegistry.Get("Const"), name, Array.Empty<Tensor>(), new Attrs { ["value"] = value },
            new[] { (value.DType, TensorShape.Of(value.Shape)) }).Outputs[0];

    internal static Tensor Select(Tensor condition, Tensor x, Tensor y, string? name = null)
    {
        (x, y) = Harmonize("SelectV2", x, y);
        return Apply("SelectV2", new[] { condition, x, y }, name)[0];
    }

    internal static Tensor SumToShapeOf(Tensor grad, Tensor like) =>
        grad.Shape.Equals(like.Shape) && like.Shape.IsFullyDefined ? grad : Apply("SumToShape", new[] { grad, like }, "SumToShape")[0];
}
