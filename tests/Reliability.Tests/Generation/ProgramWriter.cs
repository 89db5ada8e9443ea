using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace GlobalStepMigration.Reliability.Tests.Generation;

/// <summary>Writes a <see cref="ProgramSpec"/> as a C# program over the runtime (top-level statements, one type per unit).</summary>
internal static class ProgramWriter
{
    public static string Write(ProgramSpec program)
    {
        var text = new StringBuilder();
        text.Append("using System;\nusing System.Collections.Generic;\n")
            .Append(program.Units.Any(u => u.Observe == Observe.TrainControlInputs) ? "using System.Linq;\n" : string.Empty)
            .Append("using GlobalStepMigration.Runtime;\n");
        if (program.Units.Any(u => u.Spelling == Spelling.UsingStatic))
        {
            text.Append("using static GlobalStepMigration.Runtime.Tf.Compat.V1.Train;\n");
        }

        if (program.Units.Any(u => u.Spelling == Spelling.Alias))
        {
            text.Append("using Train = GlobalStepMigration.Runtime.Tf.Compat.V1.Train;\n");
        }

        text.Append('\n');
        var types = new StringBuilder();
        for (var i = 0; i < program.Units.Count; i++)
        {
            var unit = program.Units[i];
            var name = "U" + i.ToString(CultureInfo.InvariantCulture);
            var helpers = new List<string>();
            if (unit.Observe == Observe.ScopedHelper)
            {
                // A helper of another type that looks the step up in whatever graph is the default when it is called.
                types.Append('\n').Append($"static class {name}Probe\n{{\n    public static string Peek(Session sess) => $\"peek {{sess.Run({Prefix(unit.Spelling)}GetGlobalStep()!)}}\";\n}}\n");
            }

            if (i == 0 && program.FirstAtTopLevel)
            {
                // Helpers of a top-level unit are local functions.
                text.Append(Body(unit, name, helpers));
                foreach (var helper in helpers)
                {
                    text.Append("\nstatic ").Append(helper).Append('\n');
                }

                text.Append('\n');
                continue;
            }

            if (unit.Storage == Storage.Field)
            {
                text.Append($"new {name}().Run();\n");
                types.Append('\n').Append(FieldClass(unit, name));
            }
            else
            {
                text.Append($"{name}.Run();\n");
                types.Append('\n').Append($"static class {name}\n{{\n    public static void Run()\n    {{\n")
                    .Append(Indent(Body(unit, name, helpers), 2))
                    .Append("    }\n");
                foreach (var helper in helpers)
                {
                    types.Append("\n    private static ").Append(helper).Append('\n');
                }

                types.Append("}\n");
            }
        }

        return text.Append(types).ToString();
    }

    private static string Prefix(Spelling spelling) => spelling switch
    {
        Spelling.Qualified => "Tf.Compat.V1.Train.",
        Spelling.Alias => "Train.",
        Spelling.UsingStatic => string.Empty,
        _ => "GlobalStepMigration.Runtime.Tf.Compat.V1.Train.",
    };

    private static string StepType(UnitSpec u) => u.StepIsVariable ? "Variable" : "Tensor";

    private static string Creation(UnitSpec u, string graph = "") => u.Creation switch
    {
        Generation.Creation.GetOrCreate => $"{Prefix(u.Spelling)}GetOrCreateGlobalStep({graph})",
        Generation.Creation.Create => $"{Prefix(u.Spelling)}CreateGlobalStep({graph})",
        Generation.Creation.HandMade32 => "Tf.Variable(0, trainable: false, name: \"global_step\")",
        _ => "Tf.Variable(0L, trainable: false, name: \"global_step\")",
    };

    private static string Optimizer(UnitSpec u, Tf1Optimizer kind, string? rate) => kind switch
    {
        Tf1Optimizer.GradientDescent => $"{Prefix(u.Spelling)}GradientDescentOptimizer({rate ?? "0.1"})",
        Tf1Optimizer.Momentum => $"{Prefix(u.Spelling)}MomentumOptimizer({rate ?? "0.05"}, 0.9{(u.Nesterov ? ", useNesterov: true" : string.Empty)})",
        _ => $"{Prefix(u.Spelling)}AdamOptimizer({rate ?? "0.2"})",
    };

    private static string DecayCall(UnitSpec u, string step)
    {
        var p = Prefix(u.Spelling);
        var steps = (2 + u.Start % 3).ToString(CultureInfo.InvariantCulture);
        return u.Decay switch
        {
            Decay.Exponential => u.DecayVariant ? $"{p}ExponentialDecay(0.1, {step}, {steps}, 0.5, staircase: true)" : $"{p}ExponentialDecay(0.1, {step}, {steps}, 0.8)",
            Decay.Polynomial => u.DecayVariant
                ? $"{p}PolynomialDecay(0.1, {step}, {steps}, endLearningRate: 0.01, power: 2.0, cycle: true)"
                : $"{p}PolynomialDecay(0.1, {step}, {steps}, endLearningRate: 0.01, power: 2.0)",
            Decay.Piecewise => $"{p}PiecewiseConstant({step}, new[] {{ 1.0, 2.0 }}, new[] {{ 0.1, 0.05, 0.01 }})",
            Decay.InverseTime => u.DecayVariant ? $"{p}InverseTimeDecay(0.1, {step}, {steps}, 0.5, staircase: true)" : $"{p}InverseTimeDecay(0.1, {step}, {steps}, 0.5)",
            Decay.Cosine => $"{p}CosineDecay(0.1, {step}, {steps}, alpha: 0.1)",
            _ => u.DecayVariant ? $"{p}NaturalExpDecay(0.1, {step}, {steps}, 0.3, staircase: true)" : $"{p}NaturalExpDecay(0.1, {step}, {steps}, 0.3)",
        };
    }

    /// <summary>The Keras optimizer of a half-migrated unit: a constant rate, or a Keras schedule (the decays pattern on already-migrated code).</summary>
    private static string KerasOptimizerDeclaration(UnitSpec u)
    {
        var steps = (2 + u.Start % 3).ToString(CultureInfo.InvariantCulture);
        const string S = "Tf.Keras.Optimizers.Schedules.";
        var schedule = u.Decay switch
        {
            Decay.None => null,
            Decay.Exponential => u.DecayVariant ? $"{S}ExponentialDecay(0.05, {steps}, 0.5, staircase: true)" : $"{S}ExponentialDecay(0.05, {steps}, 0.8)",
            Decay.Polynomial => $"{S}PolynomialDecay(0.05, {steps}, endLearningRate: 0.01, power: 2.0{(u.DecayVariant ? ", cycle: true" : string.Empty)})",
            Decay.Piecewise => $"{S}PiecewiseConstantDecay(new[] {{ 1.0, 2.0 }}, new[] {{ 0.05, 0.02, 0.01 }})",
            Decay.InverseTime => $"{S}InverseTimeDecay(0.05, {steps}, 0.5{(u.DecayVariant ? ", staircase: true" : string.Empty)})",
            _ => $"{S}CosineDecay(0.05, {steps}, alpha: 0.1)",
        };
        return u.Keras == Generation.KerasOptimizer.Sgd
            ? $"var optimizer = Tf.Keras.Optimizers.SGD({schedule ?? "0.05"});\n"
            : $"var optimizer = Tf.Keras.Optimizers.Adam({schedule ?? "0.1"});\n";
    }

    /// <summary>The optimizer call that increments <paramref name="step"/>.</summary>
    private static string Train(UnitSpec u, string optimizer, string loss, string varList, string step)
    {
        if (u.ApplyGradients)
        {
            var gradients = $"{optimizer}.ComputeGradients({loss}, {varList})";
            return u.Argument == StepArgument.Positional
                ? $"{optimizer}.ApplyGradients({gradients}, {step})"
                : $"{optimizer}.ApplyGradients({gradients}, globalStep: {step})";
        }

        return u.Argument switch
        {
            StepArgument.Positional => $"{optimizer}.Minimize({loss}, {step}, {varList})",
            StepArgument.NamedLast => $"{optimizer}.Minimize({loss}, varList: {varList}, globalStep: {step})",
            _ => $"{optimizer}.Minimize({loss}, globalStep: {step}, varList: {varList})",
        };
    }

    private static string Start(UnitSpec u, double offset = 0) =>
        (u.Start + 0.5 + offset).ToString("0.0##", CultureInfo.InvariantCulture);

    /// <summary>How the step is read for printing: inline, or by a helper that takes it as a parameter (the "helper reads" pattern of docs/design/patterns.md).</summary>
    private static string Read(UnitSpec u, string step, string? session, List<string> helpers)
    {
        if (!u.HelperRead)
        {
            return session is null ? $"step {{{step}.Numpy()}}" : $"step {{{session}.Run({step})}}";
        }

        helpers.Add(session is null
            ? "string Report(Tensor s) => $\"step {s.Numpy()}\";"
            : "string Report(Session sess, Tensor s) => $\"step {sess.Run(s)}\";");
        return session is null ? $"{{Report({step})}}" : $"{{Report({session}, {step})}}";
    }

    /// <summary>A later lookup of the graph's step: inline (the "seed program" pattern of docs/design/patterns.md) or in a helper method (the "helper reads" pattern of docs/design/patterns.md), under the graph or with it as argument (the "several graphs" pattern of docs/design/patterns.md).</summary>
    private static string Lookups(UnitSpec u, string name, string graph, string session, List<string> helpers, string indent = "")
    {
        var b = new StringBuilder();
        if (u.LaterLookup)
        {
            b.Append(u.ExplicitGraph
                ? $"\n{indent}Console.WriteLine($\"{name}: lookup {{{session}.Run({Prefix(u.Spelling)}GetGlobalStep({graph})!)}}\");\n"
                : $"\n{indent}using ({graph}.AsDefault())\n{indent}{{\n{indent}    Console.WriteLine($\"{name}: lookup {{{session}.Run({Prefix(u.Spelling)}GetGlobalStep()!)}}\");\n{indent}}}\n");
        }

        if (u.HelperLookup)
        {
            helpers.Add($"string Lookup(Session sess, Graph graph) => $\"lookup {{sess.Run({Prefix(u.Spelling)}GetGlobalStep(graph)!)}}\";");
            b.Append($"{indent}Console.WriteLine($\"{name}: {{Lookup({session}, {graph})}}\");\n");
        }

        return b.ToString();
    }

    /// <summary>The statements of a unit whose storage is local (a method body or top-level statements); its helper methods go to <paramref name="helpers"/>.</summary>
    private static string Body(UnitSpec u, string name, List<string> helpers)
    {
        var n = u.Steps.ToString(CultureInfo.InvariantCulture);
        var b = new StringBuilder();
        switch (u.Kind)
        {
            case UnitKind.Tf1 when u.Mode == Mode.Graph:
                b.Append(u.Observe == Observe.DefaultGraph ? "Tf.Compat.V1.DisableEagerExecution();\nvar g = Tf.Compat.V1.GetDefaultGraph();\n" : "var g = new Graph();\n")
                    .Append("Operation? train;\nOperation init;\n")
                    .Append($"{StepType(u)} step;\nVariable w;\n");
                if (u.Observe == Observe.Checkpoint)
                {
                    b.Append("GlobalStepMigration.Runtime.Compat.V1.Train.Saver saver;\n");
                }
                if (u.Decay != Decay.None)
                {
                    b.Append("Tensor lr;\n");
                }

                if (u.ExplicitGraph)
                {
                    b.Append($"step = {Creation(u, "g")};\n");
                }

                b.Append("using (g.AsDefault())\n{\n")
                    .Append($"    w = Tf.Variable({Start(u)}, name: \"w\");\n");
                if (!u.ExplicitGraph)
                {
                    b.Append(u.Observe switch
                    {
                        Observe.NameScope => $"    using (Tf.NameScope(\"outer\"))\n    {{\n        step = {Creation(u)};\n    }}\n\n",
                        Observe.VariableScope => $"    using (Tf.Compat.V1.VariableScope(\"vs\"))\n    {{\n        step = {Creation(u)};\n    }}\n\n",
                        _ => $"    step = {Creation(u)};\n",
                    });
                }

                if (u.Decay != Decay.None)
                {
                    b.Append($"    lr = {DecayCall(u, "step")};\n");
                }

                b.Append($"    var opt = {Optimizer(u, u.Optimizer, u.Decay != Decay.None ? "lr" : null)};\n");
                b.Append(u.Observe == Observe.TryCatch
                    ? $"    try\n    {{\n        train = {Train(u, "opt", "Tf.Square(w - 4.0)", "new[] { w }", "step")};\n    }}\n    catch (Exception e)\n    {{\n        Console.WriteLine($\"{name}: caught {{e.GetType().Name}}\");\n        throw;\n    }}\n\n"
                    : $"    train = {Train(u, "opt", "Tf.Square(w - 4.0)", "new[] { w }", "step")};\n");
                b.Append(Indent(BadUpdate(u, name, "opt", "Tf.Square(Tf.Constant(2.0))", "step"), 1));
                if (u.Observe == Observe.Checkpoint)
                {
                    b.Append($"    saver = {Prefix(u.Spelling)}Saver();\n");
                }

                b.Append("    init = Tf.Compat.V1.GlobalVariablesInitializer();\n}\n\n")
                    .Append("using var sess = new Session(g);\nsess.Run(init);\n")
                    .Append($"for (var i = 0; i < {n}; i++)\n{{\n");
                if (u.PrintRate)
                {
                    b.Append("    var rate = (double)sess.Run(lr);\n");
                }

                b.Append(u.Observe == Observe.TrainByName ? "    sess.Run(train!.Name);\n" : "    sess.Run(train!);\n")
                    .Append($"    Console.WriteLine($\"{name}: {Read(u, "step", "sess", helpers)} w {{(double)sess.Run(w):F6}}{(u.PrintRate ? " rate {rate:F6}" : string.Empty)}\");\n}}\n")
                    .Append(Lookups(u, name, "g", "sess", helpers))
                    .Append(Observation(u, name, "step", "sess", "g"));
                break;

            case UnitKind.Tf1:
                b.Append($"var w = Tf.Variable({Start(u)});\n")
                    .Append($"{StepType(u)} step = {Creation(u)};\n");
                if (u.Decay != Decay.None)
                {
                    b.Append($"var lr = {DecayCall(u, "step")};\n");
                }

                b.Append($"var opt = {Optimizer(u, u.Optimizer, u.Decay != Decay.None ? "lr" : null)};\n")
                    .Append(BadUpdate(u, name, "opt", "() => Tf.Square(Tf.Constant(2.0))", "step"))
                    .Append($"for (var i = 0; i < {n}; i++)\n{{\n")
                    .Append(u.Observe == Observe.TryCatch
                        ? $"    try\n    {{\n        {Train(u, "opt", "() => Tf.Square(w - 4.0)", "new[] { w }", "step")};\n    }}\n    catch (Exception e)\n    {{\n        Console.WriteLine($\"{name}: caught {{e.GetType().Name}}\");\n        throw;\n    }}\n\n"
                        : $"    {Train(u, "opt", "() => Tf.Square(w - 4.0)", "new[] { w }", "step")};\n")
                    .Append($"    Console.WriteLine($\"{name}: {Read(u, "step", null, helpers)} w {{(double)w.Numpy():F6}}{(u.PrintRate ? " rate {(double)lr.Numpy():F6}" : string.Empty)}\");\n}}\n")
                    .Append(Observation(u, name, "step", null, null));
                break;

            case UnitKind.HalfMigrated:
                b.Append($"{StepType(u)} step = {Creation(u)};\n")
                    .Append(KerasOptimizerDeclaration(u))
                    .Append($"var v = Tf.Variable({Start(u)});\n")
                    .Append($"for (var i = 0; i < {n}; i++)\n{{\n")
                    .Append(Indent(KerasStep(u, "step"), 1))
                    .Append($"    Console.WriteLine($\"{name}: {Read(u, "step", null, helpers)} v {{(double)v.Numpy():F6}}\");\n}}\n");
                break;

            case UnitKind.Gan when u.Mode == Mode.Graph:
                b.Append("var g = new Graph();\nOperation? dTrain;\nOperation? gTrain;\nOperation init;\n")
                    .Append($"{StepType(u)} step;\nVariable d;\nVariable gen;\n");
                if (u.ExplicitGraph)
                {
                    b.Append($"step = {Creation(u, "g")};\n");
                }

                b.Append("using (g.AsDefault())\n{\n")
                    .Append($"    d = Tf.Variable({Start(u)}, name: \"d\");\n")
                    .Append($"    gen = Tf.Variable({Start(u, 1)}, name: \"gen\");\n");
                if (!u.ExplicitGraph)
                {
                    b.Append($"    step = {Creation(u)};\n");
                }

                b.Append($"    var dOpt = {Optimizer(u, u.Optimizer, null)};\n")
                    .Append($"    var gOpt = {Optimizer(u, u.SecondOptimizer, null)};\n")
                    .Append($"    dTrain = {Train(u, "dOpt", "Tf.Square(d - 1.0)", "new[] { d }", "step")};\n")
                    .Append($"    gTrain = {Train(u with { Argument = StepArgument.Positional }, "gOpt", "Tf.Square(gen - 3.0)", "new[] { gen }", "step")};\n")
                    .Append("    init = Tf.Compat.V1.GlobalVariablesInitializer();\n}\n\n")
                    .Append("using var sess = new Session(g);\nsess.Run(init);\n")
                    .Append($"for (var i = 0; i < {n}; i++)\n{{\n    sess.Run(dTrain!);\n    sess.Run(gTrain!);\n")
                    .Append($"    Console.WriteLine($\"{name}: {Read(u, "step", "sess", helpers)} d {{(double)sess.Run(d):F6}} gen {{(double)sess.Run(gen):F6}}\");\n}}\n")
                    .Append(Lookups(u, name, "g", "sess", helpers));
                break;

            case UnitKind.Gan:
                b.Append($"var d = Tf.Variable({Start(u)});\n")
                    .Append($"var gen = Tf.Variable({Start(u, 1)});\n")
                    .Append($"{StepType(u)} step = {Creation(u)};\n")
                    .Append($"var dOpt = {Optimizer(u, u.Optimizer, null)};\n")
                    .Append($"var gOpt = {Optimizer(u, u.SecondOptimizer, null)};\n")
                    .Append($"for (var i = 0; i < {n}; i++)\n{{\n")
                    .Append($"    {Train(u, "dOpt", "() => Tf.Square(d - 1.0)", "new[] { d }", "step")};\n")
                    .Append($"    {Train(u with { Argument = StepArgument.Positional }, "gOpt", "() => Tf.Square(gen - 3.0)", "new[] { gen }", "step")};\n")
                    .Append($"    Console.WriteLine($\"{name}: {Read(u, "step", null, helpers)} d {{(double)d.Numpy():F6}} gen {{(double)gen.Numpy():F6}}\");\n}}\n");
                break;

            case UnitKind.TwoGraphs:
                b.Append("var g1 = new Graph();\nvar g2 = new Graph();\nOperation? t1;\nOperation? t2;\nOperation i1;\nOperation i2;\n")
                    .Append($"{StepType(u)} s1;\nTensor s2;\n");
                if (u.ExplicitGraph)
                {
                    // Both steps created outside their graphs' scopes, by graph argument alone.
                    b.Append($"s1 = {Creation(u, "g1")};\n")
                        .Append($"s2 = {Creation(u with { Creation = Generation.Creation.GetOrCreate }, "g2")};\n");
                }

                b.Append("using (g1.AsDefault())\n{\n")
                    .Append($"    var w = Tf.Variable({Start(u)}, name: \"w\");\n");
                if (!u.ExplicitGraph)
                {
                    b.Append($"    s1 = {Creation(u, "g1")};\n");
                }

                if (u.Decay != Decay.None)
                {
                    b.Append($"    var lr = {DecayCall(u, "s1")};\n");
                }

                b.Append($"    var opt = {Optimizer(u, u.Optimizer, u.Decay != Decay.None ? "lr" : null)};\n")
                    .Append($"    t1 = {Train(u, "opt", "Tf.Square(w - 4.0)", "new[] { w }", "s1")};\n")
                    .Append("    i1 = Tf.Compat.V1.GlobalVariablesInitializer();\n}\n\n")
                    .Append("using (g2.AsDefault())\n{\n")
                    .Append($"    var w = Tf.Variable({Start(u, 1)}, name: \"w\");\n");
                if (!u.ExplicitGraph)
                {
                    b.Append($"    s2 = {Creation(u with { Creation = Generation.Creation.GetOrCreate }, "g2")};\n");
                }

                b.Append($"    var opt = {Optimizer(u, u.SecondOptimizer, null)};\n")
                    .Append($"    t2 = {Train(u, "opt", "Tf.Square(w - 2.0)", "new[] { w }", "s2")};\n")
                    .Append("    i2 = Tf.Compat.V1.GlobalVariablesInitializer();\n}\n\n")
                    .Append("using var sess1 = new Session(g1);\nusing var sess2 = new Session(g2);\nsess1.Run(i1);\nsess2.Run(i2);\n")
                    .Append($"for (var i = 0; i < {n}; i++)\n{{\n    sess1.Run(t1!);\n    sess2.Run(t2!);\n    sess2.Run(t2!);\n")
                    .Append($"    Console.WriteLine($\"{name}: g1 {{sess1.Run(s1)}} g2 {{sess2.Run(s2)}}\");\n}}\n");
                if (u.LaterLookup)
                {
                    b.Append($"\nConsole.WriteLine($\"{name}: lookup {{sess1.Run({Prefix(u.Spelling)}GetGlobalStep(g1)!)}} {{sess2.Run({Prefix(u.Spelling)}GetGlobalStep(g2)!)}}\");\n");
                }

                if (u.HelperLookup)
                {
                    b.Append(Lookups(u with { LaterLookup = false }, name, "g2", "sess2", helpers));
                }

                break;
        }

        return b.ToString();
    }

    /// <summary>
    /// An update that raises (an empty gradient list, or a loss that no variable reaches: every gradient None), with
    /// its exception caught and printed (docs/design/observables.md, O8); nothing for other observations.
    /// </summary>
    private static string BadUpdate(UnitSpec u, string name, string optimizer, string constantLoss, string step)
    {
        var call = u.Observe switch
        {
            Observe.EmptyGradients => $"{optimizer}.ApplyGradients(new List<(Tensor?, Variable)>(), {step})",
            Observe.NoGradients => $"{optimizer}.Minimize({constantLoss}, {step}, new[] {{ w }})",
            _ => null,
        };
        return call is null
            ? string.Empty
            : $"try\n{{\n    {call};\n}}\ncatch (ValueErrorException e)\n{{\n    Console.WriteLine($\"{name}: {{e.Message}}\");\n}}\n\n";
    }

    /// <summary>What a unit prints of its step after training, beyond the value (<see cref="Observe"/>); <paramref name="session"/> null eagerly.</summary>
    private static string Observation(UnitSpec u, string name, string step, string? session, string? graph)
    {
        var value = session is null ? $"{step}.Numpy()" : $"{session}.Run({step})";
        var n = u.Steps.ToString(CultureInfo.InvariantCulture);
        return u.Observe switch
        {
            Observe.ValueDType => $"Console.WriteLine($\"{name}: dtype {{{value}.DType}}\");\n",
            Observe.ValueEquality => $"Console.WriteLine($\"{name}: equals {{{value}.Equals((NDArray){n})}}\");\n",
            Observe.StepName or Observe.NameScope or Observe.VariableScope => $"Console.WriteLine($\"{name}: name {{{step}.Name}}\");\n",
            Observe.StepOp => $"Console.WriteLine($\"{name}: op {{{step}.Op}}\");\n",
            Observe.CollectionsCounted =>
                $"using ({graph}.AsDefault())\n{{\n    Console.WriteLine($\"{name}: variables {{{graph}.GetCollection(\"variables\").Count}} global_step {{{graph}.GetCollection(\"global_step\").Count}} "
                + $"train_op {{{graph}.GetCollection(\"train_op\").Count}} trainable {{Tf.Compat.V1.TrainableVariables().Count}}\");\n}}\n",
            Observe.ScopedHelper => $"using ({graph}.AsDefault())\n{{\n    Console.WriteLine($\"{name}: {{{name}Probe.Peek({session})}}\");\n}}\n",
            Observe.Checkpoint =>
                "var dir = System.IO.Directory.CreateTempSubdirectory(\"gsm\").FullName;\ntry\n{\n"
                + $"    var saved = saver.Save({session}, System.IO.Path.Combine(dir, \"model\"), globalStep: {step})!;\n"
                + $"    Console.WriteLine($\"{name}: saved {{System.IO.Path.GetFileName(saved)}}\");\n"
                + $"    saver.Restore({session}, saved);\n"
                + $"    Console.WriteLine($\"{name}: restored {{{value}}}\");\n"
                + "}\nfinally\n{\n    System.IO.Directory.Delete(dir, true);\n}\n",
            Observe.GlobalStepFunction => $"Console.WriteLine($\"{name}: global_step {{{Prefix(u.Spelling)}GlobalStep({session}, {step})}}\");\n",
            Observe.TrainByName => $"Console.WriteLine($\"{name}: train {{train!.Name}}\");\n",
            Observe.TrainControlInputs =>
                $"Console.WriteLine($\"{name}: below {{string.Join(\",\", train!.ControlInputs.Select(c => c.Name + \"<\" + string.Join(\",\", c.ControlInputs.Select(d => d.Name))))}}\");\n",
            Observe.ConstantByName => $"Console.WriteLine($\"{name}: Const {{{graph}.GetTensorByName(\"Const:0\")}} = {{{session}.Run({graph}.GetTensorByName(\"Const:0\"))}}\");\n",
            _ => string.Empty,
        };
    }

    /// <summary>One Keras update of <c>v</c> followed by the manual increment of the legacy step.</summary>
    private static string KerasStep(UnitSpec u, string step)
    {
        var increment = u.StepIsVariable ? $"{step}.AssignAdd(1);\n" : $"((Variable){step}).AssignAdd(1);\n";
        if (u.ApplyGradients)
        {
            return "using (var tape = Tf.GradientTape())\n{\n"
                + "    var loss = Tf.Square(v - 1.0);\n"
                + "    var grads = tape.Gradient(loss, new List<Tensor> { v });\n"
                + "    optimizer.ApplyGradients(new[] { (grads[0], v) });\n"
                + "    " + increment
                + "}\n";
        }

        return "optimizer.Minimize(() => Tf.Square(v - 1.0), new[] { v });\n" + increment;
    }

    /// <summary>The field declaration and, when the step is created in the constructor (the "field step across methods" pattern of docs/design/patterns.md), the constructor.</summary>
    private static string StepField(UnitSpec u, string name, string? graphCreation = null)
    {
        if (u.FieldInit == FieldInit.InRun)
        {
            return $"    private {StepType(u)}? _step;\n";
        }

        return $"    private {StepType(u)} _step;\n\n    public {name}()\n    {{\n" + (graphCreation ?? $"        _step = {Creation(u)};\n") + "    }\n";
    }

    /// <summary>A unit whose step lives in a private field: created in Run or the constructor, passed in Build, read in Run or a helper.</summary>
    private static string FieldClass(UnitSpec u, string name)
    {
        var n = u.Steps.ToString(CultureInfo.InvariantCulture);
        var create = u.FieldInit == FieldInit.InRun;
        var b = new StringBuilder();
        b.Append($"sealed class {name}\n{{\n");
        if (u.Kind == UnitKind.HalfMigrated)
        {
            b.Append(StepField(u, name)).Append('\n')
                .Append("    public void Run()\n    {\n")
                .Append(create ? $"        _step = {Creation(u)};\n" : string.Empty)
                .Append("        " + KerasOptimizerDeclaration(u))
                .Append($"        var v = Tf.Variable({Start(u)});\n")
                .Append($"        for (var i = 0; i < {n}; i++)\n        {{\n")
                .Append(Indent(KerasStep(u, "_step"), 3))
                .Append($"            Console.WriteLine($\"{name}: {(u.HelperRead ? "{Report()}" : "step {_step.Numpy()}")} v {{(double)v.Numpy():F6}}\");\n        }}\n    }}\n");
            if (u.HelperRead)
            {
                b.Append("\n    private string Report() => $\"step {_step!.Numpy()}\";\n");
            }

            return b.Append("}\n").ToString();
        }

        if (u.Mode == Mode.Eager)
        {
            b.Append(StepField(u, name)).Append('\n')
                .Append("    public void Run()\n    {\n")
                .Append(create ? $"        _step = {Creation(u)};\n" : string.Empty)
                .Append($"        var w = Tf.Variable({Start(u)});\n");
            if (u.Decay != Decay.None)
            {
                b.Append($"        var lr = {DecayCall(u, "_step")};\n");
            }

            b.Append($"        var opt = {Optimizer(u, u.Optimizer, u.Decay != Decay.None ? "lr" : null)};\n")
                .Append($"        for (var i = 0; i < {n}; i++)\n        {{\n")
                .Append($"            {Train(u, "opt", "() => Tf.Square(w - 4.0)", "new[] { w }", "_step")};\n")
                .Append($"            Console.WriteLine($\"{name}: {(u.HelperRead ? "{Report()}" : "step {_step.Numpy()}")} w {{(double)w.Numpy():F6}}{(u.PrintRate ? " rate {(double)lr.Numpy():F6}" : string.Empty)}\");\n        }}\n    }}\n");
            if (u.HelperRead)
            {
                b.Append("\n    private string Report() => $\"step {_step!.Numpy()}\";\n");
            }

            return b.Append("}\n").ToString();
        }

        var graphCreation = u.ExplicitGraph
            ? $"        _step = {Creation(u, "_graph")};\n"
            : $"        using (_graph.AsDefault())\n        {{\n            _step = {Creation(u)};\n        }}\n";
        b.Append("    private readonly Graph _graph = new();\n")
            .Append("    private Operation? _train;\n")
            .Append("    private Variable? _w;\n");
        if (u.Decay != Decay.None)
        {
            b.Append("    private Tensor? _lr;\n");
        }

        b.Append(StepField(u, name, graphCreation));
        b.Append("\n    public void Run()\n    {\n        Operation init;\n");
        if (create && u.ExplicitGraph)
        {
            b.Append($"        _step = {Creation(u, "_graph")};\n");
        }

        b.Append("        using (_graph.AsDefault())\n        {\n");
        if (create && !u.ExplicitGraph)
        {
            b.Append($"            _step = {Creation(u)};\n");
        }

        b.Append("            Build();\n")
            .Append("            init = Tf.Compat.V1.GlobalVariablesInitializer();\n        }\n\n")
            .Append("        using var sess = new Session(_graph);\n        sess.Run(init);\n")
            .Append($"        for (var i = 0; i < {n}; i++)\n        {{\n");
        if (u.PrintRate)
        {
            b.Append("            var rate = (double)sess.Run(_lr!);\n");
        }

        b.Append("            sess.Run(_train!);\n")
            .Append($"            Console.WriteLine($\"{name}: {(u.HelperRead ? "{Report(sess)}" : "step {sess.Run(_step!)}")} w {{(double)sess.Run(_w!):F6}}{(u.PrintRate ? " rate {rate:F6}" : string.Empty)}\");\n        }}\n");
        var helpers = new List<string>();
        b.Append(Lookups(u, name, "_graph", "sess", helpers, "        "));
        b.Append("    }\n\n    private void Build()\n    {\n")
            .Append($"        _w = Tf.Variable({Start(u)}, name: \"w\");\n");
        if (u.Decay != Decay.None)
        {
            b.Append($"        _lr = {DecayCall(u, "_step!")};\n");
        }

        b.Append($"        var opt = {Optimizer(u, u.Optimizer, u.Decay != Decay.None ? "_lr" : null)};\n")
            .Append($"        _train = {Train(u, "opt", "Tf.Square(_w - 4.0)", "new[] { _w }", "_step")};\n    }}\n");
        if (u.HelperRead)
        {
            b.Append("\n    private string Report(Session sess) => $\"step {sess.Run(_step!)}\";\n");
        }

        foreach (var helper in helpers)
        {
            b.Append("\n    private static ").Append(helper).Append('\n');
        }

        return b.Append("}\n").ToString();
    }

    private static string Indent(string text, int levels)
    {
        var pad = new string(' ', 4 * levels);
        return string.Join("\n", text.TrimEnd('\n').Split('\n').Select(line => line.Length == 0 ? line : pad + line)) + "\n";
    }
}
