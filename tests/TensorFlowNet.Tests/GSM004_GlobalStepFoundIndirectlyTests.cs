using System.Linq;
using System.Threading.Tasks;
using GlobalStepMigration.Analyzers;
using Xunit;
using static GlobalStepMigration.TensorFlowNet.Tests.TfNetVerifier;

namespace GlobalStepMigration.TensorFlowNet.Tests;

/// <summary>GSM004 on TensorFlow.NET: lookups by name and collection, and method groups.</summary>
public sealed class GSM004_GlobalStepFoundIndirectlyTests
{
    /// <summary>
    /// The lookups are GSM004; the hand-made step they find keeps fix B, which leaves that variable and its name as they are
    /// (docs/design/observables.md, O5), and fix A is TensorFlow.NET's to miss.
    /// </summary>
    [Fact]
    public Task ByNameAndByCollection_Reported_TheHandMadeStepKeepsTheExplicitVariable() => VerifyAsync(Usings + """
        var graph = tf.get_default_graph();
        var loss = tf.placeholder(tf.float32);
        var gs = tf.Variable(0, trainable: false, name: "global_step");
        var train_op = tf.train.GradientDescentOptimizer(0.1f).minimize(loss, global_step: {|#0:gs|});
        var byName = {|#1:graph.get_tensor_by_name("global_step:0")|};
        var byKey = {|#2:graph.get_collection<IVariableV1>(tf.GraphKeys.GLOBAL_STEP)|};
        var byConstant = {|#3:tf.get_collection<IVariableV1>(ops.GraphKeys.GLOBAL_STEP_)|};
        var element = {|#4:graph.as_graph_element("global_step")|};
        """,
        Diagnostic("GSM002").WithLocation(0).WithArguments("minimize", "'gs'", "; optimizer.Iterations cannot own it: TensorFlow.NET's Keras OptimizerV2 keeps its iteration counter non-public, so fix A (optimizer.Iterations) is unavailable"),
        Diagnostic("GSM004").WithLocation(1).WithArguments("get_tensor_by_name", "by name", "pass the step's variable to this code instead of looking it up by name"),
        Diagnostic("GSM004").WithLocation(2).WithArguments("get_collection", "through the GLOBAL_STEP collection", "pass the step's variable to this code instead of going through the collection"),
        Diagnostic("GSM004").WithLocation(3).WithArguments("get_collection", "through the GLOBAL_STEP collection", "pass the step's variable to this code instead of going through the collection"),
        Diagnostic("GSM004").WithLocation(4).WithArguments("as_graph_element", "by name", "pass the step's variable to this code instead of looking it up by name"));

    [Fact]
    public Task AddToCollection_AndMethodGroup() => VerifyAsync(Usings + """
        class Setup
        {
            public void Register(IVariableV1 step) => {|#0:tf.add_to_collection(tf.GraphKeys.GLOBAL_STEP, step)|};

            public Func<Graph, IVariableV1> Finder() => {|#1:tf.train.get_global_step|};

            public void Register(Graph graph, IVariableV1 step) => {|#2:graph.add_to_collection("global_step", step)|};

            public void RegisterStatic(IVariableV1 step) => {|#3:ops.add_to_collection(ops.GraphKeys.GLOBAL_STEP_, step)|};

            public object Find() => {|#4:ops.get_collection<IVariableV1>(tf.GraphKeys.GLOBAL_STEP)|};

            public object FindOthers() => ops.get_collection_ref<IVariableV1>(tf.GraphKeys.TRAIN_OP);
        }
        """,
        Diagnostic("GSM004").WithLocation(0).WithArguments("add_to_collection", "through the GLOBAL_STEP collection", "pass the step's variable to this code instead of going through the collection"),
        Diagnostic("GSM004").WithLocation(1).WithArguments("get_global_step", "through a method group", "call the function directly where its graph is known, or pass the step's variable instead of the function"),
        Diagnostic("GSM004").WithLocation(2).WithArguments("add_to_collection", "through the GLOBAL_STEP collection", "pass the step's variable to this code instead of going through the collection"),
        Diagnostic("GSM004").WithLocation(3).WithArguments("add_to_collection", "through the GLOBAL_STEP collection", "pass the step's variable to this code instead of going through the collection"),
        Diagnostic("GSM004").WithLocation(4).WithArguments("get_collection", "through the GLOBAL_STEP collection", "pass the step's variable to this code instead of going through the collection"));
}
