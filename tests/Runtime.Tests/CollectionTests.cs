using System;
using System.Collections.Generic;
using System.Linq;
using Xunit;
using GraphKeys = GlobalStepMigration.Runtime.Tf.Compat.V1.GraphKeys;

namespace GlobalStepMigration.Runtime.Tests;

/// <summary>docs/design/runtime-semantics.md, section 1 (graphs, collections, names): collections and their keys.</summary>
public class CollectionTests
{
    [Fact]
    public void KeysHaveTensorFlowsValues()
    {
        Assert.Equal("global_step", GraphKeys.GLOBAL_STEP);
        Assert.Equal("variables", GraphKeys.GLOBAL_VARIABLES);
        Assert.Equal("trainable_variables", GraphKeys.TRAINABLE_VARIABLES);
        Assert.Equal("train_op", GraphKeys.TRAIN_OP);
        Assert.Equal("global_step_read_op_cache", GraphKeys.GLOBAL_STEP_READ_KEY);
        Assert.Equal("local_variables", GraphKeys.LOCAL_VARIABLES);
        Assert.Equal("update_ops", GraphKeys.UPDATE_OPS);
        Assert.Equal("saveable_objects", GraphKeys.SAVEABLE_OBJECTS);
    }

    [Fact]
    public void AddToCollectionAppendsWithoutDeduplication()
    {
        var g = new Graph();
        var item = new object();
        g.AddToCollection("k", item);
        g.AddToCollection("k", item);
        Assert.Equal(new[] { item, item }, g.GetCollection("k"));
    }

    [Fact]
    public void AddToCollectionsDeduplicatesTheNames()
    {
        var g = new Graph();
        g.AddToCollections(new[] { "a", "b", "a" }, "x");
        Assert.Single(g.GetCollection("a"));
        Assert.Single(g.GetCollection("b"));
    }

    [Fact]
    public void GetCollectionReturnsACopyInInsertionOrder()
    {
        var g = new Graph();
        g.AddToCollection("k", "first");
        g.AddToCollection("k", "second");
        var copy = g.GetCollection("k");
        Assert.Equal(new object[] { "first", "second" }, copy);
        copy.Clear();
        Assert.Equal(2, g.GetCollection("k").Count);
    }

    [Fact]
    public void MissingCollectionIsEmptyAndNotCreated()
    {
        var g = new Graph();
        Assert.Empty(g.GetCollection("missing"));
        Assert.DoesNotContain("missing", g.GetAllCollectionKeys());
    }

    [Fact]
    public void GetCollectionRefIsTheLiveListAndCreatesIt()
    {
        var g = new Graph();
        var live = g.GetCollectionRef("k");
        Assert.Contains("k", g.GetAllCollectionKeys());
        live.Add("added through the ref");
        Assert.Equal(new object[] { "added through the ref" }, g.GetCollection("k"));
        g.AddToCollection("k", "added through the graph");
        Assert.Equal(2, live.Count);
        Assert.Same(live, g.GetCollectionRef("k"));
    }

    [Fact]
    public void ScopeFiltersByNameMatchedAtTheStart()
    {
        var g = new Graph();
        Variable aw, abw, bw;
        using (g.AsDefault())
        {
            using (Tf.NameScope("a"))
            {
                aw = Tf.Variable(1.0, name: "w");
            }

            using (Tf.NameScope("ab"))
            {
                abw = Tf.Variable(1.0, name: "w");
            }

            using (Tf.NameScope("b"))
            {
                bw = Tf.Variable(1.0, name: "w");
            }
        }

        g.AddToCollection(GraphKeys.GLOBAL_VARIABLES, "a string has no name");
        Assert.Equal(new object[] { aw, abw }, g.GetCollection(GraphKeys.GLOBAL_VARIABLES, "a"));
        Assert.Equal(new object[] { aw }, g.GetCollection(GraphKeys.GLOBAL_VARIABLES, "a/"));
        Assert.Equal(new object[] { aw, bw }, g.GetCollection(GraphKeys.GLOBAL_VARIABLES, "(a|b)/"));
        Assert.Empty(g.GetCollection(GraphKeys.GLOBAL_VARIABLES, "w"));
        Assert.Equal(4, g.GetCollection(GraphKeys.GLOBAL_VARIABLES).Count);
    }

    [Fact]
    public void ScopeMatchesTensorAndOperationNames()
    {
        var g = new Graph();
        Tensor c;
        using (g.AsDefault())
        using (Tf.NameScope("s"))
        {
            c = Tf.Constant(1, name: "c");
        }

        g.AddToCollection("k", c);
        g.AddToCollection("k", c.Op!);
        Assert.Equal(new object[] { c, c.Op! }, g.GetCollection("k", "s/c"));
        Assert.Empty(g.GetCollection("k", "c"));
    }

    [Fact]
    public void FinalizedGraphRefusesAdditions()
    {
        var g = new Graph();
        g.FinalizeGraph();
        var e = Assert.Throws<InvalidOperationException>(() => g.AddToCollection("k", 1));
        Assert.Equal("Graph is finalized and cannot be modified.", e.Message);
        Assert.Throws<InvalidOperationException>(() => g.AddToCollections(new[] { "k" }, 1));
        Assert.Empty(g.GetCollection("k"));
    }

    [Fact]
    public void GraphVariablesJoinGlobalAndTrainableCollections()
    {
        var g = new Graph();
        Variable trainable, frozen;
        using (g.AsDefault())
        {
            trainable = Tf.Variable(1.0, name: "w");
            frozen = Tf.Variable(1.0, trainable: false, name: "f");
        }

        Assert.Equal(new object[] { trainable, frozen }, g.GetCollection(GraphKeys.GLOBAL_VARIABLES));
        Assert.Equal(new object[] { trainable }, g.GetCollection(GraphKeys.TRAINABLE_VARIABLES));
    }

    [Fact]
    public void EagerVariablesJoinNoCollection()
    {
        var before = Tf.Compat.V1.GetDefaultGraph().GetCollection(GraphKeys.GLOBAL_VARIABLES).Count;
        var v = Tf.Variable(1.0);
        Assert.DoesNotContain(v, Tf.Compat.V1.GetDefaultGraph().GetCollection(GraphKeys.GLOBAL_VARIABLES));
        Assert.DoesNotContain(v, Tf.Compat.V1.GetDefaultGraph().GetCollection(GraphKeys.TRAINABLE_VARIABLES));
        Assert.Equal(before, Tf.Compat.V1.GetDefaultGraph().GetCollection(GraphKeys.GLOBAL_VARIABLES).Count);
    }

    [Fact]
    public void CompatFunctionsUseTheDefaultGraph()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            Tf.Compat.V1.AddToCollection("k", "v");
            Assert.Equal(new object[] { "v" }, Tf.Compat.V1.GetCollection("k"));
            Assert.Same(g.GetCollectionRef("k"), Tf.Compat.V1.GetCollectionRef("k"));
        }

        Assert.Equal(new object[] { "v" }, g.GetCollection("k"));
    }
}
