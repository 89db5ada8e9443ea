// Source: SciSharp/TensorFlow.NET src/TensorFlowNET.Core/Training/Trackable.cs (type only: the base of Optimizer and OptimizerV2).
namespace Tensorflow.Train
{
    public abstract class Trackable
    {
    }
}
