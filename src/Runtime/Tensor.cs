using System;
using System.Threading;

namespace GlobalStepMigration.Runtime;

/// <summary>
/// A tensor (TensorFlow's <c>tf.Tensor</c>): either symbolic, the output of an
/// <see cref="Operation"/> in a <see cref="Graph"/>, or eager, holding its value.
/// </summary>
public class Tensor
{
    private static long s_nextId;

    private readonly Operation? _op;
    private readonly NDArray? _value;
    private readonly DType _dtype;
    private readonly TensorShape _shape;

    internal Tensor(Operation op, int index, DType dtype, TensorShape shape)
    {
        _op = op;
        ValueIndex = index;
        _dtype = dtype;
        _shape = shape;
    }

    internal Tensor(NDArray value, bool weak = false)
    {
        _value = value;
        _dtype = value.DType;
        _shape = TensorShape.Of(value.Shape);
        IsWeak = weak;
    }

    private protected Tensor(DType dtype, TensorShape shape)
    {
        _dtype = dtype;
        _shape = shape;
    }

    internal long Id { get; } = Interlocked.Increment(ref s_nextId);

    /// <summary>True for a constant made from a C# literal, whose dtype adapts to the other operand.</summary>
    internal bool IsWeak { get; }

    /// <summary>The element type.</summary>
    public virtual DType DType => _dtype;

    /// <summary>The static shape.</summary>
    public virtual TensorShape Shape => _shape;

    /// <summary>The static shape (TensorFlow's <c>get_shape()</c>).</summary>
    public TensorShape GetShape() => Shape;

    /// <summary>The operation that produces this tensor; null for an eager tensor.</summary>
    public virtual Operation? Op => _op;

    /// <summary>The index of this tensor among its operation's outputs.</summary>
    public int ValueIndex { get; }

    /// <summary>The graph of the producing operation; null for an eager tensor.</summary>
    public virtual Graph? Graph => Op?.Graph;

    /// <summary>The tensor's name, <c>"op:index"</c>.</summary>
    public virtual string Name => _op is null
        ? throw new InvalidOperationException("Tensor.name is undefined when eager execution is enabled.")
        : FormattableString.Invariant($"{_op.Name}:{ValueIndex}");

    /// <summary>The value of an eager tensor (TensorFlow's <c>numpy()</c>).</summary>
    public virtual NDArray Numpy() =>
        _value ?? throw new InvalidOperationException(
            $"Numpy() is only available for eager tensors; evaluate {Name} with Session.Run instead.");

    /// <summary>The tensor to use as an operation input (a variable is read).</summary>
    internal virtual Tensor AsInput() => this;

    /// <summary>Prints like TensorFlow: <c>Tensor("x:0", shape=(), dtype=float32)</c> or <c>tf.Tensor(3.0, shape=(), dtype=float32)</c>.</summary>
    public override string ToString() => Op is null
        ? $"tf.Tensor({Numpy()}, shape={Shape}, dtype={DType.TfName()})"
        : $"Tensor(\"{Name}\", shape={Shape}, dtype={DType.TfName()})";

    /// <summary>A constant from an int literal (int32 unless the other operand says otherwise).</summary>
    public static implicit operator Tensor(int value) => new(NDArray.Scalar(value, DType.Int32), weak: true);

    /// <summary>A constant from a long literal (int64).</summary>
    public static implicit operator Tensor(long value) => new(NDArray.Scalar(value, DType.Int64), weak: true);

    /// <summary>A constant from a float literal (float32).</summary>
    public static implicit operator Tensor(float value) => new(NDArray.Scalar(value, DType.Float32), weak: true);

    /// <summary>A constant from a double literal (float32, like a Python float, unless the other operand says otherwise).</summary>
    public static implicit operator Tensor(double value) => new(NDArray.Scalar(value, DType.Float32), weak: true);

    /// <summary>A constant from an array.</summary>
    public static implicit operator Tensor(NDArray value) => new(value, weak: false);

    /// <summary>Elementwise sum.</summary>
    public static Tensor operator +(Tensor x, Tensor y) => Ops.Binary("Add", x, y);

    /// <summary>Elementwise sum with a scalar of the tensor's dtype.</summary>
    public static Tensor operator +(Tensor x, double y) => Ops.Binary("Add", x, Ops.Literal(y, x));

    /// <summary>Elementwise sum with a scalar of the tensor's dtype.</summary>
    public static Tensor operator +(double x, Tensor y) => Ops.Binary("Add", Ops.Literal(x, y), y);

    /// <summary>Elementwise difference.</summary>
    public static Tensor operator -(Tensor x, Tensor y) => Ops.Binary("Sub", x, y);

    /// <summary>Elementwise difference with a scalar of the tensor's dtype.</summary>
    public static Tensor operator -(Tensor x, double y) => Ops.Binary("Sub", x, Ops.Literal(y, x));

    /// <summary>Elementwise difference with a scalar of the tensor's dtype.</summary>
    public static Tensor operator -(double x, Tensor y) => Ops.Binary("Sub", Ops.Literal(x, y), y);

    /// <summary>Elementwise product.</summary>
    public static Tensor operator *(Tensor x, Tensor y) => Ops.Binary("Mul", x, y);

    /// <summary>Elementwise product with a scalar of the tensor's dtype.</summary>
    public static Tensor operator *(Tensor x, double y) => Ops.Binary("Mul", x, Ops.Literal(y, x));

    /// <summary>Elementwise product with a scalar of the tensor's dtype.</summary>
    public static Tensor operator *(double x, Tensor y) => Ops.Binary("Mul", Ops.Literal(x, y), y);

    /// <summary>Elementwise true division (integers are divided as float64, like TensorFlow's truediv).</summary>
    public static Tensor operator /(Tensor x, Tensor y) => Ops.TrueDiv(x, y);

    /// <summary>Elementwise true division by a scalar.</summary>
    public static Tensor operator /(Tensor x, double y) => Ops.TrueDiv(x, Ops.Literal(y, x));

    /// <summary>Elementwise true division of a scalar.</summary>
    public static Tensor operator /(double x, Tensor y) => Ops.TrueDiv(Ops.Literal(x, y), y);

    /// <summary>Elementwise negation.</summary>
    public static Tensor operator -(Tensor x) => Ops.Unary("Neg", x);

    /// <summary>Elementwise comparison.</summary>
    public static Tensor operator <(Tensor x, Tensor y) => Ops.Binary("Less", x, y);

    /// <summary>Elementwise comparison.</summary>
    public static Tensor operator >(Tensor x, Tensor y) => Ops.Binary("Greater", x, y);

    /// <summary>Elementwise comparison.</summary>
    public static Tensor operator <=(Tensor x, Tensor y) => Ops.Binary("LessEqual", x, y);

    /// <summary>Elementwise comparison.</summary>
    public static Tensor operator >=(Tensor x, Tensor y) => Ops.Binary("GreaterEqual", x, y);
}
