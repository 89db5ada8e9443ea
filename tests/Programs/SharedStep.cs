// Shared step (docs/design/patterns.md): two optimizers share one step (a GAN): it counts two per iteration.
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
