// Decays (docs/design/patterns.md): every TF1 learning-rate decay fed by the step, each in its own graph and type.
using System;
using GlobalStepMigration.Runtime;
using Train = GlobalStepMigration.Runtime.Tf.Compat.V1.Train;

Exponential.Run();
Polynomial.Run();
Piecewise.Run();
InverseTime.Run();
Cosine.Run();
NaturalExp.Run();

static class Loop
{
    public static void Print(string label, Session sess, Tensor lr, Operation? train, Variable w, int steps)
    {
        for (var i = 0; i < steps; i++)
        {
            var rate = (double)sess.Run(lr);
            sess.Run(train!);
            Console.WriteLine($"{label} rate {rate:F6} w {(double)sess.Run(w):F6}");
        }
    }
}

static class Exponential
{
    public static void Run()
    {
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
            lr = Train.ExponentialDecay(0.1, step, 2, 0.5, staircase: true);
            var opt = Train.GradientDescentOptimizer(lr);
            train = opt.Minimize(Tf.Square(w - 4.0), step, new[] { w });
            init = Tf.Compat.V1.GlobalVariablesInitializer();
        }

        using var sess = new Session(g);
        sess.Run(init);
        Loop.Print("exponential", sess, lr, train, w, 4);
        Console.WriteLine($"exponential step {sess.Run(step)}");
    }
}

static class Polynomial
{
    public static void Run()
    {
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
            lr = Train.PolynomialDecay(0.1, step, decaySteps: 3, endLearningRate: 0.01, power: 2.0);
            var opt = Train.MomentumOptimizer(lr, 0.5);
            train = opt.Minimize(Tf.Square(w - 4.0), step, new[] { w });
            init = Tf.Compat.V1.GlobalVariablesInitializer();
        }

        using var sess = new Session(g);
        sess.Run(init);
        Loop.Print("polynomial", sess, lr, train, w, 4);
    }
}

static class Piecewise
{
    public static void Run()
    {
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
            lr = Train.PiecewiseConstant(step, new[] { 1.0, 2.0 }, new[] { 0.1, 0.05, 0.01 });
            var opt = Train.GradientDescentOptimizer(lr);
            train = opt.Minimize(Tf.Square(w - 4.0), step, new[] { w });
            init = Tf.Compat.V1.GlobalVariablesInitializer();
        }

        using var sess = new Session(g);
        sess.Run(init);
        Loop.Print("piecewise", sess, lr, train, w, 4);
    }
}

static class InverseTime
{
    public static void Run()
    {
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
            lr = Train.InverseTimeDecay(0.1, step, 1, 0.5);
            var opt = Train.AdamOptimizer(lr);
            train = opt.Minimize(Tf.Square(w - 4.0), step, new[] { w });
            init = Tf.Compat.V1.GlobalVariablesInitializer();
        }

        using var sess = new Session(g);
        sess.Run(init);
        Loop.Print("inverse", sess, lr, train, w, 3);
    }
}

static class Cosine
{
    public static void Run()
    {
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
            lr = Train.CosineDecay(0.1, step, 4, alpha: 0.1);
            var opt = Train.GradientDescentOptimizer(lr);
            train = opt.Minimize(Tf.Square(w - 4.0), step, new[] { w });
            init = Tf.Compat.V1.GlobalVariablesInitializer();
        }

        using var sess = new Session(g);
        sess.Run(init);
        Loop.Print("cosine", sess, lr, train, w, 3);
    }
}

static class NaturalExp
{
    public static void Run()
    {
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
            lr = Train.NaturalExpDecay(0.1, step, 2, 0.3);
            var opt = Train.GradientDescentOptimizer(lr);
            train = opt.Minimize(Tf.Square(w - 4.0), step, new[] { w });
            init = Tf.Compat.V1.GlobalVariablesInitializer();
        }

        using var sess = new Session(g);
        sess.Run(init);
        Loop.Print("natural", sess, lr, train, w, 3);
    }
}
