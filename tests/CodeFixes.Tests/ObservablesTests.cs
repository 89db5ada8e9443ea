using System;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using GlobalStepMigration.Analyzers;
using GlobalStepMigration.TestKit;
using Microsoft.CodeAnalysis.CodeFixes;
using Xunit;

namespace GlobalStepMigration.CodeFixes.Tests;

/// <summary>
/// One program per row of docs/design/observables.md that observes what a fix would change: that fix is not offered
/// and the message (or the "Not offered" action, for what only other types show) names the row's reason; the other
/// fix, where it is offered, is proved by running the program before and after it. Where a row is subtle, the
/// declined fix written by hand shows that the program would indeed print something else. The three
/// held-out examples are here (O3, O7) and in OptimizerIterationsFixTests (O9).
/// </summary>
public sealed class ObservablesTests
{
    private const string A = GlobalStepFixes.UseOptimizerIterationsKey;
    private const string B = GlobalStepFixes.UseExplicitVariableKey;
    private const string Head = "using System;\nusing GlobalStepMigration.Runtime;\nusing Train = GlobalStepMigration.Runtime.Tf.Compat.V1.Train;\n\n";

    /// <summary>A graph trainer: STEP is the step's creation, READS what the program does after one update.</summary>
    private const string GraphTrainer = Head + """
        var g = new Graph();
        using (g.AsDefault())
        {
            var w = Tf.Variable(1.0, name: "w");
            var step = STEP;
            var opt = Train.GradientDescentOptimizer(0.25);
            var train = opt.Minimize(Tf.Square(w - 2.0), step, new[] { w });
            using var sess = new Session(g);
            sess.Run(Tf.Compat.V1.GlobalVariablesInitializer());
            sess.Run(train!);
            READS
        }
        """;

    private static string Trainer(string step, string reads) => GraphTrainer.Replace("STEP", step).Replace("READS", reads);

    /// <summary>The end of the messages of the unit's diagnostics (they all say the same).</summary>
    private static async Task<string> MessageAsync(FixHarness harness)
    {
        var messages = (await harness.DiagnosticsAsync()).Where(d => d.Id is "GSM001" or "GSM002" or "GSM003")
            .Select(d => d.GetMessage(CultureInfo.InvariantCulture)).ToList();
        Assert.NotEmpty(messages);
        return messages[0];
    }

    private static async Task<string[]> FixTitlesAsync(FixHarness harness) => (await harness.FixesAsync(0)).Select(a => a.Title).ToArray();

    /// <summary>Only fix B is offered, the message says why fix A is not (<paramref name="reason"/> is part of it), and fix B is proved.</summary>
    private static async Task AssertOnlyTheExplicitVariableAsync(string program, string reason, string? expectedOutput = null)
    {
        var harness = FixHarness.Create(program);
        Assert.Contains("; optimizer.Iterations cannot own it: " + reason, await MessageAsync(harness));
        Assert.Equal(new[] { GlobalStepFixes.UseExplicitVariableTitle }, await FixTitlesAsync(harness));
        await FixHarness.ProveAsync(program, h => h.ApplyAsync(0, B), expectedOutput);
    }

    /// <summary>What fix A would write for <see cref="GraphTrainer"/> with <paramref name="step"/>, written by hand (to show what it would change).</summary>
    private static string WithIterations(string program, string step) => program
        .Replace("var step = " + step + ";\n    var opt = Train.GradientDescentOptimizer(0.25);", "var opt = Tf.Keras.Optimizers.SGD(0.25);\n    var step = opt.Iterations;")
        .Replace("opt.Minimize(Tf.Square(w - 2.0), step, new[] { w })", "opt.Minimize(Tf.Square(w - 2.0), new[] { w })");

    // ---- O2: the initial value, trainable ------------------------------------------------------------------------

    [Theory]
    [InlineData("Tf.Variable(5L, trainable: false, name: \"global_step\")", "it starts at '5L' (line 9), and optimizer.Iterations starts at 0")]
    [InlineData("Tf.Variable(0L, name: \"global_step\")", "it is created trainable at line 9, and optimizer.Iterations is not")]
    public Task O2_HandMadeStepNotLikeIterations_OnlyTheExplicitVariable(string step, string reason) =>
        AssertOnlyTheExplicitVariableAsync(Trainer(step, "Console.WriteLine(sess.Run(step));"), reason);

    // ---- O3: the dtype -------------------------------------------------------------------------------------------

    /// <summary>The held-out example: an int32 step whose dtype the program sees through the fetched value.</summary>
    [Theory]
    [InlineData("var value = sess.Run(step);\n    Console.WriteLine(value.DType);")]
    [InlineData("var value = sess.Run(step);\n    Console.WriteLine(value.Equals(sess.Run(step)));")]
    [InlineData("Console.WriteLine(sess.Run(step * 2));")]
    public Task O3_Int32StepWhoseDTypeIsSeen_OnlyTheExplicitVariable(string reads) =>
        AssertOnlyTheExplicitVariableAsync(Trainer("Tf.Variable(0, trainable: false, name: \"global_step\")", reads), "it is int32 and read at line ");

    [Fact]
    public void O3_Int32StepSwappedForIterations_PrintsAnotherDType()
    {
        // What fix A would have written: the fetched value is int64, and the program prints so.
        const string step = "Tf.Variable(0, trainable: false, name: \"global_step\")";
        var before = Trainer(step, "Console.WriteLine(sess.Run(step).DType);");
        var after = WithIterations(before, step);
        Assert.Equal("Int32\n", ProgramRunner.Output(TestCompilation.Create(before)));
        Assert.Equal("Int64\n", ProgramRunner.Output(TestCompilation.Create(after)));
    }

    [Fact]
    public async Task O3_Int32StepReadForItsValueOnly_BothFixes()
    {
        var program = Trainer(
            "Tf.Variable(0, trainable: false, name: \"global_step\")",
            "Console.WriteLine(sess.Run(step));\n    Console.WriteLine($\"step {sess.Run(step)} {(long)sess.Run(step)}\");\n    Console.WriteLine(\"step \" + sess.Run(step).ToString());");
        Assert.Equal(new[] { GlobalStepFixes.UseOptimizerIterationsTitle, GlobalStepFixes.UseExplicitVariableTitle }, await FixTitlesAsync(FixHarness.Create(program)));
        foreach (var key in new[] { A, B })
        {
            await FixHarness.ProveAsync(program, h => h.ApplyAsync(0, key), "1\nstep 1 1\nstep 1\n");
        }
    }

    [Fact]
    public async Task O3_FloatStep_NoFix_TF1RefusesIt()
    {
        var harness = FixHarness.Create(Trainer("Tf.Variable(0.0, trainable: false, name: \"global_step\")", "Console.WriteLine(sess.Run(step));"));
        Assert.Contains("; no automatic fix: its dtype is float, and TF1 refuses a step that is not an integer (a fix would make the program run)", await MessageAsync(harness));
        Assert.Empty(await harness.ActionsAsync(0));
    }

    // ---- O4: the step's name -------------------------------------------------------------------------------------

    [Theory]
    [InlineData("Console.WriteLine(step);")]
    [InlineData("Console.WriteLine(step.Name);")]
    [InlineData("Console.WriteLine($\"{step}\");")]
    public Task O4_TheStepItselfPrinted_OnlyTheExplicitVariable_WhichKeepsItsName(string reads) =>
        AssertOnlyTheExplicitVariableAsync(Trainer("Train.GetOrCreateGlobalStep()", reads), "the step itself is ");

    [Fact]
    public void O4_StepSwappedForIterations_PrintsAnotherName()
    {
        var before = Trainer("Train.GetOrCreateGlobalStep()", "Console.WriteLine(step);");
        var after = WithIterations(before, "Train.GetOrCreateGlobalStep()");
        Assert.Contains("global_step:0", ProgramRunner.Output(TestCompilation.Create(before)), StringComparison.Ordinal);
        Assert.DoesNotContain("global_step", ProgramRunner.Output(TestCompilation.Create(after)), StringComparison.Ordinal);
    }

    // ---- O5: finding the step ------------------------------------------------------------------------------------

    [Fact]
    public async Task O5_HandMadeStepFoundByName_KeepsTheExplicitVariable()
    {
        // The lookup finds the variable fix B keeps; fix A would give it no global_step to find.
        await AssertOnlyTheExplicitVariableAsync(
            Trainer("Tf.Variable(0L, trainable: false, name: \"global_step\")", "Console.WriteLine(sess.Run(g.GetTensorByName(\"global_step:0\")));"),
            "the step is also found by name at line 15 ('GetTensorByName', GSM004), which would no longer find it",
            "1\n");
    }

    // ---- O6: collections and graph structure ---------------------------------------------------------------------

    [Fact]
    public async Task O6_GlobalVariablesCounted_OnlyTheExplicitVariable()
    {
        await AssertOnlyTheExplicitVariableAsync(
            Trainer("Train.GetOrCreateGlobalStep()", "Console.WriteLine(g.GetCollection(\"variables\").Count);\n    Console.WriteLine(Tf.Compat.V1.GlobalVariables().Count);"),
            "'GetCollection' at line 15 reads collection 'variables', which changes with the optimizer",
            "2\n2\n");
    }

    /// <summary>
    /// A constant the runtime named (<c>Const</c>, <c>Const_3</c>) looked up by that name: fix A builds a decay's constants
    /// inside the update instead of where the decay was called, so the program's own constants may be numbered again
    /// (the graph oracle found it: <c>Sub(w, Const_3)</c> became <c>Sub(w, Const)</c>).
    /// </summary>
    [Theory]
    [InlineData("Const")]
    [InlineData("Const_1")]
    public async Task O6_AutoNumberedConstantLookedUpByName_OnlyTheExplicitVariable(string constant) =>
        await AssertOnlyTheExplicitVariableAsync(
            Trainer("Train.GetOrCreateGlobalStep()", $"Console.WriteLine(sess.Run(g.GetTensorByName(\"{constant}:0\")));"),
            $"'GetTensorByName' at line 15 reads '{constant}:0' by name, which changes with the optimizer");

    [Fact]
    public async Task O6_ConstantNamedByTheProgram_LookedUpByName_KeepsFixA()
    {
        var program = Trainer("Train.GetOrCreateGlobalStep()", "Console.WriteLine(sess.Run(g.GetTensorByName(\"w:0\")));");
        Assert.Contains(GlobalStepFixes.UseOptimizerIterationsTitle, await FixTitlesAsync(FixHarness.Create(program)));
    }

    [Theory]
    [InlineData("Console.WriteLine(g.GetOperations().Count);", "'GetOperations' at line 15 reads the graph's structure, which both fixes change")]
    [InlineData("Console.WriteLine(g.GetCollection(\"train_op\").Count);", "'GetCollection' at line 15 reads collection 'train_op', which both fixes change")]
    [InlineData("Console.WriteLine(train!.ControlInputs[0].ControlInputs[0].Name);", "'ControlInputs' at line 15 reads the train op's control inputs, which both fixes change")]
    [InlineData("Console.WriteLine(g.GetOperationByName(\"GradientDescent/update_w/ApplyGradientDescent\").Name);", "'GetOperationByName' at line 15 reads 'GradientDescent/update_w/ApplyGradientDescent' by name, which both fixes change")]
    public async Task O6_GraphStructureRead_NoFix(string reads, string reason)
    {
        var harness = FixHarness.Create(Trainer("Train.GetOrCreateGlobalStep()", reads));
        Assert.Contains("; no automatic fix: " + reason, await MessageAsync(harness));
        Assert.Empty(await harness.ActionsAsync(0));
    }

    // ---- O7: graphs and scopes -----------------------------------------------------------------------------------

    /// <summary>
    /// The held-out example: a helper of another type looks the step up, called inside a second
    /// <c>using (g.AsDefault())</c> of the step's graph, not the one that created it. Either fix would leave it nothing to find.
    /// </summary>
    [Fact]
    public async Task O7_LookupInASecondScopeOfTheSameGraph_NoFix_TheActionsSayWhy()
    {
        const string program = Head + """
            new Trainer().Run();

            sealed class Trainer
            {
                private readonly Graph _g = new();

                public void Run()
                {
                    Operation? train;
                    Tensor step;
                    using (_g.AsDefault())
                    {
                        var w = Tf.Variable(1.0);
                        step = Train.GetOrCreateGlobalStep();
                        var opt = Train.GradientDescentOptimizer(0.25);
                        train = opt.Minimize(Tf.Square(w - 2.0), step, new[] { w });
                    }

                    using var sess = new Session(_g);
                    using (_g.AsDefault())
                    {
                        sess.Run(Tf.Compat.V1.GlobalVariablesInitializer());
                        sess.Run(train!);
                        Reporter.Report(sess);
                    }
                }
            }

            static class Reporter
            {
                public static void Report(Session sess) => Console.WriteLine(Train.GetGlobalStep() is { } found ? sess.Run(found).ToString() : "no step");
            }
            """;
        var harness = FixHarness.Create(program);
        Assert.Equal("1\n", ProgramRunner.Output(await harness.CompilationAsync()));
        var diagnostics = await harness.DiagnosticsAsync();
        var unit = diagnostics.ToList().FindIndex(d => d.Id == "GSM002");
        Assert.Equal(UnitProperties.BothFixes, diagnostics[unit].Properties[UnitProperties.Fixes]);
        Assert.Empty(await harness.FixesAsync(unit));
        var reason = "'Reporter.Report' called inside the graph scope of '_g' reads the default graph's global step at line 35 ('GetGlobalStep' in 'Reporter'), which would no longer find this step";
        var explanations = await harness.ExplanationsAsync(unit);
        Assert.True(
            explanations.SequenceEqual(new[] { "Not offered: Use optimizer.Iterations \u2014 " + reason, "Not offered: Use an explicitly incremented variable \u2014 " + reason }),
            string.Join("\n", explanations));
        Assert.Equal(program, await harness.ProveFixAllAsync(FixAllScope.Solution, A));
    }

    /// <summary>A step created in one scope of a graph, and a second scope of the same graph left open (the test writes its body and closes it).</summary>
    private const string TwoScopesOfOneGraph = Head + """
        var g = new Graph();
        Operation? train;
        using (g.AsDefault())
        {
            var w = Tf.Variable(1.0);
            var step = Train.GetOrCreateGlobalStep();
            var opt = Train.GradientDescentOptimizer(0.25);
            train = opt.Minimize(Tf.Square(w - 2.0), step, new[] { w });
        }

        using (g.AsDefault())
        {

        """;

    /// <summary>
    /// The same shape where the helper has a step of its own (made on the default graph, which is the step's graph
    /// while it runs): neither unit is fixed, whichever comes first (the rule stays symmetric, so one fix-all pass is final).
    /// </summary>
    [Fact]
    public async Task O7_HelperWithItsOwnUnitRunInASecondScope_NeitherIsFixed()
    {
        var program = TwoScopesOfOneGraph + "    Helper.Bump();\n}\n\n" + """
            static class Helper
            {
                public static void Bump()
                {
                    var step = Train.GetOrCreateGlobalStep();
                    var v = Tf.Variable(3.0);
                    var opt = Train.GradientDescentOptimizer(0.1);
                    opt.Minimize(Tf.Square(v), step, new[] { v });
                    Console.WriteLine(step.Name);
                }
            }
            """;
        var harness = FixHarness.Create(program);
        var diagnostics = await harness.DiagnosticsAsync();
        for (var i = 0; i < diagnostics.Length; i++)
        {
            Assert.Empty(await harness.FixesAsync(i));
        }

        foreach (var key in new[] { A, B })
        {
            Assert.Equal(program, await harness.ProveFixAllAsync(FixAllScope.Solution, key));
        }
    }

    [Fact]
    public void O7_LookupInASecondScope_FindsNothingAfterFixA()
    {
        // Run in a second scope of the step's graph, GetGlobalStep finds the step through GLOBAL_STEP; fix A's
        // Iterations is in no such collection and has another name, so the same lookup finds nothing.
        var before = TwoScopesOfOneGraph + "    Console.WriteLine(Train.GetGlobalStep() is null ? \"no step\" : \"step\");\n}\n";
        var afterA = WithIterations(before, "Train.GetOrCreateGlobalStep()");
        Assert.Equal("step\n", ProgramRunner.Output(TestCompilation.Create(before)));
        Assert.Equal("no step\n", ProgramRunner.Output(TestCompilation.Create(afterA)));
    }

    [Fact]
    public async Task O7_FunctionStepCreatedInANameScope_OnlyOptimizerIterations()
    {
        const string program = Head + """
            var g = new Graph();
            using (g.AsDefault())
            {
                var w = Tf.Variable(1.0, name: "w");
                Tensor step;
                Operation? train;
                using (Tf.NameScope("training"))
                {
                    step = Train.GetOrCreateGlobalStep();
                    var opt = Train.GradientDescentOptimizer(0.25);
                    train = opt.Minimize(Tf.Square(w - 2.0), step, new[] { w });
                }

                using var sess = new Session(g);
                sess.Run(Tf.Compat.V1.GlobalVariablesInitializer());
                sess.Run(train!);
                Console.WriteLine(sess.Run(step));
            }
            """;
        var harness = FixHarness.Create(program);
        var message = await MessageAsync(harness);
        Assert.True(message.EndsWith("; an explicitly incremented variable cannot replace it: it is created at line 13 inside a name or variable scope, where a new variable would be named otherwise (a global-step function ignores the name scope)", StringComparison.Ordinal), message);
        Assert.Equal(new[] { GlobalStepFixes.UseOptimizerIterationsTitle }, await FixTitlesAsync(harness));
        await FixHarness.ProveAsync(program, h => h.ApplyAsync(0, A), "1\n");
    }

    [Fact]
    public async Task O7_FunctionStepCreatedByAMethodAnotherTypeCallsInANameScope_FixBIsNotOffered()
    {
        const string program = Head + """
            using (Tf.NameScope("outer"))
            {
                Model.Build();
            }

            static class Model
            {
                public static void Build()
                {
                    var w = Tf.Variable(1.0);
                    var step = Train.GetOrCreateGlobalStep();
                    var opt = Train.GradientDescentOptimizer(0.25);
                    opt.Minimize(() => Tf.Square(w - 2.0), step, new[] { w });
                    Console.WriteLine(step.Numpy());
                }
            }
            """;
        var harness = FixHarness.Create(program);
        var blocker = await harness.DeclinedAsync(0, FixKind.UseExplicitVariable);
        Assert.Equal(BlockerKind.CreatedInNameScope, blocker?.Kind);
        var explanations = await harness.ExplanationsAsync(0);
        Assert.True(
            explanations.Contains("Not offered: Use an explicitly incremented variable \u2014 it is created at line 15 in 'Model.Build', which may run inside the name or variable scope at line 5 in 'Program', where a new variable would be named otherwise"),
            string.Join("\n", explanations));
    }

    [Fact]
    public async Task O7_FunctionStepCreatedByAMethodAnotherTypeCallsAfterAUsingDeclaredNameScope_FixBIsNotOffered()
    {
        const string program = Head + """
            {
                using var outer = Tf.NameScope("outer");
                Model.Build();
            }

            static class Model
            {
                public static void Build()
                {
                    var w = Tf.Variable(1.0);
                    var step = Train.GetOrCreateGlobalStep();
                    var opt = Train.GradientDescentOptimizer(0.25);
                    opt.Minimize(() => Tf.Square(w - 2.0), step, new[] { w });
                    Console.WriteLine(step.Numpy());
                }
            }
            """;
        var harness = FixHarness.Create(program);
        Assert.Equal(BlockerKind.CreatedInNameScope, (await harness.DeclinedAsync(0, FixKind.UseExplicitVariable))?.Kind);
    }

    [Fact]
    public async Task O7_FunctionStepCreatedByAMethodCalledAfterAUsingDeclaredNameScopeOfTheSameType_OnlyOptimizerIterations()
    {
        const string program = Head + """
            Model.Run();

            static class Model
            {
                public static void Run()
                {
                    using var outer = Tf.NameScope("outer");
                    Build();
                }

                private static void Build()
                {
                    var w = Tf.Variable(1.0);
                    var step = Train.GetOrCreateGlobalStep();
                    var opt = Train.GradientDescentOptimizer(0.25);
                    opt.Minimize(() => Tf.Square(w - 2.0), step, new[] { w });
                    Console.WriteLine(step.Numpy());
                }
            }
            """;
        var harness = FixHarness.Create(program);
        var message = await MessageAsync(harness);
        Assert.Contains("an explicitly incremented variable cannot replace it: it is created at line", message, StringComparison.Ordinal);
        Assert.Contains("which may run inside the name or variable scope", message, StringComparison.Ordinal);
    }

    // ---- O8: exceptions ------------------------------------------------------------------------------------------

    [Fact]
    public async Task O8_UpdateInsideATryWithACatch_NoFix()
    {
        var program = Trainer("Train.GetOrCreateGlobalStep()", "Console.WriteLine(sess.Run(step));")
            .Replace("    var train = opt.Minimize(Tf.Square(w - 2.0), step, new[] { w });\n", "    Operation? train = null;\n    try\n    {\n        train = opt.Minimize(Tf.Square(w - 2.0), step, new[] { w });\n    }\n    catch (ValueErrorException e)\n    {\n        Console.WriteLine(e.Message);\n    }\n\n");
        var harness = FixHarness.Create(program);
        Assert.Contains("; no automatic fix: the update at line 14 runs inside a try with a catch (line 12), which sees the optimizer's exception messages, and the fixes change them", await MessageAsync(harness));
        Assert.Empty(await harness.ActionsAsync(0));
    }

    [Fact]
    public async Task O8_UpdateRunByAnotherTypesTry_NoFix_TheActionsSayWhy()
    {
        const string program = Head + """
            try
            {
                Model.Fit();
            }
            catch (Exception e)
            {
                Console.WriteLine(e.Message);
            }

            static class Model
            {
                public static void Fit()
                {
                    var w = Tf.Variable(1.0);
                    var step = Train.GetOrCreateGlobalStep();
                    var opt = Train.GradientDescentOptimizer(0.25);
                    opt.Minimize(() => Tf.Square(w - 2.0), step, new[] { w });
                    Console.WriteLine(step.Numpy());
                }
            }
            """;
        var harness = FixHarness.Create(program);
        Assert.Empty(await harness.FixesAsync(0));
        var explanations = await harness.ExplanationsAsync(0);
        Assert.True(
            explanations.Count == 2 && explanations.All(title => title.EndsWith("the update at line 21 may run inside the try at line 5 in 'Program' (through 'Model.Fit'), whose catch sees the optimizer's exception messages, and the fixes change them", StringComparison.Ordinal)),
            string.Join("\n", explanations));
    }

    // ---- O10: the optimizer and the train op ---------------------------------------------------------------------

    [Theory]
    [InlineData("Console.WriteLine(train!.Name);", "the train op 'train' is asked for its Name at line 15")]
    [InlineData("Console.WriteLine(opt.GetSlotNames().Count);", "optimizer 'opt' is used for more than its updates")]
    public async Task O10_TrainOpOrOptimizerShown_NoOptimizerIterations(string reads, string reason)
    {
        var harness = FixHarness.Create(Trainer("Train.GetOrCreateGlobalStep()", reads));
        Assert.Contains("; optimizer.Iterations cannot own it: " + reason, await MessageAsync(harness));
        Assert.DoesNotContain(GlobalStepFixes.UseOptimizerIterationsTitle, await FixTitlesAsync(harness));
    }

    // ---- O11: the learning rate ----------------------------------------------------------------------------------

    [Fact]
    public async Task O11_DecayOfATensorRate_NoFix()
    {
        var harness = FixHarness.Create(Trainer("Train.GetOrCreateGlobalStep()", "Console.WriteLine(sess.Run(step));")
            .Replace("Train.GradientDescentOptimizer(0.25)", "Train.GradientDescentOptimizer(Train.ExponentialDecay(Tf.Constant(0.25), step, 2, 0.5))"));
        Assert.Contains("; no automatic fix: the learning rate of 'ExponentialDecay' at line 10 is not a number, and Keras schedules take one", await MessageAsync(harness));
        Assert.Empty(await harness.ActionsAsync(0));
    }

    // ---- O12: checkpoints ----------------------------------------------------------------------------------------

    [Fact]
    public async Task O12_CheckpointOfTheStep_OnlyTheExplicitVariable_WhichKeepsItsKey()
    {
        var program = Trainer(
            "Train.GetOrCreateGlobalStep()",
            """
            var dir = System.IO.Directory.CreateDirectory(System.IO.Path.Combine(System.IO.Path.GetTempPath(), "gsm-" + Guid.NewGuid().ToString("N"))).FullName;
                var saved = Train.Saver().Save(sess, System.IO.Path.Combine(dir, "model"), globalStep: step);
                Console.WriteLine(System.IO.Path.GetFileName(saved));
                Console.WriteLine(string.Join(",", Train.ListVariables(dir).Select(v => v.Name)));
                System.IO.Directory.Delete(dir, recursive: true);
            """).Replace("using System;\n", "using System;\nusing System.Linq;\n");
        await AssertOnlyTheExplicitVariableAsync(program, "'Saver' at line 17 writes or restores a checkpoint, and the step's key in it would change", "model-1\nglobal_step,w\n");
    }

    // ---- what fix A now offers where it is exact -----------------------------------------------------------------

    [Fact]
    public async Task MinimizeWithoutAVariableList_InAGraph_WritesTf1sDefault()
    {
        var program = Trainer("Train.GetOrCreateGlobalStep()", "Console.WriteLine($\"{sess.Run(step)} {(double)sess.Run(w):F4}\");")
            .Replace("opt.Minimize(Tf.Square(w - 2.0), step, new[] { w })", "opt.Minimize(Tf.Square(w - 2.0), step)");
        var after = await FixHarness.ProveAsync(program, h => h.ApplyAsync(0, A), "1 1.5000\n");
        Assert.Contains("var train = opt.Minimize(Tf.Square(w - 2.0), Tf.Compat.V1.TrainableVariables());", after);
    }

    [Fact]
    public async Task OptimizerMadeInTheUpdate_IsDeclaredWhereTheStepIsCreated()
    {
        var program = Trainer("Train.GetOrCreateGlobalStep()", "Console.WriteLine($\"{sess.Run(step)} {(double)sess.Run(w):F4}\");")
            .Replace("    var opt = Train.GradientDescentOptimizer(0.25);\n", string.Empty)
            .Replace("opt.Minimize(Tf.Square(w - 2.0), step, new[] { w })", "Train.GradientDescentOptimizer(0.25).Minimize(Tf.Square(w - 2.0), step, new[] { w })");
        var after = await FixHarness.ProveAsync(program, h => h.ApplyAsync(0, A), "1 1.5000\n");
        Assert.Contains("var optimizer = Tf.Keras.Optimizers.SGD(0.25);\n    var step = optimizer.Iterations;", after);
        Assert.Contains("var train = optimizer.Minimize(Tf.Square(w - 2.0), new[] { w });", after);
    }

    // ---- GlobalStep(sess, step) ----------------------------------------------------------------------------------

    [Theory]
    [InlineData(A)]
    [InlineData(B)]
    public async Task GlobalStepValue_InAGraph_BecomesTheSessionsRead(string key)
    {
        var program = Trainer("Train.GetOrCreateGlobalStep()", "Console.WriteLine(Train.GlobalStep(sess, step) + 1);");
        Assert.Contains("GSM001", (await FixHarness.Create(program).DiagnosticsAsync()).Select(d => d.Id));
        var after = await FixHarness.ProveAsync(program, h => h.ApplyAsync(0, key), "2\n");
        Assert.Contains("Console.WriteLine((long)sess.Run(step) + 1);", after);
    }

    [Theory]
    [InlineData(A)]
    [InlineData(B)]
    public async Task GlobalStepValue_Eager_BecomesTheVariablesValue(string key)
    {
        const string program = Head + """
            var w = Tf.Variable(1.0);
            var step = Train.GetOrCreateGlobalStep();
            var opt = Train.GradientDescentOptimizer(0.25);
            opt.Minimize(() => Tf.Square(w - 2.0), step, new[] { w });
            Console.WriteLine(Train.GlobalStep(null, step));
            """;
        var after = await FixHarness.ProveAsync(program, h => h.ApplyAsync(0, key), "1\n");
        Assert.Contains("Console.WriteLine((long)step.Numpy());", after);
    }

    [Fact]
    public async Task GlobalStepValue_StepCreatedInAnotherMethod_NoFix()
    {
        const string program = Head + """
            new T().Run();

            sealed class T
            {
                private Variable? _step;

                public void Run()
                {
                    Create();
                    Console.WriteLine(Train.GlobalStep(null, _step!));
                }

                private void Create() => _step = Train.CreateGlobalStep();
            }
            """;
        var harness = FixHarness.Create(program);
        Assert.Contains("; no automatic fix: 'GlobalStep' at line 14 cannot be rewritten to the read it makes: whether the step lives in a graph depends on the code that calls its creation at line 17", await MessageAsync(harness));
    }

    [Fact]
    public async Task GlobalStepValue_EagerExecutionDisabled_TheActionsSayWhy()
    {
        const string program = Head + """
            Tf.Compat.V1.DisableEagerExecution();
            var w = Tf.Variable(1.0);
            var step = Train.GetOrCreateGlobalStep();
            var opt = Train.GradientDescentOptimizer(0.25);
            var train = opt.Minimize(Tf.Square(w - 2.0), step, new[] { w });
            using var sess = Tf.Compat.V1.Session();
            sess.Run(Tf.Compat.V1.GlobalVariablesInitializer());
            sess.Run(train!);
            Console.WriteLine(Train.GlobalStep(sess, step));
            """;
        var harness = FixHarness.Create(program);
        Assert.Empty(await harness.FixesAsync(0));
        Assert.All(await harness.ExplanationsAsync(0), title => Assert.EndsWith("'GlobalStep' at line 13 cannot be rewritten to the read it makes: the program disables eager execution (line 5 in 'Program'), so the step may live in a graph", title));
    }
}
