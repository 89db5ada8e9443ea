using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.InteropServices;
using Microsoft.CodeAnalysis;

namespace GlobalStepMigration.TestKit;

/// <summary>
/// Metadata references that resolve offline and deterministically: the reference assemblies of the
/// running .NET (the SDK's packs/Microsoft.NETCore.App.Ref, found relative to the running dotnet root)
/// and the runtime library built by the ProjectReference. Nothing is downloaded at test time.
/// </summary>
public static class TestReferences
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> LazyFramework = new(LoadFramework);

    /// <summary>The framework reference assemblies (net10.0).</summary>
    public static ImmutableArray<MetadataReference> Framework => LazyFramework.Value;

    /// <summary>The runtime library (assembly GlobalStepMigration.Runtime).</summary>
    public static MetadataReference Runtime { get; } = MetadataReference.CreateFromFile(RuntimeAssembly.Location);

    /// <summary>The framework and the runtime: what a program over the runtime compiles against.</summary>
    public static ImmutableArray<MetadataReference> FrameworkAndRuntime => Framework.Add(Runtime);

    /// <summary>The runtime library assembly, loaded from the test's output folder.</summary>
    public static Assembly RuntimeAssembly => typeof(GlobalStepMigration.Runtime.Tensor).Assembly;

    /// <summary>The folder of the framework reference assemblies used by the tests.</summary>
    public static string FrameworkReferenceDirectory { get; } = FindFrameworkReferenceDirectory();

    private static ImmutableArray<MetadataReference> LoadFramework() =>
        Directory.GetFiles(FrameworkReferenceDirectory, "*.dll")
            .OrderBy(path => path, StringComparer.Ordinal)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToImmutableArray();

    private static string FindFrameworkReferenceDirectory()
    {
        // .../dotnet/shared/Microsoft.NETCore.App/<version>/ -> .../dotnet
        var runtimeDirectory = RuntimeEnvironment.GetRuntimeDirectory();
        var dotnetRoot = Path.GetFullPath(Path.Combine(runtimeDirectory, "..", "..", ".."));
        var packs = Path.Combine(dotnetRoot, "packs", "Microsoft.NETCore.App.Ref");
        var major = Environment.Version.Major;
        var tfm = "net" + major + ".0";
        var candidates = Directory.Exists(packs)
            ? Directory.GetDirectories(packs)
                .Select(path => (Path: path, Version: Version.TryParse(Path.GetFileName(path).Split('-')[0], out var version) ? version : null))
                .Where(item => item.Version is not null && item.Version.Major == major && Directory.Exists(Path.Combine(item.Path, "ref", tfm)))
                .OrderByDescending(item => item.Version)
                .Select(item => Path.Combine(item.Path, "ref", tfm))
                .ToList()
            : new System.Collections.Generic.List<string>();

        if (candidates.Count == 0)
        {
            throw new InvalidOperationException($"No reference assemblies for {tfm} under {packs}; install the .NET {major} SDK.");
        }

        return candidates[0];
    }
}
