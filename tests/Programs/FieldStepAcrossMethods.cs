// Field step across methods (docs/design/patterns.md): a step kept in a private field, created in one method and passed and read in others.
using System;
using GlobalStepMigration.Runtime;

new Trainer().Run();

sealed class Trainer
{
    private readonly Graph _graph = new();
    private Tensor? _step;
    private Operation? _train;
    private Variable? _w;

    public void Run()
    {
        Operation init;
        using (_graph.AsDefault())
        {
            _step = Tf.Compat.V1.Train.GetOrCreateGlobalStep();
            Build();
            init = Tf.Compat.V1.GlobalVariablesInitializer();
        }

        using var sess = new Session(_graph);
        sess.Run(init);
        for (var i = 0; i < 2; i++)
        {
            sess.Run(_train!);
            Console.WriteLine(Report(sess));
        }
    }

    private void Build()
    {
        _w = Tf.Variable(2.0, name: "w");
        var opt = Tf.Compat.V1.Train.GradientDescentOptimizer(0.25);
        _train = opt.Minimize(Tf.Square(_w), _step, new[] { _w });
    }

    private string Report(Session sess) => $"step {sess.Run(_step!)} w {(double)sess.Run(_w!):F4}";
}
