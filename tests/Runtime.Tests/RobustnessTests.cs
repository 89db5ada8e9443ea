using System;
using System.Collections.Generic;
using Xunit;
using KerasOptimizers = GlobalStepMigration.Runtime.Tf.Keras.Optimizers;
using Train = GlobalStepMigration.Runtime.Tf.Compat.V1.Train;

namespace GlobalStepMigration.Runtime.Tests;

/// <summary>
/// Issue 7 item 3: the documented exception, with TensorFlow's message, for null and wrong-type
/// arguments, invalid names and shapes, wrong-dtype feeds, and work on a finalized graph.
/// </summary>
public class RobustnessTests
{
    public static IEnumerable<object[]> NullArguments()
    {
        var g = new Graph();
        Action[] calls =
        {
            () => g.AddToCollection(null!, 1),
            () => g.AddToCollections(null!, 1),
            () => g.GetCollection(null!),
            () => g.GetCollectionRef(null!),
            () => g.GetTensorByName(null!),
            () => g.GetOperationByName(null!),
            () => g.UniqueName(null!),
            () => g.ControlDependencies(null!),
            () => Tf.Constant(null!),
            () => Tf.Variable(null!),
            () => Tf.Add(null!, 1),
            () => Tf.Square(null!),
            () => Tf.MatMul(null!, Tf.Constant(new[,] { { 1.0 } })),
            () => Tf.Cast(null!, DType.Int64),
            () => Tf.Group(null!),
            () => Tf.ControlDependencies(null!),
            () => Tf.Gradients(null!, Array.Empty<Tensor>()),
            () =>
            {
                using var tape = Tf.GradientTape();
                tape.Gradient(null!, Array.Empty<Tensor>());
            },
            () =>
            {
                using var tape = Tf.GradientTape();
                tape.Watch(null!);
            },
            () => Tf.Variable(1.0).Assign(null!),
            () => Tf.Variable(1.0).AssignAdd(null!),
            () => new Session(g).Run((Tensor)null!),
            () => new Session(g).Run((Operation)null!),
            () => Tf.Compat.V1.GetVariable(null!),
            () => Tf.Compat.V1.VariableScope((string)null!),
            () => Tf.Compat.V1.VariableScope((VariableScope)null!),
            () => Tf.Compat.V1.Assign(null!, 1.0),
            () => Tf.Compat.V1.AssignAdd(Tf.Variable(1.0), null!),
            () => Train.GlobalStep(null, null!),
            () => Train.GradientDescentOptimizer(null!),
            () => Train.MomentumOptimizer(null!, 0.9),
            () => Train.GradientDescentOptimizer(0.1).Minimize((Tensor)null!),
            () => Train.GradientDescentOptimizer(0.1).ApplyGradients(null!),
            () => KerasOptimizers.SGD(0.1).ApplyGradients(null!),
            () => KerasOptimizers.SGD(0.1).Minimize((Tensor)null!, Array.Empty<Variable>()),
            () => KerasOptimizers.SGD((Runtime.Keras.Optimizers.Schedules.LearningRateSchedule)null!),
            () => KerasOptimizers.Schedules.ExponentialDecay(0.1, 10, 0.5).Call(null!),
            () => KerasOptimizers.Schedules.PiecewiseConstantDecay(null!, new[] { 1.0 }),
            () => new TensorShape(null!),
            () => NDArray.FromValues(DType.Float32, new[] { 1 }, null!),
        };
        for (var i = 0; i < calls.Length; i++)
        {
            yield return new object[] { i, calls[i] };
        }
    }

    [Theory]
    [MemberData(nameof(NullArguments))]
    public void NullArgumentsThrowArgumentNullException(int index, Action call)
    {
        Assert.True(index >= 0);
        Assert.Throws<ArgumentNullException>(call);
    }

    [Fact]
    public void NullOrWrongTypeFetchIsATypeError()
    {
        var g = new Graph();
        using var sess = new Session(g);
        Assert.Equal("Fetch argument None has invalid type <class 'NoneType'>",
            Assert.Throws<TypeErrorException>(() => sess.Run((object)null!)).Message);
        var e = Assert.Throws<TypeErrorException>(() => sess.Run((object)42));
        Assert.StartsWith("Fetch argument 42 has invalid type", e.Message);
        Assert.Throws<TypeErrorException>(() => sess.Run(new List<object?> { null }));
    }

    [Fact]
    public void WrongTypeControlInputIsATypeError()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var e = Assert.Throws<TypeErrorException>(() => Tf.Group(Tf.Constant(1), "not an op"));
            Assert.Equal("Can not convert a String into a Tensor or Operation.", e.Message);
        }
    }

    [Fact]
    public void MismatchedDTypesAreATypeError()
    {
        var e = Assert.Throws<TypeErrorException>(() => Tf.Add(Tf.Constant(1), Tf.Constant(1.0f)));
        Assert.Equal("Input 'y' of 'Add' Op has type float32 that does not match type int32 of argument 'x'.", e.Message);
    }

    [Fact]
    public void InvalidNamesAreValueErrors()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            Assert.Equal("'a b' is not a valid node name", Assert.Throws<ValueErrorException>(() => Tf.Constant(1, name: "a b")).Message);
            Assert.Throws<ValueErrorException>(() => Tf.Variable(0, name: "-v"));
            Assert.Throws<ValueErrorException>(() => Tf.Compat.V1.Placeholder(Tf.Float32, name: "x y"));
            Assert.Throws<ValueErrorException>(() => Tf.NameScope("a b"));
            using (Tf.NameScope("ok"))
            {
                Assert.Equal("ok/_c", Tf.Constant(1, name: "_c").Op!.Name);
            }

            Assert.Equal("'_c' is not a valid node name", Assert.Throws<ValueErrorException>(() => Tf.Constant(1, name: "_c")).Message);
        }
    }

    [Fact]
    public void InvalidShapesAreValueErrorsOrInvalidArguments()
    {
        Assert.Equal("Dimension -1 must be >= 0", Assert.Throws<ValueErrorException>(() => new TensorShape(-1)).Message);
        Assert.Throws<ValueErrorException>(() => NDArray.FromValues(DType.Float32, new[] { 2 }, new[] { 1.0, 2.0, 3.0 }));
        var eager = Assert.Throws<InvalidArgumentException>(() => Tf.Constant(new[] { 1.0, 2.0 }) + Tf.Constant(new[] { 1.0, 2.0, 3.0 }));
        Assert.Equal("Incompatible shapes: [2] vs. [3] [Op:Add]", eager.Message);
        Assert.Throws<InvalidArgumentException>(() => Tf.MatMul(Tf.Constant(new[] { 1.0 }), Tf.Constant(new[,] { { 1.0 } })));
        Assert.Throws<ValueErrorException>(() => Tf.Variable((NDArray)new[] { 1.0, 2.0 }).Assign((NDArray)new[] { 1.0, 2.0, 3.0 }));

        var g = new Graph();
        using (g.AsDefault())
        {
            var x = Tf.Compat.V1.Placeholder(Tf.Float32, new TensorShape(2));
            var y = Tf.Compat.V1.Placeholder(Tf.Float32, new TensorShape(3));
            var e = Assert.Throws<ValueErrorException>(() => x + y);
            Assert.Equal("Dimensions must be equal, but are 2 and 3 for 'Add' with input shapes: [2], [3].", e.Message);
            var unknown = Tf.Compat.V1.Placeholder(Tf.Float32, TensorShape.Partial(null, 3));
            var column = Tf.Compat.V1.Placeholder(Tf.Float32, new TensorShape(2, 1));
            Assert.Equal(TensorShape.Partial(2, 3), (column + unknown).Shape);
        }
    }

    [Fact]
    public void WrongDTypeFeedsAreTypeErrors()
    {
        var g = new Graph();
        Tensor i32, f32, flag;
        using (g.AsDefault())
        {
            i32 = Tf.Compat.V1.Placeholder(Tf.Int32, name: "i");
            f32 = Tf.Compat.V1.Placeholder(Tf.Float32, name: "f");
            flag = Tf.Compat.V1.Placeholder(Tf.Bool, name: "b");
        }

        using var sess = new Session(g);
        var tooBig = Assert.Throws<TypeErrorException>(() => sess.Run(i32, new FeedDict { [i32] = 1L << 40 }));
        Assert.Equal(
            "Type of feed value 1099511627776 with type int64 is not compatible with Tensor type int32. Try explicitly setting the type of the feed tensor to a larger type (e.g. int64).",
            tooBig.Message);
        Assert.Throws<TypeErrorException>(() => sess.Run(i32, new FeedDict { [i32] = 3.5 }));
        Assert.Throws<TypeErrorException>(() => sess.Run(flag, new FeedDict { [flag] = 2 }));
        Assert.Throws<TypeErrorException>(() => sess.Run(f32, new FeedDict { [f32] = null! }));

        Assert.Equal(3, (int)sess.Run(i32, new FeedDict { [i32] = 3.0 }));
        Assert.Equal(1.0, (double)sess.Run(f32, new FeedDict { [f32] = true }));
        Assert.Equal(DType.Int32, sess.Run(i32, new FeedDict { [i32] = 7L }).DType);
    }

    [Fact]
    public void FeedKeyFromAnotherGraphIsATypeError()
    {
        var g = new Graph();
        Tensor other;
        using (new Graph().AsDefault())
        {
            other = Tf.Compat.V1.Placeholder(Tf.Float32, name: "other");
        }

        using var sess = new Session(g);
        var e = Assert.Throws<TypeErrorException>(() => sess.Run(new List<object>(), new FeedDict { [other] = 1.0 }));
        Assert.StartsWith("Cannot interpret feed_dict key as Tensor: Tensor ", e.Message);
        Assert.EndsWith("is not an element of this graph.", e.Message);
    }

    [Fact]
    public void PlaceholderEagerlyIsRefused()
    {
        var e = Assert.Throws<InvalidOperationException>(() => Tf.Compat.V1.Placeholder(Tf.Float32));
        Assert.Equal("tf.placeholder() is not compatible with eager execution.", e.Message);
    }

    [Fact]
    public void FinalizedGraphRunsAndFindsTheStepButBuildsNothing()
    {
        var g = new Graph();
        Variable w;
        Tensor step;
        Operation trainOp, init;
        using (g.AsDefault())
        {
            w = Tf.Variable(0.0, name: "w");
            step = Train.GetOrCreateGlobalStep();
            trainOp = Train.GradientDescentOptimizer(0.5).Minimize(Tf.Square(w - 1.0), step)!;
            init = Tf.Compat.V1.GlobalVariablesInitializer();
        }

        g.FinalizeGraph();
        using var sess = new Session(g);
        sess.Run(init);
        sess.Run(trainOp);
        Assert.Equal(1L, Train.GlobalStep(sess, step));
        Assert.Same(step, Train.GetGlobalStep(g));
        Assert.Same(step, Train.GetOrCreateGlobalStep(g));

        const string Finalized = "Graph is finalized and cannot be modified.";
        Assert.Equal(Finalized, Assert.Throws<InvalidOperationException>(() => TrainingUtil.GetOrCreateGlobalStepRead(g)).Message);
        Assert.Equal(Finalized, Assert.Throws<InvalidOperationException>(() => ((Variable)step).AssignAdd(1)).Message);
        using (g.AsDefault())
        {
            Assert.Equal(Finalized, Assert.Throws<InvalidOperationException>(Tf.Compat.V1.GlobalVariablesInitializer).Message);
            Assert.Equal(Finalized, Assert.Throws<InvalidOperationException>(() => Tf.Variable(1.0)).Message);
        }

        var empty = new Graph();
        empty.FinalizeGraph();
        Assert.Equal(Finalized, Assert.Throws<InvalidOperationException>(() => Train.CreateGlobalStep(empty)).Message);
        Assert.Null(Train.GetGlobalStep(empty));
    }

    [Fact]
    public void NumbersThatAnIntegerTensorCannotHoldAreTypeErrors()
    {
        var step = Tf.Variable(0L, name: "global_step");
        Assert.Equal("Cannot convert 1.5 to EagerTensor of dtype int64", Assert.Throws<TypeErrorException>(() => step + 1.5).Message);
        Assert.Equal("Cannot convert 0.5 to EagerTensor of dtype int64", Assert.Throws<TypeErrorException>(() => step.AssignAdd(0.5)).Message);
        Assert.Throws<TypeErrorException>(() => Tf.Constant(1) * 2.5);
        Assert.Equal(0L, (long)step.Numpy());

        step.AssignAdd(1.0);
        Assert.Equal(2L, (long)(step * 2.0).Numpy());
        Assert.Equal(DType.Float32, (Tf.Cast(step, DType.Float32) * 0.5).DType);
    }

    [Fact]
    public void LegacyTrainingCallsOnAFinalizedGraphAreRefusedAndRunsStillWork()
    {
        var g = new Graph();
        Variable w;
        Tensor step, lr;
        Operation init;
        using (g.AsDefault())
        {
            w = Tf.Variable(1.0, name: "w");
            step = Train.GetOrCreateGlobalStep();
            lr = Train.ExponentialDecay(0.1, step, 10, 0.5);
            init = Tf.Compat.V1.GlobalVariablesInitializer();
        }

        g.FinalizeGraph();
        const string Finalized = "Graph is finalized and cannot be modified.";
        using (g.AsDefault())
        {
            var opt = Train.GradientDescentOptimizer(0.1);
            Assert.Equal(Finalized, Assert.Throws<InvalidOperationException>(() => opt.Minimize(Tf.Square(w), step)).Message);
        }

        using (g.AsDefault())
        {
            Assert.Equal(Finalized, Assert.Throws<InvalidOperationException>(() => Train.CosineDecay(0.1, step, 10)).Message);
            Assert.Equal(Finalized, Assert.Throws<InvalidOperationException>(() => Train.PiecewiseConstant(step, new[] { 1.0 }, new[] { 0.1, 0.01 })).Message);
        }

        Assert.Equal(Finalized, Assert.Throws<InvalidOperationException>(() => Tf.Keras.Optimizers.SGD(0.1).Minimize(Tf.Square(w), new[] { w })).Message);

        using var sess = new Session(g);
        sess.Run(init);
        Assert.Equal(0.1, (double)sess.Run(lr), 6);
        Assert.Equal(0L, Train.GlobalStep(sess, step));
    }

    [Fact]
    public void MissingDecayArgumentsAreValueErrors()
    {
        var step = Tf.Variable(0L, trainable: false, name: "global_step");
        Assert.Equal("x is required for piecewise_constant.",
            Assert.Throws<ValueErrorException>(() => Train.PiecewiseConstant(null!, new[] { 1.0 }, new[] { 0.1, 0.01 })).Message);
        Assert.Equal("learning_rate is required for exponential_decay.",
            Assert.Throws<ValueErrorException>(() => Train.ExponentialDecay(null!, step, 10, 0.5)).Message);
        Assert.Equal("learning_rate is required for cosine_decay.",
            Assert.Throws<ValueErrorException>(() => Train.CosineDecay(null!, step, 10)).Message);
        Assert.Throws<ArgumentNullException>(() => Train.PiecewiseConstant(step, null!, new[] { 0.1 }));
        Assert.Equal("The length of boundaries should be 1 less than the length of values",
            Assert.Throws<ValueErrorException>(() => Train.PiecewiseConstant(step, new[] { 1.0, 2.0 }, new[] { 0.1, 0.01 })).Message);
    }
}
