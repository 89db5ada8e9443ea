using System;
using System.Linq;
using Xunit;

namespace GlobalStepMigration.Runtime.Tests;

/// <summary>docs/design/runtime-semantics.md, section 1 (graphs, collections, names): the default graph stack, unique names, finalize.</summary>
public class GraphTests
{
    [Fact]
    public void AsDefaultPushesAndDisposingPops()
    {
        var g = new Graph();
        Assert.NotSame(g, Tf.Compat.V1.GetDefaultGraph());
        using (g.AsDefault())
        {
            Assert.Same(g, Tf.Compat.V1.GetDefaultGraph());
        }

        Assert.NotSame(g, Tf.Compat.V1.GetDefaultGraph());
    }

    [Fact]
    public void NestedDefaultsFormAStack()
    {
        var outer = new Graph();
        var inner = new Graph();
        using (outer.AsDefault())
        {
            using (inner.AsDefault())
            {
                Assert.Same(inner, Tf.Compat.V1.GetDefaultGraph());
            }

            Assert.Same(outer, Tf.Compat.V1.GetDefaultGraph());
        }
    }

    [Fact]
    public void DisposingOutOfOrderIsANestingViolation()
    {
        var g1 = new Graph();
        var g2 = new Graph();
        var s1 = g1.AsDefault();
        var s2 = g2.AsDefault();
        var e = Assert.Throws<InvalidOperationException>(() => s1.Dispose());
        Assert.StartsWith("Nesting violated for default stack", e.Message);
        Assert.Same(g2, Tf.Compat.V1.GetDefaultGraph());
        s2.Dispose();
        s1.Dispose();
        Assert.True(Tf.ExecutingEagerly());
    }

    [Fact]
    public void InsideAsDefaultOpsAreGraphOpsOutsideTheyAreEager()
    {
        var g = new Graph();
        Tensor symbolic;
        using (g.AsDefault())
        {
            Assert.False(Tf.ExecutingEagerly());
            symbolic = Tf.Constant(2) + Tf.Constant(3);
        }

        Assert.True(Tf.ExecutingEagerly());
        Assert.NotNull(symbolic.Op);
        Assert.Same(g, symbolic.Graph);
        Assert.Throws<InvalidOperationException>(() => symbolic.Numpy());

        var eager = Tf.Constant(2) + Tf.Constant(3);
        Assert.Null(eager.Op);
        Assert.Equal(5, (int)eager.Numpy());
    }

    [Fact]
    public void RepeatedNamesGetNumberedSuffixes()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            Assert.Equal("c", Tf.Constant(1, name: "c").Op!.Name);
            Assert.Equal("c_1", Tf.Constant(1, name: "c").Op!.Name);
            Assert.Equal("c_2", Tf.Constant(1, name: "c").Op!.Name);
        }
    }

    [Fact]
    public void NamesCollideCaseInsensitivelyAndKeepTheirCasing()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            Assert.Equal("global_step", Tf.Constant(1, name: "global_step").Op!.Name);
            Assert.Equal("Global_Step_1", Tf.Constant(1, name: "Global_Step").Op!.Name);
            Assert.Equal("GLOBAL_STEP_2", Tf.Constant(1, name: "GLOBAL_STEP").Op!.Name);
        }
    }

    [Fact]
    public void UniqueNameSkipsSuffixesAlreadyTaken()
    {
        var g = new Graph();
        Assert.Equal("a", g.UniqueName("a"));
        Assert.Equal("a_1", g.UniqueName("a_1"));
        Assert.Equal("a_2", g.UniqueName("a"));
        Assert.Equal("a_1_1", g.UniqueName("a_1"));
    }

    [Fact]
    public void UniqueNameWithoutMarkingDoesNotReserve()
    {
        var g = new Graph();
        Assert.Equal("x", g.UniqueName("x", markAsUsed: false));
        Assert.Equal("x", g.UniqueName("x"));
        Assert.Equal("x_1", g.UniqueName("x", markAsUsed: false));
        Assert.Equal("x_1", g.UniqueName("x"));
    }

    [Fact]
    public void InvalidOpNameIsAValueError()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var e = Assert.Throws<ValueErrorException>(() => Tf.Constant(1, name: "bad name"));
            Assert.Equal("'bad name' is not a valid node name", e.Message);
        }
    }

    [Fact]
    public void OperationsAreListedInCreationOrder()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            Tf.Constant(1, name: "first");
            Tf.Constant(2, name: "second");
        }

        Assert.Equal(new[] { "first", "second" }, g.GetOperations().Select(o => o.Name));
        Assert.Equal("second", g.GetOperationByName("second").Name);
        Assert.Equal("Const", g.GetOperationByName("first").Type);
    }

    [Fact]
    public void FinalizedGraphRefusesNewOperationsButStillRuns()
    {
        var g = new Graph();
        Tensor c;
        using (g.AsDefault())
        {
            c = Tf.Constant(7, name: "c");
        }

        g.FinalizeGraph();
        Assert.True(g.Finalized);
        using (g.AsDefault())
        {
            var e = Assert.Throws<InvalidOperationException>(() => Tf.Constant(1));
            Assert.Equal("Graph is finalized and cannot be modified.", e.Message);
        }

        using var sess = new Session(g);
        Assert.Equal(7, (int)sess.Run(c));
    }

    [Fact]
    public void ResetDefaultGraphInsideANestedGraphIsRefused()
    {
        using (new Graph().AsDefault())
        {
            var e = Assert.Throws<InvalidOperationException>(Tf.Compat.V1.ResetDefaultGraph);
            Assert.StartsWith("Do not use tf.reset_default_graph() to clear nested graphs.", e.Message);
        }
    }

    [Fact]
    public void SessionWithoutGraphUsesTheDefaultGraph()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            using var sess = Tf.Compat.V1.Session();
            Assert.Same(g, sess.Graph);
        }
    }
}

/// <summary>docs/design/runtime-semantics.md, section 1 (graphs, collections, names): the lazily created global default graph when no graph is pushed.</summary>
[Collection(GlobalDefaultGraphCollection.Name)]
public class GlobalDefaultGraphTests
{
    [Fact]
    public void EmptyStackGivesOneLazilyCreatedDefaultGraph()
    {
        Tf.Compat.V1.ResetDefaultGraph();
        var first = Tf.Compat.V1.GetDefaultGraph();
        Assert.Same(first, Tf.Compat.V1.GetDefaultGraph());
        Assert.True(Tf.ExecutingEagerly());
        Tf.Compat.V1.ResetDefaultGraph();
        Assert.NotSame(first, Tf.Compat.V1.GetDefaultGraph());
    }

    [Fact]
    public void PushedGraphHidesTheGlobalDefaultGraph()
    {
        Tf.Compat.V1.ResetDefaultGraph();
        var global = Tf.Compat.V1.GetDefaultGraph();
        var g = new Graph();
        using (g.AsDefault())
        {
            Assert.Same(g, Tf.Compat.V1.GetDefaultGraph());
        }

        Assert.Same(global, Tf.Compat.V1.GetDefaultGraph());
    }
}
