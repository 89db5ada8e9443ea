// A TF1-style program with three independent global steps, the way real training code used them.
// Build it to see the GSM warnings; see README.md for the one-command migration.
using System;
using System.Collections.Generic;
using GlobalStepMigration.Runtime;

namespace LegacyTraining;

public static class Program
{
    public static void Main()
    {
        SeedGraphProgram.Run();
        new DecayTrainer().Run();
        HalfMigratedEager.Run();
    }
}

/// <summary>TensorFlow's get_global_step page: a graph, GetOrCreateGlobalStep and Minimize.</summary>
public static class SeedGraphProgram
{
    public static void Run()
    {
        var g = new Graph();
        Tensor x;
        Tensor globalStep;
        Operation init;
        Operation? trainOp;
        using (g.AsDefault())
        {
            x = Tf.Compat.V1.Placeholder(Tf.Float32, TensorShape.Scalar);
            var v = Tf.Variable(3.0);
            var loss = x * 5 - x * v;
            var optimizer = Tf.Keras.Optimizers.SGD(0.1);
            globalStep = optimizer.Iterations;
            trainOp = optimizer.Minimize(loss, new List<Variable> { v });
            init = Tf.Compat.V1.GlobalVariablesInitializer();
        }

        using var sess = new Session(g);
        sess.Run(init);
        Console.WriteLine($"seed: before training: {sess.Run(globalStep)}");
        sess.Run(trainOp!, new FeedDict { [x] = 3 });
        Console.WriteLine($"seed: after training: {sess.Run(globalStep)}");
    }
}

/// <summary>A hand-made step kept in a field, feeding an exponential decay.</summary>
public sealed class DecayTrainer
{
    private readonly Graph _graph = new();
    private Variable? _step;

    public void Run()
    {
        Variable w;
        Operation? trainOp;
        Operation init;
        Tensor learningRate;
        using (_graph.AsDefault())
        {
            w = Tf.Variable(1.0, name: "w");
            var loss = Tf.Square(w - 4.0);
            _step = Tf.Variable(0, trainable: false, name: "global_step");
            learningRate = Tf.Keras.Optimizers.Schedules.ExponentialDecay(0.1, decaySteps: 2, decayRate: 0.5, staircase: true).Call(_step);
            var optimizer = Tf.Compat.V1.Train.GradientDescentOptimizer(learningRate);
            var gradients = optimizer.ComputeGradients(loss);
            using (Tf.ControlDependencies(optimizer.ApplyGradients(gradients, name: optimizer.Name + "/update")))
            {
                trainOp = _step.AssignAdd(1, name: optimizer.Name).Op;
            }
            init = Tf.Compat.V1.GlobalVariablesInitializer();
        }

        using var sess = new Session(_graph);
        sess.Run(init);
        for (var i = 0; i < 4; i++)
        {
            var rate = (double)sess.Run(learningRate);
            sess.Run(trainOp!);
            Console.WriteLine($"decay: step {Report(sess)} rate {rate:F4} w {(double)sess.Run(w):F4}");
        }
    }

    private string Report(Session sess) => sess.Run(_step!).ToString();
}

/// <summary>Half-migrated TF2 code: a Keras optimizer, but still a legacy step bumped by hand.</summary>
public static class HalfMigratedEager
{
    public static void Run()
    {
        var optimizer = Tf.Keras.Optimizers.SGD(0.05);
        var step = optimizer.Iterations;
        var v = Tf.Variable(2.0);
        for (var i = 0; i < 3; i++)
        {
            using (var tape = Tf.GradientTape())
            {
                var loss = Tf.Square(v);
                var grads = tape.Gradient(loss, new List<Tensor> { v });
                optimizer.ApplyGradients(new[] { (grads[0], v) });
            }

            Console.WriteLine($"eager: step {step.Numpy()} v {(double)v.Numpy():F4}");
        }
    }
}
