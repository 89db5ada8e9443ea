using System.Linq;
using System.Threading.Tasks;
using GlobalStepMigration.TestKit;
using Microsoft.CodeAnalysis.CodeFixes;
using Xunit;

namespace GlobalStepMigration.CodeFixes.Tests;

/// <summary>
/// Several graphs: <c>CreateGlobalStep(g1)</c> and <c>GetOrCreateGlobalStep(g2)</c> are two units. A unit on
/// a graph private to this code (created here with <c>new Graph()</c>, used only for its scope, its
/// global-step calls and its session, the step created inside its scope) is fixed on its own;
/// anything else keeps the diagnostic, and the message says why and what to do.
/// </summary>
public sealed class ExplicitGraphTests
{
    private const string A = GlobalStepFixes.UseOptimizerIterationsKey;
    private const string B = GlobalStepFixes.UseExplicitVariableKey;

    internal const string TwoGraphs = """
        using System;
        using GlobalStepMigration.Runtime;
        using Train = GlobalStepMigration.Runtime.Tf.Compat.V1.Train;

        var g1 = new Graph();
        var g2 = new Graph();
        Operation? t1;
        Operation? t2;
        Operation i1;
        Operation i2;
        Tensor s1;
        Tensor s2;
        using (g1.AsDefault())
        {
            var w = Tf.Variable(1.0, name: "w");
            s1 = Train.CreateGlobalStep(g1);
            var opt = Train.GradientDescentOptimizer(0.1);
            t1 = opt.Minimize(Tf.Square(w - 4.0), s1, new[] { w });
            i1 = Tf.Compat.V1.GlobalVariablesInitializer();
        }

        using (g2.AsDefault())
        {
            var w = Tf.Variable(3.0, name: "w");
            s2 = Train.GetOrCreateGlobalStep(g2);
            var opt = Train.GradientDescentOptimizer(0.2);
            t2 = opt.Minimize(Tf.Square(w - 2.0), s2, new[] { w });
            i2 = Tf.Compat.V1.GlobalVariablesInitializer();
        }

        using var sess1 = new Session(g1);
        using var sess2 = new Session(g2);
        sess1.Run(i1);
        sess2.Run(i2);
        for (var i = 0; i < 2; i++)
        {
            sess1.Run(t1!);
            sess2.Run(t2!);
            sess2.Run(t2!);
            Console.WriteLine($"g1 {sess1.Run(s1)} g2 {sess2.Run(s2)}");
        }

        Console.WriteLine($"lookup {sess1.Run(Train.GetGlobalStep(g1)!)} {sess2.Run(Train.GetGlobalStep(g2)!)}");
        """;

    [Theory]
    [InlineData(FixAllScope.Document, A)]
    [InlineData(FixAllScope.Solution, A)]
    [InlineData(FixAllScope.Document, B)]
    [InlineData(FixAllScope.Solution, B)]
    public async Task TwoPrivateGraphs_FixAll_OnePass(FixAllScope scope, string key)
    {
        var harness = FixHarness.Create(TwoGraphs);
        var diagnostics = await harness.DiagnosticsAsync();
        Assert.Equal(6, diagnostics.Length);
        Assert.All(diagnostics, d => Assert.DoesNotContain("no automatic fix", d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)));

        var text = await harness.ProveFixAllAsync(scope, key);
        Assert.Empty(await harness.DiagnosticsAsync());
        Assert.Contains("sess1.Run(s1!)", text);
        Assert.Contains("sess2.Run(s2!)", text);
        if (key == A)
        {
            Assert.Contains("    var opt = Tf.Keras.Optimizers.SGD(0.1);\n    s1 = opt.Iterations;", text);
            Assert.Contains("    var opt = Tf.Keras.Optimizers.SGD(0.2);\n    s2 = opt.Iterations;", text);
        }
        else
        {
            Assert.Contains("Variable s1;", text);
            Assert.Equal(2, text.Split("= Tf.Variable(0L, trainable: false, name: \"global_step\");").Length - 1);
        }
    }

    [Theory]
    [InlineData(A)]
    [InlineData(B)]
    public async Task OneGraphAtATime_EachUnitOnItsOwn(string key)
    {
        var harness = FixHarness.Create(TwoGraphs);
        var before = ProgramRunner.Output(await harness.CompilationAsync());
        Assert.Equal(new[] { A, B }, (await harness.ActionsAsync(0)).Select(a => a.EquivalenceKey));

        // The first diagnostic is g1's creation: only g1's unit changes.
        await harness.ApplyAsync(0, key);
        var text = harness.Text();
        Assert.Contains("s2 = Train.GetOrCreateGlobalStep(g2);", text);
        Assert.Contains("sess2.Run(Train.GetGlobalStep(g2)!)", text);
        Assert.DoesNotContain("CreateGlobalStep(g1)", text);
        Assert.Equal(before, ProgramRunner.Output(await harness.CompilationAsync()));

        await harness.ApplyAsync(0, key);
        Assert.Empty(await harness.DiagnosticsAsync());
        Assert.Equal(before, ProgramRunner.Output(await harness.CompilationAsync()));
    }

    [Theory]
    [InlineData("var g1 = new Graph();", "var g1 = MakeGraph();\nstatic Graph MakeGraph() => new Graph();", "no automatic fix: its graph 'g1' is not created with 'new Graph()' at its declaration (line 5), so other code may hold it; pass the step's variable (or its optimizer) to the code that shares the graph")]
    [InlineData("using var sess1 = new Session(g1);", "using var sess1 = new Session(g1);\nShow(g1);\nstatic void Show(Graph g) => Console.WriteLine(g);", "no automatic fix: its graph 'g1' is also used at line 32 ('Show(g1)'), where other code may find the step in it; pass the step's variable (or its optimizer) to that code, then fix")]
    [InlineData("using (g1.AsDefault())\n{\n    var w = Tf.Variable(1.0, name: \"w\");\n    s1 = Train.CreateGlobalStep(g1);", "s1 = Train.CreateGlobalStep(g1);\nusing (g1.AsDefault())\n{\n    var w = Tf.Variable(1.0, name: \"w\");", "no automatic fix: the step is created at line 13 outside 'using (g1.AsDefault())', and the fixes create variables in the current default graph; move the creation into that scope")]
    [InlineData("Console.WriteLine($\"lookup", "Console.WriteLine(Train.GetGlobalStep());\nConsole.WriteLine($\"lookup", "no automatic fix: 'GetGlobalStep' on the default graph (line 43) and 'CreateGlobalStep' on graph 'g1' (line 16) may see the same step; pass the graph explicitly in every global-step call of this type, or in none")]
    public async Task GraphNotPrivate_NoFix_AndTheMessageSaysWhy(string anchor, string replacement, string reason)
    {
        var program = TwoGraphs.Replace(anchor, replacement);
        Assert.NotEqual(TwoGraphs, program);
        var harness = FixHarness.Create(program);
        var diagnostics = (await harness.DiagnosticsAsync()).ToList();
        var g1 = diagnostics.Where(d => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture).Contains("'s1'")).ToList();
        Assert.NotEmpty(g1);
        foreach (var diagnostic in g1)
        {
            Assert.EndsWith(reason, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
            Assert.Empty(await harness.ActionsAsync(diagnostics.IndexOf(diagnostic)));
        }
    }

    [Fact]
    public async Task GraphParameter_NoFix_AndTheMessageSaysWhy()
    {
        var harness = FixHarness.Create("""
            using GlobalStepMigration.Runtime;

            public static class Model
            {
                public static Tensor Build(Graph g)
                {
                    using (g.AsDefault())
                    {
                        var step = Tf.Compat.V1.Train.GetOrCreateGlobalStep(g);
                        var w = Tf.Variable(1.0);
                        var opt = Tf.Compat.V1.Train.GradientDescentOptimizer(0.1);
                        opt.Minimize(Tf.Square(w), step, new[] { w });
                        return w;
                    }
                }
            }
            """);
        var diagnostics = await harness.DiagnosticsAsync();
        Assert.Equal(2, diagnostics.Length);
        for (var i = 0; i < diagnostics.Length; i++)
        {
            Assert.EndsWith(
                "no automatic fix: its graph 'g' is a parameter, so the caller may find the step in it; pass the step's variable (or its optimizer) to that code, then create the step inside g.AsDefault() without the graph argument",
                diagnostics[i].GetMessage(System.Globalization.CultureInfo.InvariantCulture));
            Assert.Empty(await harness.ActionsAsync(i));
        }
    }
}
