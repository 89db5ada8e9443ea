// Conditional step (docs/design/patterns.md): a conditionally null step passed to Minimize.
using System;
using GlobalStepMigration.Runtime;

var decay = Environment.GetCommandLineArgs().Length > 100;
var v = Tf.Variable(3.0);
var step = Tf.Compat.V1.Train.GetOrCreateGlobalStep();
var opt = Tf.Compat.V1.Train.GradientDescentOptimizer(0.1);
for (var i = 0; i < 2; i++)
{
    opt.Minimize(() => v * v, decay ? step : null, new[] { v });
}

Console.WriteLine($"{step.Numpy()} {(double)v.Numpy():F4}");
