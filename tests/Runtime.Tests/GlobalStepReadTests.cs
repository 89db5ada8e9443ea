using System;
using System.Collections.Generic;
using Xunit;
using GraphKeys = GlobalStepMigration.Runtime.Tf.Compat.V1.GraphKeys;
using Train = GlobalStepMigration.Runtime.Tf.Compat.V1.Train;

namespace GlobalStepMigration.Runtime.Tests;

/// <summary>docs/design/runtime-semantics.md, section 2 (the global-step functions), the internal helpers used by hooks: GetOrCreateGlobalStepRead and IncrementGlobalStep.</summary>
public class GlobalStepReadTests
{
    [Fact]
    public void NoStepGivesNoRead()
    {
        var g = new Graph();
        Assert.Null(TrainingUtil.GetOrCreateGlobalStepRead(g));
        Assert.Empty(g.GetCollection(GraphKeys.GLOBAL_STEP_READ_KEY));
    }

    [Fact]
    public void ReadIsCreatedOnceAndCached()
    {
        var g = new Graph();
        Train.CreateGlobalStep(g);
        var read = TrainingUtil.GetOrCreateGlobalStepRead(g);
        Assert.NotNull(read);
        Assert.Equal("global_step/add:0", read!.Name);
        Assert.Equal(DType.Int64, read.DType);
        Assert.Same(read, TrainingUtil.GetOrCreateGlobalStepRead(g));
        Assert.Equal(new object[] { read }, g.GetCollection(GraphKeys.GLOBAL_STEP_READ_KEY));
    }

    [Fact]
    public void ReadGivesTheInitialValueBeforeInitialization()
    {
        var g = new Graph();
        var step = Train.CreateGlobalStep(g);
        var read = TrainingUtil.GetOrCreateGlobalStepRead(g)!;
        using var sess = new Session(g);
        Assert.Equal(0L, (long)sess.Run(read));
        Assert.Throws<FailedPreconditionException>(() => sess.Run(step));
        sess.Run(step.Initializer!);
        sess.Run(step.AssignAdd(4));
        Assert.Equal(4L, (long)sess.Run(read));
    }

    [Fact]
    public void TwoCachedReadsAreAnError()
    {
        var g = new Graph();
        Train.CreateGlobalStep(g);
        g.AddToCollection(GraphKeys.GLOBAL_STEP_READ_KEY, "one");
        g.AddToCollection(GraphKeys.GLOBAL_STEP_READ_KEY, "two");
        var e = Assert.Throws<InvalidOperationException>(() => TrainingUtil.GetOrCreateGlobalStepRead(g));
        Assert.Equal("There are multiple items in collection global_step_read_op_cache. There should be only one.", e.Message);
    }

    [Fact]
    public void IncrementWithoutAStepIsAValueError()
    {
        var g = new Graph();
        var e = Assert.Throws<ValueErrorException>(() => TrainingUtil.IncrementGlobalStep(1, g));
        Assert.Equal("Global step tensor should be created by tf.train.get_or_create_global_step before calling increment.", e.Message);
    }

    [Fact]
    public void IncrementAddsTheAmountCastToTheStepsDType()
    {
        var g = new Graph();
        var step = Train.CreateGlobalStep(g);
        var inc = TrainingUtil.IncrementGlobalStep(3, g);
        Assert.Equal("global_step/AssignAdd", inc.Op!.Name);
        Assert.Equal(DType.Int64, inc.DType);
        using var sess = new Session(g);
        sess.Run(step.Initializer!);
        sess.Run(inc);
        sess.Run(inc);
        Assert.Equal(6L, Train.GlobalStep(sess, step));
    }

    [Fact]
    public void InOneRunTheReadSeesTheValueBeforeTheIncrement()
    {
        var g = new Graph();
        var step = Train.CreateGlobalStep(g);
        var inc = TrainingUtil.IncrementGlobalStep(1, g);
        var read = TrainingUtil.GetOrCreateGlobalStepRead(g)!;
        using var sess = new Session(g);
        sess.Run(step.Initializer!);

        var readFirst = Assert.IsType<List<object?>>(sess.Run(new List<object> { read, inc }));
        Assert.Equal(0.0, T.Value(readFirst[0]));
        Assert.Equal(1.0, T.Value(readFirst[1]));

        var incrementFirst = Assert.IsType<List<object?>>(sess.Run(new List<object> { inc, read }));
        Assert.Equal(2.0, T.Value(incrementFirst[0]));
        Assert.Equal(1.0, T.Value(incrementFirst[1]));
        Assert.Equal(2L, Train.GlobalStep(sess, step));
    }

    [Fact]
    public void IncrementWorksOnAStepFoundByName()
    {
        var g = new Graph();
        Variable v;
        using (g.AsDefault())
        {
            v = Tf.Variable(0, name: "global_step");
        }

        var inc = TrainingUtil.IncrementGlobalStep(1, g);
        Assert.Equal(DType.Int32, inc.DType);
        using var sess = new Session(g);
        sess.Run(v.Initializer!);
        sess.Run(inc);
        Assert.Equal(1L, Train.GlobalStep(sess, v));
    }

    [Fact]
    public void EagerIncrementUpdatesTheVariable()
    {
        var g = new Graph();
        var step = Tf.Variable(0L, trainable: false, name: "global_step");
        g.AddToCollection(GraphKeys.GLOBAL_STEP, step);
        TrainingUtil.IncrementGlobalStep(2, g);
        Assert.Equal(2L, (long)step.Numpy());
        Assert.Equal(2L, (long)TrainingUtil.GetOrCreateGlobalStepRead(g)!.Numpy());
    }
}
