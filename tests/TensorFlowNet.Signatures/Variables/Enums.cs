// Sources: SciSharp/TensorFlow.NET src/TensorFlowNET.Core/Variables/VariableAggregation.cs and VariableSynchronization.cs
// (member names as used by the newest signatures: VariableAggregation.None, VariableSynchronization.Auto).
namespace Tensorflow
{
    public enum VariableAggregation
    {
        None = 0,
        Sum = 1,
        Mean = 2,
        OnlyFirstReplica = 3,
    }

    public enum VariableSynchronization
    {
        Auto = 0,
        None = 1,
        OnWrite = 2,
        OnRead = 3,
    }

    /// <summary>Protobuf message (src/TensorFlowNET.Core/Protobuf/Variable.cs); only its name is needed.</summary>
    public sealed class VariableDef
    {
    }
}
