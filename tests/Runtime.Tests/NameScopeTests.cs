using Xunit;

namespace GlobalStepMigration.Runtime.Tests;

/// <summary>docs/design/runtime-semantics.md, section 1 (graphs, collections, names): name scopes.</summary>
public class NameScopeTests
{
    [Fact]
    public void ScopePrefixesOpNames()
    {
        var g = new Graph();
        using (g.AsDefault())
        using (var scope = Tf.NameScope("a"))
        {
            Assert.Equal("a/", scope.Name);
            Assert.Equal("a/c", Tf.Constant(1, name: "c").Op!.Name);
            Assert.Equal("a", g.CurrentNameScope);
        }

        Assert.Equal("", g.CurrentNameScope);
    }

    [Fact]
    public void RepeatedScopeIsMadeUnique()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            using (var first = Tf.NameScope("a"))
            {
                Assert.Equal("a/", first.Name);
            }

            using (var second = Tf.NameScope("a"))
            {
                Assert.Equal("a_1/", second.Name);
                Assert.Equal("a_1/c", Tf.Constant(1, name: "c").Op!.Name);
            }
        }
    }

    [Fact]
    public void NestedScopesJoinWithSlashes()
    {
        var g = new Graph();
        using (g.AsDefault())
        using (Tf.NameScope("a"))
        using (var inner = Tf.NameScope("b"))
        {
            Assert.Equal("a/b/", inner.Name);
            Assert.Equal("a/b/c", Tf.Constant(1, name: "c").Op!.Name);
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void NullOrEmptyResetsToTheRoot(string? name)
    {
        var g = new Graph();
        using (g.AsDefault())
        using (Tf.NameScope("a"))
        {
            using (var root = Tf.NameScope(name))
            {
                Assert.Equal("", root.Name);
                Assert.Equal("c", Tf.Constant(1, name: "c").Op!.Name);
            }

            Assert.Equal("a/d", Tf.Constant(1, name: "d").Op!.Name);
        }
    }

    [Fact]
    public void TrailingSlashReentersTheExactScope()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            using (Tf.NameScope("a"))
            {
                Tf.Constant(1, name: "c");
            }

            using (Tf.NameScope("other"))
            using (var again = Tf.NameScope("a/"))
            {
                Assert.Equal("a/", again.Name);
                Assert.Equal("a/c_1", Tf.Constant(1, name: "c").Op!.Name);
                Assert.Equal("a/d", Tf.Constant(1, name: "d").Op!.Name);
            }

            using (var unique = Tf.NameScope("a"))
            {
                Assert.Equal("a_1/", unique.Name);
            }
        }
    }

    [Fact]
    public void InvalidRootScopeNameIsRejected()
    {
        var g = new Graph();
        var e = Assert.Throws<ValueErrorException>(() => g.NameScope("_a"));
        Assert.Equal(
            "'_a' is not a valid root scope name. A root scope name has to match the following pattern: ^[A-Za-z0-9.][A-Za-z0-9_.\\-/]*$",
            e.Message);
        Assert.Equal("", g.CurrentNameScope);
    }

    [Fact]
    public void NestedScopeNamesMayStartWithUnderscoreButNotContainSpaces()
    {
        var g = new Graph();
        using (g.NameScope("a"))
        {
            using (var inner = g.NameScope("_b"))
            {
                Assert.Equal("a/_b/", inner.Name);
            }

            var e = Assert.Throws<ValueErrorException>(() => g.NameScope("b c"));
            Assert.Equal(
                "'b c' is not a valid scope name. A scope name has to match the following pattern: ^[A-Za-z0-9_.\\-/]*$",
                e.Message);
        }
    }

    [Fact]
    public void VariablesTakeTheNameScope()
    {
        var g = new Graph();
        using (g.AsDefault())
        using (Tf.NameScope("s"))
        {
            var v = Tf.Variable(0, name: "v");
            Assert.Equal("s/v:0", v.Name);
            Assert.Equal("s/v", v.Op!.Name);
        }
    }
}
