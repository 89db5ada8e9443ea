// Source: SciSharp/TensorFlow.NET src/TensorFlowNET.Core/Training/GateGradientType.cs (commit 5f0e775a8ef454fb0e4d897e9142680d177d3fa8).
namespace Tensorflow
{
    public enum GateGradientType
    {
        GATE_NONE = 0,
        GATE_OP = 1,
        GATE_GRAPH = 2,
    }
}
