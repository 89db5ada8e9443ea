using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Xunit;

namespace GlobalStepMigration.Reliability.Tests;

/// <summary>Failures the fuzzers found, kept as fixed regression tests (docs/reliability.md lists them).</summary>
public sealed class RegressionTests
{
    /// <summary>
    /// Mutation fuzzer, seed 20261127, mutant 28 (the broken-code program, tests/Programs/BrokenCode.cs, with a member duplicated): the no-fix
    /// reason named line 20 under concurrent analysis and line 18 under sequential analysis, because
    /// blockers were kept in callback order. Fixed in the analyzer (blockers sorted; today src/Analyzer/Analysis/TypeAnalysis.cs sorts them by Blocker.CompareTo).
    /// </summary>
    private const string DuplicatedMember = """
        // Broken code (docs/design/patterns.md): broken or incomplete code (not run: the fuzzer mutates it further).
        using System;
        using GlobalStepMigration.Runtime;

        var g = new Graph();
        Tensor step
        using (g.AsDefault())
        {
            step = Tf.Compat.V1.Train.GetOrCreateGlobalStep(g, );
            var opt = Tf.Compat.V1.Train.GradientDescentOptimizer();
            var train = opt.Minimize(, step, new[] { missing });
            var lr = Tf.Compat.V1.Train.ExponentialDecay(0.1, step
        }

        class Half
        {
            private Tensor _s = Tf.Compat.V1.Train.GetOrCreateGlobalStep(
            public void M() => Tf.Compat.V1.Train.GradientDescentOptimizer(0.1).Minimize(Tf.Square(_s), _s, 

        public void M() => Tf.Compat.V1.Train.GradientDescentOptimizer(0.1).Minimize(Tf.Square(_s), _s, 
        """;

    /// <summary>The same defect on valid code: a field step blocked in four members, analyzed concurrently.</summary>
    private const string FourBlockers = """
        using System;
        using GlobalStepMigration.Runtime;

        class Model
        {
            private Tensor _step = Tf.Compat.V1.Train.GetOrCreateGlobalStep();

            public Tensor A() => _step;

            public object B(bool c) => c ? _step : 0;

            public void C() => Keep(_step);

            public void D() => Console.WriteLine(new object[] { _step }.Length);

            public void E() => Tf.Compat.V1.Train.GradientDescentOptimizer(0.1).Minimize(Tf.Square(Tf.Variable(1.0)), _step);

            private static void Keep(Tensor t) { }
        }
        """;

    /// <summary>
    /// Program generator, seed 6793566468919088521, programs 59, 119 and 261 (this is 261): eagerly, a
    /// TF1 decay is evaluated once, so the rate stays constant; "Use optimizer.Iterations" turned it
    /// into a Keras schedule, evaluated at every step, and the weights changed (4.960000 became
    /// 4.991632 at step 2). Fixed in src/CodeFixes by its owner (983691f: the decay is taken over only
    /// in graph code).
    /// </summary>
    private const string EagerDecay = """
        using System;
        using System.Collections.Generic;
        using GlobalStepMigration.Runtime;
        using static GlobalStepMigration.Runtime.Tf.Compat.V1.Train;

        new U0().Run();

        sealed class U0
        {
            private Variable? _step;

            public void Run()
            {
                _step = CreateGlobalStep();
                var w = Tf.Variable(5.5);
                var lr = CosineDecay(0.1, _step, 4, alpha: 0.1);
                var opt = GradientDescentOptimizer(lr);
                for (var i = 0; i < 3; i++)
                {
                    opt.Minimize(() => Tf.Square(w - 4.0), _step, new[] { w });
                    Console.WriteLine($"U0: step {_step.Numpy()} w {(double)w.Numpy():F6}");
                }
            }
        }
        """;

    [Fact]
    public async Task EagerDecay_EveryFixAndFixAll_PrintTheSame()
    {
        var stats = new Invariants.Stats();
        var failures = await Invariants.CheckValidProgramAsync(EagerDecay, stats);
        Assert.True(failures.Count == 0, string.Join("\n\n", failures));
        Assert.True(stats.ActionsApplied > 0, "no fix was applied: " + stats);
    }

    [Theory]
    [InlineData(nameof(DuplicatedMember), "line 18")]
    [InlineData(nameof(FourBlockers), "line 8")]
    public async Task NoFixReason_IsTheSame_OnEveryRun_AndNamesTheFirstBlockingLine(string name, string firstLine)
    {
        var source = name == nameof(DuplicatedMember) ? DuplicatedMember : FourBlockers;
        var expected = await AnalyzerRunner.RunAsync(Sandbox.Compile(source), concurrent: false);
        Assert.Empty(expected.Crashes);
        Assert.NotEmpty(expected.Diagnostics);
        Assert.All(expected.Diagnostics.Where(d => d.Id == "GSM001"), d => Assert.Contains("no automatic fix: it is " , d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Contains(firstLine, expected.Diagnostics.First(d => d.Id == "GSM001").GetMessage(System.Globalization.CultureInfo.InvariantCulture));

        var runs = new List<Task<AnalysisRun>>();
        for (var i = 0; i < 32; i++)
        {
            runs.Add(AnalyzerRunner.RunAsync(Sandbox.Compile(source), concurrent: true));
        }

        foreach (var run in await Task.WhenAll(runs))
        {
            Assert.Empty(run.Crashes);
            Assert.Equal(expected.Fingerprint, run.Fingerprint);
        }
    }
}
