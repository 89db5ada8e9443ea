using Xunit;
using static GlobalStepMigration.TensorFlowNet.Model.Tests.Programs;

namespace GlobalStepMigration.TensorFlowNet.Model.Tests;

/// <summary>Names, scopes, variables and lookups by name (Graph.cs, Graph.Operation.cs, ops.name_scope.cs, the variable classes).</summary>
public sealed class GraphTests
{
    /// <summary>
    /// tf.Variable in graph mode: the initial value in "Initializer", a VariableV2 node, its "Assign" and "read"; the
    /// current generation also builds a ReadVariableOp of the handle that nothing uses (ResourceVariable.cs:144) and that
    /// fails if run. RefVariable: "initial_value", the VariableV2 node, "Assign", "read".
    /// </summary>
    [Theory]
    [InlineData(TfNetGeneration.Current, """
        w/Initializer/initial_value,w,w/Assign,w/ReadVariableOp/resource,w/ReadVariableOp,w/read,r/initial_value,r,r/Assign,r/read
        w:0 DtFloatRef VariableV2 w/Assign w/read:0 r:0 DtFloatRef r/read:0
        NotOkStatusException: Cast float32 to resource is not supported
        """)]
    [InlineData(TfNetGeneration.Old, """
        w/Initializer/initial_value,w,w/Assign,w/read,r/initial_value,r,r/Assign,r/read
        w:0 DtFloatRef VariableV2 w/Assign w/read:0 r:0 DtFloatRef r/read:0
        no ReadVariableOp
        """)]
    public void Variables_NodesAndNames(TfNetGeneration generation, string expected) => Expect(generation, """
        var w = tf.Variable(3.0f, name: "w");
        var r = new RefVariable(1.0f, name: "r");
        var graph = tf.get_default_graph();
        print(string.Join(",", graph.get_operations().Select(o => o.name)));
        print($"{w.Name} {w.dtype} {w.Op.type} {w.Initializer.name} {w.GraphElement.name} {r.Name} {r.dtype} {r.AsTensor().name}");
        var sess = tf.Session();
        sess.run(tf.global_variables_initializer());
        print(graph.get_operations().Any(o => o.name == "w/ReadVariableOp") ? Out.Error(() => sess.run(graph.get_tensor_by_name("w/ReadVariableOp:0"))) : "no ReadVariableOp");
        """, expected);

    /// <summary>Lookups by name: get_tensor_by_name, get_operation_by_name (the graph's object), OperationByName (a new one), as_graph_element.</summary>
    [Theory]
    [InlineData(TfNetGeneration.Current, "graph-0/")]
    [InlineData(TfNetGeneration.Old, "grap-key-0/")]
    public void Lookups_ByName(TfNetGeneration generation, string key) => Expect(generation, """
        var gs = tf.Variable(0L, trainable: false, name: "global_step");
        var graph = tf.get_default_graph();
        var byName = graph.get_tensor_by_name("global_step:0");
        print($"{byName.name} {byName.dtype} {byName.op.type}");
        print(graph.as_graph_element(gs).name);
        print(Out.Error(() => graph.get_operation_by_name("nope")));
        print(Out.Error(() => graph.get_tensor_by_name("global_step")));
        print(Out.Error(() => graph.get_tensor_by_name("nope:0")));
        print(Out.Error(() => graph.OperationByName("nope")));
        var sess = tf.Session();
        sess.run(tf.global_variables_initializer());
        print(sess.run(byName));
        """, $$"""
        global_step:0 DtInt64Ref VariableV2
        global_step/read:0
        KeyError: The name nope refers to an Operation not in the graph.
        ValueError: The name global_step refers to an Operation, not a Tensor.
        KeyError: The name nope:0 refers to a Tensor which does not exist. The operation, nope, does not exist in the graph.
        ValueError: Could not find operation "nope" inside graph "{{key}}".
        0
        """);

    /// <summary>The old generation's OperationByName refuses a graph that is not the default one (old Graph.Operation.cs:72-77).</summary>
    [Theory]
    [InlineData(TfNetGeneration.Current, "no exception")]
    [InlineData(TfNetGeneration.Old, "RuntimeError: Current graph is not default graph. Default Graph Key: grap-key-1/, Current Graph Key: grap-key-0/")]
    public void OperationByName_OnAGraphThatIsNotTheDefault(TfNetGeneration generation, string expected) => Expect(generation, """
        var g1 = tf.Graph().as_default();
        tf.constant(1, name: "a");
        tf.Graph().as_default();
        print(Out.Error(() => g1.OperationByName("a")));
        """, expected);

    /// <summary>
    /// Name scopes open in tf_with (a repeated scope is made unique, "x/" re-enters). `using` does not enter: in the
    /// current generation it changes nothing, in the old one its Dispose sets the scope back to "" (ops.name_scope.cs).
    /// </summary>
    [Theory]
    [InlineData(TfNetGeneration.Current, "outer/a,outer_1/b,outer/c,outer_1/d")]
    [InlineData(TfNetGeneration.Old, "outer/a,outer_1/b,outer/c,d")]
    public void NameScopes_TfWithAndUsing(TfNetGeneration generation, string expected) => Expect(generation, """
        var names = new List<string>();
        tf_with(tf.name_scope("outer"), _ => names.Add(tf.constant(1, name: "a").name.Split(':')[0]));
        tf_with(tf.name_scope("outer"), _ =>
        {
            names.Add(tf.constant(1, name: "b").name.Split(':')[0]);
            tf_with(tf.name_scope("outer/"), _ => names.Add(tf.constant(1, name: "c").name.Split(':')[0]));
            using (tf.name_scope("inner"))
            {
            }

            names.Add(tf.constant(1, name: "d").name.Split(':')[0]);
        });
        print(string.Join(",", names));
        """, expected);

    /// <summary>
    /// Eagerly a name scope only sets the context's ScopeName (ops.name_scope.cs: current :75-96, old :73-91). The
    /// current tf.name_scope skips that (skip_on_eager defaults to true): the scope's name is null, and its exit sets
    /// ScopeName to null. The old one extends it ("a/", then "a/b/") and restores it on exit.
    /// </summary>
    [Theory]
    [InlineData(TfNetGeneration.Current, "[null] [] / [null] []\n[null]")]
    [InlineData(TfNetGeneration.Old, "[a/] [a/b/] / [a/b/] [a/b/]\n[]")]
    public void NameScopes_Eagerly(TfNetGeneration generation, string expected) => ExpectEager(generation, """
        static string Show(string text) => "[" + (text ?? "null") + "]";
        tf_with(tf.name_scope("a"), a => tf_with(tf.name_scope("b"), b =>
            print($"{Show(a)} {Show(tf.Context.ScopeName)} / {Show(b)} {Show(tf.Context.ScopeName)}")));
        print(Show(tf.Context.ScopeName));
        """, expected);
}
