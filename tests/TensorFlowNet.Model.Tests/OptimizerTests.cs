using Xunit;
using static GlobalStepMigration.TensorFlowNet.Model.Tests.Programs;

namespace GlobalStepMigration.TensorFlowNet.Model.Tests;

/// <summary>
/// Optimizer.minimize / apply_gradients as TensorFlow.NET builds them (Core/Training/Optimizer.cs:108-224): the names
/// of the train op with and without a global step, what minimize returns, and what running each node does.
/// </summary>
public sealed class OptimizerTests
{
    [Theory]
    [InlineData(TfNetGeneration.Current)]
    [InlineData(TfNetGeneration.Old)]
    public void WithoutGlobalStep_TheTrainOpIsANoOpNamedAfterTheOptimizer(TfNetGeneration generation) => Expect(generation, Fixture + """
        var opt = tf.train.GradientDescentOptimizer(0.1f);
        var train_op = opt.minimize(loss);
        print($"{train_op.name} {train_op.type} {train_op.outputs.Length}");
        print(string.Join(",", train_op.control_inputs.Select(c => c.name)));
        Tensor asTensor = train_op;
        print(asTensor == null);
        var graph = tf.get_default_graph();
        print(graph.get_operation_by_name("GradientDescent") == train_op);
        print(graph.OperationByName("GradientDescent") == train_op);
        print(graph.OperationByName("GradientDescent").Equals(train_op));
        var sess = tf.Session();
        sess.run(tf.global_variables_initializer());
        sess.run(train_op, (x, 1.0f));
        print(Out.F(sess.run(w)));
        sess.run(graph.OperationByName("GradientDescent"), (x, 1.0f));
        print(Out.F(sess.run(w)));
        print(opt.minimize(loss).name);
        print(tf.get_collection<Operation>(tf.GraphKeys.TRAIN_OP).Count);
        """, """
        GradientDescent NoOp 0
        GradientDescent/update_w/ApplyGradientDescent
        True
        True
        False
        True
        2.8
        2.64
        GradientDescent_1
        0
        """);

    /// <summary>
    /// With a global step the updates are grouped as "GradientDescent/update" and the AssignAdd of the step takes the
    /// name "GradientDescent"; its increment (a Const made under the control dependency) runs after the update. The
    /// current generation returns the AssignAdd; the old one returns null (v0.20 Optimizer.cs:208-210) but builds the same.
    /// </summary>
    [Theory]
    [InlineData(TfNetGeneration.Current, "GradientDescent AssignAdd 1")]
    [InlineData(TfNetGeneration.Old, "null")]
    public void WithGlobalStep_TheAssignAddOfTheStepCarriesTheTrainOpsName(TfNetGeneration generation, string returned) => Expect(generation, Fixture + """
        var gs = tf.Variable(0L, trainable: false, name: "global_step");
        var train_op = tf.train.GradientDescentOptimizer(0.1f).minimize(loss, global_step: gs);
        print(train_op == null ? "null" : $"{train_op.name} {train_op.type} {train_op.outputs.Length}");
        var graph = tf.get_default_graph();
        var step_op = graph.get_operation_by_name("GradientDescent");
        print($"{step_op.type} {step_op.output.name} {step_op.output.dtype}");
        print(string.Join(",", step_op.inputs._inputs.Select(i => i.name)));
        print(string.Join(",", graph.get_operation_by_name("GradientDescent/Const").control_inputs.Select(c => c.name)));
        var update = graph.get_operation_by_name("GradientDescent/update");
        print($"{update.type} {string.Join(",", update.control_inputs.Select(c => c.name))}");
        var sess = tf.Session();
        sess.run(tf.global_variables_initializer());
        for (var i = 0; i < 3; i++)
        {
            sess.run(step_op, (x, 1.0f));
        }

        print(sess.run(gs));
        print(Out.F(sess.run(w)));
        Tensor asTensor = step_op;
        print(asTensor.name);
        print(sess.run(asTensor, (x, 1.0f)));
        """, returned + "\n" + """
        AssignAdd GradientDescent:0 DtInt64Ref
        global_step:0,GradientDescent/Const:0
        GradientDescent/update
        NoOp GradientDescent/update_w/ApplyGradientDescent
        3
        2.512
        GradientDescent:0
        4
        """);

    /// <summary>
    /// The shape of TensorFlow.NET's CnnTextClassification example: the graph is built in one class with the train op
    /// in a "loss" name scope, and another runs it by name ("loss/Adam") and reads the step by name.
    /// </summary>
    [Theory]
    [InlineData(TfNetGeneration.Current)]
    [InlineData(TfNetGeneration.Old)]
    public void TrainOpRunByNameElsewhere_IncrementsTheStep(TfNetGeneration generation) => Expect(generation, """
        Model.Build();
        var graph = tf.get_default_graph();
        Operation optimizer = graph.OperationByName("loss/Adam");
        Tensor global_step = graph.OperationByName("Variable");
        var sess = tf.Session();
        sess.run(tf.global_variables_initializer());
        sess.run(optimizer, (graph.get_tensor_by_name("x:0"), 1.0f));
        sess.run(optimizer, (graph.get_tensor_by_name("x:0"), 1.0f));
        print($"{optimizer.type} {global_step.name}");
        print(sess.run(global_step));
        print(string.Join(",", tf.global_variables().Select(v => v.Name)));

        static class Model
        {
            public static void Build()
            {
                var x = tf.placeholder(tf.float32, name: "x");
                var w = tf.Variable(3.0f, name: "w");
                var global_step = tf.Variable(0, trainable: false);
                tf_with(tf.name_scope("loss"), delegate
                {
                    var loss = tf.square(x * w - 2.0f);
                    tf.train.AdamOptimizer(0.1f).minimize(loss, global_step: global_step);
                });
            }
        }
        """, """
        AssignAdd Variable:0
        2
        w:0,Variable:0,loss/beta1_power:0,loss/beta2_power:0,w/Adam:0,w/Adam_1:0
        """);

    /// <summary>
    /// Adam (AdamOptimizer.cs:71-172): beta1_power and beta2_power in the caller's scope, slots "w/Adam" and "w/Adam_1",
    /// one step of TensorFlow's ApplyAdam, then the powers multiplied by beta1 and beta2 after the update.
    /// </summary>
    [Theory]
    [InlineData(TfNetGeneration.Current)]
    [InlineData(TfNetGeneration.Old)]
    public void Adam_SlotsPowersAndOneStep(TfNetGeneration generation) => Expect(generation, """
        var x = tf.placeholder(tf.float32, name: "x");
        var w = tf.Variable(3.0f, name: "w");
        var train_op = tf.train.AdamOptimizer(0.1f).minimize(x * w);
        print(string.Join(",", tf.global_variables().Select(v => v.Name)));
        print(tf.get_default_graph().get_operation_by_name("Adam/update_w/ApplyAdam").type);
        var sess = tf.Session();
        sess.run(tf.global_variables_initializer());
        sess.run(train_op, (x, 1.0f));
        var graph = tf.get_default_graph();
        print(Out.F(sess.run(w)));
        print(Out.F(sess.run(graph.get_tensor_by_name("beta1_power/read:0"))));
        print(Out.F(sess.run(graph.get_tensor_by_name("w/Adam/read:0"))));
        """, """
        w:0,beta1_power:0,beta2_power:0,w/Adam:0,w/Adam_1:0
        ApplyAdam
        2.9
        0.81
        0.1
        """);

    /// <summary>
    /// apply_gradients with a name: the scope and the step's AssignAdd take it; compute_gradients names the gradients
    /// under "gradients". A RefVariable cannot be trained: its processor is built from `v as ResourceVariable`, null
    /// (Optimizer.cs:403-404, optimizer.py.cs:74-77).
    /// </summary>
    [Theory]
    [InlineData(TfNetGeneration.Current, "train AssignAdd")]
    [InlineData(TfNetGeneration.Old, "null")]
    public void ApplyGradients_NamedWithAStep(TfNetGeneration generation, string returned) => Expect(generation, Fixture + """
        var gs = tf.Variable(0, trainable: false, name: "global_step");
        var optimizer = tf.train.GradientDescentOptimizer(0.5f);
        var grads_and_vars = optimizer.compute_gradients(loss);
        print(string.Join(",", grads_and_vars.Select(gv => $"{gv.Item2.Name}<-{gv.Item1.name.Split('/')[0]}")));
        var train = optimizer.apply_gradients(grads_and_vars, global_step: gs, name: "train");
        print(train == null ? "null" : $"{train.name} {train.type}");
        var graph = tf.get_default_graph();
        print($"{graph.get_operation_by_name("train").type} {graph.get_operation_by_name("train/update").type} {graph.get_operation_by_name("train/update_w/ApplyGradientDescent").type}");
        var sess = tf.Session();
        sess.run(tf.global_variables_initializer());
        sess.run(graph.get_operation_by_name("train"), (x, 1.0f));
        print($"{Out.F(sess.run(w))} {sess.run(gs)}");
        var r = new RefVariable(1.0f, name: "r");
        print(Out.Error(() => optimizer.minimize(tf.square(x * r.AsTensor()), var_list: new List<IVariableV1> { r })).Split(':')[0]);
        """, "w:0<-gradients\n" + returned + "\n" + """
        AssignAdd NoOp ApplyGradientDescent
        2 1
        NullReferenceException
        """);
}
