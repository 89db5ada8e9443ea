// Source: SciSharp/TensorFlow.NET src/TensorFlowNET.Core/Training/learning_rate_decay.cs (commit ba490102c148ed20c3622d698aecc62f3cb005e7).
// TensorFlow.NET's only TF1 decay function; its step parameter is a RefVariable.
namespace Tensorflow.Training
{
    public class learning_rate_decay
    {
        public static Tensor polynomial_decay(float learning_rate, RefVariable global_step, float decay_steps,
            float end_learning_rate = 0.0001f, float power = 1.0f, bool cycle = false,
            string name = null)
            => throw Stub.Signature();
    }
}
