// Hand-made step (docs/design/patterns.md): passed positionally, eager, with a lambda loss.
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
