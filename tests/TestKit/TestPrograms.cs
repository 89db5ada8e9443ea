using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace GlobalStepMigration.TestKit;

/// <summary>
/// The test programs, each stored once: tests/Programs/*.cs (embedded here) and the seed program, which is
/// samples/SeedTf1/Program.cs itself (embedded as SeedProgram.cs). A program is named after its pattern of
/// docs/design/patterns.md (<c>HandMadeStep.NamedInGraph.cs</c>: the pattern, then the variant).
/// </summary>
public static class TestPrograms
{
    private const string Prefix = "Programs.";

    /// <summary>The migration patterns of docs/design/patterns.md, in its order.</summary>
    public static IReadOnlyList<string> PatternNames { get; } = new[]
    {
        "SeedProgram", "HandMadeStep", "FieldStepAcrossMethods", "HalfMigratedTf2", "Decays", "SharedStep",
        "HelperReads", "FoundByNameOrCollection", "SeveralGraphs", "Spellings", "ConditionalStep", "BrokenCode",
    };

    /// <summary>Every program, by file name (SeedProgram.cs, HandMadeStep.NamedInGraph.cs, ...), in name order.</summary>
    public static IReadOnlyList<(string Name, string Source)> All { get; } = Load();

    /// <summary>The programs of the patterns, templates left out: the reliability corpus.</summary>
    public static IEnumerable<(string Name, string Source)> Patterns =>
        All.Where(program => PatternNames.Contains(PatternOf(program.Name)) && !program.Name.EndsWith(".Template.cs", StringComparison.Ordinal));

    /// <summary>The pattern a program file belongs to (the part of its name before the first dot).</summary>
    public static string PatternOf(string name) => name.Substring(0, name.IndexOf('.'));

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
