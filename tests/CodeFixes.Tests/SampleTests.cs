using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading.Tasks;
using GlobalStepMigration.TestKit;
using Microsoft.CodeAnalysis.CodeFixes;
using Xunit;

namespace GlobalStepMigration.CodeFixes.Tests;

/// <summary>
/// samples/LegacyTraining (three units: a graph program, a field with a decay, half-migrated eager code)
/// migrated the way <c>dotnet format analyzers</c> does it: one fix-all per rule ID, one pass, with the
/// action offered first. The result must equal Expected/LegacyTraining.after.cs, compile cleanly and
/// print exactly what the legacy program prints.
/// </summary>
public sealed class SampleTests
{
    private static readonly string Root = typeof(SampleTests).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(attribute => attribute.Key == "RepositoryRoot").Value!;

    [Fact]
    public async Task LegacyTraining_MigratesToTheExpectedProgram_AndPrintsTheSame()
    {
        var before = File.ReadAllText(Path.Combine(Root, "samples", "LegacyTraining", "Program.cs")).Replace("\r\n", "\n");
        var expectedPath = Path.Combine(Root, "tests", "CodeFixes.Tests", "Expected", "LegacyTraining.after.cs");
        var harness = FixHarness.Create(before);
        var beforeOutput = ProgramRunner.Output(await harness.CompilationAsync());

        foreach (var id in new[] { "GSM001", "GSM002", "GSM003" })
        {
            await harness.FixAllAsync(FixAllScope.Solution, GlobalStepFixes.UseOptimizerIterationsKey, id);
        }

        var after = harness.Text();
        if (Environment.GetEnvironmentVariable("GSM_UPDATE_EXPECTED") == "1")
        {
            File.WriteAllText(expectedPath, after);
        }

        Assert.Equal(File.ReadAllText(expectedPath).Replace("\r\n", "\n"), after);
        var compilation = await harness.CompilationAsync();
        Assert.Empty(TestCompilation.Problems(compilation));
        Assert.DoesNotContain(await harness.DiagnosticsAsync(), d => d.Id is "GSM001" or "GSM002" or "GSM003");
        Assert.Equal(beforeOutput, ProgramRunner.Output(compilation));
    }

    public static TheoryData<string, int> FormatRuns()
    {
        var data = new TheoryData<string, int>();
        foreach (var order in new[] { "GSM001 GSM002 GSM003", "GSM001 GSM003 GSM002", "GSM002 GSM001 GSM003", "GSM002 GSM003 GSM001", "GSM003 GSM001 GSM002", "GSM003 GSM002 GSM001" })
        {
            for (var first = 0; first < 5; first++)
            {
                data.Add(order, first);
            }
        }

        return data;
    }

    /// <summary>
    /// dotnet format takes the rule IDs in no fixed order and starts each fix-all from whichever
    /// diagnostic analysis happened to list first, under the key of that site's first action. Every
    /// such run must write the same program as above.
    /// </summary>
    [Theory]
    [MemberData(nameof(FormatRuns))]
    public async Task LegacyTraining_DotnetFormatWritesTheSameProgram_WhateverTheOrderOfIdsAndSites(string order, int first)
    {
        var before = File.ReadAllText(Path.Combine(Root, "samples", "LegacyTraining", "Program.cs")).Replace("\r\n", "\n");
        var expected = File.ReadAllText(Path.Combine(Root, "tests", "CodeFixes.Tests", "Expected", "LegacyTraining.after.cs")).Replace("\r\n", "\n");
        var harness = FixHarness.Create(before);

        await harness.DotnetFormatAsync(order.Split(' '), first);

        Assert.Equal(expected, harness.Text());
    }
}
