// Source: SciSharp/TensorFlow.NET src/TensorFlowNET.Core/Graphs/Graph.cs (commit a6ee058d00369c21809e2555e4411ef04cd9ee9d).
// Lookups by name and the collection API; the base DisposableObject is kept, IEnumerable<Operation> is left out.
using System.Collections.Generic;

namespace Tensorflow
{
    public partial class Graph : DisposableObject
    {
        public Graph()
            => throw Stub.Signature();

        public ITensorOrOperation as_graph_element(object obj, bool allow_tensor = true, bool allow_operation = true)
            => throw Stub.Signature();

        public virtual Graph as_default()
            => throw Stub.Signature();

        public void add_to_collection<T>(string name, T value)
            => throw Stub.Signature();

        public void add_to_collections<T>(List<string> names, T value)
            => throw Stub.Signature();

        public string[] get_all_collection_keys()
            => throw Stub.Signature();

        public object get_collection(string name, string scope = null)
            => throw Stub.Signature();

        public List<T> get_collection<T>(string name, string scope = null)
            => throw Stub.Signature();

        public object get_collection_ref(string name)
            => throw Stub.Signature();

        public Tensor get_tensor_by_name(string name)
            => throw Stub.Signature();
    }
}
