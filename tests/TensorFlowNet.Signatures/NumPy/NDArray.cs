// Source: SciSharp/TensorFlow.NET src/TensorFlowNET.Core/NumPy/NDArray.cs (`Tensorflow.NumPy.NDArray : Tensor`).
namespace Tensorflow.NumPy
{
    public partial class NDArray : Tensor
    {
    }
}
