// Helper reads (docs/design/patterns.md): reads in helpers with no optimizer or step in reach; the step passed to own code.
using System;
using GlobalStepMigration.Runtime;

var g = new Graph();
Tensor step;
Operation? train;
Operation init;
using (g.AsDefault())
{
    var w = Tf.Variable(1.0, name: "w");
    step = Tf.Compat.V1.Train.GetOrCreateGlobalStep();
    var opt = Tf.Compat.V1.Train.GradientDescentOptimizer(0.1);
    train = opt.Minimize(Tf.Square(w), step, new[] { w });
    init = Tf.Compat.V1.GlobalVariablesInitializer();
}

using var sess = new Session(g);
sess.Run(init);
sess.Run(train!);
Reporter.Print(sess, g);
Reporter.PrintTensor(sess, step);
Console.WriteLine(Reporter.Value(sess, g));

static class Reporter
{
    public static void Print(Session sess, Graph graph)
    {
        using (graph.AsDefault())
        {
            Console.WriteLine($"helper: {sess.Run(Tf.Compat.V1.Train.GetGlobalStep()!)}");
        }
    }

    public static void PrintTensor(Session sess, Tensor t) => Console.WriteLine($"tensor: {sess.Run(t)}");

    public static long Value(Session sess, Graph graph) => Tf.Compat.V1.Train.GlobalStep(sess, Tf.Compat.V1.Train.GetGlobalStep(graph)!);
}
