// Several graphs (docs/design/patterns.md): GetGlobalStep(g1) and GetGlobalStep(g2) are different units.
using System;
using GlobalStepMigration.Runtime;
using Train = GlobalStepMigration.Runtime.Tf.Compat.V1.Train;

var g1 = new Graph();
var g2 = new Graph();
Operation? t1;
Operation? t2;
Operation i1;
Operation i2;
Tensor s1;
Tensor s2;
using (g1.AsDefault())
{
    var w = Tf.Variable(1.0, name: "w");
    s1 = Train.CreateGlobalStep(g1);
    t1 = Train.GradientDescentOptimizer(0.1).Minimize(Tf.Square(w), Train.GetGlobalStep(g1), new[] { w });
    i1 = Tf.Compat.V1.GlobalVariablesInitializer();
}

using (g2.AsDefault())
{
    var w = Tf.Variable(2.0, name: "w");
    s2 = Train.GetOrCreateGlobalStep(g2);
    var opt = Train.GradientDescentOptimizer(0.2);
    t2 = opt.Minimize(Tf.Square(w), s2, new[] { w });
    i2 = Tf.Compat.V1.GlobalVariablesInitializer();
}

using var sess1 = new Session(g1);
using var sess2 = new Session(g2);
sess1.Run(i1);
sess2.Run(i2);
for (var i = 0; i < 2; i++)
{
    sess1.Run(t1!);
    sess2.Run(t2!);
    sess2.Run(t2!);
    Console.WriteLine($"g1 {sess1.Run(s1)} g2 {sess2.Run(s2)}");
}
