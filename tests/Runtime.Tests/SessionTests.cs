using System;
using System.Collections.Generic;
using Xunit;

namespace GlobalStepMigration.Runtime.Tests;

/// <summary>docs/design/runtime-semantics.md, section 3 (sessions and variables): Session.Run fetches and feeds, execution order.</summary>
public class SessionTests
{
    private sealed class Fixture
    {
        public Fixture()
        {
            using (Graph.AsDefault())
            {
                A = Tf.Constant(1, name: "a");
                B = Tf.Constant(2.5, name: "b");
                V = Tf.Variable(10L, name: "v");
                Init = Tf.Compat.V1.GlobalVariablesInitializer();
            }

            Session = new Session(Graph);
            Session.Run(Init);
        }

        public Graph Graph { get; } = new();

        public Tensor A { get; }

        public Tensor B { get; }

        public Variable V { get; }

        public Operation Init { get; }

        public Session Session { get; }
    }

    [Fact]
    public void SingleTensorGivesAnArray()
    {
        var f = new Fixture();
        var result = f.Session.Run(f.A);
        Assert.Equal(DType.Int32, result.DType);
        Assert.Equal(1, (int)result);
        Assert.Equal(10L, (long)f.Session.Run(f.V));
    }

    [Fact]
    public void OperationGivesNull()
    {
        var f = new Fixture();
        Assert.Null(f.Session.Run((object)f.Init));
        Assert.Null(f.Session.Run((object)"init"));
    }

    [Fact]
    public void ListGivesAListInTheSameOrder()
    {
        var f = new Fixture();
        var result = Assert.IsType<List<object?>>(f.Session.Run(new List<object> { f.B, f.A, f.Init, f.V }));
        Assert.Equal(4, result.Count);
        Assert.Equal(2.5, T.Value(result[0]));
        Assert.Equal(1.0, T.Value(result[1]));
        Assert.Null(result[2]);
        Assert.Equal(10.0, T.Value(result[3]));
    }

    [Fact]
    public void TupleGivesAnArrayAndNestingIsKept()
    {
        var f = new Fixture();
        var result = Assert.IsType<object?[]>(f.Session.Run((f.A, new List<object> { f.B, f.V }, f.Init)));
        Assert.Equal(3, result.Length);
        Assert.Equal(1.0, T.Value(result[0]));
        var inner = Assert.IsType<List<object?>>(result[1]);
        Assert.Equal(2.5, T.Value(inner[0]));
        Assert.Equal(10.0, T.Value(inner[1]));
        Assert.Null(result[2]);
    }

    [Fact]
    public void NameStringsAreResolvedInTheGraph()
    {
        var f = new Fixture();
        Assert.Equal(1.0, T.Value(f.Session.Run("a:0")));
        Assert.Equal(10.0, T.Value(f.Session.Run("v:0")));
        Assert.Null(f.Session.Run("a"));
        var both = Assert.IsType<List<object?>>(f.Session.Run(new[] { "a:0", "b:0" }));
        Assert.Equal(2.5, T.Value(both[1]));
        Assert.Throws<KeyNotFoundException>(() => f.Session.Run("missing:0"));
    }

    [Fact]
    public void PlaceholderIsFedAndConvertedToItsDType()
    {
        var g = new Graph();
        Tensor x, y;
        using (g.AsDefault())
        {
            x = Tf.Compat.V1.Placeholder(Tf.Float32, TensorShape.Scalar, name: "x");
            y = x * 2.0;
        }

        using var sess = new Session(g);
        var result = sess.Run(y, new FeedDict { [x] = 3 });
        Assert.Equal(DType.Float32, result.DType);
        Assert.Equal(6.0, (double)result);
    }

    [Fact]
    public void UnfedPlaceholderIsAnInvalidArgument()
    {
        var g = new Graph();
        Tensor x, y;
        using (g.AsDefault())
        {
            x = Tf.Compat.V1.Placeholder(Tf.Float32, new TensorShape(2), name: "x");
            y = x + 1.0;
        }

        using var sess = new Session(g);
        var e = Assert.Throws<InvalidArgumentException>(() => sess.Run(y));
        Assert.Equal("You must feed a value for placeholder tensor 'x' with dtype float and shape [2]", e.Message);
    }

    [Fact]
    public void FeedOfTheWrongShapeIsAValueError()
    {
        var g = new Graph();
        Tensor x;
        using (g.AsDefault())
        {
            x = Tf.Compat.V1.Placeholder(Tf.Float32, TensorShape.Partial(null, 2), name: "x");
        }

        using var sess = new Session(g);
        var e = Assert.Throws<ValueErrorException>(() => sess.Run(x, new FeedDict { [x] = new[] { 1.0, 2.0 } }));
        Assert.Equal("Cannot feed value of shape (2,) for Tensor x:0, which has shape (None, 2)", e.Message);
        var ok = sess.Run(x, new FeedDict { [x] = new[,] { { 1.0, 2.0 } } });
        Assert.Equal("[[1. 2.]]", ok.ToString());
    }

    [Fact]
    public void VariableCanBeFed()
    {
        var f = new Fixture();
        Assert.Equal(42L, (long)f.Session.Run(f.V, new FeedDict { [f.V] = 42L }));
        Assert.Equal(10L, (long)f.Session.Run(f.V));
    }

    [Fact]
    public void OperationsRunInDependencyOrderAndGroupRunsItsInputsInOrder()
    {
        var g = new Graph();
        Variable v;
        Tensor addTwo, timesTen;
        Operation init, addThenMultiply, multiplyThenAdd;
        using (g.AsDefault())
        {
            v = Tf.Variable(0.0, name: "v");
            addTwo = v.AssignAdd(2.0);
            timesTen = v.Assign(v * 10.0);
            addThenMultiply = Tf.Group(addTwo, timesTen)!;
            multiplyThenAdd = Tf.Group(timesTen, addTwo)!;
            init = Tf.Compat.V1.GlobalVariablesInitializer();
        }

        using var sess = new Session(g);
        sess.Run(init);
        sess.Run(addThenMultiply);
        Assert.Equal(20.0, (double)sess.Run(v));
        sess.Run(init);
        sess.Run(multiplyThenAdd);
        Assert.Equal(2.0, (double)sess.Run(v));
        Assert.Equal("group_deps", addThenMultiply.Name);
        Assert.Equal(new[] { addTwo.Op!, timesTen.Op! }, addThenMultiply.ControlInputs);
    }

    [Fact]
    public void ListedFetchesRunInTheOrderGivenAndEachOpRunsOncePerRun()
    {
        var g = new Graph();
        Variable v;
        Tensor inc, read;
        using (g.AsDefault())
        {
            v = Tf.Variable(0L, name: "v");
            inc = v.AssignAdd(1);
            read = v + 0;
        }

        using var sess = new Session(g);
        sess.Run(v.Initializer!);
        var readFirst = Assert.IsType<List<object?>>(sess.Run(new List<object> { read, inc, inc }));
        Assert.Equal(0.0, T.Value(readFirst[0]));
        Assert.Equal(1.0, T.Value(readFirst[1]));
        Assert.Equal(1.0, T.Value(readFirst[2]));
        Assert.Equal(1L, (long)sess.Run(v));
    }

    [Fact]
    public void ControlDependenciesRunFirst()
    {
        var g = new Graph();
        Variable v;
        Tensor after;
        using (g.AsDefault())
        {
            v = Tf.Variable(1L, name: "v");
            var inc = v.AssignAdd(5);
            using (Tf.ControlDependencies(inc))
            {
                after = Tf.Identity(Tf.Constant(0L));
            }
        }

        Assert.Single(after.Op!.ControlInputs);
        using var sess = new Session(g);
        sess.Run(v.Initializer!);
        sess.Run(after);
        Assert.Equal(6L, (long)sess.Run(v));
    }

    [Fact]
    public void GroupEagerlyIsNullAndControlDependenciesAreANoOp()
    {
        Assert.Null(Tf.Group(Tf.Constant(1)));
        using (Tf.ControlDependencies(Tf.Constant(1)))
        {
            Assert.Equal(2, (int)(Tf.Constant(1) + Tf.Constant(1)).Numpy());
        }
    }

    [Fact]
    public void ClosedSessionRefusesToRun()
    {
        var f = new Fixture();
        f.Session.Dispose();
        var e = Assert.Throws<InvalidOperationException>(() => f.Session.Run(f.A));
        Assert.Equal("Attempted to use a closed Session.", e.Message);
    }

    [Fact]
    public void FetchFromAnotherGraphIsAValueError()
    {
        var f = new Fixture();
        Tensor other;
        using (new Graph().AsDefault())
        {
            other = Tf.Constant(1, name: "other");
        }

        var e = Assert.Throws<ValueErrorException>(() => f.Session.Run(other));
        Assert.Contains("is not an element of this graph", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void IndependentFetchesRunInTheOrderListed()
    {
        var g = new Graph();
        Variable v;
        Tensor setOne, setTwo;
        using (g.AsDefault())
        {
            v = Tf.Variable(0L, name: "v");
            setOne = v.Assign(1L);
            setTwo = v.Assign(2L);
        }

        using var sess = new Session(g);
        sess.Run(new List<object> { setOne, setTwo });
        Assert.Equal(2L, (long)sess.Run(v));
        sess.Run(new List<object> { setTwo, setOne });
        Assert.Equal(1L, (long)sess.Run(v));
        sess.Run((setOne, setTwo));
        Assert.Equal(2L, (long)sess.Run(v));
    }

    [Fact]
    public void ControlDependenciesRunInTheOrderListed()
    {
        var g = new Graph();
        Variable v;
        Tensor after;
        using (g.AsDefault())
        {
            v = Tf.Variable(1L, name: "v");
            var add = v.AssignAdd(3L);
            var doubled = v.Assign(v * 2L);
            using (Tf.ControlDependencies(add, doubled))
            {
                after = Tf.Identity(Tf.Constant(0L));
            }
        }

        using var sess = new Session(g);
        sess.Run(v.Initializer!);
        sess.Run(after);

        // (1 + 3) * 2, not 1 * 2 + 3.
        Assert.Equal(8L, (long)sess.Run(v));
    }
}
