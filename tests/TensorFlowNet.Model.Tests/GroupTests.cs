using Xunit;
using static GlobalStepMigration.TensorFlowNet.Model.Tests.Programs;

namespace GlobalStepMigration.TensorFlowNet.Model.Tests;

/// <summary>
/// tf.group (control_flow_ops.cs:101-146), control dependencies (Graph.Control.cs, _ControlDependenciesController.cs)
/// and the implicit Operation to Tensor conversion (Operation.Implicit.cs:32-33: the first output, null for a NoOp).
/// </summary>
public sealed class GroupTests
{
    /// <summary>
    /// A group is a NoOp "group_deps" with the inputs' ops as control inputs, in the order given; as a Tensor it is
    /// null. (TensorFlow runs a node's control inputs in no set order; the runtime runs them as listed.)
    /// </summary>
    [Theory]
    [InlineData(TfNetGeneration.Current)]
    [InlineData(TfNetGeneration.Old)]
    public void Group_IsANoOpOverItsInputsOps(TfNetGeneration generation) => Expect(generation, """
        var v = tf.Variable(1.0f, name: "v");
        var times = tf.assign(v, v.AsTensor() * 10.0f);
        var plus = tf.assign_add(v, 2.0f);
        var g1 = tf.group(new ITensorOrOperation[] { times, plus });
        var g2 = tf.group(new ITensorOrOperation[] { plus, times }, name: "plus_then_times");
        print($"{g1.name} {g1.type} {g1.outputs.Length} {g2.name}");
        print(string.Join(",", g1.control_inputs.Select(c => c.name)));
        Tensor asTensor = g1;
        print(asTensor == null);
        var init = tf.global_variables_initializer();
        var sess = tf.Session();
        sess.run(init);
        sess.run(g1);
        print(Out.F(sess.run(v)));
        sess.run(init);
        sess.run(g2);
        print(Out.F(sess.run(v)));
        print(Out.Error(() => tf.group(new ITensorOrOperation[0])));
        print(Out.Error(() => tf.group(new ITensorOrOperation[] { plus, null })));
        """, """
        group_deps NoOp 0 plus_then_times
        Assign,AssignAdd
        True
        12
        30
        NotImplementedException: control_flow_ops.group
        NullReferenceException: Object reference not set to an instance of an object.
        """);

    /// <summary>A control_dependencies block takes effect inside tf_with only; `using` leaves it unentered.</summary>
    [Theory]
    [InlineData(TfNetGeneration.Current)]
    [InlineData(TfNetGeneration.Old)]
    public void ControlDependencies_OnlyThroughTfWith(TfNetGeneration generation) => Expect(generation, """
        var a = tf.Variable(0, name: "a");
        var inc = tf.assign_add(a, 1);
        Tensor x1;
        using (tf.control_dependencies(new[] { inc }))
        {
            x1 = tf.identity(a.AsTensor(), name: "x1");
        }

        var x2 = tf_with(tf.control_dependencies(new[] { inc }), _ => tf.identity(a.AsTensor(), name: "x2"));
        print(x1.op.control_inputs.Length);
        print(string.Join(",", x2.op.control_inputs.Select(c => c.name)));
        var sess = tf.Session();
        sess.run(tf.global_variables_initializer());
        print(sess.run(x1));
        print(sess.run(x2));
        print(sess.run(x2));
        """, """
        0
        AssignAdd
        0
        1
        2
        """);

    /// <summary>An op's outputs convert to a Tensor: the AssignAdd of a step does, the NoOp of minimize without a step is null.</summary>
    [Theory]
    [InlineData(TfNetGeneration.Current)]
    [InlineData(TfNetGeneration.Old)]
    public void OperationToTensor_FirstOutputOrNull(TfNetGeneration generation) => Expect(generation, Fixture + """
        var gs = tf.Variable(0, trainable: false, name: "global_step");
        tf.train.GradientDescentOptimizer(0.1f).minimize(loss, global_step: gs);
        var graph = tf.get_default_graph();
        Tensor step = graph.get_operation_by_name("GradientDescent");
        Tensor update = graph.get_operation_by_name("GradientDescent/update");
        Tensor variable = graph.OperationByName("global_step");
        print($"{step.name} {step.dtype} {update == null} {variable.name} {variable.dtype}");
        """, """
        GradientDescent:0 DtInt32Ref True global_step:0 DtInt32Ref
        """);
}
