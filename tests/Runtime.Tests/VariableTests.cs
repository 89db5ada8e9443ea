using System;
using Xunit;
using GraphKeys = GlobalStepMigration.Runtime.Tf.Compat.V1.GraphKeys;

namespace GlobalStepMigration.Runtime.Tests;

/// <summary>docs/design/runtime-semantics.md, sections 1 and 3: variables, eager and in a graph; initialization.</summary>
public class VariableTests
{
    [Fact]
    public void EagerVariableHasDTypeShapeNameAndValue()
    {
        var v = Tf.Variable(3.0);
        Assert.Equal(DType.Float32, v.DType);
        Assert.Equal(TensorShape.Scalar, v.Shape);
        Assert.Equal("Variable:0", v.Name);
        Assert.True(v.Trainable);
        Assert.Null(v.Op);
        Assert.Equal(3.0, (double)v.Numpy());
        Assert.Equal(3.0, (double)v.Value().Numpy());
    }

    [Fact]
    public void EagerVariablePrintsLikeTensorFlow()
    {
        Assert.Equal("<tf.Variable 'global_step:0' shape=() dtype=int64, numpy=0>", Tf.Variable(0L, name: "global_step").ToString());
        Assert.Equal("tf.Tensor(1.5, shape=(), dtype=float32)", Tf.Constant(1.5).ToString());
    }

    [Fact]
    public void EagerAssignAssignAddAssignSub()
    {
        var v = Tf.Variable(NDArray.FromValues(DType.Float32, new[] { 2 }, new[] { 1.0, 2.0 }), name: "w");
        Assert.Equal("w:0", v.Name);
        Assert.Equal(new TensorShape(2), v.Shape);
        v.Assign(NDArray.FromValues(DType.Float32, new[] { 2 }, new[] { 5.0, 6.0 }));
        Assert.Equal("[5. 6.]", v.Numpy().ToString());
        v.AssignAdd(NDArray.FromValues(DType.Float32, new[] { 2 }, new[] { 1.0, 1.0 }));
        Assert.Equal("[6. 7.]", v.Numpy().ToString());
        v.AssignSub(NDArray.FromValues(DType.Float32, new[] { 2 }, new[] { 6.0, 6.0 }));
        Assert.Equal("[0. 1.]", v.Numpy().ToString());
    }

    [Fact]
    public void AssignAddConvertsTheIncrementToAnInt64Step()
    {
        var step = Tf.Variable(0L, trainable: false, name: "global_step");
        Assert.Equal(DType.Int64, step.DType);
        step.AssignAdd(1);
        step.AssignAdd(Tf.Constant(2));
        Assert.Equal(DType.Int64, step.Numpy().DType);
        Assert.Equal(3L, (long)step.Numpy());
    }

    [Fact]
    public void DTypeArgumentConvertsTheInitialValue()
    {
        var v = Tf.Variable(0, dtype: DType.Int64);
        Assert.Equal(DType.Int64, v.DType);
        var f = Tf.Variable(1, dtype: DType.Float64);
        Assert.Equal(DType.Float64, f.Numpy().DType);
    }

    [Fact]
    public void GraphVariableOwnsAVariableV2Op()
    {
        var g = new Graph();
        Variable v;
        using (g.AsDefault())
        {
            v = Tf.Variable(0L, trainable: false, name: "global_step");
        }

        Assert.Same(g, v.Graph);
        Assert.Equal("VariableV2", v.Op!.Type);
        Assert.Equal("global_step", v.Op.Name);
        Assert.Equal("global_step:0", v.Name);
        Assert.Equal(DType.Int64, v.Op.Outputs[0].DType);
        Assert.Equal("global_step/Assign", v.Initializer!.Name);
        Assert.Equal("<tf.Variable 'global_step:0' shape=() dtype=int64_ref>", v.ToString());
        Assert.Throws<InvalidOperationException>(() => v.Numpy());
    }

    [Fact]
    public void SecondGraphVariableWithTheSameNameGetsASuffix()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            Assert.Equal("global_step:0", Tf.Variable(0L, name: "global_step").Name);
            Assert.Equal("global_step_1:0", Tf.Variable(0L, name: "global_step").Name);
            Assert.Equal("Global_Step_2:0", Tf.Variable(0L, name: "Global_Step").Name);
        }
    }

    [Fact]
    public void GraphAssignAddWithAnIntLiteralOnAnInt64Variable()
    {
        var g = new Graph();
        Variable step;
        Tensor inc;
        using (g.AsDefault())
        {
            step = Tf.Variable(0L, name: "step");
            inc = step.AssignAdd(1);
        }

        Assert.Equal(DType.Int64, inc.DType);
        using var sess = new Session(g);
        sess.Run(step.Initializer!);
        sess.Run(inc);
        var value = sess.Run(inc);
        Assert.Equal(DType.Int64, value.DType);
        Assert.Equal(2L, (long)value);
        Assert.Equal(2L, (long)sess.Run(step));
    }

    [Fact]
    public void ReadingAnUninitializedVariableIsAFailedPrecondition()
    {
        var g = new Graph();
        Variable step;
        Tensor derived;
        Tensor inc;
        using (g.AsDefault())
        {
            step = Tf.Variable(0L, name: "global_step");
            derived = step + 1;
            inc = step.AssignAdd(1);
        }

        using var sess = new Session(g);
        var e = Assert.Throws<FailedPreconditionException>(() => sess.Run(step));
        Assert.Equal("Attempting to use uninitialized value global_step", e.Message);
        Assert.IsAssignableFrom<OpErrorException>(e);
        Assert.Equal(e.Message, Assert.Throws<FailedPreconditionException>(() => sess.Run(derived)).Message);
        Assert.Equal(e.Message, Assert.Throws<FailedPreconditionException>(() => sess.Run(inc)).Message);
    }

    [Fact]
    public void GlobalVariablesInitializerSnapshotsTheCollectionWhenCreated()
    {
        var g = new Graph();
        Variable a, b;
        Operation early, late;
        using (g.AsDefault())
        {
            a = Tf.Variable(1.0, name: "a");
            early = Tf.Compat.V1.GlobalVariablesInitializer();
            b = Tf.Variable(2.0, name: "b");
            late = Tf.Compat.V1.GlobalVariablesInitializer();
        }

        Assert.Equal("init", early.Name);
        Assert.Equal("init_1", late.Name);
        using var sess = new Session(g);
        sess.Run(early);
        Assert.Equal(1.0, (double)sess.Run(a));
        Assert.Throws<FailedPreconditionException>(() => sess.Run(b));
        sess.Run(late);
        Assert.Equal(2.0, (double)sess.Run(b));
    }

    [Fact]
    public void InitializerCoversOnlyTheGlobalVariablesCollection()
    {
        var g = new Graph();
        Variable local;
        Operation init;
        using (g.AsDefault())
        {
            local = Tf.Compat.V1.GetVariable("local", TensorShape.Scalar, collections: new[] { "local_variables" });
            init = Tf.Compat.V1.GlobalVariablesInitializer();
        }

        Assert.Empty(g.GetCollection(GraphKeys.GLOBAL_VARIABLES));
        using var sess = new Session(g);
        sess.Run(init);
        Assert.Throws<FailedPreconditionException>(() => sess.Run(local));
    }

    [Fact]
    public void InitializingAgainResetsTheValue()
    {
        var g = new Graph();
        Variable v;
        Operation init;
        Tensor inc;
        using (g.AsDefault())
        {
            v = Tf.Variable(5, name: "v");
            inc = v.AssignAdd(1);
            init = Tf.Compat.V1.GlobalVariablesInitializer();
        }

        using var sess = new Session(g);
        sess.Run(init);
        sess.Run(inc);
        Assert.Equal(6, (int)sess.Run(v));
        sess.Run(init);
        Assert.Equal(5, (int)sess.Run(v));
    }

    [Fact]
    public void EachSessionHoldsItsOwnValues()
    {
        var g = new Graph();
        Variable v;
        Operation init;
        Tensor inc;
        using (g.AsDefault())
        {
            v = Tf.Variable(0L, name: "v");
            inc = v.AssignAdd(10);
            init = Tf.Compat.V1.GlobalVariablesInitializer();
        }

        using var s1 = new Session(g);
        using var s2 = new Session(g);
        s1.Run(init);
        s2.Run(init);
        s1.Run(inc);
        Assert.Equal(10L, (long)s1.Run(v));
        Assert.Equal(0L, (long)s2.Run(v));
    }

    [Fact]
    public void ReadValueIsANewReadOp()
    {
        var g = new Graph();
        Variable v;
        Tensor read;
        using (g.AsDefault())
        {
            v = Tf.Variable(4.0, name: "v");
            read = v.ReadValue();
        }

        Assert.Equal("v/read:0", read.Name);
        Assert.Equal("Identity", read.Op!.Type);
        using var sess = new Session(g);
        sess.Run(v.Initializer!);
        Assert.Equal(4.0, (double)sess.Run(read));
    }

    [Fact]
    public void VariablesCreatedUnderControlDependenciesDoNotDependOnThem()
    {
        var g = new Graph();
        Variable counter, v;
        Tensor inc;
        Tensor dependent;
        using (g.AsDefault())
        {
            counter = Tf.Variable(0L, name: "counter");
            inc = counter.AssignAdd(1);
            using (Tf.ControlDependencies(inc))
            {
                v = Tf.Variable(5L, name: "v");
                dependent = Tf.Identity(Tf.Constant(0L));
            }
        }

        Assert.Empty(v.Op!.ControlInputs);
        Assert.Empty(v.Initializer!.ControlInputs);
        Assert.Single(dependent.Op!.ControlInputs);
        using var sess = new Session(g);
        sess.Run(counter.Initializer!);
        sess.Run(v.Initializer!);
        Assert.Equal(5L, (long)sess.Run(v));
        Assert.Equal(0L, (long)sess.Run(counter));
        sess.Run(dependent);
        Assert.Equal(1L, (long)sess.Run(counter));
    }

    [Fact]
    public void UpdatesNeedTheVariablesShape()
    {
        var v = Tf.Variable((NDArray)new[] { 1.0, 2.0 });
        Assert.Equal("Shapes (2,) and (3,) are incompatible",
            Assert.Throws<ValueErrorException>(() => v.Assign((NDArray)new[] { 1.0, 2.0, 3.0 })).Message);
        Assert.Equal("Cannot update variable with shape [2] using a Tensor with shape [], shapes must be equal. [Op:AssignAddVariableOp]",
            Assert.Throws<InvalidArgumentException>(() => v.AssignAdd(1.0)).Message);
        Assert.Throws<InvalidArgumentException>(() => v.AssignSub(1.0));
        Assert.Equal("[1. 2.]", v.Numpy().ToString());

        var g = new Graph();
        using (g.AsDefault())
        {
            var w = Tf.Variable((NDArray)new[] { 1.0, 2.0 }, name: "w");
            Assert.Throws<ValueErrorException>(() => w.Assign((NDArray)new[] { 1.0 }));
            Assert.Equal("Cannot update variable with shape [2] using a Tensor with shape [], shapes must be equal.",
                Assert.Throws<ValueErrorException>(() => w.AssignAdd(1.0)).Message);

            // A value of unknown shape is checked when the update runs.
            var fed = Tf.Compat.V1.Placeholder(Tf.Float32);
            var update = w.AssignAdd(fed);
            using var sess = new Session(g);
            sess.Run(w.Initializer!);
            var e = Assert.Throws<InvalidArgumentException>(() => sess.Run(update, new FeedDict { [fed] = new[] { 1.0, 2.0, 3.0 } }));
            Assert.StartsWith("Cannot update variable with shape [2] using a Tensor with shape [3], shapes must be equal.", e.Message);
            Assert.Equal("[2. 4.]", sess.Run(update, new FeedDict { [fed] = new[] { 1.0, 2.0 } }).ToString());
        }
    }
}
