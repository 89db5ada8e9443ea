// Hand-made step (docs/design/patterns.md): passed positionally, eager, with a lambda loss and an int64 twin in another type.
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
Other.Run();

static class Other
{
    public static void Run()
    {
        var u = Tf.Variable(2.0);
        var counter = Tf.Variable(0L, trainable: false, name: "global_step");
        var momentum = Tf.Compat.V1.Train.MomentumOptimizer(0.05, 0.9);
        for (var i = 0; i < 2; i++)
        {
            var gv = momentum.ComputeGradients(() => u * u, new[] { u });
            momentum.ApplyGradients(gv, counter);
        }

        Console.WriteLine($"{counter.Numpy()} {(double)u.Numpy():F4}");
    }
}
