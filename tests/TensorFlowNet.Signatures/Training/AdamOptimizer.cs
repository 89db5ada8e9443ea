// Source: SciSharp/TensorFlow.NET src/TensorFlowNET.Core/Training/AdamOptimizer.cs (the revision with the `dtype` parameter).
namespace Tensorflow.Train
{
    public class AdamOptimizer : Optimizer
    {
        public AdamOptimizer(float learning_rate, float beta1 = 0.9f, float beta2 = 0.999f, float epsilon = 1e-8f, bool use_locking = false, TF_DataType dtype = TF_DataType.TF_FLOAT, string name = "Adam")
            : base(learning_rate, use_locking, name)
            => throw Stub.Signature();

        public AdamOptimizer(Tensor learning_rate, float beta1 = 0.9f, float beta2 = 0.999f, float epsilon = 1e-8f, bool use_locking = false, TF_DataType dtype = TF_DataType.TF_FLOAT, string name = "Adam")
            : base(learning_rate, use_locking, name)
            => throw Stub.Signature();
    }
}
