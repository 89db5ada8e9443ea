// Sources: SciSharp/TensorFlow.NET src/TensorFlowNET.Core/Variables/ResourceVariable.cs (commit a6ee058d00369c21809e2555e4411ef04cd9ee9d)
// and ResourceVariable.Implicit.cs (commit a7f95991a65b6ae91332671ded7b10e9a968a3b7): the implicit conversion to Tensor.
using System.Collections.Generic;

namespace Tensorflow
{
    public partial class ResourceVariable : BaseResourceVariable, IVariableV1
    {
        public ResourceVariable(object initial_value = null,
            bool trainable = true,
            List<string> collections = null,
            bool validate_shape = true,
            string caching_device = "",
            string name = null,
            VariableDef variable_def = null,
            TF_DataType dtype = TF_DataType.DtInvalid,
            string import_scope = "",
            VariableAggregation aggregation = VariableAggregation.None,
            Shape shape = null)
            => throw Stub.Signature();

        public Tensor sparse_read(Tensor indices, string name = "Gather")
            => throw Stub.Signature();

        public static implicit operator Tensor(ResourceVariable var)
            => throw Stub.Signature();
    }
}
