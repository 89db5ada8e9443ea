// TF.NET Operation (Core/Operations/Operation*.cs). An Operation object is a view of one graph node: the graph's
// own object (Graph.get_operation_by_name returns it) or a new wrapper of the same node (Graph.OperationByName,
// control_inputs), equal by node as TF.NET's Equals compares handles (Operation.Implicit.cs:40-51).
using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using Rt = GlobalStepMigration.Runtime;
#if TFNET_V020
using NDArray = NumSharp.NDArray;
#else
using Tensorflow.NumPy;
#endif

namespace Tensorflow
{
    /// <summary>What a Tensor or an Operation offer alike (Core/Interfaces/ITensorOrOperation.cs, current and old).</summary>
    public interface ITensorOrOperation
    {
        string Device { get; }
        Operation op { get; }
        string name { get; }
        TF_DataType dtype { get; }
        Tensor[] outputs { get; }
        NDArray numpy();
    }

    /// <summary>Core/Interfaces/ITensorFlowObject.cs: what tf_with enters and exits.</summary>
    public interface ITensorFlowObject : IDisposable
    {
        void __init__();

        void __enter__();

        void __exit__();

        void __del__();
    }

    /// <summary>Core/DisposableObject.cs (type only: the base of Tensor).</summary>
    public abstract class DisposableObject : IDisposable
    {
        public void Dispose()
        {
        }
    }

    /// <summary>Core/Operations/InputList.cs:23-55 (both tags): _inputs :25, Length :26, indexer :27-35, constructor :37, to Tensor[] :52.</summary>
    public class InputList : IEnumerable
    {
        public Tensor[] _inputs;

        public InputList(Tensor[] inputs) => _inputs = inputs;

        public int Length => _inputs.Length;

        public Tensor this[int index] => _inputs[index == -1 ? _inputs.Length - 1 : index];

        public IEnumerator GetEnumerator() => _inputs.GetEnumerator();

        public static implicit operator Tensor[](InputList input) => input._inputs;
    }

    /// <summary>One graph node, shared by every Operation object that views it.</summary>
    internal sealed class OpCore
    {
        internal Graph Graph;
        internal string Name;
        internal string Type;
        internal Tensor[] Inputs = Array.Empty<Tensor>();
        internal Operation[] ControlInputs = Array.Empty<Operation>();
        internal TF_DataType[] OutputTypes = Array.Empty<TF_DataType>();

        /// <summary>The runtime op that executes this node; null for a node the runtime does not hold.</summary>
        internal Rt.Operation Backing;

        /// <summary>The runtime tensor of each output (a variable's output is the runtime variable itself).</summary>
        internal Rt.Tensor[] BackingOutputs = Array.Empty<Rt.Tensor>();

        /// <summary>For a node whose kernel TensorFlow cannot create: the error a session reports when a run needs it.</summary>
        internal Func<Exception> RunError;

        /// <summary>For a VariableV2 node: the runtime variable that holds its value in each session.</summary>
        internal Rt.Variable Variable;

        /// <summary>The graph's own Operation object for this node.</summary>
        internal Operation Canonical;

        /// <summary>Creation order in the graph.</summary>
        internal int Index;
    }

    public partial class Operation : ITensorOrOperation
    {
        internal readonly OpCore Core;
        private readonly Tensor[] _outputs;

        internal Operation(OpCore core)
        {
            Core = core;
            _outputs = core.OutputTypes.Select((dtype, i) => new Tensor(this, i, dtype)).ToArray();
        }

        // Current / old Operation.cs lines: name :64 / :62, type :55 / :53, graph :57 / :55, op :62 / :60,
        // OpType :65 / :63, Device :67 / :65; NumOutputs Operation.Output.cs:26 (both).
        public virtual string name => Core.Name;

        public string type => Core.Type;

        public string OpType => Core.Type;

        public Graph graph => Core.Graph;

        public Operation op => this;

        public string Device => "";

        public int NumOutputs => _outputs.Length;

        /// <summary>Current Core/Operations/Operation.Output.cs:38; old :38.</summary>
        public virtual Tensor[] outputs => _outputs;

        /// <summary>
        /// The first output, or null for an op without outputs such as a NoOp (current Operation.Output.cs:39,
        /// old :39: <c>_outputs.FirstOrDefault()</c>).
        /// </summary>
        public Tensor output => _outputs.FirstOrDefault();

#if TFNET_V020
        /// <summary>Old Core/Operations/Operation.cs:61: always DtInvalid.</summary>
        public TF_DataType dtype => TF_DataType.DtInvalid;
#else
        /// <summary>Current Core/Operations/Operation.cs:63: the first output's dtype (a NullReferenceException for a NoOp).</summary>
        public TF_DataType dtype => output.dtype;
#endif

        /// <summary>The data inputs (current Core/Operations/Operation.Input.cs:43-63).</summary>
        public virtual InputList inputs => new(Core.Inputs);

        /// <summary>The control inputs, as new wrappers of their nodes (Operation.Input.cs:78-105, current and old).</summary>
        public Operation[] control_inputs => Core.ControlInputs.Select(c => new Operation(c.Core)).ToArray();

        /// <summary>Current Operation.cs:387, old :356.</summary>
        public NDArray numpy() => throw new NotImplementedException("");

        /// <summary>Runs the op in <paramref name="session"/> or the default session (Operation.cs:183-186, old :192-195; ops.cs:492, old :383).</summary>
        public void run(FeedItem[] feed_dict = null, Session session = null) =>
            (session ?? ops.get_default_session()).run(this, feed_dict ?? Array.Empty<FeedItem>());

        /// <summary>
        /// TensorFlow.NET converts an Operation to a Tensor implicitly with its first output (current
        /// Operation.Implicit.cs:32-33, old :32-33): the assign_add that minimize(loss, global_step) returns
        /// converts to its output, a NoOp (tf.group, minimize without a step) to null.
        /// </summary>
        public static implicit operator Tensor(Operation op) => op.output;

#if TFNET_V020
        /// <summary>Old Operation.Implicit.cs:34-35.</summary>
        public static implicit operator RefVariable(Operation op) => new RefVariable(op);
#endif

        /// <summary>Current Operation.Implicit.cs:35-38, old :37-40.</summary>
        public override string ToString() => $"<tf.Operation '{name}' type={OpType}>";

        /// <summary>Equal when both view the same node (current Operation.Implicit.cs:40-51, old :42-53); the hash is not overridden there.</summary>
        public override bool Equals(object obj) => obj is Operation other ? ReferenceEquals(other.Core, Core) : base.Equals(obj);

        public override int GetHashCode() => base.GetHashCode();
    }
}
