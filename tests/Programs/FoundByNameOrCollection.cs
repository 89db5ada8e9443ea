// Found by name or collection (docs/design/patterns.md): the step found by name or collection, and method groups of the global-step functions.
using System;
using System.Linq;
using GlobalStepMigration.Runtime;
using Train = GlobalStepMigration.Runtime.Tf.Compat.V1.Train;

var g = new Graph();
Tensor step;
Operation? train;
Operation init;
using (g.AsDefault())
{
    var w = Tf.Variable(1.0, name: "w");
    step = Train.GetOrCreateGlobalStep();
    var opt = Train.GradientDescentOptimizer(0.1);
    train = opt.Minimize(Tf.Square(w), step, new[] { w });
    init = Tf.Compat.V1.GlobalVariablesInitializer();
}

using var sess = new Session(g);
sess.Run(init);
sess.Run(train!);
var byName = g.GetTensorByName("global_step:0");
Console.WriteLine($"by name: {sess.Run(byName)}");
var inCollection = g.GetCollection(Tf.Compat.V1.GraphKeys.GLOBAL_STEP).Cast<Tensor>().Single();
Console.WriteLine($"collection: {sess.Run(inCollection)}");
Func<Graph?, Tensor?> lookup = Train.GetGlobalStep;
Console.WriteLine($"method group: {sess.Run(lookup(g)!)}");

var h = new Graph();
using (h.AsDefault())
{
    var other = Tf.Variable(0L, trainable: false, name: "counter");
    h.AddToCollection(Tf.Compat.V1.GraphKeys.GLOBAL_STEP, other);
    var w2 = Tf.Variable(2.0, name: "w2");
    var opt2 = Train.GradientDescentOptimizer(0.1);
    var train2 = opt2.Minimize(Tf.Square(w2), Train.GetGlobalStep(), new[] { w2 });
    using var sess2 = new Session(h);
    sess2.Run(Tf.Compat.V1.GlobalVariablesInitializer());
    sess2.Run(train2!);
    Console.WriteLine($"added: {sess2.Run(other)}");
}
