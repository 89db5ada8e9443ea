using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;

namespace GlobalStepMigration.Analyzers.Tests;

/// <summary>The repository's own C# sources (src, tests, samples, benchmarks; not bin or obj): a large body of real code to check text shortcuts against the syntax.</summary>
internal static class RepositorySources
{
    public static List<string> CSharpFiles()
    {
        var root = typeof(RepositorySources).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepositoryRoot").Value!;
        return new[] { "src", "tests", "samples", "benchmarks" }
            .Select(folder => Path.Combine(root, folder))
            .Where(Directory.Exists)
            .SelectMany(folder => Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories))
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !path.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToList();
    }
}
