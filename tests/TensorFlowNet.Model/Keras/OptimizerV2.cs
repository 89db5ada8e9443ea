// Keras optimizers of the current generation live in the Tensorflow.Keras assembly
// (src/TensorFlowNET.Keras/Optimizers/OptimizerV2.cs, SGD.cs); the model keeps their public signatures in this
// assembly (the analyzer resolves types by metadata name). The iteration counter is non-public there (a private
// `_iterations` and a protected `iterations`). Executing Keras optimizers is not modelled.
#if !TFNET_V020
using System.Collections.Generic;
using Tensorflow.Train;

namespace Tensorflow.Keras.Optimizers
{
    public interface IOptimizer
    {
    }

    public class OptimizerV2 : Trackable, IOptimizer
    {
        protected OptimizerV2()
        {
        }

        protected ResourceVariable iterations => throw Model.NotModelled("Keras OptimizerV2");

        public IVariableV1 lr => throw Model.NotModelled("Keras OptimizerV2");

        public void apply_gradients((Tensor, ResourceVariable) grads_and_vars, string name = null, bool experimental_aggregate_gradients = true)
            => throw Model.NotModelled("Keras OptimizerV2.apply_gradients");

        public void apply_gradients(IEnumerable<(Tensor, ResourceVariable)> grads_and_vars, string name = null, bool experimental_aggregate_gradients = true)
            => throw Model.NotModelled("Keras OptimizerV2.apply_gradients");
    }

    public class SGD : OptimizerV2
    {
        public SGD(float learning_rate, float momentum = 0.0f, bool nesterov = false, float decay = 0.0f)
        {
        }
    }
}
#endif
