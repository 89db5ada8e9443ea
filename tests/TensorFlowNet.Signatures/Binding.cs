// Source: SciSharp/TensorFlow.NET src/TensorFlowNET.Core/Binding.cs (commit 05443ead2b068d513c42322342e5802c231467a0).
// Code reaches the API through `using static Tensorflow.Binding;` and the static `tf` property.
namespace Tensorflow
{
    public static partial class Binding
    {
        public static tensorflow tf => throw Stub.Signature();
    }
}
