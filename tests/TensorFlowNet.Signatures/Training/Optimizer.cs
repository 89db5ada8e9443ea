// Source: SciSharp/TensorFlow.NET src/TensorFlowNET.Core/Training/Optimizer.cs (commit 197224fd747c37b12d9468f0b589b4a1681aee8c).
// The TF1 optimizer base: minimize and apply_gradients take an optional `IVariableV1 global_step`.
using System;
using System.Collections.Generic;
using Tensorflow.Train;

namespace Tensorflow
{
    public abstract class Optimizer : Trackable
    {
        public static int GATE_NONE = 0;
        public static int GATE_OP = 1;
        public static int GATE_GRAPH = 2;

        public Optimizer(float learning_rate, bool use_locking, string name = null)
            => throw Stub.Signature();

        public Optimizer(Tensor learning_rate, bool use_locking, string name = null)
            => throw Stub.Signature();

        public string Name => throw Stub.Signature();

        public float LearningRate => throw Stub.Signature();

        public Tensor LearningRateTensor => throw Stub.Signature();

        public Operation minimize(Tensor loss,
            IVariableV1 global_step = null,
            List<IVariableV1> var_list = null,
            GateGradientType gate_gradients = GateGradientType.GATE_OP,
            int? aggregation_method = null,
            bool colocate_gradients_with_ops = false, string name = null, Tensor grad_loss = null)
            => throw Stub.Signature();

        public Operation apply_gradients(Tuple<Tensor, IVariableV1>[] grads_and_vars, IVariableV1 global_step = null, string name = null)
            => throw Stub.Signature();

        public Tuple<Tensor, IVariableV1>[] compute_gradients(Tensor loss,
            List<IVariableV1> var_list = null,
            int? aggregation_method = null,
            GateGradientType gate_gradients = GateGradientType.GATE_OP,
            bool colocate_gradients_with_ops = false,
            Tensor grad_loss = null)
            => throw Stub.Signature();
    }
}
