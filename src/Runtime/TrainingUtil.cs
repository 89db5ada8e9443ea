using System;
using System.Collections.Generic;
using GraphKeys = GlobalStepMigration.Runtime.Tf.Compat.V1.GraphKeys;

namespace GlobalStepMigration.Runtime;

/// <summary>TensorFlow's training_util: the global step functions.</summary>
internal static class TrainingUtil
{
    internal static Tensor? GetGlobalStep(Graph? graph)
    {
        graph ??= DefaultGraphStack.Current;
        var items = graph.GetCollection(GraphKeys.GLOBAL_STEP);
        object candidate;
        if (items.Count == 1)
        {
            candidate = items[0];
        }
        else if (items.Count == 0)
        {
            try
            {
                candidate = graph.GetTensorByName("global_step:0");
            }
            catch (KeyNotFoundException)
            {
                return null;
            }
        }
        else
        {
            Tf.Compat.V1.Logging.Error("Multiple tensors in global_step collection.");
            return null;
        }

        AssertGlobalStep(candidate);
        return (Tensor)candidate;
    }

    internal static void AssertGlobalStep(object? value)
    {
        if (value is not Tensor tensor)
        {
            throw new TypeErrorException($"Existing \"global_step\" must be a Variable or Tensor: {value?.ToString() ?? "None"}.");
        }

        if (!tensor.DType.IsInteger())
        {
            // A TF1 graph variable (and its op's output) is a reference, whose dtype prints as <dtype: 'float32_ref'>.
            var dtype = tensor.Op is { Type: "VariableV2" } ? $"<dtype: '{tensor.DType.TfName()}_ref'>" : tensor.DType.Repr();
            throw new TypeErrorException($"Existing \"global_step\" does not have integer type: {dtype}");
        }

        var shape = tensor.GetShape();
        if (shape.Rank != 0 && shape.IsFullyDefined)
        {
            throw new TypeErrorException($"Existing \"global_step\" is not scalar: {shape}");
        }
    }

    internal static Variable CreateGlobalStep(Graph? graph)
    {
        var eager = graph is null && DefaultGraphStack.ExecutingEagerly;
        graph ??= DefaultGraphStack.Current;

        // Check and create under one lock: threads racing to create the step make one, the rest are refused.
        lock (graph.GlobalStepGate)
        {
            if (GetGlobalStep(graph) is not null)
            {
                throw new ValueErrorException("\"global_step\" already exists.");
            }

            if (eager)
            {
                var step = Variable.Create(null, new Tensor(NDArray.Scalar(0, DType.Int64)), GraphKeys.GLOBAL_STEP, trainable: false, DType.Int64, collections: null);
                graph.AddToCollection(GraphKeys.GLOBAL_STEP, step);
                return step;
            }

            using (graph.AsDefault())
            using (graph.NameScope(null))
            {
                return VariableScopes.GetVariable(GraphKeys.GLOBAL_STEP, TensorShape.Scalar, DType.Int64, new ConstantInitializer(0, "zeros"),
                    trainable: false, new[] { GraphKeys.GLOBAL_VARIABLES, GraphKeys.GLOBAL_STEP });
            }
        }
    }

    internal static Tensor GetOrCreateGlobalStep(Graph? graph)
    {
        var target = graph ?? DefaultGraphStack.Current;
        lock (target.GlobalStepGate)
        {
            return GetGlobalStep(target) ?? CreateGlobalStep(graph);
        }
    }

    internal static long GlobalStepValue(Session? sess, object globalStepTensor)
    {
        ArgumentNullException.ThrowIfNull(globalStepTensor);
        if (globalStepTensor is Tensor t && t.Graph is null)
        {
            return (long)t.Numpy();
        }

        if (sess is null)
        {
            throw new ArgumentNullException(nameof(sess), "A session is needed to read a graph global step.");
        }

        // int(sess.run(x)): running an operation gives None, which int() rejects.
        var result = sess.Run(globalStepTensor);
        return result is NDArray value
            ? (long)value
            : throw new TypeErrorException(
                $"int() argument must be a string, a bytes-like object or a real number, not '{(result is null ? "NoneType" : "list")}'");
    }

    /// <summary>The cached read of the global step (collection GLOBAL_STEP_READ_KEY), or null.</summary>
    internal static Tensor? GetGlobalStepRead(Graph? graph)
    {
        graph ??= DefaultGraphStack.Current;
        var reads = graph.GetCollection(GraphKeys.GLOBAL_STEP_READ_KEY);
        if (reads.Count > 1)
        {
            throw new InvalidOperationException(
                $"There are multiple items in collection {GraphKeys.GLOBAL_STEP_READ_KEY}. There should be only one.");
        }

        return reads.Count == 1 ? (Tensor)reads[0] : null;
    }

    /// <summary>
    /// A read of the global step that does not fail before initialization (it then reads the
    /// initial value), created once per graph and cached in GLOBAL_STEP_READ_KEY.
    /// </summary>
    internal static Tensor? GetOrCreateGlobalStepRead(Graph? graph)
    {
        graph ??= DefaultGraphStack.Current;

        // One cached read per graph even when threads build their train ops concurrently.
        lock (graph.GlobalStepGate)
        {
            return GetOrCreateGlobalStepReadLocked(graph);
        }
    }

    private static Tensor? GetOrCreateGlobalStepReadLocked(Graph graph)
    {
        if (GetGlobalStepRead(graph) is Tensor cached)
        {
            return cached;
        }

        var step = GetGlobalStep(graph);
        if (step is null)
        {
            return null;
        }

        if (step.Op is null)
        {
            return step.AsInput() + 0;
        }

        using (graph.AsDefault())
        using (graph.NameScope(null))
        using (graph.NameScope(step.Op!.Name + "/"))
        {
            Tensor value = step is Variable v
                ? Ops.Apply("ReadOrInitialValue", new[] { v.Op!.Outputs[0], v.InitialValue }, "ReadOrInitialValue")[0]
                : step;
            var read = Ops.Binary("Add", value, Ops.Literal(0, value), "add");
            graph.AddToCollection(GraphKeys.GLOBAL_STEP_READ_KEY, read);
        }

        return GetGlobalStepRead(graph);
    }

    /// <summary>Adds <paramref name="increment"/> to the global step after its cached read.</summary>
    internal static Tensor IncrementGlobalStep(Tensor increment, Graph? graph)
    {
        graph ??= DefaultGraphStack.Current;
        var step = GetGlobalStep(graph) ?? throw new ValueErrorException(
            "Global step tensor should be created by tf.train.get_or_create_global_step before calling increment.");
        if (step.Op is null)
        {
            return StateOps.AssignAdd(step, increment);
        }

        var read = GetOrCreateGlobalStepRead(graph)!;
        using (graph.AsDefault())
        using (graph.NameScope(null))
        using (graph.NameScope(step.Op!.Name + "/"))
        using (graph.ControlDependencies(new object[] { read }))
        {
            return StateOps.AssignAdd(step, increment);
        }
    }
}

/// <summary>Updates of a variable or of a variable's reference tensor (TF1 <c>state_ops</c>).</summary>
internal static class StateOps
{
    /// <summary>
    /// TensorFlow's <c>state_ops.assign</c>/<c>assign_add</c>/<c>assign_sub</c>: a reference (a graph variable or its
    /// <c>VariableV2</c> output) gets the op; any other variable its method; any other tensor has no such method.
    /// </summary>
    internal static Tensor Update(string type, Tensor target, Tensor value, string? name)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(value);
        if (target is Variable v)
        {
            return type switch
            {
                "Assign" => v.Assign(value, name),
                "AssignAdd" => v.AssignAdd(value, name),
                _ => v.AssignSub(value, name),
            };
        }

        if (target.Op is { Type: "VariableV2", Variable: { } owner })
        {
            return Update(type, owner, value, name);
        }

        var method = type switch { "Assign" => "assign", "AssignAdd" => "assign_add", _ => "assign_sub" };
        var typeName = target.Op is null ? "EagerTensor" : "SymbolicTensor";
        throw new AttributeErrorException($"'{typeName}' object has no attribute '{method}'");
    }

    internal static Tensor AssignAdd(Tensor target, Tensor delta, string? name = null)
    {
        if (target is Variable v)
        {
            return v.AssignAdd(delta, name);
        }

        if (target.Op is { Type: "VariableV2" } op)
        {
            return Ops.Apply("AssignAdd", new[] { op.Outputs[0], Ops.ConvertTo(delta, target.DType) }, name ?? "AssignAdd")[0];
        }

        throw new TypeErrorException($"'{target}' is not a variable or a variable reference and cannot be incremented.");
    }
}
