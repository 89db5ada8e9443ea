// Sources: SciSharp/TensorFlow.NET src/TensorFlowNET.Keras/Optimizers/OptimizerV2.cs (commit 901d5747e1dcca9bebfaf4714fd04c82777e015f)
// and src/TensorFlowNET.Keras/Optimizers/SGD.cs. In TensorFlow.NET these live in the Tensorflow.Keras assembly; they are
// reproduced in this one assembly because the analyzer resolves types by metadata name, whatever assembly declares them.
// The iteration counter is non-public there: a private `_iterations` field and a protected `iterations` property, no
// public `iterations`/`Iterations`. That is why "Use optimizer.Iterations" is never offered for TensorFlow.NET code.
using System.Collections.Generic;
using Tensorflow.Train;

namespace Tensorflow.Keras.Optimizers
{
    public interface IOptimizer
    {
    }

    public class OptimizerV2 : Trackable, IOptimizer
    {
        // The real constructor takes an OptimizerV2Args; code builds optimizers through subclasses such as SGD.
        protected OptimizerV2()
            => throw Stub.Signature();

        protected ResourceVariable iterations => throw Stub.Signature();

        public IVariableV1 lr => throw Stub.Signature();

        public void apply_gradients((Tensor, ResourceVariable) grads_and_vars,
            string name = null,
            bool experimental_aggregate_gradients = true)
            => throw Stub.Signature();

        public void apply_gradients(IEnumerable<(Tensor, ResourceVariable)> grads_and_vars,
            string name = null,
            bool experimental_aggregate_gradients = true)
            => throw Stub.Signature();
    }

    public class SGD : OptimizerV2
    {
        public SGD(float learning_rate,
            float momentum = 0.0f,
            bool nesterov = false,
            float decay = 0.0f)
            => throw Stub.Signature();
    }
}
