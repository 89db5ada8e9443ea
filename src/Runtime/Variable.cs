using System;
using System.Collections.Generic;
using System.Linq;

namespace GlobalStepMigration.Runtime;

/// <summary>
/// A variable (TensorFlow's <c>tf.Variable</c>). In a graph it owns an op <c>name</c> of type
/// <c>VariableV2</c> whose output <c>name:0</c> has the variable's dtype (TF1 reference-variable
/// behaviour), and its value lives in each <see cref="Session"/>. Eagerly it holds its value.
/// A variable is a <see cref="Tensor"/>: using it as an input reads it.
/// </summary>
public class Variable : Tensor
{
    private readonly object _gate = new();
    private readonly string _name;
    private readonly Operation? _op;
    private NDArray? _value;

    private Variable(Graph graph, string name, DType dtype, bool trainable, Tensor initialValue, string initialValueName)
        : base(dtype, initialValue.Shape)
    {
        Trainable = trainable;
        var shape = initialValue.Shape;

        // TensorFlow creates a variable and its initializer in init_scope: outside any control dependencies.
        using (graph.ClearControlDependencies())
        using (var scope = graph.NameScope(name))
        {
            _name = scope.Name.TrimEnd('/');

            // A constant initial value becomes the op name/initial_value (TensorFlow's convert_to_tensor(initial_value,
            // name="initial_value") in the variable's name scope; get_variable's initializers name theirs Initializer/...).
            InitialValue = initialValue.Op is null ? Ops.ConstInGraph(graph, initialValue.Numpy(), initialValueName) : initialValue;
            _op = graph.CreateOp(OpRegistry.Get("VariableV2"), scope.Name, Array.Empty<Tensor>(),
                new Attrs { ["dtype"] = dtype, ["shape"] = shape }, new[] { (dtype, shape) });
            _op.Variable = this;
            Initializer = Ops.Apply("Assign", new[] { _op.Outputs[0], InitialValue }, "Assign")[0].Op;
        }
    }

    private Variable(NDArray value, string name, bool trainable)
        : base(value.DType, TensorShape.Of(value.Shape))
    {
        _name = name;
        _value = value;
        Trainable = trainable;
        InitialValue = new Tensor(value);
    }

    /// <summary>
    /// Creates a variable in <paramref name="graph"/>, or eagerly when it is null. In a graph it joins
    /// <paramref name="collections"/> (default GLOBAL_VARIABLES) and, when trainable, TRAINABLE_VARIABLES; eagerly
    /// TensorFlow ignores the collections except GLOBAL_STEP, which it adds the variable to (resource_variable_ops.py).
    /// </summary>
    internal static Variable Create(Graph? graph, Tensor initialValue, string? name, bool trainable, DType? dtype, IEnumerable<string>? collections,
        string initialValueName = "initial_value")
    {
        ArgumentNullException.ThrowIfNull(initialValue);
        if (name is not null && name.Length == 0)
        {
            name = null;
        }

        if (graph is null)
        {
            var array = initialValue.AsInput().Numpy();
            if (dtype is DType d && d != array.DType)
            {
                array = array.AsType(d);
            }

            var eager = new Variable(array, name ?? "Variable", trainable);
            if (collections is not null && collections.Contains(GraphKeysNames.GlobalStep))
            {
                DefaultGraphStack.Current.AddToCollection(GraphKeysNames.GlobalStep, eager);
            }

            return eager;
        }

        var init = Ops.ConvertTo(initialValue.AsInput(), dtype ?? initialValue.DType);
        var variable = new Variable(graph, name ?? "Variable", init.DType, trainable, init, initialValueName);
        var keys = collections?.ToList() ?? new List<string> { GraphKeysNames.GlobalVariables };
        if (trainable && !keys.Contains(GraphKeysNames.TrainableVariables))
        {
            keys.Add(GraphKeysNames.TrainableVariables);
        }

        graph.AddToCollections(keys, variable);
        return variable;
    }

    /// <summary>Whether optimizers update this variable by default (TRAINABLE_VARIABLES).</summary>
    public bool Trainable { get; }

    /// <summary>The value the variable is initialized with.</summary>
    public Tensor InitialValue { get; }

    /// <summary>The op that assigns the initial value (graph variables only).</summary>
    public Operation? Initializer { get; }

    /// <inheritdoc />
    public override Operation? Op => _op;

    /// <inheritdoc />
    public override Graph? Graph => _op?.Graph;

    /// <summary>The variable's name, <c>"name:0"</c>.</summary>
    public override string Name => _name + ":0";

    /// <summary>The current value of an eager variable.</summary>
    public override NDArray Numpy()
    {
        if (_op is not null)
        {
            throw new InvalidOperationException(
                $"Numpy() is only available for eager variables; evaluate {Name} with Session.Run instead.");
        }

        lock (_gate)
        {
            return _value!;
        }
    }

    /// <summary>Replaces the value of an eager variable (a fused optimizer kernel, a checkpoint restore).</summary>
    internal void SetEagerValue(NDArray value)
    {
        if (_op is not null)
        {
            throw new InvalidOperationException($"{Name} is a graph variable; its value lives in a session.");
        }

        lock (_gate)
        {
            _value = value;
        }
    }

    /// <summary>The variable's value as a tensor.</summary>
    public Tensor Value() => AsInput();

    /// <summary>Reads the variable (in a graph, a new <c>read</c> op).</summary>
    public Tensor ReadValue() => _op is null ? AsInput() : Ops.Apply("Identity", new[] { _op.Outputs[0] }, _name + "/read")[0];

    internal override Tensor AsInput()
    {
        if (_op is not null)
        {
            return _op.Outputs[0];
        }

        var read = new Tensor(Numpy());
        GradientTape.RecordRead(this, read);
        return read;
    }

    /// <summary>Sets the variable to <paramref name="value"/> (converted to the variable's dtype).</summary>
    public Tensor Assign(Tensor value, string? name = null) => Update("Assign", value, name);

    /// <summary>Adds <paramref name="delta"/> (converted to the variable's dtype) to the variable.</summary>
    public Tensor AssignAdd(Tensor delta, string? name = null) => Update("AssignAdd", delta, name);

    /// <summary>Subtracts <paramref name="delta"/> (converted to the variable's dtype) from the variable.</summary>
    public Tensor AssignSub(Tensor delta, string? name = null) => Update("AssignSub", delta, name);

    private Tensor Update(string type, Tensor value, string? name)
    {
        ArgumentNullException.ThrowIfNull(value);
        var converted = Ops.ConvertTo(value, DType);
        if (!Shape.IsCompatibleWith(converted.Shape))
        {
            // TensorFlow: assign checks the shapes when called; assign_add/assign_sub need equal shapes too.
            if (type == "Assign")
            {
                throw new ValueErrorException($"Shapes {Shape} and {converted.Shape} are incompatible");
            }

            var message = $"Cannot update variable with shape {Kernels.ShapeText(Shape)} using a Tensor with shape {Kernels.ShapeText(converted.Shape)}, shapes must be equal.";
            throw _op is null
                ? new InvalidArgumentException(message + $" [Op:{type}VariableOp]")
                : new ValueErrorException(message);
        }

        if (_op is not null)
        {
            return Ops.Apply(type, new[] { _op.Outputs[0], converted }, name ?? type)[0];
        }

        var operand = converted.Numpy();
        lock (_gate)
        {
            _value = Kernels.ApplyUpdate(type, _value!, operand, Name);
            return new Tensor(_value);
        }
    }

    /// <summary>The Keras 3 path of a Keras optimizer's variable (<c>sgd/iteration</c>); null for other variables.</summary>
    internal string? KerasPath { get; set; }

    /// <summary>
    /// Prints like TensorFlow: <c>&lt;tf.Variable 'global_step:0' shape=() dtype=int64, numpy=0&gt;</c> eagerly,
    /// <c>&lt;tf.Variable 'global_step:0' shape=() dtype=int64_ref&gt;</c> in a graph; a Keras optimizer's variable
    /// like Keras 3: <c>&lt;Variable path=sgd/iteration, shape=(), dtype=int64, value=0&gt;</c>.
    /// </summary>
    public override string ToString() => KerasPath is not null
        ? $"<Variable path={KerasPath}, shape={Shape}, dtype={DType.TfName()}{(_op is null ? ", value=" + Numpy() : "")}>"
        : _op is null
            ? $"<tf.Variable '{Name}' shape={Shape} dtype={DType.TfName()}, numpy={Numpy()}>"
            : $"<tf.Variable '{Name}' shape={Shape} dtype={DType.TfName()}_ref>";
}

internal static class GraphKeysNames
{
    internal const string GlobalStep = "global_step";
    internal const string GlobalVariables = "variables";
    internal const string TrainableVariables = "trainable_variables";
}
