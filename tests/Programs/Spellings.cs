// Spellings (docs/design/patterns.md): using static, aliases, fully qualified names, lambdas, local functions,
// field initializers, expression-bodied members, top-level statements.
using System;
using GlobalStepMigration.Runtime;
using static GlobalStepMigration.Runtime.Tf.Compat.V1.Train;
using T1 = GlobalStepMigration.Runtime.Tf.Compat.V1.Train;

var top = Tf.Variable(0L, trainable: false, name: "global_step");
var tv = Tf.Variable(1.0);
var topOpt = GradientDescentOptimizer(0.1);
topOpt.Minimize(() => tv * tv, top, new[] { tv });
Console.WriteLine($"top {top.Numpy()}");

Spellings.Run();
new FieldInit().Run();

static class Spellings
{
    public static void Run()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var w = Tf.Variable(1.0, name: "w");
            Func<Tensor> make = () => T1.GetOrCreateGlobalStep();
            var step = make();
            Tensor Again() => GlobalStepMigration.Runtime.Tf.Compat.V1.Train.GetGlobalStep()!;
            var opt = GlobalStepMigration.Runtime.Tf.Compat.V1.Train.GradientDescentOptimizer(0.1);
            var train = opt.Minimize(Tf.Square(w), GetOrCreateGlobalStep(), new[] { w });
            using var sess = new Session(g);
            sess.Run(Tf.Compat.V1.GlobalVariablesInitializer());
            sess.Run(train!);
            Console.WriteLine($"spellings {sess.Run(step)} {sess.Run(Again())}");
        }
    }
}

sealed class FieldInit
{
    private readonly Graph _graph = new();
    private readonly Variable _w;
    private readonly Tensor _step;
    private readonly Operation? _train;

    public FieldInit()
    {
        using (_graph.AsDefault())
        {
            _w = Tf.Variable(3.0, name: "w");
            _step = T1.GetOrCreateGlobalStep();
            _train = T1.GradientDescentOptimizer(0.1).Minimize(Tf.Square(_w), _step, new[] { _w });
        }
    }

    private Tensor Step => _step;

    public void Run()
    {
        using var sess = new Session(_graph);
        using (_graph.AsDefault())
        {
            sess.Run(Tf.Compat.V1.GlobalVariablesInitializer());
        }

        sess.Run(_train!);
        Console.WriteLine($"field {sess.Run(Step)}");
    }
}

static class Lazy
{
    private static readonly Tensor Created = GetOrCreateGlobalStep();

    public static Tensor Value => Created;
}
