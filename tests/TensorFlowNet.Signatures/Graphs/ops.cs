// Source: SciSharp/TensorFlow.NET src/TensorFlowNET.Core/ops.cs (the revision with `using static Tensorflow.Binding;`):
// the static collection helpers on the default graph.
using System.Collections.Generic;

namespace Tensorflow
{
    public partial class ops
    {
        public static void add_to_collection<T>(string name, T value)
            => throw Stub.Signature();

        public static void add_to_collections<T>(List<string> names, T value)
            => throw Stub.Signature();

        public static object get_collection(string key, string scope = null)
            => throw Stub.Signature();

        public static List<T> get_collection<T>(string key, string scope = null)
            => throw Stub.Signature();

        public static List<T> get_collection_ref<T>(string key)
            => throw Stub.Signature();

        public static Graph get_default_graph()
            => throw Stub.Signature();
    }
}
