using System;
using System.Collections.Immutable;
using System.Linq;
using Xunit;

namespace GlobalStepMigration.Analyzers.Tests;

/// <summary>The one table from blocker kinds to text: every kind has its own reason, and the order of reasons does not depend on text.</summary>
public sealed class BlockerTextTests
{
    public static TheoryData<string> Kinds()
    {
        var data = new TheoryData<string>();
        foreach (var kind in Enum.GetNames<BlockerKind>())
        {
            data.Add(kind);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void EveryKindHasItsOwnText_AndTheSeparatorBelongsToTheTable(string name)
    {
        var kind = Enum.Parse<BlockerKind>(name);
        var blocker = new Blocker(kind) { Line = 7, Lines = ImmutableArray.Create(3, 4), Api = "Minimize", Name = "step", Owner = "T", Graph = "g", Code = "x", Names = ImmutableArray.Create("a", "b"), DType = "int32", Library = "L" };
        var reason = BlockerText.Reason(blocker);
        Assert.NotEqual(kind.ToString(), reason);
        Assert.DoesNotContain("; ", reason, StringComparison.Ordinal);
        var full = BlockerText.WithAdvice(blocker);
        Assert.StartsWith(reason, full, StringComparison.Ordinal);
        Assert.True(full == reason || full.StartsWith(reason + "; ", StringComparison.Ordinal));
    }

    [Fact]
    public void ReasonsAreOrderedByLineThenKind_NotByText()
    {
        var written = new Blocker(BlockerKind.Written) { Api = "Assign", Line = 5 };
        var passed = new Blocker(BlockerKind.PassedToUnknownCode) { Name = "Zeta", Line = 5 };
        var earlier = new Blocker(BlockerKind.Reassigned) { Line = 2 };
        var noLine = new Blocker(BlockerKind.DecayWithoutSchedule) { Api = "NaturalExpDecay" };
        var ordered = new[] { noLine, written, passed, earlier }.OrderBy(b => b).ToList();
        Assert.Equal(new[] { earlier, passed, written, noLine }, ordered);
    }

    [Fact]
    public void FixAOnlyKinds_HaveNoAdvice_AsTheirMessagesNeverHad()
    {
        foreach (var kind in new[] { BlockerKind.OptimizerNotStored, BlockerKind.SeveralOptimizers, BlockerKind.AlsoIncrementedByHand, BlockerKind.NoOptimizer, BlockerKind.IncrementNotAfterKerasUpdate, BlockerKind.SeveralKerasOptimizers, BlockerKind.DTypeObserved, BlockerKind.IterationsNotPublic })
        {
            var blocker = new Blocker(kind) { Line = 1, DType = "int32", Names = ImmutableArray.Create("a", "b") };
            Assert.Equal(BlockerText.Reason(blocker), BlockerText.WithAdvice(blocker));
        }
    }
}
