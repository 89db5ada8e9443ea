// The static shape of a tensor. Current: Shape (Core/Numpy/Shape.cs:31-146, ToString Core/NumPy/ShapeHelper.cs:130-139);
// old: TensorShape (Core/Tensors/TensorShape.cs:23-139 and :267-279, conversions TensorShape.Convert.cs:10-38).
// Shared code spells the type `Shape`; the old build aliases it to TensorShape.
using System.Collections.Generic;
using System.Linq;
#if TFNET_V020
using Shape = Tensorflow.TensorShape;
#endif

namespace Tensorflow
{
#if TFNET_V020
    // Old TensorShape.cs / TensorShape.Convert.cs lines: dims :23, ndim :28, rank :34, constructor :83,
    // is_fully_defined :139, ToString :267; conversions from int[] :14, int :17, tuples :20-26.
    public class TensorShape
    {
        private readonly int[] _dims;

        public TensorShape(params int[] dims) => _dims = dims;

        internal static TensorShape Unknown => new((int[])null);

        public int[] dims => _dims;

        public int ndim => _dims == null ? -1 : _dims.Length;

        public int rank => ndim;

        public bool is_fully_defined() => _dims != null && _dims.All(d => d >= 0);

        internal bool IsScalar => ndim == 0;

        internal bool IsFullyDefined => is_fully_defined();

        internal int[] AsInts() => _dims;

        public static implicit operator TensorShape(int[] dims) => dims == null ? null : new TensorShape(dims);

        public static implicit operator TensorShape(int dim) => new(dim);

        public static implicit operator TensorShape((int, int) dims) => new(dims.Item1, dims.Item2);

        public static implicit operator TensorShape((int, int, int) dims) => new(dims.Item1, dims.Item2, dims.Item3);

        public static implicit operator TensorShape((int, int, int, int) dims) => new(dims.Item1, dims.Item2, dims.Item3, dims.Item4);

        public override string ToString() => ndim switch
        {
            -1 => "<unknown>",
            0 => "()",
            _ => string.Join(",", _dims).Replace("-1", "None"),
        };
    }
#else
    // Current Numpy/Shape.cs lines: ndim :31, dims :33, rank :34, constructors :91 and :94, conversions from int :97,
    // long[] :100, int[] :103, int tuples :106-118, IsScalar :141, IsFullyDefined :144, Scalar :146; ToString
    // NumPy/ShapeHelper.cs:130-139.
    public class Shape
    {
        private readonly long[] _dims;

        public Shape(params int[] dims) => _dims = dims?.Select(d => (long)d).ToArray();

        public Shape(params long[] dims) => _dims = dims;

        internal static Shape Unknown => new((long[])null);

        public static Shape Scalar => new(new long[0]);

        public long[] dims => _dims;

        public int ndim => _dims == null ? -1 : _dims.Length;

        public int rank => ndim;

        public bool IsScalar => ndim == 0;

        public bool IsFullyDefined => ndim > -1 && _dims.Count(x => x < 1) == 0;

        internal int[] AsInts() => _dims?.Select(d => (int)d).ToArray();

        public static implicit operator Shape(int dims) => new(dims);

        public static implicit operator Shape(long[] dims) => dims == null ? null : new Shape(dims);

        public static implicit operator Shape(int[] dims) => dims == null ? null : new Shape(dims);

        public static implicit operator Shape((int, int) dims) => new(dims.Item1, dims.Item2);

        public static implicit operator Shape((int, int, int) dims) => new(dims.Item1, dims.Item2, dims.Item3);

        public static implicit operator Shape((int, int, int, int) dims) => new(dims.Item1, dims.Item2, dims.Item3, dims.Item4);

        public override string ToString() => ndim switch
        {
            -1 => "<unknown>",
            0 => "()",
            1 => $"({_dims[0].ToString().Replace("-1", "None")},)",
            _ => $"({string.Join(", ", _dims).Replace("-1", "None")})",
        };
    }
#endif

    internal static class ShapeConversions
    {
        /// <summary>The runtime's shape for a model shape (null or unknown rank: unknown).</summary>
        internal static GlobalStepMigration.Runtime.TensorShape ToRuntime(this Shape shape) =>
            shape == null || shape.ndim < 0
                ? GlobalStepMigration.Runtime.TensorShape.Unknown
                : GlobalStepMigration.Runtime.TensorShape.Partial(shape.AsInts().Select(d => d < 0 ? (int?)null : d).ToArray());

        internal static Shape FromRuntime(GlobalStepMigration.Runtime.TensorShape shape)
        {
            if (shape.Dims is not IReadOnlyList<int?> dims)
            {
                return Shape.Unknown;
            }

            return new Shape(dims.Select(d => d ?? -1).ToArray());
        }
    }
}
