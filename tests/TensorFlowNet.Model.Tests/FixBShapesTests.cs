using Xunit;
using static GlobalStepMigration.TensorFlowNet.Model.Tests.Programs;

namespace GlobalStepMigration.TensorFlowNet.Model.Tests;

/// <summary>
/// What TensorFlow.NET does with the pieces of an explicit-variable migration (fix B): the increment spellings, and
/// the three program shapes of issue 14 in which replacing minimize(loss, global_step: gs) by a tf.group changes
/// training. These pin TensorFlow.NET's behaviour; they do not run the code fix.
/// </summary>
public sealed class FixBShapesTests
{
    /// <summary>
    /// ResourceVariable.assign_add in graph mode (BaseResourceVariable.cs:249-258): an AssignAddVariableOp on the handle,
    /// which is a VariableV2 reference, and a separate ReadVariableOp. The current generation casts the handle to a
    /// resource (ops.cs:182-183); TensorFlow has no such cast, so the group fails at run time and nothing runs. The old
    /// generation refuses the node when it is built.
    /// </summary>
    [Theory]
    [InlineData(TfNetGeneration.Current, """
        built ReadVariableOp:0
        NotOkStatusException: Cast int64 to resource is not supported
        3 0
        """)]
    [InlineData(TfNetGeneration.Old, """
        InvalidArgumentError: Input 'resource' passed int64_ref expected resource while building NodeDef 'AssignAddVariableOp' using Op<name=AssignAddVariableOp; signature=resource:resource, value:dtype -> ; attr=dtype:type; is_stateful=true>
        """)]
    public void ResourceVariableAssignAdd_NeverIncrementsInGraphMode(TfNetGeneration generation, string expected) => Expect(generation, Fixture + """
        var gs = tf.Variable(0L, trainable: false, name: "global_step");
        var optimizer = tf.train.GradientDescentOptimizer(0.1f);
        try
        {
            var increment = gs.assign_add(1L);
            print($"built {increment.name}");
            var train_op = tf.group(new ITensorOrOperation[] { optimizer.minimize(loss), increment });
            var sess = tf.Session();
            sess.run(tf.global_variables_initializer());
            print(Out.Error(() => sess.run(train_op, (x, 1.0f))));
            print($"{Out.F(sess.run(w))} {sess.run(gs)}");
        }
        catch (Exception e)
        {
            print(e.GetType().Name + ": " + e.Message);
        }
        """, expected);

    /// <summary>RefVariable.assign_add names its input "variable" where AssignAdd expects "ref" (RefVariable.cs:425-430).</summary>
    [Theory]
    [InlineData(TfNetGeneration.Current)]
    [InlineData(TfNetGeneration.Old)]
    public void RefVariableAssignAdd_IsATypeError(TfNetGeneration generation) => Expect(generation, """
        var step = new RefVariable(0L, trainable: false, name: "step");
        print(Out.Error(() => step.assign_add(1L)));
        """, """
        TypeError: No argument for input ref
        """);

    /// <summary>tf.assign_add (tf.state.cs:21-23) is an AssignAdd on the reference: it increments, for both variable kinds.</summary>
    [Theory]
    [InlineData(TfNetGeneration.Current)]
    [InlineData(TfNetGeneration.Old)]
    public void TfAssignAdd_Increments(TfNetGeneration generation) => Expect(generation, Fixture + """
        var gs = tf.Variable(0L, trainable: false, name: "global_step");
        var rs = new RefVariable(0L, trainable: false, name: "ref_step");
        var train_op = tf.group(new ITensorOrOperation[] { tf.train.GradientDescentOptimizer(0.1f).minimize(loss), tf.assign_add(gs, 1L), tf.assign_add(rs, 1L) });
        var sess = tf.Session();
        sess.run(tf.global_variables_initializer());
        sess.run(train_op, (x, 1.0f));
        sess.run(train_op, (x, 1.0f));
        print($"{Out.F(sess.run(w))} {sess.run(gs)} {sess.run(rs)}");
        """, """
        2.64 2 2
        """);

    /// <summary>
    /// Issue 14, shape 1: the train op kept in a Tensor. Before, the AssignAdd's output (running it trains and returns the
    /// step); a tf.group converts to null, and sess.run(null) fails.
    /// </summary>
    [Fact]
    public void TrainOpKeptAsTensor_GroupBecomesNull() => Expect(TfNetGeneration.Current, Fixture + """
        var gs = tf.Variable(0L, trainable: false, name: "global_step");
        Tensor before = tf.train.GradientDescentOptimizer(0.1f).minimize(loss, global_step: gs);
        Tensor after = tf.group(new ITensorOrOperation[] { tf.train.GradientDescentOptimizer(0.1f).minimize(loss), tf.assign_add(gs, 1L) });
        var sess = tf.Session();
        sess.run(tf.global_variables_initializer());
        print(sess.run(before, (x, 1.0f)));
        print(after == null);
        print(Out.Error(() => sess.run(after, (x, 1.0f))));
        """, """
        1
        True
        NullReferenceException: Object reference not set to an instance of an object.
        """);

    /// <summary>
    /// Issue 14, shape 2: the train op run by name elsewhere. Before, "GradientDescent" is the step's AssignAdd (after
    /// the update); once the step is left out of minimize, the name belongs to the update alone and the step stays.
    /// </summary>
    [Theory]
    [InlineData(TfNetGeneration.Current)]
    [InlineData(TfNetGeneration.Old)]
    public void TrainOpRunByName_StepStopsMovingAfterGroup(TfNetGeneration generation) => Expect(generation, Fixture + """
        var gs = tf.Variable(0L, trainable: false, name: "global_step");
        tf.train.GradientDescentOptimizer(0.1f).minimize(loss, global_step: gs);
        var sess = tf.Session();
        sess.run(tf.global_variables_initializer());
        sess.run(tf.get_default_graph().OperationByName("GradientDescent"), (x, 1.0f));
        print($"{Out.F(sess.run(w))} {sess.run(gs)}");
        tf.group(new ITensorOrOperation[] { tf.train.GradientDescentOptimizer(0.1f).minimize(loss), tf.assign_add(gs, 1L) });
        sess.run(tf.global_variables_initializer());
        sess.run(tf.get_default_graph().OperationByName("GradientDescent_1"), (x, 1.0f));
        print($"{Out.F(sess.run(w))} {sess.run(gs)} {tf.get_default_graph().OperationByName("GradientDescent_1").type}");
        """, """
        2.8 1
        2.8 0 NoOp
        """);

    /// <summary>Issue 14, shape 3: the minimize result discarded; the train op is then only reachable by name (shape 2).</summary>
    [Fact]
    public void TrainOpDiscarded_TheStepMovesOnlyThroughTheNamedAssignAdd() => Expect(TfNetGeneration.Current, Fixture + """
        var gs = tf.Variable(0L, trainable: false, name: "global_step");
        tf.train.GradientDescentOptimizer(0.1f).minimize(loss, global_step: gs);
        var sess = tf.Session();
        sess.run(tf.global_variables_initializer());
        sess.run(tf.get_default_graph().get_operation_by_name("GradientDescent/update"), (x, 1.0f));
        print($"{Out.F(sess.run(w))} {sess.run(gs)}");
        sess.run(tf.get_default_graph().get_operation_by_name("GradientDescent"), (x, 1.0f));
        print($"{Out.F(sess.run(w))} {sess.run(gs)}");
        """, """
        2.8 0
        2.64 1
        """);
}
