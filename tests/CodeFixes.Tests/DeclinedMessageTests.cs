using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using GlobalStepMigration.TestKit;
using Xunit;

namespace GlobalStepMigration.CodeFixes.Tests;

/// <summary>
/// Every case the analysis declines, with the exact end of its message: why, and what to do by hand
/// (docs/rules/GSM001.md, "When no fix is offered", lists the same texts). No code action is offered.
/// </summary>
public sealed class DeclinedMessageTests
{
    private const string Head = "using System;\nusing GlobalStepMigration.Runtime;\nusing Train = GlobalStepMigration.Runtime.Tf.Compat.V1.Train;\n\n";

    public static IEnumerable<object[]> Cases() => new[]
    {
        Case(
            "found by name",
            "var g = new Graph();\nusing (g.AsDefault())\n{\n    var step = Train.GetOrCreateGlobalStep();\n    var byName = g.GetTensorByName(\"global_step:0\");\n}\n",
            "the step is also found by name at line 9 ('GetTensorByName', GSM004), which would no longer find it; pass the step's variable (or its optimizer) to that code instead (see GSM004), then fix"),
        Case(
            "graph argument not a variable",
            "var step = Train.GetOrCreateGlobalStep(MakeGraph());\nstatic Graph MakeGraph() => new Graph();\n",
            "its graph argument 'MakeGraph()' at line 5 is not a variable, so other calls on the same graph cannot be matched; store the graph in a local or private field created with new Graph() and pass that"),
        Case(
            "conditional step argument",
            "var decay = Environment.GetCommandLineArgs().Length > 5;\nvar v = Tf.Variable(3.0);\nvar step = Train.GetOrCreateGlobalStep();\nvar opt = Train.GradientDescentOptimizer(0.1);\nopt.Minimize(() => v * v, decay ? step : null, new[] { v });\n",
            "the step passed to 'Minimize' at line 9 is conditional ('decay ? step : null'); migrate that call by hand"),
        Case(
            "used in a conditional expression",
            "var step = Train.GetOrCreateGlobalStep();\nvar shown = Environment.GetCommandLineArgs().Length > 5 ? step : null;\nConsole.WriteLine(shown);\n",
            "it is used in a conditional expression at line 6; migrate that expression by hand, then fix the rest"),
        Case(
            "step argument not a variable",
            "var v = Tf.Variable(3.0);\nvar opt = Train.GradientDescentOptimizer(0.1);\nopt.Minimize(() => v * v, Tf.Variable(0L, trainable: false, name: \"global_step\"), new[] { v });\n",
            "the step passed to 'Minimize' at line 7 ('Tf.Variable(0L, trainable: false, name: \"global_step\")') is not a variable, field or global-step call the fix can follow; store the step in a local or private field and pass that"),
        Case(
            "graph declared by a pattern",
            "object o = new Graph();\nif (o is Graph g)\n{\n    using (g.AsDefault())\n    {\n        var step = Train.GetOrCreateGlobalStep(g);\n    }\n}\n",
            "its graph 'g' is not created with 'new Graph()' at its declaration (line 6), so other code may hold it; pass the step's variable (or its optimizer) to the code that shares the graph"),
        Case(
            "reassigned",
            "Tensor step = Train.GetOrCreateGlobalStep();\nstep = step * 2;\nConsole.WriteLine(step.Numpy());\n",
            "it is reassigned at line 6; create the step once and keep it in one local or private field, or migrate by hand"),
        Case(
            "returned",
            "Console.WriteLine(Make().Numpy());\nstatic Tensor Make()\n{\n    var step = Train.GetOrCreateGlobalStep();\n    return step;\n}\n",
            "it is returned at line 9, so code the fix cannot see uses it; keep the step in a private field of this type instead of returning it, then fix"),
        Case(
            "written with Assign",
            "var step = Train.GetOrCreateGlobalStep();\n((Variable)step).Assign(5L);\n",
            "it is written with Assign at line 6; only the optimizer (or AssignAdd) may change the step; migrate by hand"),
        Case(
            "passed to own code",
            "var step = Train.GetOrCreateGlobalStep();\nKeep(step);\nstatic void Keep(Tensor t) { }\n",
            "it is passed to 'Keep' at line 6, which the fix cannot follow; give that method the step's value instead of the step, or migrate it by hand"),
        Case(
            "parameter",
            "public static class Lib\n{\n    public static void Run(Tensor step)\n    {\n        var v = Tf.Variable(3.0);\n        Train.GradientDescentOptimizer(0.1).Minimize(() => v * v, step, new[] { v });\n    }\n}\n",
            "it comes from parameter 'step' of 'Run', so its creation is not visible here; fix the code that creates the step, then pass its variable (or its optimizer) here"),
        Case(
            "non-private field",
            "new T().Run();\nsealed class T\n{\n    internal Tensor? Step;\n    public void Run() => Step = Train.GetOrCreateGlobalStep();\n}\n",
            "it is stored in field 'Step', which code outside 'T' can reach; keep the step in a private field (pass it to other code as a parameter), then fix"),
        Case(
            "created by hand and by a function",
            "var a = Tf.Variable(0L, trainable: false, name: \"global_step\");\nvar b = Train.GetOrCreateGlobalStep();\nvar v = Tf.Variable(3.0);\nTrain.GradientDescentOptimizer(0.1).Minimize(() => v * v, a, new[] { v });\n",
            "it is created both by hand and by a global-step function (lines 5, 6); keep one creation and pass its variable where the other one is used"),
        Case(
            "default and explicit graph in one type",
            "var g = new Graph();\nvar a = Train.GetOrCreateGlobalStep();\nusing (g.AsDefault())\n{\n    var b = Train.GetGlobalStep(g);\n}\n",
            "'GetOrCreateGlobalStep' on the default graph (line 6) and 'GetGlobalStep' on graph 'g' (line 9) may see the same step; pass the graph explicitly in every global-step call of this type, or in none"),
        Case(
            "no creation visible",
            "Console.WriteLine(Train.GetGlobalStep());\n",
            "no creation of this step is visible in 'Program'; migrate the code that creates it, then pass its variable (or its optimizer) here"),
        Case(
            "decay without a Keras schedule",
            "var g = new Graph();\nusing (g.AsDefault())\n{\n    var step = Train.GetOrCreateGlobalStep();\n    var lr = Train.NaturalExpDecay(0.1, step, 2, 0.5);\n}\n",
            "NaturalExpDecay has no Keras schedule with the same formula; replace it by hand"),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task DeclinedUnit_MessageSaysWhyAndWhatToDo_AndNoActionIsOffered(string name, string source, string reason)
    {
        var harness = FixHarness.Create(source);
        Assert.Empty(TestCompilation.Problems(await harness.CompilationAsync()));
        var diagnostics = (await harness.DiagnosticsAsync()).ToList();
        var declined = diagnostics.Where(d => d.Id is "GSM001" or "GSM002" or "GSM003").ToList();
        Assert.True(declined.Count > 0, name);
        foreach (var diagnostic in declined)
        {
            Assert.EndsWith("; no automatic fix: " + reason, diagnostic.GetMessage(CultureInfo.InvariantCulture));
            Assert.Equal(reason, diagnostic.Properties["NoFixReason"]);
            Assert.Empty(await harness.ActionsAsync(diagnostics.IndexOf(diagnostic)));
        }
    }

    private static object[] Case(string name, string body, string reason) => new object[] { name, Head + body, reason };
}
