// Hand-made step (docs/design/patterns.md): an int32 step passed by name after other named arguments, in a graph.
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
