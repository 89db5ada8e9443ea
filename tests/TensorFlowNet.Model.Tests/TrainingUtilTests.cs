using Xunit;
using static GlobalStepMigration.TensorFlowNet.Model.Tests.Programs;

namespace GlobalStepMigration.TensorFlowNet.Model.Tests;

/// <summary>TrainingUtil (Core/Training/TrainingUtil.cs:8-47), tf.train's global-step functions and tf.compat.v1.get_variable.</summary>
public sealed class TrainingUtilTests
{
    /// <summary>
    /// create_global_step: a ResourceVariable "global_step" from get_variable with tf.zeros_initializer (float32 zeros):
    /// int64 through a Cast in the current generation, float32 in the old one (no cast). It resets the name scope to the
    /// root for good. get_global_step then reads the collection as RefVariable: InvalidCastException, also for a second
    /// create_global_step.
    /// </summary>
    [Theory]
    [InlineData(TfNetGeneration.Current, "DtInt64Ref", "Cast")]
    [InlineData(TfNetGeneration.Old, "DtFloatRef", "Const")]
    public void CreateGlobalStep(TfNetGeneration generation, string dtype, string initialValueType) => Expect(generation, """
        var graph = tf.get_default_graph();
        IVariableV1 gs = null;
        string after = null;
        tf_with(tf.name_scope("model"), _ =>
        {
            gs = tf.train.create_global_step(graph);
            after = tf.constant(1, name: "after").name;
        });
        print($"{gs.Name} {gs.dtype} {after}");
        print(graph.get_operation_by_name(graph.get_operations().Select(o => o.name).Any(n => n == "global_step/Initializer/initial_value") ? "global_step/Initializer/initial_value" : "global_step/Initializer/zeros").type);
        print(Out.Error(() => tf.train.get_global_step(graph)));
        print(Out.Error(() => tf.train.create_global_step(graph)));
        var sess = tf.Session();
        sess.run(tf.global_variables_initializer());
        print(sess.run(gs.AsTensor()));
        """, $$"""
        global_step:0 {{dtype}} after:0
        {{initialValueType}}
        InvalidCastException: Unable to cast object of type 'Tensorflow.ResourceVariable' to type 'Tensorflow.RefVariable'.
        InvalidCastException: Unable to cast object of type 'Tensorflow.ResourceVariable' to type 'Tensorflow.RefVariable'.
        0
        """);

    /// <summary>
    /// get_global_step finds a RefVariable registered in GLOBAL_STEP; a step found only by the name "global_step" comes
    /// back null (the Tensor converts to RefVariable as null); with nothing named so, null.
    /// </summary>
    [Theory]
    [InlineData(TfNetGeneration.Current)]
    [InlineData(TfNetGeneration.Old)]
    public void GetGlobalStep(TfNetGeneration generation) => Expect(generation, """
        var g1 = tf.Graph();
        print(tf.train.get_global_step(g1) == null);
        var g2 = tf.Graph().as_default();
        tf.Variable(0L, trainable: false, name: "global_step");
        print(tf.train.get_global_step(g2) == null);
        var g3 = tf.Graph().as_default();
        var step = new RefVariable(0L, trainable: false, name: "global_step", collections: new List<string> { tf.GraphKeys.GLOBAL_VARIABLES, tf.GraphKeys.GLOBAL_STEP });
        print(tf.train.get_global_step(g3) == step);
        """, """
        True
        True
        True
        """);

    /// <summary>
    /// get_variable (VariableScope.cs:50-78, _VariableStore.cs:115-183): without an initializer an int64 variable calls a
    /// null initializer; with one it is made once, a second time is a NotImplementedException.
    /// </summary>
    [Theory]
    [InlineData(TfNetGeneration.Current, "DtInt64Ref")]
    [InlineData(TfNetGeneration.Old, "DtFloatRef")]
    public void GetVariable(TfNetGeneration generation, string dtype) => Expect(generation, """
        print(Out.Error(() => tf.compat.v1.get_variable("global_step", dtype: tf.int64, trainable: false)).Split(':')[0]);
        var v = tf.compat.v1.get_variable("step", new int[0], dtype: tf.int64, initializer: tf.zeros_initializer, trainable: false);
        print($"{v.Name} {v.dtype}");
        print(Out.Error(() => tf.compat.v1.get_variable("step", new int[0], dtype: tf.int64, initializer: tf.zeros_initializer, trainable: false)));
        """, $$"""
        NullReferenceException
        step:0 {{dtype}}
        NotImplementedException: _get_single_variable
        """);

    /// <summary>global_variables_initializer: a group "init" of the initializers in creation order, or a NoOp "init".</summary>
    [Theory]
    [InlineData(TfNetGeneration.Current)]
    [InlineData(TfNetGeneration.Old)]
    public void GlobalVariablesInitializer(TfNetGeneration generation) => Expect(generation, """
        var empty = tf.global_variables_initializer();
        print($"{empty.name} {empty.type} {empty.control_inputs.Length}");
        tf.Variable(1.0f, name: "w");
        tf.Variable(0L, trainable: false, name: "global_step");
        var init = tf.global_variables_initializer();
        print($"{init.name} {init.type} {string.Join(",", init.control_inputs.Select(c => c.name))}");
        """, """
        init NoOp 0
        init_1 NoOp w/Assign,global_step/Assign
        """);

    /// <summary>Collections are typed lists: the TRAIN_OP list minimize leaves is a List&lt;Operation&gt;, so a Tensor added there fails.</summary>
    [Theory]
    [InlineData(TfNetGeneration.Current)]
    [InlineData(TfNetGeneration.Old)]
    public void Collections_AreTypedLists(TfNetGeneration generation) => Expect(generation, Fixture + """
        tf.train.GradientDescentOptimizer(0.1f).minimize(loss);
        print(Out.Error(() => tf.add_to_collection(tf.GraphKeys.TRAIN_OP, loss)).Split(':')[0]);
        print(string.Join(",", tf.get_collection<IVariableV1>(tf.GraphKeys.TRAINABLE_VARIABLES).Select(v => v.Name)));
        print(Out.Error(() => tf.get_collection<Tensor>(tf.GraphKeys.GLOBAL_VARIABLES)).Split(':')[0]);
        print(Out.Error(() => tf.get_collection<object>("absent")));
        """, """
        NullReferenceException
        w:0
        InvalidCastException
        NotImplementedException: get_collection<System.Object>
        """);
}
