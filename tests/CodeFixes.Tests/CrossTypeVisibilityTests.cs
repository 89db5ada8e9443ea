using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using GlobalStepMigration.TestKit;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace GlobalStepMigration.CodeFixes.Tests;

/// <summary>
/// Steps that another type may share (docs/reliability.md, KI-1): a hand-made <c>global_step</c> in one
/// type and a default-graph global-step function in another. Neither may be rewritten in a way the
/// other could observe, whichever is fixed first, so one fix-all pass is final and the single action
/// offers exactly what fix-all applies.
/// </summary>
public sealed class CrossTypeVisibilityTests
{
    private const string A = GlobalStepFixes.UseOptimizerIterationsKey;
    private const string B = GlobalStepFixes.UseExplicitVariableKey;

    /// <summary>KI-1's minimal program, as docs/reliability.md gives it.</summary>
    internal const string Ki1 = """
        using System;
        using GlobalStepMigration.Runtime;

        U0.Run();
        U1.Run();

        static class U0
        {
            public static void Run()
            {
                Tensor step = Tf.Compat.V1.Train.GetOrCreateGlobalStep();
                var optimizer = Tf.Keras.Optimizers.SGD(0.05);
                var v = Tf.Variable(3.5);
                for (var i = 0; i < 2; i++)
                {
                    optimizer.Minimize(() => Tf.Square(v - 1.0), new[] { v });
                    ((Variable)step).AssignAdd(1);
                    Console.WriteLine($"U0: step {step.Numpy()} v {(double)v.Numpy():F6}");
                }
            }
        }

        static class U1
        {
            public static void Run()
            {
                var w = Tf.Variable(3.5);
                Variable step = Tf.Variable(0L, trainable: false, name: "global_step");
                var opt = Tf.Compat.V1.Train.GradientDescentOptimizer(0.05);
                for (var i = 0; i < 2; i++)
                {
                    opt.Minimize(() => Tf.Square(w - 4.0), step, new[] { w });
                    Console.WriteLine($"U1: step {step.Numpy()} w {(double)w.Numpy():F6}");
                }
            }
        }
        """;

    /// <summary>
    /// Why the default-graph call must not be rewritten: in a graph they share, U0's
    /// GetOrCreateGlobalStep finds U1's hand-made variable by name, so U0 prints U1's count. Rewriting
    /// U0 (to a fresh variable or an optimizer's Iterations) would print 0.
    /// </summary>
    internal const string SharedGraph = """
        using System;
        using GlobalStepMigration.Runtime;

        var g = new Graph();
        using (g.AsDefault())
        {
            var train = U1.Build();
            U0.Build();
            var init = Tf.Compat.V1.GlobalVariablesInitializer();
            using var sess = new Session(g);
            sess.Run(init);
            for (var i = 0; i < 3; i++)
            {
                sess.Run(train);
                U0.Print(sess);
            }
        }

        static class U0
        {
            private static Tensor? _step;

            public static void Build() => _step = Tf.Compat.V1.Train.GetOrCreateGlobalStep();

            public static void Print(Session sess) => Console.WriteLine($"U0 sees step {sess.Run(_step!)}");
        }

        static class U1
        {
            public static Operation Build()
            {
                var w = Tf.Variable(3.5);
                Variable step = Tf.Variable(0L, trainable: false, name: "global_step");
                var opt = Tf.Compat.V1.Train.GradientDescentOptimizer(0.05);
                return opt.Minimize(Tf.Square(w - 4.0), step, new[] { w })!;
            }
        }
        """;

    private const string U1AfterB = """
                    var gradients = opt.ComputeGradients(() => Tf.Square(w - 4.0), varList: new[] { w });
                    using (Tf.ControlDependencies(opt.ApplyGradients(gradients, name: opt.Name + "/update")))
                    {
                        step.AssignAdd(1, name: opt.Name);
                    }
        """;

    public static IEnumerable<object[]> ScopesKeysAndPreference()
    {
        foreach (var scope in new[] { FixAllScope.Document, FixAllScope.Project, FixAllScope.Solution })
        {
            foreach (var key in new[] { A, B })
            {
                foreach (var preferExplicit in new[] { false, true })
                {
                    yield return new object[] { scope, key, preferExplicit };
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(ScopesKeysAndPreference))]
    public async Task Ki1_FixAll_OnePass_IsFinal_AndKeepsBehaviour(FixAllScope scope, string key, bool preferExplicit)
    {
        var harness = Prefer(FixHarness.Create(Ki1), preferExplicit);
        var text = await harness.ProveFixAllAsync(scope, key);

        // U1's variable stays as written and is incremented after the update; U0 may share a step
        // with it (in a graph, by name), so it keeps its diagnostic and gets no fix. Under the key of
        // the action offered second (A when the project prefers B) a unit gets only that action, and
        // U1 cannot have A.
        Assert.Contains("Variable step = Tf.Variable(0L, trainable: false, name: \"global_step\");", text);
        Assert.Contains("Tensor step = Tf.Compat.V1.Train.GetOrCreateGlobalStep();", text);
        if (preferExplicit && key == A)
        {
            Assert.Equal(Ki1, text);
        }
        else
        {
            Assert.Contains(U1AfterB, text);
            Assert.Equal(new[] { "GSM001" }, (await harness.DiagnosticsAsync()).Select(d => d.Id));
        }
    }

    [Theory]
    [InlineData(A)]
    [InlineData(B)]
    public async Task Ki1_DotnetFormatStyle_OneFixAllPerId_AnyOrder_EqualsOnePass(string key)
    {
        var onePass = FixHarness.Create(Ki1);
        await onePass.FixAllAsync(FixAllScope.Solution, key);
        var expected = onePass.Text();

        var ids = new[] { "GSM001", "GSM002", "GSM003" };
        foreach (var order in Permutations(ids))
        {
            var harness = FixHarness.Create(Ki1);
            foreach (var id in order)
            {
                await harness.FixAllAsync(FixAllScope.Solution, key, id);
            }

            Assert.Equal(expected, harness.Text());
        }

        // Any subset of the IDs, too: each unit's result does not depend on what else is fixed.
        foreach (var id in ids)
        {
            var harness = FixHarness.Create(Ki1);
            await harness.FixAllAsync(FixAllScope.Solution, key, id);
            await harness.FixAllAsync(FixAllScope.Solution, key);
            Assert.Equal(expected, harness.Text());
        }
    }

    [Fact]
    public async Task Ki1_SingleActions_OfferWhatFixAllApplies()
    {
        var harness = FixHarness.Create(Ki1);
        var diagnostics = await harness.DiagnosticsAsync();
        Assert.Equal(new[] { "GSM001", "GSM002" }, diagnostics.Select(d => d.Id));

        // U0: GetOrCreateGlobalStep may return U1's variable; no action.
        Assert.Empty(await harness.FixesAsync(0));

        // U1: only the explicit variable (optimizer.Iterations would remove a variable U0 may find by name).
        Assert.Equal(new[] { GlobalStepFixes.UseExplicitVariableTitle }, (await harness.FixesAsync(1)).Select(a => a.Title));

        var single = FixHarness.Create(Ki1);
        await single.ApplyAsync(1, B);
        var fixAll = FixHarness.Create(Ki1);
        await fixAll.FixAllAsync(FixAllScope.Solution, A);
        Assert.Equal(fixAll.Text(), single.Text());
    }

    [Theory]
    [InlineData(A)]
    [InlineData(B)]
    public async Task SharedGraph_TheDefaultGraphCallIsNotRewritten_AndTheHandMadeStepKeepsItsCount(string key)
    {
        var harness = FixHarness.Create(SharedGraph);
        var before = ProgramRunner.Output(await harness.CompilationAsync());
        Assert.Equal("U0 sees step 1\nU0 sees step 2\nU0 sees step 3\n", before);

        var diagnostics = await harness.DiagnosticsAsync();
        Assert.Equal(new[] { "GSM001", "GSM002" }, diagnostics.Select(d => d.Id));
        Assert.Empty(await harness.FixesAsync(0));
        Assert.Equal(new[] { GlobalStepFixes.UseExplicitVariableTitle }, (await harness.FixesAsync(1)).Select(a => a.Title));

        var text = await harness.ProveFixAllAsync(FixAllScope.Solution, key);
        Assert.Contains("""
                    var gradients = opt.ComputeGradients(Tf.Square(w - 4.0), varList: new[] { w });
                    using (Tf.ControlDependencies(opt.ApplyGradients(gradients, name: opt.Name + "/update")))
                    {
                        return step.AssignAdd(1, name: opt.Name).Op!;
                    }
            """, text);
        Assert.Contains("_step = Tf.Compat.V1.Train.GetOrCreateGlobalStep();", text);
    }

    [Fact]
    public async Task PrivateGraphs_DoNotMeet_BothUnitsMigrateInOnePass()
    {
        // The same two types, each in a graph of its own: nothing can be shared, both are rewritten.
        const string program = """
            using System;
            using GlobalStepMigration.Runtime;

            U0.Run();
            U1.Run();

            static class U0
            {
                public static void Run()
                {
                    var g = new Graph();
                    using (g.AsDefault())
                    {
                        var w = Tf.Variable(1.0);
                        var step = Tf.Compat.V1.Train.GetOrCreateGlobalStep();
                        var opt = Tf.Compat.V1.Train.GradientDescentOptimizer(0.1);
                        var train = opt.Minimize(Tf.Square(w - 2.0), step, new[] { w });
                        using var sess = new Session(g);
                        sess.Run(Tf.Compat.V1.GlobalVariablesInitializer());
                        sess.Run(train!);
                        Console.WriteLine($"U0: {sess.Run(step)}");
                    }
                }
            }

            static class U1
            {
                public static void Run()
                {
                    var g = new Graph();
                    using (g.AsDefault())
                    {
                        var w = Tf.Variable(1.0);
                        var step = Tf.Variable(0L, trainable: false, name: "global_step");
                        var opt = Tf.Compat.V1.Train.GradientDescentOptimizer(0.1);
                        var train = opt.Minimize(Tf.Square(w - 2.0), step, new[] { w });
                        using var sess = new Session(g);
                        sess.Run(Tf.Compat.V1.GlobalVariablesInitializer());
                        sess.Run(train!);
                        sess.Run(train!);
                        Console.WriteLine($"U1: {sess.Run(step)}");
                    }
                }
            }
            """;
        foreach (var key in new[] { A, B })
        {
            var text = await FixHarness.ProveAsync(program, h => h.FixAllAsync(FixAllScope.Solution, key));
            Assert.DoesNotContain("GetOrCreateGlobalStep", text);
            if (key == A)
            {
                Assert.Equal(2, text.Split("var step = opt.Iterations;").Length - 1);
            }
        }
    }

    private static FixHarness Prefer(FixHarness harness, bool preferExplicit)
    {
        if (!preferExplicit)
        {
            return harness;
        }

        var project = harness.Project;
        return harness.With(project.Solution.AddAnalyzerConfigDocument(
            DocumentId.CreateNewId(project.Id),
            ".editorconfig",
            SourceText.From("root = true\n\n[*.cs]\ngsm_preferred_fix = explicit_variable\n"),
            filePath: "/p0/.editorconfig"));
    }

    private static IEnumerable<string[]> Permutations(string[] items) =>
        items.Length <= 1
            ? new[] { items }
            : items.SelectMany((item, i) => Permutations(items.Where((_, j) => j != i).ToArray()).Select(rest => new[] { item }.Concat(rest).ToArray()));
}
