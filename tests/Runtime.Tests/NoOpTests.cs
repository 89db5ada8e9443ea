using Xunit;

namespace GlobalStepMigration.Runtime.Tests;

/// <summary>Tf.NoOp: TensorFlow's tf.no_op, a named op that only runs its control inputs.</summary>
public sealed class NoOpTests
{
    [Fact]
    public void NoOpHasNoOutputsAndRunsItsControlInputs()
    {
        var g = new Graph();
        Variable v;
        Operation noop, again, exact;
        Operation init;
        Tensor inc;
        using (g.AsDefault())
        {
            v = Tf.Variable(0L, name: "v");
            inc = v.AssignAdd(1);
            using (Tf.ControlDependencies(inc))
            {
                noop = Tf.NoOp()!;
            }

            using (Tf.NameScope("scope"))
            {
                again = Tf.NoOp("step")!;
                exact = Tf.NoOp("top/")!;
            }

            init = Tf.Compat.V1.GlobalVariablesInitializer();
        }

        Assert.Equal("NoOp", noop.Name);
        Assert.Equal("NoOp", noop.Type);
        Assert.Empty(noop.Outputs);
        Assert.Equal(new[] { inc.Op! }, noop.ControlInputs);
        Assert.Equal("scope/step", again.Name);
        Assert.Equal("top", exact.Name);
        Assert.Empty(again.ControlInputs);

        using var sess = new Session(g);
        sess.Run(init);
        sess.Run(noop);
        sess.Run("NoOp");
        Assert.Equal(2L, (long)sess.Run(v));
        sess.Run(again);
        Assert.Equal(2L, (long)sess.Run(v));
    }

    [Fact]
    public void NoOpEagerlyIsNull() => Assert.Null(Tf.NoOp("eager"));
}
