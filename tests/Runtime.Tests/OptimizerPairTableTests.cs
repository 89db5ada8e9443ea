using System;
using System.Linq;
using GlobalStepMigration.Analyzers;
using Xunit;

namespace GlobalStepMigration.Runtime.Tests;

/// <summary>
/// The tables fix A writes from are exactly what <see cref="OptimizerPairTests"/> proves bit-identical in this runtime:
/// the optimizer pairs of the map (<c>LibraryConventions.OptimizerPairs</c>, with whether a decayed rate is proved too)
/// and the decays the map gives a Keras schedule. Adding a pair the tests do not prove, or missing one they do, fails here.
/// </summary>
public sealed class OptimizerPairTableTests
{
    [Fact]
    public void OptimizerPairTable_IsTheSetThePairTestsProve()
    {
        var table = LegacyApiMap.GlobalStepMigrationRuntime.Conventions.OptimizerPairs
            .SelectMany(pair => pair.DecayedRate
                ? new[] { (pair.Tf1Name, pair.KerasFactory, false), (pair.Tf1Name, pair.KerasFactory, true) }
                : new[] { (pair.Tf1Name, pair.KerasFactory, false) })
            .OrderBy(entry => entry.ToString(), StringComparer.Ordinal);
        var proved = OptimizerPairTests.ProvedPairs
            .Select(pair => (pair.Tf1Name, pair.KerasFactory, pair.Decayed))
            .OrderBy(entry => entry.ToString(), StringComparer.Ordinal);
        Assert.Equal(proved, table);

        // A pair with a decayed rate only would be a table the fix cannot read: a constant rate is proved first.
        Assert.All(OptimizerPairTests.ProvedPairs.Where(pair => pair.Decayed), pair => Assert.Contains((pair.Tf1Name, pair.KerasFactory, false), OptimizerPairTests.ProvedPairs));
    }

    [Fact]
    public void DecaySchedules_AreTheSetThePairTestsProve()
    {
        var map = LegacyApiMap.GlobalStepMigrationRuntime.Entries
            .Where(entry => entry.Kind == ApiKind.Decay && entry.Schedule is not null)
            .Select(entry => (entry.MemberName, entry.Schedule!.FactoryName))
            .OrderBy(entry => entry.MemberName, StringComparer.Ordinal);
        Assert.Equal(OptimizerPairTests.ProvedSchedules.OrderBy(entry => entry.Decay, StringComparer.Ordinal), map);

        // A decay the tests prove no schedule for blocks its unit instead.
        foreach (var candidate in OptimizerPairTests.ScheduleCandidates.Where(c => !OptimizerPairTests.ProvedSchedules.Any(p => p.Decay == c.Decay)))
        {
            Assert.Equal(BlockerKind.DecayWithoutSchedule, LegacyApiMap.GlobalStepMigrationRuntime.Decay(candidate.Decay)?.Blocks);
        }
    }
}
