using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Xunit;

namespace GlobalStepMigration.Package.Tests;

/// <summary>Every consumer test shares one packed feed and runs one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class ConsumerCollection : ICollectionFixture<ConsumerFixture>
{
    public const string Name = "consumer";
}

/// <summary>
/// Packs the repository's two packages once into a folder feed (GlobalStepMigration: the runtime and the analyzers;
/// GlobalStepMigration.Analyzers: the analyzers only), and makes fresh consumer projects that reference one of them
/// by PackageReference only, with a NuGet cache of their own (so a stale cached package of the same version can
/// never be used).
/// </summary>
public sealed class ConsumerFixture : IDisposable
{
    public const string Version = "0.1.0-e2e";

    /// <summary>The README's migration command: one fix-all per rule GSM001-GSM003.</summary>
    public static readonly string[] Format = { "format", "analyzers", "--diagnostics", "GSM001", "GSM002", "GSM003", "--severity", "warn" };

    /// <summary>The consumer program; a trailing <c>// GSMxxx</c> marks a line that must warn.</summary>
    public const string LegacyProgram = """
        using System;
        using System.Collections.Generic;
        using GlobalStepMigration.Runtime;

        public static class Program
        {
            public static void Main()
            {
                var g = new Graph();
                Tensor x;
                Tensor globalStep;
                Operation init;
                Operation? trainOp;
                using (g.AsDefault())
                {
                    x = Tf.Compat.V1.Placeholder(Tf.Float32, TensorShape.Scalar);
                    var v = Tf.Variable(3.0);
                    var loss = x * 5 - x * v;
                    globalStep = Tf.Compat.V1.Train.GetOrCreateGlobalStep(); // GSM001
                    var optimizer = Tf.Compat.V1.Train.GradientDescentOptimizer(0.1);
                    trainOp = optimizer.Minimize(loss, globalStep, new List<Variable> { v }); // GSM002
                    init = Tf.Compat.V1.GlobalVariablesInitializer();
                }

                using var sess = new Session(g);
                sess.Run(init);
                Console.WriteLine($"before training: {sess.Run(globalStep)}");
                sess.Run(trainOp!, new FeedDict { [x] = 3 });
                Console.WriteLine($"after training: {sess.Run(globalStep)}");
                Console.WriteLine(Lookups.HasStep(new Graph()));
            }
        }

        public static class Lookups
        {
            public static bool HasStep(Graph graph) => graph.GetCollection(Tf.Compat.V1.GraphKeys.GLOBAL_STEP).Count > 0; // GSM004
        }
        """;

    private readonly string _root;

    public ConsumerFixture()
    {
        _root = Path.Combine(Path.GetTempPath(), "gsm-e2e-" + Guid.NewGuid().ToString("N"));
        Feed = Path.Combine(_root, "feed");
        NuGetPackages = Path.Combine(_root, "nuget-packages");
        Directory.CreateDirectory(Feed);
        var repo = DotNet.RepositoryRoot();
        foreach (var project in new[] { "src/Runtime/Runtime.csproj", "src/Analyzers.Package/Analyzers.Package.csproj" })
        {
            var (code, output) = DotNet.Run(repo, NuGetPackages, "pack", project, "-c", "Release", "-o", Feed, "-p:Version=" + Version);
            Assert.True(code == 0, $"dotnet pack {project} failed:\n" + output);
        }
    }

    public string Feed { get; }

    /// <summary>The packed file of a package of this fixture's version.</summary>
    public string Package(string id) => Path.Combine(Feed, $"{id}.{Version}.nupkg");

    /// <summary>
    /// TensorFlow.NET's public surface for a netstandard2.0 or net472 project: the model's reference assembly of one
    /// generation ("current": Tensorflow.Binding.dll, "old": TensorFlow.NET.dll), built by tests/TensorFlowNet.Surface.*
    /// and copied next to the tests (Package.Tests.csproj).
    /// </summary>
    public static string TensorFlowNetSurface(string generation) =>
        Path.Combine(AppContext.BaseDirectory, "tensorflow-net", generation, generation == "old" ? "TensorFlow.NET.dll" : "Tensorflow.Binding.dll");

    public string NuGetPackages { get; }

    /// <summary>A new consumer project folder with <paramref name="program"/> and optional extra files.</summary>
    public string CreateConsumer(string program, IReadOnlyDictionary<string, string>? extraFiles = null)
    {
        var dir = NewFolder(inheritSources: false);
        File.WriteAllText(Path.Combine(dir, "Consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="GlobalStepMigration" Version="{Version}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(dir, "Program.cs"), program);
        foreach (var (name, text) in extraFiles ?? new Dictionary<string, string>())
        {
            File.WriteAllText(Path.Combine(dir, name), text);
        }

        return dir;
    }

    /// <summary>
    /// A new class library of <paramref name="targetFrameworks"/> (such as <c>netstandard2.0</c> or <c>net472</c>) that
    /// references a TensorFlow.NET assembly by file, as a project on TensorFlow.NET does, and no package yet. Its
    /// restore also reaches the machine's package sources (for NETStandard.Library and the .NET Framework reference
    /// assemblies); the packages under test come from the folder feed only, in this fixture's version.
    /// </summary>
    public string CreateTensorFlowNetConsumer(string targetFrameworks, string tensorFlowNetAssembly, string program, string packageReference = "")
    {
        var dir = NewFolder(inheritSources: true);
        File.WriteAllText(Path.Combine(dir, "Consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFrameworks>{targetFrameworks}</TargetFrameworks>
                <LangVersion>latest</LangVersion>
              </PropertyGroup>
              <ItemGroup>
                <Reference Include="{Path.GetFileNameWithoutExtension(tensorFlowNetAssembly)}" HintPath="{tensorFlowNetAssembly}" />
                {packageReference}
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(dir, "Program.cs"), program);
        return dir;
    }

    private string NewFolder(bool inheritSources)
    {
        var dir = Path.Combine(_root, "consumer-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                {(inheritSources ? string.Empty : "<clear />")}
                <add key="local" value="{Feed}" />
              </packageSources>
            </configuration>
            """);
        return dir;
    }

    public (int ExitCode, string Output) Run(string dir, params string[] args) => DotNet.Run(dir, NuGetPackages, args);

    /// <summary>The (line, id) pairs a program marks with trailing <c>// GSMxxx</c> comments.</summary>
    public static List<(int Line, string Id)> ExpectedSites(string program) =>
        program.Split('\n')
            .Select((text, i) => (Line: i + 1, Match: Regex.Match(text, @"// (GSM\d{3})\s*$")))
            .Where(p => p.Match.Success)
            .Select(p => (p.Line, p.Match.Groups[1].Value))
            .ToList();

    /// <summary>The (line, id) pairs of GSM diagnostics of <paramref name="severity"/> in build output, de-duplicated.</summary>
    public static List<(int Line, string Id)> ReportedSites(string output, string severity = "warning") =>
        Regex.Matches(output, @"Program\.cs\((\d+),\d+\): " + severity + @" (GSM\d{3})")
            .Select(m => (int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), m.Groups[2].Value))
            .Distinct()
            .OrderBy(p => p.Item1)
            .ToList();

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
