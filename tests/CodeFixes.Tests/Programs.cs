namespace GlobalStepMigration.CodeFixes.Tests;

/// <summary>The "before" programs of the proof-by-execution tests (migration.md's runnable patterns).</summary>
internal static class Programs
{
    /// <summary>Pattern 1: the seed's TF1 program (samples/SeedTf1); prints 0, 1, 1.</summary>
    public const string SeedTf1 = """
        using System;
        using System.Collections.Generic;
        using GlobalStepMigration.Runtime;

        static (Tensor Loss, List<Variable> VarList) ComputeLoss(Tensor x)
        {
            var v = Tf.Variable(3.0);
            var loss = x * 5 - x * v;
            return (loss, new List<Variable> { v });
        }

        var g = new Graph();
        Tensor x;
        Tensor globalStep;
        Operation globalInit;
        Operation? trainOp;
        using (g.AsDefault())
        {
            x = Tf.Compat.V1.Placeholder(Tf.Float32, TensorShape.Scalar);
            var (loss, varList) = ComputeLoss(x);
            globalStep = Tf.Compat.V1.Train.GetOrCreateGlobalStep();
            globalInit = Tf.Compat.V1.GlobalVariablesInitializer();
            var optimizer = Tf.Compat.V1.Train.GradientDescentOptimizer(0.1);
            trainOp = optimizer.Minimize(loss, globalStep, varList);
        }

        var sess = Tf.Compat.V1.Session(graph: g);
        sess.Run(globalInit);
        Console.WriteLine($"before training: {sess.Run(globalStep)}");
        sess.Run(trainOp!, new FeedDict { [x] = 3 });
        Console.WriteLine($"after training: {sess.Run(globalStep)}");

        using (g.AsDefault())
        {
            Console.WriteLine(sess.Run(Tf.Compat.V1.Train.GetGlobalStep()!));
        }
        """;

    /// <summary>Pattern 2: the hand-made int32 step, passed by name after other named arguments, in a graph.</summary>
    public const string HandMadeNamed = """
        using System;
        using GlobalStepMigration.Runtime;

        var g = new Graph();
        Operation? train;
        Operation init;
        Variable w;
        Variable step;
        using (g.AsDefault())
        {
            w = Tf.Variable(1.0, name: "w");
            var loss = Tf.Square(w - 4.0);
            step = Tf.Variable(0, trainable: false, name: "global_step");
            var opt = Tf.Compat.V1.Train.GradientDescentOptimizer(0.1);
            train = opt.Minimize(loss, varList: new[] { w }, name: "train", globalStep: step);
            init = Tf.Compat.V1.GlobalVariablesInitializer();
        }

        using var sess = new Session(g);
        sess.Run(init);
        for (var i = 0; i < 3; i++)
        {
            sess.Run(train!);
            Console.WriteLine($"step {sess.Run(step)} w {(double)sess.Run(w):F4}");
        }
        """;

    /// <summary>Pattern 2, positional and eager, with a lambda loss.</summary>
    public const string HandMadePositionalEager = """
        using System;
        using GlobalStepMigration.Runtime;

        var v = Tf.Variable(3.0);
        var step = Tf.Variable(0, trainable: false, name: "global_step");
        var opt = Tf.Compat.V1.Train.GradientDescentOptimizer(0.1);
        for (var i = 0; i < 3; i++)
        {
            opt.Minimize(() => v * v, step, new[] { v });
        }

        Console.WriteLine($"{step.Numpy()} {(double)v.Numpy():F4}");
        """;

    /// <summary>Pattern 3: a step kept in a private field, created in one method and passed and read in others.</summary>
    public const string FieldStep = """
        using System;
        using GlobalStepMigration.Runtime;

        new Trainer().Run();

        sealed class Trainer
        {
            private readonly Graph _graph = new();
            private Tensor? _step;
            private Operation? _train;
            private Variable? _w;

            public void Run()
            {
                Operation init;
                using (_graph.AsDefault())
                {
                    _step = Tf.Compat.V1.Train.GetOrCreateGlobalStep();
                    Build();
                    init = Tf.Compat.V1.GlobalVariablesInitializer();
                }

                using var sess = new Session(_graph);
                sess.Run(init);
                for (var i = 0; i < 2; i++)
                {
                    sess.Run(_train!);
                    Console.WriteLine(Report(sess));
                }
            }

            private void Build()
            {
                _w = Tf.Variable(2.0, name: "w");
                var opt = Tf.Compat.V1.Train.GradientDescentOptimizer(0.25);
                _train = opt.Minimize(Tf.Square(_w), _step, new[] { _w });
            }

            private string Report(Session sess) => $"step {sess.Run(_step!)} w {(double)sess.Run(_w!):F4}";
        }
        """;

    /// <summary>Pattern 4: half-migrated TF2 code (Keras optimizer, GradientTape, legacy step bumped by hand).</summary>
    public const string HalfMigrated = """
        using System;
        using System.Collections.Generic;
        using GlobalStepMigration.Runtime;

        var step = Tf.Compat.V1.Train.GetOrCreateGlobalStep();
        var optimizer = Tf.Keras.Optimizers.SGD(0.05);
        var v = Tf.Variable(2.0);
        for (var i = 0; i < 3; i++)
        {
            using (var tape = Tf.GradientTape())
            {
                var loss = Tf.Square(v);
                var grads = tape.Gradient(loss, new List<Tensor> { v });
                optimizer.ApplyGradients(new[] { (grads[0], v) });
                ((Variable)step).AssignAdd(1);
            }

            Console.WriteLine($"step {step.Numpy()} v {(double)v.Numpy():F4}");
        }
        """;

    /// <summary>Pattern 5: a decay fed by the step, in a graph; {0} is the decay call with "step" as the step.</summary>
    public const string DecayTemplate = """
        using System;
        using GlobalStepMigration.Runtime;
        using Train = GlobalStepMigration.Runtime.Tf.Compat.V1.Train;

        var g = new Graph();
        Operation? train;
        Operation init;
        Tensor lr;
        Tensor step;
        Variable w;
        using (g.AsDefault())
        {
            w = Tf.Variable(1.0, name: "w");
            step = Train.GetOrCreateGlobalStep();
            lr = Train.DECAY;
            var opt = Train.GradientDescentOptimizer(lr);
            train = opt.Minimize(Tf.Square(w - 4.0), step, new[] { w });
            init = Tf.Compat.V1.GlobalVariablesInitializer();
        }

        using var sess = new Session(g);
        sess.Run(init);
        for (var i = 0; i < 5; i++)
        {
            var rate = (double)sess.Run(lr);
            sess.Run(train!);
            Console.WriteLine($"step {sess.Run(step)} rate {rate:F6} w {(double)sess.Run(w):F6}");
        }
        """;

    /// <summary>Pattern 6: two optimizers share one step (GAN): it counts two per iteration.</summary>
    public const string SharedStep = """
        using System;
        using GlobalStepMigration.Runtime;
        using Train = GlobalStepMigration.Runtime.Tf.Compat.V1.Train;

        var g = new Graph();
        Operation? dTrain;
        Operation? gTrain;
        Operation init;
        Tensor step;
        using (g.AsDefault())
        {
            var d = Tf.Variable(1.0, name: "d");
            var gen = Tf.Variable(2.0, name: "gen");
            step = Train.GetOrCreateGlobalStep();
            var dOpt = Train.GradientDescentOptimizer(0.1);
            var gOpt = Train.GradientDescentOptimizer(0.2);
            dTrain = dOpt.Minimize(Tf.Square(d), step, new[] { d });
            gTrain = gOpt.Minimize(Tf.Square(gen), step, new[] { gen });
            init = Tf.Compat.V1.GlobalVariablesInitializer();
        }

        using var sess = new Session(g);
        sess.Run(init);
        for (var i = 0; i < 2; i++)
        {
            sess.Run(dTrain!);
            sess.Run(gTrain!);
            Console.WriteLine($"step {sess.Run(step)}");
        }
        """;
}
