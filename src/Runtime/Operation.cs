using System.Collections.Generic;

namespace GlobalStepMigration.Runtime;

/// <summary>A node of a <see cref="Graph"/> (TensorFlow's <c>tf.Operation</c>).</summary>
public sealed class Operation
{
    internal Operation(Graph graph, string name, OpDef def, Tensor[] inputs, Operation[] controlInputs, Attrs attrs, int index)
    {
        Graph = graph;
        Name = name;
        Def = def;
        Inputs = inputs;
        ControlInputs = controlInputs;
        Attrs = attrs;
        Index = index;
        Outputs = new List<Tensor>();
    }

    /// <summary>The unique name of the operation in its graph.</summary>
    public string Name { get; }

    /// <summary>The operation type, for example <c>VariableV2</c> or <c>AssignAdd</c>.</summary>
    public string Type => Def.Type;

    /// <summary>The graph this operation belongs to.</summary>
    public Graph Graph { get; }

    /// <summary>The data inputs.</summary>
    public IReadOnlyList<Tensor> Inputs { get; }

    /// <summary>The operations that must run before this one.</summary>
    public IReadOnlyList<Operation> ControlInputs { get; }

    /// <summary>The outputs.</summary>
    public IReadOnlyList<Tensor> Outputs { get; }

    internal OpDef Def { get; }

    internal Attrs Attrs { get; }

    /// <summary>Creation order in the graph.</summary>
    internal int Index { get; }

    /// <summary>The variable that owns this op, for <c>VariableV2</c> ops.</summary>
    internal Variable? Variable { get; set; }

    internal void AddOutput(Tensor tensor) => ((List<Tensor>)Outputs).Add(tensor);

    /// <summary>Prints like TensorFlow: <c>&lt;tf.Operation 'name' type=Type&gt;</c>.</summary>
    public override string ToString() => $"<tf.Operation '{Name}' type={Type}>";
}
