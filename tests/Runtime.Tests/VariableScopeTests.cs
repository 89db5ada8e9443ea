using Xunit;

namespace GlobalStepMigration.Runtime.Tests;

/// <summary>docs/design/runtime-semantics.md, section 1 (graphs, collections, names): variable scopes and GetVariable.</summary>
public class VariableScopeTests
{
    [Fact]
    public void GetVariableTakesTheVariableScopeNotTheNameScope()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            using (Tf.NameScope("ns"))
            {
                Assert.Equal("w:0", Tf.Compat.V1.GetVariable("w", TensorShape.Scalar).Name);
            }

            using (Tf.Compat.V1.VariableScope("vs"))
            using (Tf.NameScope("ns"))
            {
                Assert.Equal("vs/x:0", Tf.Compat.V1.GetVariable("x", TensorShape.Scalar).Name);
                Assert.Equal("vs/ns/c", Tf.Constant(1, name: "c").Op!.Name);
            }
        }
    }

    [Fact]
    public void NestedVariableScopesJoin()
    {
        var g = new Graph();
        using (g.AsDefault())
        using (Tf.Compat.V1.VariableScope("a"))
        using (Tf.Compat.V1.VariableScope("b"))
        {
            Assert.Equal("a/b/w:0", Tf.Compat.V1.GetVariable("w", TensorShape.Scalar).Name);
        }
    }

    [Fact]
    public void ReopenedVariableScopeKeepsItsNameWhileTheNameScopeIsUniquified()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            using (Tf.Compat.V1.VariableScope("vs"))
            {
                Tf.Compat.V1.GetVariable("w", TensorShape.Scalar);
            }

            using (Tf.Compat.V1.VariableScope("vs"))
            {
                Assert.Equal("vs/u:0", Tf.Compat.V1.GetVariable("u", TensorShape.Scalar).Name);
                Assert.Equal("vs_1/c", Tf.Constant(1, name: "c").Op!.Name);
            }
        }
    }

    [Fact]
    public void SameNameTwiceWithoutReuseIsDisallowed()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            Tf.Compat.V1.GetVariable("global_step", TensorShape.Scalar, DType.Int64);
            var e = Assert.Throws<ValueErrorException>(() => Tf.Compat.V1.GetVariable("global_step", TensorShape.Scalar, DType.Int64));
            Assert.Equal(
                "Variable global_step already exists, disallowed. Did you mean to set reuse=True or reuse=tf.AUTO_REUSE in VarScope?",
                e.Message);
        }
    }

    [Fact]
    public void ReuseReturnsTheExistingVariable()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            Variable created;
            using (Tf.Compat.V1.VariableScope("vs"))
            {
                created = Tf.Compat.V1.GetVariable("w", new TensorShape(2));
            }

            using (Tf.Compat.V1.VariableScope("vs", reuse: true))
            {
                Assert.Same(created, Tf.Compat.V1.GetVariable("w", new TensorShape(2)));
                Assert.Same(created, Tf.Compat.V1.GetVariable("w"));
            }
        }
    }

    [Fact]
    public void ReuseOfAMissingVariableIsAnError()
    {
        var g = new Graph();
        using (g.AsDefault())
        using (Tf.Compat.V1.VariableScope("vs", reuse: true))
        {
            var e = Assert.Throws<ValueErrorException>(() => Tf.Compat.V1.GetVariable("w", TensorShape.Scalar));
            Assert.Equal(
                "Variable vs/w does not exist, or was not created with tf.get_variable(). Did you mean to set reuse=tf.AUTO_REUSE in VarScope?",
                e.Message);
        }
    }

    [Fact]
    public void ReuseIsInheritedAndCannotBeTurnedOffBelow()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            Variable created;
            using (Tf.Compat.V1.VariableScope("a"))
            using (Tf.Compat.V1.VariableScope("b"))
            {
                created = Tf.Compat.V1.GetVariable("w", TensorShape.Scalar);
            }

            using (Tf.Compat.V1.VariableScope("a", reuse: true))
            using (Tf.Compat.V1.VariableScope("b", reuse: false))
            {
                Assert.Same(created, Tf.Compat.V1.GetVariable("w", TensorShape.Scalar));
            }
        }
    }

    [Fact]
    public void SharingWithAnotherShapeOrDTypeIsAnError()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            Tf.Compat.V1.GetVariable("w", new TensorShape(2), DType.Int64);
            using (Tf.Compat.V1.VariableScope("", reuse: true))
            {
                var shape = Assert.Throws<ValueErrorException>(() => Tf.Compat.V1.GetVariable("w", new TensorShape(3), DType.Int64));
                Assert.Equal("Trying to share variable w, but specified shape (3,) and found shape (2,).", shape.Message);
                var dtype = Assert.Throws<ValueErrorException>(() => Tf.Compat.V1.GetVariable("w", new TensorShape(2)));
                Assert.Equal("Trying to share variable w, but specified dtype float32 and found dtype int64_ref.", dtype.Message);
            }
        }
    }

    [Fact]
    public void NewVariableNeedsAFullyDefinedShape()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var none = Assert.Throws<ValueErrorException>(() => Tf.Compat.V1.GetVariable("w"));
            Assert.Equal("Shape of a new variable (w) must be fully defined, but instead was <unknown>.", none.Message);
            var partial = Assert.Throws<ValueErrorException>(() => Tf.Compat.V1.GetVariable("v", TensorShape.Partial(null, 2)));
            Assert.Equal("Shape of a new variable (v) must be fully defined, but instead was (None, 2).", partial.Message);
        }
    }

    [Fact]
    public void GetVariableHonoursDTypeInitializerTrainableAndCollections()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var v = Tf.Compat.V1.GetVariable("v", new TensorShape(2), DType.Int64, Tf.Compat.V1.ConstantInitializer(3),
                trainable: false, collections: new[] { "mine" });
            Assert.Equal(DType.Int64, v.DType);
            Assert.False(v.Trainable);
            Assert.Equal(new object[] { v }, g.GetCollection("mine"));
            Assert.Empty(g.GetCollection(Tf.Compat.V1.GraphKeys.GLOBAL_VARIABLES));
            var w = Tf.Compat.V1.GetVariable("w", TensorShape.Scalar);
            Assert.Equal(DType.Float32, w.DType);
            Assert.True(w.Trainable);
            Assert.Equal(new object[] { w }, g.GetCollection(Tf.Compat.V1.GraphKeys.TRAINABLE_VARIABLES));

            using var sess = new Session(g);
            sess.Run(v.Initializer!);
            sess.Run(w.Initializer!);
            Assert.Equal("[3 3]", sess.Run(v).ToString());
            Assert.Equal(0.0, (double)sess.Run(w));
        }
    }

    [Fact]
    public void GetVariableTakesAnExistingOpsNameWithASuffix()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            Tf.Constant(1, name: "w");
            Assert.Equal("w_1:0", Tf.Compat.V1.GetVariable("w", TensorShape.Scalar).Name);
        }
    }
}
