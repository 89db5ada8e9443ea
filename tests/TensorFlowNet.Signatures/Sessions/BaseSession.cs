// Source: SciSharp/TensorFlow.NET src/TensorFlowNET.Core/Sessions/BaseSession.cs (file-scoped-namespace revision, `Tensorflow.NumPy.NDArray`):
// the run overloads, including the tuple fetches of two to five elements.
using System;
using System.Collections;
using Tensorflow.NumPy;

namespace Tensorflow
{
    public class BaseSession : IDisposable
    {
        public BaseSession(string target = "", Graph g = null, ConfigProto config = null, Status status = null)
            => throw Stub.Signature();

        public Graph graph => throw Stub.Signature();

        public virtual void run(Operation op, params FeedItem[] feed_dict)
            => throw Stub.Signature();

        public virtual NDArray run(Tensor fetche, params FeedItem[] feed_dict)
            => throw Stub.Signature();

        public virtual NDArray run(ITensorOrOperation fetche, params FeedItem[] feed_dict)
            => throw Stub.Signature();

        public virtual (NDArray, NDArray, NDArray, NDArray, NDArray) run(
            (ITensorOrOperation, ITensorOrOperation, ITensorOrOperation, ITensorOrOperation, ITensorOrOperation) fetches,
            params FeedItem[] feed_dict)
            => throw Stub.Signature();

        public virtual (NDArray, NDArray, NDArray, NDArray) run((ITensorOrOperation, ITensorOrOperation, ITensorOrOperation, ITensorOrOperation) fetches, params FeedItem[] feed_dict)
            => throw Stub.Signature();

        public virtual (NDArray, NDArray, NDArray) run((ITensorOrOperation, ITensorOrOperation, ITensorOrOperation) fetches, params FeedItem[] feed_dict)
            => throw Stub.Signature();

        public virtual (NDArray, NDArray) run((ITensorOrOperation, ITensorOrOperation) fetches, params FeedItem[] feed_dict)
            => throw Stub.Signature();

        public virtual NDArray[] run(object fetches, params FeedItem[] feed_dict)
            => throw Stub.Signature();

        public virtual NDArray[] run(object fetches, Hashtable feed_dict = null)
            => throw Stub.Signature();

        public Tensor eval(Tensor tensor)
            => throw Stub.Signature();

        public void Dispose()
            => throw Stub.Signature();
    }

    // Source: src/TensorFlowNET.Core/Sessions/Session.cs (type only; code gets sessions from tf.Session()).
    public class Session : BaseSession
    {
        internal Session()
            : base()
            => throw Stub.Signature();
    }

    // Source: src/TensorFlowNET.Core/Sessions/FeedItem.cs (commit 96c7e8ccea703f529136a6180b6238b18151e257).
    public class FeedItem
    {
        public FeedItem(object key, object val)
            => throw Stub.Signature();

        public object Key => throw Stub.Signature();

        public object Value => throw Stub.Signature();

        public static implicit operator FeedItem((object, object) feed)
            => throw Stub.Signature();
    }

    /// <summary>Protobuf message and status handle; only their names are needed.</summary>
    public sealed class ConfigProto
    {
    }

    public sealed class Status
    {
    }
}
