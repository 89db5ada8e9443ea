using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace GlobalStepMigration.TestKit;

/// <summary>
/// The test programs, each stored once: tests/Programs/*.cs (embedded here) and the seed program, which is
/// samples/SeedTf1/Program.cs itself (embedded as P01_SeedTf1.cs). A name starting with Pnn_ is a program of
/// a pattern of docs/design/patterns.md; the reliability corpus is those programs.
/// </summary>
public static class TestPrograms
{
    private const string Prefix = "Programs.";

    /// <summary>Every program, by file name (P01_SeedTf1.cs, ...), in name order.</summary>
    public static IReadOnlyList<(string Name, string Source)> All { get; } = Load();

    /// <summary>The programs of the patterns (Pnn_*.cs): the reliability corpus.</summary>
    public static IEnumerable<(string Name, string Source)> Patterns =>
        All.Where(program => program.Name.Length > 4 && program.Name[0] == 'P' && char.IsDigit(program.Name[1]) && char.IsDigit(program.Name[2]) && program.Name[3] == '_');

    /// <summary>A program by file name, with or without ".cs".</summary>
    public static string Get(string name)
    {
        var file = name.EndsWith(".cs", StringComparison.Ordinal) ? name : name + ".cs";
        return All.Single(program => program.Name == file).Source;
    }

    private static IReadOnlyList<(string Name, string Source)> Load()
    {
        var assembly = typeof(TestPrograms).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(Prefix, StringComparison.Ordinal))
            .OrderBy(name => name, StringComparer.Ordinal)
            .Select(name =>
            {
                using var stream = assembly.GetManifestResourceStream(name)!;
                using var reader = new StreamReader(stream);
                return (Name: name.Substring(Prefix.Length), Source: reader.ReadToEnd().Replace("\r\n", "\n", StringComparison.Ordinal));
            })
            .ToList();
    }
}
