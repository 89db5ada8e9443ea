// TF.NET Tensor (Core/Tensors/Tensor*.cs): an output of an Operation. A graph tensor has no value of its own; a
// session computes it. Its runtime counterpart is the runtime tensor that computes the same output.
using System;
using Rt = GlobalStepMigration.Runtime;
#if TFNET_V020
using NDArray = NumSharp.NDArray;
using Shape = Tensorflow.TensorShape;
#else
using Tensorflow.NumPy;
#endif

namespace Tensorflow
{
    public partial class Tensor : DisposableObject, ITensorOrOperation
    {
        private readonly Operation _op;
        private readonly int _value_index;
        private readonly TF_DataType _dtype;

        internal Tensor(Operation op, int value_index, TF_DataType dtype)
        {
            _op = op;
            _value_index = value_index;
            _dtype = dtype;
        }

        /// <summary>For values without an op (the current generation's NDArray).</summary>
        private protected Tensor(TF_DataType dtype) => _dtype = dtype;

        public Operation op => _op;

        public int value_index => _value_index;

        public Graph graph => _op?.graph;

        public virtual TF_DataType dtype => _dtype;

        public string Device => "";

        /// <summary>"op:index" (Core/Tensors/Tensor.cs, name).</summary>
        public virtual string name => _op == null ? "" : $"{_op.name}:{_value_index}";

        /// <summary>Current Core/Tensors/Tensor.cs:54: the op's outputs.</summary>
        public Tensor[] outputs => _op?.outputs;

        /// <summary>The static shape the runtime inferred for this output.</summary>
#if TFNET_V020
        public TensorShape TensorShape => Backing == null ? Shape.Unknown : ShapeConversions.FromRuntime(Backing.Shape);

        public int[] shape => TensorShape.dims;

        public int rank => TensorShape.ndim;
#else
        public virtual Shape shape => Backing == null ? Shape.Unknown : ShapeConversions.FromRuntime(Backing.Shape);

        public int rank => shape.ndim;
#endif

        /// <summary>The runtime tensor that computes this output (null if the runtime does not hold its node).</summary>
        internal virtual Rt.Tensor Backing => _op?.Core.BackingOutputs.Length > _value_index ? _op.Core.BackingOutputs[_value_index] : null;

        /// <summary>A graph tensor has no value outside a session; reading it that way is not modelled.</summary>
        public virtual NDArray numpy() => throw Model.NotModelled("numpy() of a graph tensor (" + name + ")");

        /// <summary>Current Core/Tensors/Tensor.cs:231-243, old :237-249.</summary>
        public override string ToString() => $"tf.Tensor '{name}' shape={ShapeText} dtype={dtype.as_numpy_name()}";

#if TFNET_V020
        private string ShapeText => TensorShape.ToString();
#else
        private string ShapeText => shape.ToString();
#endif

        /// <summary>A tensor converts implicitly to its op (current Tensor.Implicit.cs:12-13, old :17-18).</summary>
        public static implicit operator Operation(Tensor tensor) => tensor?.op;

        // Operators: BinaryOpWrapper (current Tensor.Operators.cs:279-300, old :310-...), named "add", "sub", "mul",
        // "truediv" in a fresh name scope, the second operand converted to the first one's dtype.
        public static Tensor operator +(Tensor lhs, Tensor rhs) => MathOps.Binary("add", lhs, rhs);

        public static Tensor operator +(Tensor lhs, ResourceVariable rhs) => MathOps.Binary("add", lhs, rhs);

        public static Tensor operator +(Tensor lhs, int rhs) => MathOps.Binary("add", lhs, rhs);

        public static Tensor operator +(Tensor lhs, long rhs) => MathOps.Binary("add", lhs, rhs);

        public static Tensor operator +(Tensor lhs, float rhs) => MathOps.Binary("add", lhs, rhs);

        public static Tensor operator +(Tensor lhs, double rhs) => MathOps.Binary("add", lhs, rhs);

        public static Tensor operator +(int lhs, Tensor rhs) => MathOps.Binary("add", lhs, rhs);

        public static Tensor operator +(float lhs, Tensor rhs) => MathOps.Binary("add", lhs, rhs);

        public static Tensor operator +(double lhs, Tensor rhs) => MathOps.Binary("add", lhs, rhs);

        public static Tensor operator -(Tensor lhs, Tensor rhs) => MathOps.Binary("sub", lhs, rhs);

        public static Tensor operator -(Tensor lhs, int rhs) => MathOps.Binary("sub", lhs, rhs);

        public static Tensor operator -(Tensor lhs, long rhs) => MathOps.Binary("sub", lhs, rhs);

        public static Tensor operator -(Tensor lhs, float rhs) => MathOps.Binary("sub", lhs, rhs);

        public static Tensor operator -(Tensor lhs, double rhs) => MathOps.Binary("sub", lhs, rhs);

        public static Tensor operator -(int lhs, Tensor rhs) => MathOps.Binary("sub", lhs, rhs);

        public static Tensor operator -(float lhs, Tensor rhs) => MathOps.Binary("sub", lhs, rhs);

        public static Tensor operator -(double lhs, Tensor rhs) => MathOps.Binary("sub", lhs, rhs);

        public static Tensor operator *(Tensor lhs, Tensor rhs) => MathOps.Binary("mul", lhs, rhs);

        public static Tensor operator *(Tensor lhs, int rhs) => MathOps.Binary("mul", lhs, rhs);

        public static Tensor operator *(Tensor lhs, long rhs) => MathOps.Binary("mul", lhs, rhs);

        public static Tensor operator *(Tensor lhs, float rhs) => MathOps.Binary("mul", lhs, rhs);

        public static Tensor operator *(Tensor lhs, double rhs) => MathOps.Binary("mul", lhs, rhs);

        public static Tensor operator *(int lhs, Tensor rhs) => MathOps.Binary("mul", lhs, rhs);

        public static Tensor operator *(float lhs, Tensor rhs) => MathOps.Binary("mul", lhs, rhs);

        public static Tensor operator *(double lhs, Tensor rhs) => MathOps.Binary("mul", lhs, rhs);

        public static Tensor operator /(Tensor lhs, Tensor rhs) => MathOps.Binary("truediv", lhs, rhs);

        public static Tensor operator /(Tensor lhs, float rhs) => MathOps.Binary("truediv", lhs, rhs);

        public static Tensor operator /(Tensor lhs, double rhs) => MathOps.Binary("truediv", lhs, rhs);
    }
}
