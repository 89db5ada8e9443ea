// Keras optimizers of the current generation live in the Tensorflow.Keras assembly
// (src/TensorFlowNET.Keras/Optimizers/OptimizerV2.cs:17-18 and :45-94, SGD.cs); the model keeps their public signatures
// in this assembly (the analyzer resolves types by metadata name). The iteration counter is not public there: a
// protected field `_iterations` and a protected property `iterations`. At v0.20 they were in TensorFlow.NET.dll itself
// (src/TensorFlowNET.Core/Keras/Optimizers/OptimizerV2.cs, SGD.cs), with a private `_iterations` and the same protected
// `iterations`. Executing Keras optimizers is not modelled.
using System.Collections.Generic;
using Tensorflow.Train;

namespace Tensorflow.Keras.Optimizers
{
    /// <summary>Current src/TensorFlowNET.Core/Keras/Engine/IOptimizer.cs:3, old Core/Keras/Optimizers/IOptimizer.cs:7 (members not modelled).</summary>
    public interface IOptimizer
    {
    }

    // OptimizerV2.cs lines, current (src/TensorFlowNET.Keras): class :11, _iterations :17, iterations :18, lr :26, constructor
    // :32 (takes OptimizerV2Args, not modelled: protected here), apply_gradients :45, :58, :81, :94. Old
    // (Core/Keras/Optimizers): class :16, _iterations :21 (private), iterations :22, constructor :33 (public, no arguments),
    // apply_gradients :42 and :55 (ResourceVariable pairs only).
    public class OptimizerV2 : Trackable, IOptimizer
    {
#if TFNET_V020
        private IVariableV1 _iterations = null;

        public OptimizerV2()
        {
        }
#else
        protected OptimizerV2()
        {
        }

        protected IVariableV1 _iterations;
#endif

        protected ResourceVariable iterations => _iterations as ResourceVariable;
#if !TFNET_V020

        public IVariableV1 lr => throw Model.NotModelled("Keras OptimizerV2");

        public void apply_gradients((Tensor, IVariableV1) grads_and_vars, string name = null, bool experimental_aggregate_gradients = true)
            => throw Model.NotModelled("Keras OptimizerV2.apply_gradients");

        public void apply_gradients(IEnumerable<(Tensor, IVariableV1)> grads_and_vars, string name = null, bool experimental_aggregate_gradients = true)
            => throw Model.NotModelled("Keras OptimizerV2.apply_gradients");
#endif

        public void apply_gradients((Tensor, ResourceVariable) grads_and_vars, string name = null, bool experimental_aggregate_gradients = true)
            => throw Model.NotModelled("Keras OptimizerV2.apply_gradients");

        public void apply_gradients(IEnumerable<(Tensor, ResourceVariable)> grads_and_vars, string name = null, bool experimental_aggregate_gradients = true)
            => throw Model.NotModelled("Keras OptimizerV2.apply_gradients");
    }

    /// <summary>Current src/TensorFlowNET.Keras/Optimizers/SGD.cs:8, constructor :16-...; old Core/Keras/Optimizers/SGD.cs:9, constructor :17-20.</summary>
    public class SGD : OptimizerV2
    {
        public SGD(float learning_rate, float momentum = 0.0f, bool nesterov = false, float decay = 0.0f)
        {
        }
    }
}
