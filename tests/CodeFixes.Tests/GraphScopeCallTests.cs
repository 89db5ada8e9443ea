using System;
using System.Linq;
using System.Threading.Tasks;
using GlobalStepMigration.Analyzers;
using GlobalStepMigration.TestKit;
using Microsoft.CodeAnalysis.CodeFixes;
using Xunit;

namespace GlobalStepMigration.CodeFixes.Tests;

/// <summary>
/// Code called from inside <c>using (g.AsDefault())</c> runs while <c>g</c> is the default graph, so a
/// default-graph global-step site of another type that it reaches sees the unit's step. Such a scope is
/// not private: the unit gets no fix, and the reason names the call and the site. A scope that calls
/// only code that never touches a global step stays private and is fixed, proved by running the program.
/// </summary>
public sealed class GraphScopeCallTests
{
    private const string A = GlobalStepFixes.UseOptimizerIterationsKey;
    private const string B = GlobalStepFixes.UseExplicitVariableKey;

    /// <summary>A unit in a private graph; <paramref name="call"/> runs inside its scope, <paramref name="types"/> follow.</summary>
    internal static string Program(string call, string types) => $$"""
        using System;
        using GlobalStepMigration.Runtime;

        Trainer.Run();

        static class Trainer
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
                    {{call}}
                    using var sess = new Session(g);
                    sess.Run(Tf.Compat.V1.GlobalVariablesInitializer());
                    sess.Run(train!);
                    Console.WriteLine($"step {sess.Run(step)}");
                }
            }
        }

        {{types}}
        """;

    private const string ReadingHelper = """
        static class Helper
        {
            public static void Report() => Console.WriteLine(Tf.Compat.V1.Train.GetGlobalStep() is null);
        }
        """;

    [Fact]
    public async Task HelperReadingTheDefaultGraphsStep_CalledInsideTheScope_NoFix_AndTheReasonNamesIt()
    {
        var program = Program("Helper.Report();", ReadingHelper);
        var harness = FixHarness.Create(program);

        // Helper runs while g is the default graph: it sees the unit's step (False: not null). Either
        // fix would take the step out of g's GLOBAL_STEP collection, and Helper would print True.
        Assert.Equal("False\nstep 1\n", ProgramRunner.Output(await harness.CompilationAsync()));

        var diagnostics = await harness.DiagnosticsAsync();
        Assert.Equal(new[] { "GSM001", "GSM002", "GSM001" }, diagnostics.Select(d => d.Id));
        var expected = $"'Helper.Report' called inside the graph scope of 'g' reads the default graph's global step at line {LineOf(program, "GetGlobalStep()")} ('GetGlobalStep' in 'Helper'), which would no longer find this step; call it outside 'using (g.AsDefault())', or pass it the step's variable (or its optimizer), then fix";
        var reason = expected.Substring(0, expected.IndexOf("; call it outside", StringComparison.Ordinal));
        for (var i = 0; i < 2; i++)
        {
            Assert.Empty(await harness.FixesAsync(i));
            Assert.Equal(expected, await harness.SeenElsewhereAsync(i, FixKind.UseOptimizerIterations));
            Assert.Equal(expected, await harness.SeenElsewhereAsync(i, FixKind.UseExplicitVariable));

            // Where the fixes would have been, each says why it is not offered.
            Assert.Equal(
                new[] { "Not offered: Use optimizer.Iterations \u2014 " + reason, "Not offered: Use an explicitly incremented variable \u2014 " + reason },
                await harness.ExplanationsAsync(i));
        }

        foreach (var key in new[] { A, B })
        {
            Assert.Equal(program, await harness.ProveFixAllAsync(FixAllScope.Solution, key));
        }
    }

    [Fact]
    public async Task HelperInAnotherFile_NoFix()
    {
        var helper = "using System;\nusing GlobalStepMigration.Runtime;\n\n" + ReadingHelper + "\n";
        var harness = FixHarness.Create(new[] { Program("Helper.Report();", string.Empty), helper });
        Assert.Equal("False\nstep 1\n", ProgramRunner.Output(await harness.CompilationAsync()));
        Assert.Empty(await harness.FixesAsync(0));
        Assert.StartsWith(
            $"'Helper.Report' called inside the graph scope of 'g' reads the default graph's global step at line {LineOf(helper, "GetGlobalStep()")} ('GetGlobalStep' in 'Helper')",
            await harness.SeenElsewhereAsync(0, FixKind.UseExplicitVariable));
    }

    [Theory]
    [InlineData(A)]
    [InlineData(B)]
    public async Task HelperNotTouchingTheStep_CalledInsideTheScope_IsFixed_AndPrintsTheSame(string key)
    {
        var program = Program(
            "Helper.Report();",
            """
            static class Helper
            {
                public static void Report() => Console.WriteLine(Tf.Constant(2.0).Name);
            }
            """);
        var harness = FixHarness.Create(program);
        var before = ProgramRunner.Output(await harness.CompilationAsync());
        Assert.Null(await harness.SeenElsewhereAsync(0, key == A ? FixKind.UseOptimizerIterations : FixKind.UseExplicitVariable));

        await harness.ApplyAsync(0, key);
        var after = await harness.CompilationAsync();
        Assert.Empty(TestCompilation.Problems(after));
        Assert.Equal(before, ProgramRunner.Output(after));
        Assert.DoesNotContain("GetOrCreateGlobalStep", harness.Text());
        Assert.Empty(await harness.DiagnosticsAsync());
    }

    [Fact]
    public async Task TransitiveChain_ThroughMethodsConstructorAndProperty_NoFix()
    {
        var program = Program(
            "Chain.First(2);",
            """
            static class Chain
            {
                public static void First(int n) => Second(n);

                private static void Second(int n)
                {
                    if (n > 0)
                    {
                        First(n - 1);
                    }

                    Console.WriteLine(new Reporter().Seen);
                }
            }

            sealed class Reporter
            {
                public bool Seen => Tf.Compat.V1.Train.GetGlobalStep() is not null;
            }
            """);
        var harness = FixHarness.Create(program);
        Assert.Equal("True\nTrue\nTrue\nstep 1\n", ProgramRunner.Output(await harness.CompilationAsync()));
        Assert.Empty(await harness.FixesAsync(0));
        Assert.Equal(
            $"'Chain.First' called inside the graph scope of 'g' reads the default graph's global step at line {LineOf(program, "GetGlobalStep()")} ('GetGlobalStep' in 'Reporter'), which would no longer find this step; call it outside 'using (g.AsDefault())', or pass it the step's variable (or its optimizer), then fix",
            await harness.SeenElsewhereAsync(0, FixKind.UseOptimizerIterations));
        Assert.Equal(program, await harness.ProveFixAllAsync(FixAllScope.Solution, A));
    }

    [Theory]
    [InlineData(
        "Action report = Helper.Report;",
        "report();",
        "'report()' at line {0} inside the graph scope of 'g' is a delegate call")]
    [InlineData(
        "Hook hook = new PrintHook();",
        "hook.Run();",
        "'hook.Run()' at line {0} inside the graph scope of 'g' is a virtual call")]
    [InlineData(
        "Hook hook = new PrintHook();",
        "Later.Call(hook);",
        "'Later.Call' called inside the graph scope of 'g' reaches a virtual call at line {0} ('hook.Run()')")]
    [InlineData(
        "Action report = Helper.Report;",
        "Array.ForEach(new[] { 1 }, _ => report());",
        "'report()' at line {0} inside the graph scope of 'g' is a delegate call")]
    [InlineData(
        "Action<int> report = _ => Helper.Report();",
        "Array.ForEach(new[] { 1 }, report);",
        "'report' at line {0} inside the graph scope of 'g' is a delegate made outside the scope")]
    public async Task UnknownTarget_DelegateOrVirtual_NoFix_EvenWhenItDoesNotTouchTheStep(string before, string call, string reason)
    {
        var program = Program(
            call,
            """
            abstract class Hook
            {
                public abstract void Run();
            }

            sealed class PrintHook : Hook
            {
                public override void Run() => Console.WriteLine("hook");
            }

            static class Later
            {
                public static void Call(Hook hook) => hook.Run();
            }

            static class Helper
            {
                public static void Report() => Console.WriteLine("report");
            }
            """).Replace("        var g = new Graph();", "        var g = new Graph();\n        " + before);
        var harness = FixHarness.Create(program);
        var output = ProgramRunner.Output(await harness.CompilationAsync());
        Assert.EndsWith("step 1\n", output);
        Assert.Empty(await harness.FixesAsync(0));
        var line = call.StartsWith("Later", StringComparison.Ordinal) ? LineOf(program, "=> hook.Run()") : LineOf(program, "    " + call);
        Assert.Equal(
            string.Format(System.Globalization.CultureInfo.InvariantCulture, reason, line)
                + ", which the fix cannot follow (the code it runs may read the default graph's global step); call it outside 'using (g.AsDefault())', then fix",
            await harness.SeenElsewhereAsync(0, FixKind.UseOptimizerIterations));
        Assert.Equal(program, await harness.ProveFixAllAsync(FixAllScope.Solution, A));
    }

    [Theory]
    [InlineData(A)]
    [InlineData(B)]
    public async Task Recursion_NotTouchingTheStep_TerminatesAndIsFixed(string key)
    {
        var program = Program(
            "Console.WriteLine(Rec.Even(6));",
            """
            static class Rec
            {
                public static bool Even(int n) => n == 0 || Odd(n - 1);

                public static bool Odd(int n) => n != 0 && (Even(n - 1) || Odd(n - 2));
            }
            """);
        var text = await FixHarness.Create(program).ProveFixAllAsync(FixAllScope.Solution, key);
        Assert.DoesNotContain("GetOrCreateGlobalStep", text);
    }

    [Fact]
    public async Task HelperWithItsOwnDefaultGraphUnit_CalledInsideTheScope_NeitherIsFixed()
    {
        // Helper's GetOrCreateGlobalStep, run inside g's scope, returns Trainer's step: the two units
        // share it, so neither may be rewritten, whichever is looked at first (the rule is symmetric).
        var program = Program(
            "Helper.Bump();",
            """
            static class Helper
            {
                public static void Bump()
                {
                    var step = Tf.Compat.V1.Train.GetOrCreateGlobalStep();
                    var w = Tf.Variable(1.0);
                    var opt = Tf.Compat.V1.Train.GradientDescentOptimizer(0.1);
                    opt.Minimize(Tf.Square(w), step, new[] { w });
                    Console.WriteLine(step.Name);
                }
            }
            """);
        var harness = FixHarness.Create(program);
        var diagnostics = await harness.DiagnosticsAsync();
        Assert.Equal(4, diagnostics.Length);
        for (var i = 0; i < diagnostics.Length; i++)
        {
            Assert.Empty(await harness.FixesAsync(i));
        }

        Assert.StartsWith("'GetOrCreateGlobalStep' in 'Trainer' at line ", await harness.SeenElsewhereAsync(2, FixKind.UseOptimizerIterations));
        Assert.Equal(program, await harness.ProveFixAllAsync(FixAllScope.Solution, A));
    }

    private static int LineOf(string program, string text) =>
        program.Split('\n').Select((line, i) => (line, i)).Single(entry => entry.line.Contains(text, StringComparison.Ordinal)).i + 1;
}
