using System;
using System.IO;
using System.Linq;
using System.Reflection;
using GlobalStepMigration.TestKit;
using Xunit;

namespace GlobalStepMigration.Analyzers.Tests;

/// <summary>Every descriptor has a page, a help link to it, a README row and a release-tracking entry.</summary>
public sealed class DocumentationTests
{
    private static readonly string Root = typeof(DocumentationTests).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(attribute => attribute.Key == "RepositoryRoot").Value!;

    public static TheoryData<string> RuleIds()
    {
        var data = new TheoryData<string>();
        foreach (var descriptor in Descriptors.All)
        {
            data.Add(descriptor.Id);
        }

        return data;
    }

    [Fact]
    public void AnalyzerSupportsEveryDescriptorOnce()
    {
        var supported = new GlobalStepAnalyzer().SupportedDiagnostics.Select(d => d.Id).ToList();
        Assert.Equal(Descriptors.All.Select(d => d.Id), supported);
        Assert.Equal(supported.Count, supported.Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void DescriptorHasPageHelpLinkReadmeRowAndReleaseEntry(string id)
    {
        var descriptor = Descriptors.All.Single(d => d.Id == id);
        var page = Path.Combine(Root, "docs", "rules", id + ".md");
        Assert.True(File.Exists(page), $"missing {page}");
        var text = File.ReadAllText(page);
        Assert.StartsWith($"# {id}: {descriptor.Title}", text, StringComparison.Ordinal);
        foreach (var section in new[] { "## Cause", "## Rule description", "## How to fix", "## When no fix is offered", "## How to suppress", "#pragma warning disable " + id, "dotnet_diagnostic." + id + ".severity", "SuppressMessage" })
        {
            Assert.Contains(section, text, StringComparison.Ordinal);
        }

        Assert.Equal($"https://github.com/globalstepmigration/GlobalStepMigration/blob/main/docs/rules/{id}.md", descriptor.HelpLinkUri);
        Assert.Equal(Descriptors.HelpLink(id), descriptor.HelpLinkUri);
        Assert.Equal("Migration", descriptor.Category);
        Assert.True(descriptor.IsEnabledByDefault);

        var readme = File.ReadAllText(Path.Combine(Root, "README.md"));
        var table = readme.Substring(readme.IndexOf("<!-- rules-table -->", StringComparison.Ordinal));
        Assert.Contains($"| [{id}](docs/rules/{id}.md) | {descriptor.Title} | {descriptor.DefaultSeverity} |", table, StringComparison.Ordinal);

        var unshipped = File.ReadAllText(Path.Combine(Root, "src", "Analyzer", "AnalyzerReleases.Unshipped.md"));
        Assert.Contains($"{id} | {descriptor.Category} | {descriptor.DefaultSeverity} |", unshipped, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadmeTableListsNoUnknownRule()
    {
        var readme = File.ReadAllText(Path.Combine(Root, "README.md"));
        var table = readme.Substring(readme.IndexOf("<!-- rules-table -->", StringComparison.Ordinal)).Split('\n').Skip(1).TakeWhile(line => line.StartsWith('|')).ToList();
        var rows = table.Skip(2).Select(line => line.Split('|')[1].Trim()).ToList();
        Assert.Equal(Descriptors.All.Select(d => $"[{d.Id}](docs/rules/{d.Id}.md)"), rows);
    }

    [Fact]
    public void PatternsPage_NamesEveryPatternOfTheTestPrograms_InOrder()
    {
        var page = File.ReadAllText(Path.Combine(Root, "docs", "design", "patterns.md"));
        var headings = page.Split('\n').Where(line => line.StartsWith("## ", StringComparison.Ordinal)).ToList();
        var named = headings.Select(line => line.Substring(line.LastIndexOf("(`", StringComparison.Ordinal) + 2).TrimEnd(')', '`')).ToList();
        Assert.Equal(TestPrograms.PatternNames, named);
        Assert.All(TestPrograms.All, program => Assert.Contains(TestPrograms.PatternOf(program.Name), named));
        Assert.All(TestPrograms.All, program => Assert.Contains(program.Name.Replace("SeedProgram.cs", "samples/SeedTf1/Program.cs", StringComparison.Ordinal), page, StringComparison.Ordinal));
    }

    [Fact]
    public void AnalyzerFixesTestsAndTheirDocs_CiteNothingOutsideTheRepository()
    {
        var folders = new[] { "src/Analyzer", "src/CodeFixes", "src/Runtime", "tests/Analyzer.Tests", "tests/CodeFixes.Tests", "tests/Runtime.Tests", "tests/TensorFlowNet.Tests", "tests/Reliability.Tests", "tests/TestKit", "tests/Programs", "docs/rules", "docs/design", "samples" };
        var files = folders.SelectMany(folder => Directory.EnumerateFiles(Path.Combine(Root, folder), "*.*", SearchOption.AllDirectories))
            .Concat(new[] { "README.md", "docs/tensorflow-net.md", "docs/reliability.md", "docs/benchmarks.md" }.Select(file => Path.Combine(Root, file)))
            .Where(path => (path.EndsWith(".cs", StringComparison.Ordinal) || path.EndsWith(".md", StringComparison.Ordinal))
                && !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !path.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToList();
        Assert.NotEmpty(files);
        var spec = "shared/" + "spec";
        var numbered = new System.Text.RegularExpressions.Regex(@"\b[Pp]atterns? [0-9]|\b(runtime|migration|conventions)\.md\b");
        var offenders = files.Where(File.Exists)
            .Where(path => File.ReadAllText(path) is var text && (text.Contains(spec, StringComparison.Ordinal) || numbered.IsMatch(text)))
            .ToList();
        Assert.Empty(offenders);
    }
}
