using System.Linq;
using Xunit;

namespace GlobalStepMigration.Package.Tests;

/// <summary>The CI path: gate with --verify-no-changes, migrate with one dotnet format run, behaviour kept.</summary>
[Collection(ConsumerCollection.Name)]
public sealed class FormatTests
{
    private readonly ConsumerFixture _fixture;

    public FormatTests(ConsumerFixture fixture) => _fixture = fixture;

    [Fact]
    public void DotnetFormatMigratesInOneRunAndKeepsWhatTheProgramPrints()
    {
        var dir = _fixture.CreateConsumer(ConsumerFixture.LegacyProgram);
        var (code, before) = _fixture.Run(dir, "build");
        Assert.True(code == 0, before);
        (code, before) = _fixture.Run(dir, "run", "--no-build");
        Assert.True(code == 0, before);

        (code, var output) = _fixture.Run(dir, ConsumerFixture.Format.Append("--verify-no-changes").ToArray());
        Assert.True(code != 0, "--verify-no-changes should fail on legacy code:\n" + output);

        (code, output) = _fixture.Run(dir, ConsumerFixture.Format);
        Assert.True(code == 0, output);
        Assert.DoesNotContain("Unable to fix", output);

        (code, output) = _fixture.Run(dir, "build", "--no-incremental");
        Assert.True(code == 0, output);
        Assert.DoesNotContain(ConsumerFixture.ReportedSites(output), s => s.Id is "GSM001" or "GSM002" or "GSM003");

        (code, output) = _fixture.Run(dir, ConsumerFixture.Format.Append("--verify-no-changes").ToArray());
        Assert.True(code == 0, "a second run should change nothing:\n" + output);

        (code, var after) = _fixture.Run(dir, "run", "--no-build");
        Assert.True(code == 0, after);
        Assert.Equal(before, after);
    }
}
