using System.Linq;
using System.Threading.Tasks;
using GlobalStepMigration.TestKit;
using Microsoft.CodeAnalysis.CodeFixes;
using Xunit;

namespace GlobalStepMigration.CodeFixes.Tests;

/// <summary>
/// A graph created right there is private only while no other code can get hold of it (KI-2 of
/// docs/reliability.md): handed to a helper that looks its step up by graph, it is not, and a fix
/// that removes the step from the graph would make the helper's lookup fail.
/// </summary>
public sealed class GraphEscapeTests
{
    private const string Program = """
        using System;
        using GlobalStepMigration.Runtime;

        U0.Run();

        static class U0
        {
            public static void Run()
            {
                var g = new Graph();
                Operation? train;
                Operation init;
                Tensor step;
                Variable w;
                using (g.AsDefault())
                {
                    w = Tf.Variable(0.5, name: "w");
                    step = Tf.Variable(0L, trainable: false, name: "global_step");
                    var opt = Tf.Compat.V1.Train.GradientDescentOptimizer(0.1);
                    train = opt.Minimize(Tf.Square(w - 4.0), step, new[] { w });
                    init = Tf.Compat.V1.GlobalVariablesInitializer();
                }

                using var sess = new Session(g);
                sess.Run(init);
                sess.Run(train!);
                Console.WriteLine($"U0: step {sess.Run(step)} w {(double)sess.Run(w):F6}");
                Console.WriteLine($"U0: {Lookup(sess, GRAPH)}");
            }

            private static string Lookup(Session sess, Graph graph) => $"lookup {sess.Run(Tf.Compat.V1.Train.GetGlobalStep(graph)!)}";
        }
        """;

    [Fact]
    public async Task GraphPassedToALookupHelper_NoOptimizerIterations_ExplicitVariableKeepsWhatItPrints()
    {
        var program = Program.Replace("GRAPH", "g");
        var harness = FixHarness.Create(program);
        var before = ProgramRunner.Output(await harness.CompilationAsync());
        Assert.Contains("lookup 1", before);

        var diagnostics = await harness.DiagnosticsAsync();
        var optimizerSite = diagnostics.ToList().FindIndex(d => d.Id == "GSM002");
        Assert.Equal(new[] { GlobalStepFixes.UseExplicitVariableTitle }, (await harness.FixesAsync(optimizerSite)).Select(a => a.Title));

        foreach (var key in new[] { GlobalStepFixes.UseOptimizerIterationsKey, GlobalStepFixes.UseExplicitVariableKey })
        {
            var fixAll = FixHarness.Create(program);
            await fixAll.FixAllAsync(FixAllScope.Solution, key);
            var after = await fixAll.CompilationAsync();
            Assert.Empty(TestCompilation.Problems(after));
            Assert.Equal(before, ProgramRunner.Output(after));
            Assert.Contains("step.AssignAdd(1, name: ", fixAll.Text());
        }
    }

    [Fact]
    public async Task GraphKeptToItsScopeAndSession_StillGetsOptimizerIterations()
    {
        // The same program with the helper given a graph of its own: g no longer leaves Run.
        var program = Program.Replace("GRAPH", "new Graph()").Replace("sess.Run(Tf.Compat.V1.Train.GetGlobalStep(graph)!)", "Tf.Compat.V1.Train.GetGlobalStep(graph) is null");
        var harness = FixHarness.Create(program);
        var before = ProgramRunner.Output(await harness.CompilationAsync());
        var optimizerSite = (await harness.DiagnosticsAsync()).ToList().FindIndex(d => d.Id == "GSM002");
        Assert.Contains(GlobalStepFixes.UseOptimizerIterationsTitle, (await harness.FixesAsync(optimizerSite)).Select(a => a.Title));

        await harness.ApplyAsync(optimizerSite, GlobalStepFixes.UseOptimizerIterationsKey);
        var after = await harness.CompilationAsync();
        Assert.Empty(TestCompilation.Problems(after));
        Assert.Equal(before, ProgramRunner.Output(after));
    }
}
