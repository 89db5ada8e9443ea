// Decays (docs/design/patterns.md): a decay fed by the step, in a graph; DECAY stands for the decay call with "step" as the step (a template, not compiled as it is).
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
