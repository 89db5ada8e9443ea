// Source: SciSharp/TensorFlow.NET src/TensorFlowNET.Core/APIs/tf.control.cs (`group<T>`, as found by the index).
namespace Tensorflow
{
    public partial class tensorflow
    {
        public Operation group<T>(T[] inputs, string name = null)
            where T : ITensorOrOperation
            => throw Stub.Signature();
    }
}
