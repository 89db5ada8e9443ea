// Source: SciSharp/TensorFlow.NET src/TensorFlowNET.Core/Training/GradientDescentOptimizer.cs (commit ba490102c148ed20c3622d698aecc62f3cb005e7).
namespace Tensorflow.Train
{
    public class GradientDescentOptimizer : Optimizer
    {
        public GradientDescentOptimizer(float learning_rate, bool use_locking = false, string name = "GradientDescent")
            : base(learning_rate, use_locking, name)
            => throw Stub.Signature();

        public GradientDescentOptimizer(Tensor learning_rate, bool use_locking = false, string name = "GradientDescent")
            : base(learning_rate, use_locking, name)
            => throw Stub.Signature();
    }
}
