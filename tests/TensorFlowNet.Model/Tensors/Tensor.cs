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

        /// <summary>Current Core/Tensors/Tensor.cs:53, old :60.</summary>
        public Operation op => _op;

        /// <summary>Current Core/Tensors/Tensor.cs:65, old :72.</summary>
        public int value_index => _value_index;

        /// <summary>Current Core/Tensors/Tensor.cs:48, old :55.</summary>
        public Graph graph => _op?.graph;

        /// <summary>Current Core/Tensors/Tensor.cs:70, old :77.</summary>
        public virtual TF_DataType dtype => _dtype;

        /// <summary>Current Core/Tensors/Tensor.cs:81 (no placement in the model: empty).</summary>
        public string Device => "";

        /// <summary>"op:index" (current Core/Tensors/Tensor.cs:60, old :67).</summary>
        public virtual string name => _op == null ? "" : $"{_op.name}:{_value_index}";

        /// <summary>Current Core/Tensors/Tensor.cs:54, old :61: the op's outputs.</summary>
        public Tensor[] outputs => _op?.outputs;

        /// <summary>The static shape the runtime inferred for this output (current Core/Tensors/Tensor.cs:102,
        /// old :107 and TensorShape :142).</summary>
#if TFNET_V020
        public TensorShape TensorShape => Backing == null ? Shape.Unknown : ShapeConversions.FromRuntime(Backing.Shape);

        public int[] shape => TensorShape.dims;

        /// <summary>Old Core/Tensors/Tensor.cs:176 (rank) and :83 (NDims).</summary>
        public int rank => TensorShape.ndim;

        public int NDims => rank;
#else
        public virtual Shape shape => Backing == null ? Shape.Unknown : ShapeConversions.FromRuntime(Backing.Shape);

        /// <summary>Current Core/Tensors/Tensor.cs:168 (rank) and :76 (ndim).</summary>
        public virtual int rank => shape.ndim;

        public int ndim => rank;

        /// <summary>Current Core/Tensors/Tensor.cs:73: the element count of a tensor with a value, 0 for a graph tensor.</summary>
        public ulong size => this is NDArray nd ? (ulong)nd.Value.Size : 0;

        /// <summary>
        /// Current Core/Tensors/Tensor.Value.cs:15-37: the elements, when T is the tensor's dtype
        /// (ArrayTypeMismatchException otherwise). A graph tensor has no value outside a session: not modelled.
        /// </summary>
        public virtual T[] ToArray<T>() where T : unmanaged
        {
            var wanted = dtypes.FromClrType(typeof(T));
            if (wanted != dtype)
            {
                throw new ArrayTypeMismatchException($"Required dtype {dtype} mismatch with {wanted}.");
            }

            return this is NDArray nd ? nd.Value.ToArray<T>() : throw Model.NotModelled("ToArray() of a graph tensor (" + name + ")");
        }
#endif

        /// <summary>The runtime tensor that computes this output (null if the runtime does not hold its node).</summary>
        internal virtual Rt.Tensor Backing => _op?.Core.BackingOutputs.Length > _value_index ? _op.Core.BackingOutputs[_value_index] : null;

        /// <summary>Current Tensor.Value.cs:47-48 (old :153-...): a graph tensor has no value outside a session; reading it that way is not modelled.</summary>
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
