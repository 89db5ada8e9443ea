using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Xunit;

namespace GlobalStepMigration.Package.Tests;

/// <summary>
/// The analyzers-only package, GlobalStepMigration.Analyzers, as a TensorFlow.NET user takes it: its layout, then a
/// netstandard2.0 (and net10.0) library on the current TensorFlow.NET and a net472 library on the old one (assembly
/// TensorFlow.NET, v0.20) that see the warnings in <c>dotnet build</c> and are migrated by <c>dotnet format analyzers</c>.
/// TensorFlow.NET's surface is the model's netstandard2.0 reference assembly (<see cref="ConsumerFixture.TensorFlowNetSurface"/>).
/// </summary>
[Collection(ConsumerCollection.Name)]
public sealed class AnalyzersPackageTests
{
    private readonly ConsumerFixture _fixture;

    public AnalyzersPackageTests(ConsumerFixture fixture) => _fixture = fixture;

    [Fact]
    public void AnalyzersPackage_HoldsTheAnalyzersOnly_AsADevelopmentDependency()
    {
        using (var package = ZipFile.OpenRead(_fixture.Package("GlobalStepMigration.Analyzers")))
        {
            var files = package.Entries.Select(entry => entry.FullName).Where(name => !IsPackagingMetadata(name)).OrderBy(name => name, StringComparer.Ordinal);
            Assert.Equal(
                new[] { "GlobalStepMigration.Analyzers.nuspec", "README.md", "analyzers/dotnet/cs/GlobalStepMigration.Analyzers.dll", "analyzers/dotnet/cs/GlobalStepMigration.CodeFixes.dll" }.OrderBy(name => name, StringComparer.Ordinal),
                files);

            var metadata = Nuspec(package, "GlobalStepMigration.Analyzers.nuspec");
            Assert.Equal("true", Element(metadata, "developmentDependency"));
            Assert.Equal("README.md", Element(metadata, "readme"));
            Assert.Null(metadata.Elements().SingleOrDefault(element => element.Name.LocalName == "dependencies"));
        }

        // The runtime users' package keeps the runtime and brings the same analyzers.
        using var runtime = ZipFile.OpenRead(_fixture.Package("GlobalStepMigration"));
        var runtimeFiles = runtime.Entries.Select(entry => entry.FullName).ToList();
        Assert.Contains("lib/net8.0/GlobalStepMigration.Runtime.dll", runtimeFiles);
        Assert.Contains("analyzers/dotnet/cs/GlobalStepMigration.Analyzers.dll", runtimeFiles);
        Assert.Contains("analyzers/dotnet/cs/GlobalStepMigration.CodeFixes.dll", runtimeFiles);
        Assert.Null(Element(Nuspec(runtime, "GlobalStepMigration.nuspec"), "developmentDependency"));
    }

    /// <summary>
    /// A library for netstandard2.0 and net10.0 on the current TensorFlow.NET (Tensorflow.Binding), the package added
    /// with <c>dotnet add package</c> as a user would: it becomes a private asset, and each target framework's build warns.
    /// </summary>
    [Fact]
    public void NetStandardLibrary_OnCurrentTensorFlowNet_WarnsAndIsMigrated()
    {
        const string Program = """
            using System;
            using Tensorflow;
            using Tensorflow.Train;
            using static Tensorflow.Binding;

            public class Model
            {
                private readonly IVariableV1 _step = TrainingUtil.create_global_step(); // GSM001

                public void Train(Tensor loss, Session sess)
                {
                    var optimizer = tf.train.GradientDescentOptimizer(0.1f);
                    var train_op = optimizer.minimize(loss, global_step: _step); // GSM002
                    sess.run(train_op);
                    print(sess.run(_step));
                }
            }
            """;
        var dir = _fixture.CreateTensorFlowNetConsumer("netstandard2.0;net10.0", ConsumerFixture.TensorFlowNetSurface("current"), Program);
        var (code, output) = _fixture.Run(dir, "add", "package", "GlobalStepMigration.Analyzers", "--version", ConsumerFixture.Version);
        Assert.True(code == 0, output);
        var reference = XDocument.Load(Path.Combine(dir, "Consumer.csproj")).Descendants("PackageReference").Single();
        Assert.Equal("GlobalStepMigration.Analyzers", reference.Attribute("Include")?.Value);
        Assert.Equal("all", reference.Element("PrivateAssets")?.Value);

        (code, output) = _fixture.Run(dir, "build");
        Assert.True(code == 0, output);
        Assert.Equal(ConsumerFixture.ExpectedSites(Program), ConsumerFixture.ReportedSites(output));
        foreach (var framework in new[] { "netstandard2.0", "net10.0" })
        {
            Assert.Matches(@"Program\.cs\(\d+,\d+\): warning GSM002: .*TargetFramework=" + Regex.Escape(framework), output);
        }

        MigrateAndCheck(dir, migrated: new[] { "GSM001", "GSM002" }, kept: Array.Empty<string>());
    }

    /// <summary>A .NET Framework 4.7.2 library on TensorFlow.NET as it was before 2022 (assembly TensorFlow.NET, v0.20).</summary>
    [Fact]
    public void Net472Library_OnOldTensorFlowNet_WarnsAndIsMigrated()
    {
        const string Program = """
            using System;
            using Tensorflow;
            using static Tensorflow.Binding;

            public class Model
            {
                private IVariableV1 _step;

                public Operation Build(Tensor loss)
                {
                    _step = tf.Variable(0L, trainable: false, name: "global_step");
                    var optimizer = tf.train.AdamOptimizer(0.001f);
                    return optimizer.minimize(loss, global_step: _step); // GSM002
                }

                public void Report(Session sess) => print(sess.run(_step));
            }

            public class Schedule
            {
                public Tensor Rate()
                {
                    var global_step = new RefVariable(0.0f, trainable: false, name: "global_step");
                    return tf.train.polynomial_decay(0.1f, global_step, 1000f); // GSM003
                }
            }

            public static class Lookups
            {
                public static Operation Step(Graph graph) => graph.OperationByName("global_step"); // GSM004
            }
            """;
        var packageReference = $"""<PackageReference Include="GlobalStepMigration.Analyzers" Version="{ConsumerFixture.Version}" PrivateAssets="all" />""";
        var dir = _fixture.CreateTensorFlowNetConsumer("net472", ConsumerFixture.TensorFlowNetSurface("old"), Program, packageReference);

        var (code, output) = _fixture.Run(dir, "build");
        Assert.True(code == 0, output);
        Assert.Equal(ConsumerFixture.ExpectedSites(Program), ConsumerFixture.ReportedSites(output));

        MigrateAndCheck(dir, migrated: new[] { "GSM002" }, kept: new[] { "GSM004" });
    }

    /// <summary>
    /// One <c>dotnet format analyzers</c> run rewrites the sites of <paramref name="migrated"/> and the project still
    /// builds; the sites the run cannot fix, and GSM004 (never fixed automatically), are still reported; a second run
    /// leaves every file as it is.
    /// </summary>
    private void MigrateAndCheck(string dir, string[] migrated, string[] kept)
    {
        var program = Path.Combine(dir, "Program.cs");
        var before = File.ReadAllText(program);
        var (code, output) = _fixture.Run(dir, ConsumerFixture.Format.Append("--verify-no-changes").ToArray());
        Assert.True(code != 0, "--verify-no-changes should fail on legacy code:\n" + output);

        (code, output) = _fixture.Run(dir, ConsumerFixture.Format);
        Assert.True(code == 0, output);
        Assert.DoesNotContain("Unable to fix", output);
        var once = File.ReadAllText(program);
        Assert.NotEqual(before, once);

        (code, output) = _fixture.Run(dir, "build", "--no-incremental");
        Assert.True(code == 0, output);
        var after = ConsumerFixture.ReportedSites(output);
        Assert.DoesNotContain(after, site => migrated.Contains(site.Id));
        Assert.All(kept, id => Assert.Contains(after, site => site.Id == id));

        (code, output) = _fixture.Run(dir, ConsumerFixture.Format);
        Assert.True(code == 0, output);
        Assert.Equal(once, File.ReadAllText(program));
    }

    private static bool IsPackagingMetadata(string name) =>
        name is "[Content_Types].xml" || name.StartsWith("_rels/", StringComparison.Ordinal) || name.StartsWith("package/", StringComparison.Ordinal);

    private static XElement Nuspec(ZipArchive package, string name)
    {
        using var stream = package.GetEntry(name)!.Open();
        return XDocument.Load(stream).Root!.Elements().Single(element => element.Name.LocalName == "metadata");
    }

    private static string? Element(XElement metadata, string name) =>
        metadata.Elements().SingleOrDefault(element => element.Name.LocalName == name)?.Value;
}
