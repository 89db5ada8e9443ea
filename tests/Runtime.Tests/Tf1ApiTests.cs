using System;
using System.Linq;
using Xunit;
using GraphKeys = GlobalStepMigration.Runtime.Tf.Compat.V1.GraphKeys;
using Train = GlobalStepMigration.Runtime.Tf.Compat.V1.Train;
using V1 = GlobalStepMigration.Runtime.Tf.Compat.V1;

namespace GlobalStepMigration.Runtime.Tests;

/// <summary>
/// The TF1 API a TF1 program reaches for: <c>tf.compat.v1.Variable(collections=...)</c>, functional <c>assign</c>,
/// LOCAL_VARIABLES and UPDATE_OPS, <c>get_slot</c>, variable scopes as objects with <c>AUTO_REUSE</c>, and the
/// names TensorFlow gives a variable's initial value.
/// </summary>
public class Tf1ApiTests
{
    [Fact]
    public void CompatVariableJoinsTheCollectionsGivenAndTrainableVariables()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var counter = V1.Variable(0L, trainable: false, collections: new[] { GraphKeys.LOCAL_VARIABLES }, name: "counter");
            var w = V1.Variable(1.0, collections: new[] { "mine" }, name: "w");
            var plain = V1.Variable(2.0, name: "plain");

            Assert.Equal(new object[] { counter }, g.GetCollection(GraphKeys.LOCAL_VARIABLES));
            Assert.Equal(new object[] { w }, g.GetCollection("mine"));
            Assert.Equal(new object[] { w, plain }, g.GetCollection(GraphKeys.TRAINABLE_VARIABLES));
            Assert.Equal(new object[] { plain }, g.GetCollection(GraphKeys.GLOBAL_VARIABLES));
            Assert.Equal(new[] { plain }, V1.GlobalVariables());
            Assert.Equal(new[] { counter }, V1.LocalVariables());
            Assert.Equal(new[] { w, plain }, V1.TrainableVariables());

            // The global initializer leaves the local variable alone; the local one initializes it.
            var initGlobal = V1.GlobalVariablesInitializer();
            var initLocal = V1.LocalVariablesInitializer();
            Assert.Equal("init", initGlobal.Name);
            Assert.Equal("init_1", initLocal.Name);
            using var sess = V1.Session(g);
            sess.Run(initGlobal);
            Assert.Throws<FailedPreconditionException>(() => sess.Run(counter));
            sess.Run(initLocal);
            Assert.Equal(0L, (long)sess.Run(counter));
        }
    }

    [Fact]
    public void InitialValuesAreNamedAsTensorFlowNamesThem()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var w = Tf.Variable(1.0, name: "w");
            var step = Train.GetOrCreateGlobalStep();
            Train.MomentumOptimizer(0.1, 0.9).Minimize(Tf.Square(w), step);
            Train.AdamOptimizer().Minimize(Tf.Square(w));

            Assert.Equal("w/initial_value", w.InitialValue.Op!.Name);
            Assert.Equal("global_step/Initializer/zeros", ((Variable)step).InitialValue.Op!.Name);
            var names = g.GetOperations().Select(op => op.Name).ToHashSet();
            Assert.Contains("w/Momentum/Initializer/zeros", names);
            Assert.Contains("w/Adam/Initializer/zeros", names);
            Assert.Contains("beta1_power/initial_value", names);
            Assert.Contains("Momentum/learning_rate", names);
            Assert.Contains("Adam/beta1", names);

            // A Keras optimizer's variables do not add unnamed constants either.
            var before = g.GetOperations().Count(op => op.Name.StartsWith("Const", StringComparison.Ordinal));
            Tf.Keras.Optimizers.SGD(0.1, name: "opt");
            Assert.Equal(before, g.GetOperations().Count(op => op.Name.StartsWith("Const", StringComparison.Ordinal)));
            Assert.Contains("opt/learning_rate/initial_value", g.GetOperations().Select(op => op.Name));
        }
    }

    [Fact]
    public void FunctionalAssignWorksOnVariablesAndReferencesAndRefusesPlainTensors()
    {
        var g = new Graph();
        Variable w;
        Tensor set, added, subtracted;
        using (g.AsDefault())
        {
            w = Tf.Variable(1.0, name: "w");
            set = V1.Assign(w, 5.0);
            added = V1.AssignAdd(g.GetTensorByName("w:0"), 2.0);
            subtracted = V1.AssignSub(w.Op!.Outputs[0], 1.0, name: "down");
            var e = Assert.Throws<AttributeErrorException>(() => V1.AssignAdd(w + 1.0, 1.0));
            Assert.Equal("'SymbolicTensor' object has no attribute 'assign_add'", e.Message);
        }

        Assert.Equal("down", subtracted.Op!.Name);
        using var sess = V1.Session(g);
        sess.Run(w.Initializer!);
        Assert.Equal(5f, (float)sess.Run(set));
        Assert.Equal(7f, (float)sess.Run(added));
        Assert.Equal(6f, (float)sess.Run(subtracted));

        var eager = Tf.Variable(1.0);
        V1.AssignAdd(eager, 2.0);
        V1.AssignSub(eager, 0.5);
        Assert.Equal(2.5f, (float)eager.Numpy());
        Assert.Equal(9f, (float)V1.Assign(eager, 9.0).Numpy());
        var attribute = Assert.Throws<AttributeErrorException>(() => V1.Assign(Tf.Constant(1.0), 2.0));
        Assert.Equal("'EagerTensor' object has no attribute 'assign'", attribute.Message);
    }

    [Fact]
    public void UpdateOpsRunBeforeTheTrainOpUnderAControlDependency()
    {
        // The TF1 batch-norm idiom: ops in UPDATE_OPS, the train op built under control_dependencies(UPDATE_OPS).
        var g = new Graph();
        Variable w, movingMean, step;
        Operation trainOp, init;
        using (g.AsDefault())
        {
            w = Tf.Variable(0.0, name: "w");
            movingMean = V1.Variable(0.0, trainable: false, name: "moving_mean");
            V1.AddToCollection(GraphKeys.UPDATE_OPS, V1.AssignAdd(movingMean, 1.0).Op!);
            step = (Variable)Train.GetOrCreateGlobalStep();
            using (Tf.ControlDependencies(V1.GetCollection(GraphKeys.UPDATE_OPS).ToArray()))
            {
                trainOp = Train.GradientDescentOptimizer(0.5).Minimize(Tf.Square(w - 1.0), step)!;
            }

            init = V1.GlobalVariablesInitializer();
        }

        using var sess = V1.Session(g);
        sess.Run(init);
        sess.Run(trainOp);
        sess.Run(trainOp);
        Assert.Equal(2f, (float)sess.Run(movingMean));
        Assert.Equal(2L, Train.GlobalStep(sess, step));
    }

    [Fact]
    public void Tf1SlotsAreFoundByGetSlotAndNamedAfterTheirVariable()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var w = Tf.Variable(1.0, name: "w");
            var u = Tf.Variable(1.0, name: "u");
            var sgd = Train.GradientDescentOptimizer(0.1);
            var momentum = Train.MomentumOptimizer(0.1, 0.9);
            var adam = Train.AdamOptimizer();
            var adam2 = Train.AdamOptimizer();
            sgd.Minimize(Tf.Square(w), varList: new[] { w });
            momentum.Minimize(Tf.Square(w), varList: new[] { w });
            adam.Minimize(Tf.Square(w), varList: new[] { w });
            adam2.Minimize(Tf.Square(w), varList: new[] { w });

            Assert.Empty(sgd.GetSlotNames());
            Assert.Equal(new[] { "momentum" }, momentum.GetSlotNames());
            Assert.Equal(new[] { "m", "v" }, adam.GetSlotNames());
            Assert.Equal("w/Momentum:0", momentum.GetSlot(w, "momentum")!.Name);
            Assert.Equal("w/Adam:0", adam.GetSlot(w, "m")!.Name);
            Assert.Equal("w/Adam_1:0", adam.GetSlot(w, "v")!.Name);
            Assert.Equal("w/Adam_2:0", adam2.GetSlot(w, "m")!.Name);
            Assert.Equal("w/Adam_3:0", adam2.GetSlot(w, "v")!.Name);
            Assert.Null(adam.GetSlot(u, "m"));
            Assert.Null(adam.GetSlot(w, "momentum"));
            Assert.Equal(new[] { "beta1_power:0", "beta2_power:0", "w/Adam:0", "w/Adam_1:0" }, adam.Variables().Select(v => v.Name));
            Assert.Equal(DType.Float32, adam.Variables()[0].DType);
            Assert.Contains(adam.GetSlot(w, "v")!, V1.GlobalVariables());
            Assert.DoesNotContain(adam.GetSlot(w, "v")!, V1.TrainableVariables());
        }
    }

    [Fact]
    public void TheKernelsCheckInitializationAndShapesWithTensorFlowsMessages()
    {
        var g = new Graph();
        Variable w;
        Operation trainOp;
        using (g.AsDefault())
        {
            w = Tf.Variable(Tf.Constant(NDArray.FromValues(DType.Float32, new[] { 2 }, new[] { 1.0, 2.0 })), name: "w");
            var grad = V1.Placeholder(Tf.Float32, name: "g");
            trainOp = Train.MomentumOptimizer(0.1, 0.9).ApplyGradients(new (Tensor?, Variable)[] { (grad, w) })!;
            using var sess = V1.Session(g);
            sess.Run(w.Initializer!);
            var uninitialized = Assert.Throws<FailedPreconditionException>(
                () => sess.Run(trainOp, new FeedDict { [grad] = NDArray.FromValues(DType.Float32, new[] { 2 }, new[] { 1.0, 1.0 }) }));
            Assert.Equal("Attempting to use uninitialized variables: w/Momentum", uninitialized.Message);

            sess.Run(V1.GlobalVariablesInitializer());
            var shape = Assert.Throws<InvalidArgumentException>(
                () => sess.Run(trainOp, new FeedDict { [grad] = NDArray.FromValues(DType.Float32, new[] { 3 }, new[] { 1.0, 1.0, 1.0 }) }));
            Assert.Equal("var and grad do not have the same shape[2] [3]", shape.Message);

            var dtype = Assert.Throws<TypeErrorException>(() => Train.GradientDescentOptimizer(0.1)
                .ApplyGradients(new (Tensor?, Variable)[] { (Tf.Cast(grad, Tf.Float64), w) }));
            Assert.Equal("Input 'delta' of 'ApplyGradientDescent' Op has type float64 that does not match type float32 of argument 'var'.", dtype.Message);
        }
    }

    // ---- variable scopes ---------------------------------------------------------------------------------

    [Fact]
    public void VariableScopeIsAnObjectWithNameNameScopeAndReuse()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var root = V1.GetVariableScope();
            Assert.Equal("", root.Name);
            Assert.Equal(ReuseMode.False, root.Reuse);
            using (var a = V1.VariableScope("a"))
            {
                Assert.Same(a, V1.GetVariableScope());
                Assert.Equal("a", a.Name);
                Assert.Equal("a/", a.OriginalNameScope);
                using (var b = V1.VariableScope("b", reuse: V1.AUTO_REUSE))
                {
                    Assert.Equal("a/b", b.Name);
                    Assert.Equal("a/b/", b.OriginalNameScope);
                    Assert.Equal(ReuseMode.AutoReuse, b.Reuse);
                }

                Assert.Same(a, V1.GetVariableScope());
            }

            using (var again = V1.VariableScope("a"))
            {
                Assert.Equal("a", again.Name);
                Assert.Equal("a_1/", again.OriginalNameScope);
            }

            Assert.Same(root, V1.GetVariableScope());
        }
    }

    [Fact]
    public void AutoReuseGetsOrCreates()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            Variable first, second, other;
            using (V1.VariableScope("layer", reuse: V1.AUTO_REUSE))
            {
                first = V1.GetVariable("w", TensorShape.Scalar);
            }

            using (V1.VariableScope("layer", reuse: V1.AUTO_REUSE))
            {
                second = V1.GetVariable("w", TensorShape.Scalar);
                other = V1.GetVariable("u", TensorShape.Scalar);
            }

            Assert.Same(first, second);
            Assert.Equal("layer/u:0", other.Name);

            // AUTO_REUSE is inherited; reuse=True below it wins.
            using (V1.VariableScope("outer", reuse: V1.AUTO_REUSE))
            using (var inner = V1.VariableScope("inner"))
            {
                Assert.Equal(ReuseMode.AutoReuse, inner.Reuse);
                Assert.Same(V1.GetVariable("v", TensorShape.Scalar), V1.GetVariable("v", TensorShape.Scalar));
                using (var strict = V1.VariableScope("strict", reuse: true))
                {
                    Assert.Equal(ReuseMode.True, strict.Reuse);
                    Assert.Throws<ValueErrorException>(() => V1.GetVariable("new", TensorShape.Scalar));
                }
            }
        }
    }

    [Fact]
    public void EnteringAScopeObjectAgainReusesItsNameAndNameScope()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            Variable created;
            VariableScope scope;
            using (scope = V1.VariableScope("model"))
            {
                created = V1.GetVariable("w", TensorShape.Scalar);
            }

            using (var reentered = V1.VariableScope(scope, reuse: true))
            {
                Assert.Equal("model", reentered.Name);
                Assert.Equal("model/", reentered.OriginalNameScope);
                Assert.Same(created, V1.GetVariable("w", TensorShape.Scalar));
                Assert.Equal("model/c", Tf.Constant(1, name: "c").Op!.Name);
            }

            // Without reuse the re-entered scope keeps the object's mode (False): the name is taken.
            using (V1.VariableScope(scope))
            {
                var e = Assert.Throws<ValueErrorException>(() => V1.GetVariable("w", TensorShape.Scalar));
                Assert.StartsWith("Variable model/w already exists, disallowed.", e.Message);
            }
        }
    }

    [Fact]
    public void ReuseVariablesTurnsReuseOnForTheRestOfTheScope()
    {
        var g = new Graph();
        using (g.AsDefault())
        using (var scope = V1.VariableScope("tower"))
        {
            var w = V1.GetVariable("w", TensorShape.Scalar);
            scope.ReuseVariables();
            Assert.Equal(ReuseMode.True, V1.GetVariableScope().Reuse);
            Assert.Same(w, V1.GetVariable("w", TensorShape.Scalar));
            var e = Assert.Throws<ValueErrorException>(() => V1.GetVariable("u", TensorShape.Scalar));
            Assert.Equal(
                "Variable tower/u does not exist, or was not created with tf.get_variable(). Did you mean to set reuse=tf.AUTO_REUSE in VarScope?",
                e.Message);
        }
    }

    [Fact]
    public void EagerGetVariableRefusesReuse()
    {
        using (V1.VariableScope("eager", reuse: V1.AUTO_REUSE))
        {
            var e = Assert.Throws<InvalidOperationException>(() => V1.GetVariable("w", TensorShape.Scalar));
            Assert.Equal(
                "When eager execution is enabled variable reuse is only supported when an EagerVariableStore is active. "
                + "See the documentation on EagerVariableStore for example usage.",
                e.Message);
        }

        using (V1.VariableScope("eager"))
        {
            Assert.Equal("eager/w:0", V1.GetVariable("w", TensorShape.Scalar).Name);
        }
    }
}

/// <summary>Eager variables and the thread's global default graph's GLOBAL_STEP collection.</summary>
[Collection(GlobalDefaultGraphCollection.Name)]
public class Tf1ApiGlobalGraphTests
{
    [Fact]
    public void EagerCompatVariableJoinsOnlyTheGlobalStepCollection()
    {
        // resource_variable_ops.py: eagerly, collections are ignored except GLOBAL_STEP, which the variable joins.
        V1.ResetDefaultGraph();
        var step = V1.Variable(0L, trainable: false, collections: new[] { GraphKeys.GLOBAL_VARIABLES, GraphKeys.GLOBAL_STEP }, name: "step");
        var other = V1.Variable(1.0, collections: new[] { "mine" });
        var global = V1.GetDefaultGraph();
        Assert.Equal(new object[] { step }, global.GetCollection(GraphKeys.GLOBAL_STEP));
        Assert.Same(step, Train.GetGlobalStep());
        Assert.Empty(global.GetCollection(GraphKeys.GLOBAL_VARIABLES));
        Assert.Empty(global.GetCollection("mine"));
        Assert.Null(other.Op);
        V1.ResetDefaultGraph();
    }
}
