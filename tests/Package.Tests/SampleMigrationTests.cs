using System;
using System.IO;
using System.Linq;
using Xunit;

namespace GlobalStepMigration.Package.Tests;

/// <summary>
/// The README's path for someone working on this repository: the bundled legacy sample, built in
/// place with project references (not the package), shows its warnings, and one
/// <c>dotnet format analyzers</c> run migrates it to what the in-process fix-all writes
/// (tests/CodeFixes.Tests/Expected/LegacyTraining.after.cs) and keeps what it prints.
/// </summary>
/// <remarks>
/// The sample is copied to a sibling folder of samples/LegacyTraining so that its relative project
/// references and samples/Directory.Build.props apply unchanged, and the checked-in sample is never
/// modified; the copy is deleted afterwards.
/// </remarks>
public sealed class SampleMigrationTests : IDisposable
{
    private readonly string _repo = DotNet.RepositoryRoot();
    private readonly string _copy;

    public SampleMigrationTests()
    {
        _copy = Path.Combine(_repo, "samples", "LegacyTraining.e2e-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(_copy);
        foreach (var name in new[] { "LegacyTraining.csproj", "Program.cs" })
        {
            File.Copy(Path.Combine(_repo, "samples", "LegacyTraining", name), Path.Combine(_copy, name));
        }
    }

    [Fact]
    public void ReadmeFormatCommandMigratesTheInRepositorySampleInOneRun()
    {
        var (code, output) = Run("build");
        Assert.True(code == 0, output);
        var sites = ConsumerFixture.ReportedSites(output);
        foreach (var id in new[] { "GSM001", "GSM002", "GSM003" })
        {
            Assert.Contains(sites, s => s.Id == id);
        }

        (code, var before) = Run("run", "--no-build");
        Assert.True(code == 0, before);

        (code, output) = Run(ConsumerFixture.Format.Append("--verify-no-changes").ToArray());
        Assert.True(code != 0, "--verify-no-changes should fail on the legacy sample:\n" + output);
        Assert.Equal(
            sites.Where(s => s.Id != "GSM004").ToList(),
            ConsumerFixture.ReportedSites(output));

        (code, output) = Run(ConsumerFixture.Format);
        Assert.True(code == 0, output);
        Assert.DoesNotContain("Unable to fix", output);
        var expected = File.ReadAllText(Path.Combine(_repo, "tests", "CodeFixes.Tests", "Expected", "LegacyTraining.after.cs"));
        Assert.Equal(expected.Replace("\r\n", "\n"), File.ReadAllText(Path.Combine(_copy, "Program.cs")).Replace("\r\n", "\n"));

        (code, output) = Run("build", "--no-incremental");
        Assert.True(code == 0, output);
        Assert.DoesNotContain(ConsumerFixture.ReportedSites(output), s => s.Id is "GSM001" or "GSM002" or "GSM003");

        (code, output) = Run(ConsumerFixture.Format.Append("--verify-no-changes").ToArray());
        Assert.True(code == 0, "a second run should change nothing:\n" + output);

        (code, var after) = Run("run", "--no-build");
        Assert.True(code == 0, after);
        Assert.Equal(before, after);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_copy, recursive: true);
        }
        catch (IOException)
        {
            // A leftover copy is ignored by git (.gitignore) and by the solution.
        }
    }

    private (int ExitCode, string Output) Run(params string[] args) => DotNet.Run(_copy, nugetPackages: null, args);
}
