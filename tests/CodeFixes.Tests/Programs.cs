using GlobalStepMigration.TestKit;

namespace GlobalStepMigration.CodeFixes.Tests;

/// <summary>The "before" programs of the proof-by-execution tests, by pattern of docs/design/patterns.md (tests/Programs, stored once; the seed is samples/SeedTf1).</summary>
internal static class Programs
{
    /// <summary>The seed's TF1 program (samples/SeedTf1); prints 0, 1, 1.</summary>
    public static string SeedTf1 => TestPrograms.Get("SeedProgram");

    /// <summary>The hand-made int32 step, passed by name after other named arguments, in a graph.</summary>
    public static string HandMadeNamed => TestPrograms.Get("HandMadeStep.NamedInGraph");

    /// <summary>The hand-made step, positional and eager, with a lambda loss.</summary>
    public static string HandMadePositionalEager => TestPrograms.Get("HandMadeStep.PositionalEager");

    /// <summary>A step kept in a private field, created in one method and passed and read in others.</summary>
    public static string FieldStep => TestPrograms.Get("FieldStepAcrossMethods");

    /// <summary>Half-migrated TF2 code (Keras optimizer, GradientTape, legacy step bumped by hand).</summary>
    public static string HalfMigrated => TestPrograms.Get("HalfMigratedTf2");

    /// <summary>A decay fed by the step, in a graph; DECAY stands for the decay call with "step" as the step.</summary>
    public static string DecayTemplate => TestPrograms.Get("Decays.Template");

    /// <summary>Two optimizers share one step (GAN): it counts two per iteration.</summary>
    public static string SharedStep => TestPrograms.Get("SharedStep");

    /// <summary>The seed after "Use an explicitly incremented variable".</summary>
    public static string SeedTf1AfterExplicitVariable => SeedTf1
        .Replace("Tensor globalStep;", "Variable globalStep;")
        .Replace("globalStep = Tf.Compat.V1.Train.GetOrCreateGlobalStep();", "globalStep = Tf.Variable(0L, trainable: false, name: \"global_step\");")
        .Replace(
            "    trainOp = optimizer.Minimize(loss, globalStep, varList);\n",
            "    var gradients = optimizer.ComputeGradients(loss, varList: varList);\n"
            + "    using (Tf.ControlDependencies(optimizer.ApplyGradients(gradients, name: optimizer.Name + \"/update\")))\n"
            + "    {\n"
            + "        trainOp = globalStep.AssignAdd(1, name: optimizer.Name).Op;\n"
            + "    }\n")
        .Replace("sess.Run(Tf.Compat.V1.Train.GetGlobalStep()!)", "sess.Run(globalStep!)");

    /// <summary>The seed after "Use optimizer.Iterations".</summary>
    public static string SeedTf1AfterOptimizerIterations => SeedTf1
        .Replace(
            "    globalStep = Tf.Compat.V1.Train.GetOrCreateGlobalStep();\n",
            "    var optimizer = Tf.Keras.Optimizers.SGD(0.1);\n    globalStep = optimizer.Iterations;\n")
        .Replace("    var optimizer = Tf.Compat.V1.Train.GradientDescentOptimizer(0.1);\n", string.Empty)
        .Replace("trainOp = optimizer.Minimize(loss, globalStep, varList);", "trainOp = optimizer.Minimize(loss, varList);")
        .Replace("sess.Run(Tf.Compat.V1.Train.GetGlobalStep()!)", "sess.Run(globalStep!)");

    /// <summary>The field step across methods after "Use optimizer.Iterations": the creation moves to the optimizer.</summary>
    public static string FieldStepAfterOptimizerIterations => FieldStep
        .Replace("            _step = Tf.Compat.V1.Train.GetOrCreateGlobalStep();\n", string.Empty)
        .Replace(
            "        var opt = Tf.Compat.V1.Train.GradientDescentOptimizer(0.25);\n",
            "        var opt = Tf.Keras.Optimizers.SGD(0.25);\n        _step = opt.Iterations;\n")
        .Replace("_train = opt.Minimize(Tf.Square(_w), _step, new[] { _w });", "_train = opt.Minimize(Tf.Square(_w), new[] { _w });");
}
