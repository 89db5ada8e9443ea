using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using GlobalStepMigration.TestKit;
using Xunit;
using Xunit.Abstractions;

namespace GlobalStepMigration.Reliability.Tests;

/// <summary>The corpus is what the fuzzer mutates: every program but the broken one compiles cleanly, runs, and is flagged.</summary>
public sealed class CorpusTests
{
    private readonly ITestOutputHelper _output;

    public CorpusTests(ITestOutputHelper output) => _output = output;

    public static IEnumerable<object[]> Runnable() => Corpus.Runnable.Select(p => new object[] { p.Name });

    [Fact]
    public void CoversEveryPattern()
    {
        // docs/design/patterns.md names each pattern; the corpus has a program of each, and no program of another.
        var patterns = Corpus.All.Select(p => TestPrograms.PatternOf(p.Name)).Distinct().ToList();
        Assert.Equal(TestPrograms.PatternNames.OrderBy(n => n, System.StringComparer.Ordinal), patterns.OrderBy(n => n, System.StringComparer.Ordinal));
    }

    [Fact]
    public void ProgramRunner_CapturesOutput_AndRejectsWarningsAndFailures()
    {
        Assert.Equal(new ProgramRun(true, "1\n2\n"), ProgramRunner.Run(Sandbox.Compile("System.Console.WriteLine(1);\nSystem.Console.WriteLine(2);")));

        var warning = ProgramRunner.Run(Sandbox.Compile("string? s = null;\nSystem.Console.WriteLine(s.Length);"));
        Assert.False(warning.Ok);
        Assert.Contains("CS8602", warning.Output);

        var thrown = ProgramRunner.Run(Sandbox.Compile("System.Console.WriteLine(\"before\");\nthrow new System.InvalidOperationException(\"boom\");"));
        Assert.False(thrown.Ok);
        Assert.Contains("before", thrown.Output);
        Assert.Contains("boom", thrown.Output);
    }

    [Theory]
    [MemberData(nameof(Runnable))]
    public async Task CompilesRunsAndIsFlagged(string name)
    {
        var compilation = Sandbox.Compile(Corpus.Get(name));
        var (ok, output) = ProgramRunner.Run(compilation);
        _output.WriteLine(output);
        Assert.True(ok, output);
        Assert.NotEmpty(output);

        var run = await AnalyzerRunner.RunAsync(compilation, concurrent: true);
        Assert.Empty(run.Crashes);
        Assert.NotEmpty(run.Diagnostics);
        _output.WriteLine(run.Fingerprint);
    }
}
