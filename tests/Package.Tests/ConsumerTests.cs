using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using Xunit;

namespace GlobalStepMigration.Package.Tests;

/// <summary>What a user sees after adding the package: warnings, gating, configuration, suppression, SARIF.</summary>
[Collection(ConsumerCollection.Name)]
public sealed class ConsumerTests
{
    private readonly ConsumerFixture _fixture;

    public ConsumerTests(ConsumerFixture fixture) => _fixture = fixture;

    [Fact]
    public void BuildPrintsEachWarningWithFileLineAndId()
    {
        var dir = _fixture.CreateConsumer(ConsumerFixture.LegacyProgram);
        var (code, output) = _fixture.Run(dir, "build");
        Assert.True(code == 0, output);
        Assert.Equal(ConsumerFixture.ExpectedSites(ConsumerFixture.LegacyProgram), ConsumerFixture.ReportedSites(output));
    }

    [Fact]
    public void WarnAsErrorFailsTheBuild()
    {
        var dir = _fixture.CreateConsumer(ConsumerFixture.LegacyProgram);
        var (code, output) = _fixture.Run(dir, "build", "-warnaserror");
        Assert.NotEqual(0, code);
        Assert.Contains(ConsumerFixture.ReportedSites(output, "error"), s => s.Id == "GSM001");
    }

    [Fact]
    public void WarningsAsErrorsPropertyGatesOneRule()
    {
        var dir = _fixture.CreateConsumer(ConsumerFixture.LegacyProgram);
        var (code, output) = _fixture.Run(dir, "build", "-p:WarningsAsErrors=GSM001");
        Assert.NotEqual(0, code);
        Assert.Equal(new[] { "GSM001" }, ConsumerFixture.ReportedSites(output, "error").Select(s => s.Id).Distinct());
        Assert.Contains(ConsumerFixture.ReportedSites(output), s => s.Id == "GSM002");
    }

    [Fact]
    public void EditorConfigSeverityNoneSilencesAndErrorFails()
    {
        var silenced = _fixture.CreateConsumer(ConsumerFixture.LegacyProgram, new Dictionary<string, string>
        {
            [".editorconfig"] = "root = true\n\n[*.cs]\ndotnet_diagnostic.GSM001.severity = none\n",
        });
        var (code, output) = _fixture.Run(silenced, "build");
        Assert.True(code == 0, output);
        Assert.DoesNotContain(ConsumerFixture.ReportedSites(output), s => s.Id == "GSM001");
        Assert.Contains(ConsumerFixture.ReportedSites(output), s => s.Id == "GSM002");

        var failing = _fixture.CreateConsumer(ConsumerFixture.LegacyProgram, new Dictionary<string, string>
        {
            [".editorconfig"] = "root = true\n\n[*.cs]\ndotnet_diagnostic.GSM001.severity = error\n",
        });
        (code, output) = _fixture.Run(failing, "build");
        Assert.NotEqual(0, code);
        Assert.Contains(ConsumerFixture.ReportedSites(output, "error"), s => s.Id == "GSM001");
    }

    [Fact]
    public void PragmaAndSuppressMessageSuppress()
    {
        const string Creation = "globalStep = Tf.Compat.V1.Train.GetOrCreateGlobalStep(); // GSM001";
        const string Lookup = "public static bool HasStep(Graph graph) => graph.GetCollection(Tf.Compat.V1.GraphKeys.GLOBAL_STEP).Count > 0; // GSM004";
        Assert.Contains(Creation, ConsumerFixture.LegacyProgram);
        Assert.Contains(Lookup, ConsumerFixture.LegacyProgram);
        var program = ConsumerFixture.LegacyProgram
            .Replace(Creation, "\n#pragma warning disable GSM001\n" + Creation + "\n#pragma warning restore GSM001\n")
            .Replace(Lookup, "[System.Diagnostics.CodeAnalysis.SuppressMessage(\"Migration\", \"GSM004\", Justification = \"test\")]\n" + Lookup);
        var dir = _fixture.CreateConsumer(program);
        var (code, output) = _fixture.Run(dir, "build");
        Assert.True(code == 0, output);
        var ids = ConsumerFixture.ReportedSites(output).Select(s => s.Id).ToList();
        Assert.DoesNotContain("GSM001", ids);
        Assert.DoesNotContain("GSM004", ids);
        Assert.Contains("GSM002", ids);
    }

    [Fact]
    public void ErrorLogWritesSarifWithEveryRuleAndItsHelpUri()
    {
        // The legacy program plus a decay, so that all four rules report.
        const string Optimizer = "var optimizer = Tf.Compat.V1.Train.GradientDescentOptimizer(0.1);";
        Assert.Contains(Optimizer, ConsumerFixture.LegacyProgram);
        var program = ConsumerFixture.LegacyProgram.Replace(
            Optimizer,
            "var rate = Tf.Compat.V1.Train.ExponentialDecay(0.1, globalStep, 10, 0.5); // GSM003\n"
            + Optimizer.Replace("(0.1)", "(rate)"));
        var expected = ConsumerFixture.ExpectedSites(program);
        Assert.Equal(new[] { "GSM001", "GSM002", "GSM003", "GSM004" }, expected.Select(s => s.Id).Distinct().OrderBy(id => id));
        var dir = _fixture.CreateConsumer(program);
        var sarif = Path.Combine(dir, "out.sarif");
        var (code, output) = _fixture.Run(dir, "build", "-p:ErrorLog=" + sarif + "%2Cversion=2.1");
        Assert.True(code == 0, output);
        using var document = JsonDocument.Parse(File.ReadAllText(sarif));
        var run = document.RootElement.GetProperty("runs")[0];
        var rules = run.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray()
            .ToDictionary(r => r.GetProperty("id").GetString()!, r => r.TryGetProperty("helpUri", out var uri) ? uri.GetString() : null);
        foreach (var id in expected.Select(s => s.Id).Distinct())
        {
            Assert.True(rules.ContainsKey(id), $"{id} missing from the SARIF rules: {string.Join(", ", rules.Keys)}");
            Assert.EndsWith($"docs/rules/{id}.md", rules[id]);
        }

        var results = run.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("ruleId").GetString()).ToList();
        Assert.Equal(expected.Count, results.Count(id => id!.StartsWith("GSM", System.StringComparison.Ordinal)));
    }
}
