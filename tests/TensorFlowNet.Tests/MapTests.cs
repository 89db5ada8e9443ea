using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using GlobalStepMigration.Analyzers;
using GlobalStepMigration.TestKit;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace GlobalStepMigration.TensorFlowNet.Tests;

/// <summary>
/// The TensorFlow.NET entry of the legacy API map: each entry names a member that exists, with the parameter it says,
/// in the model of every generation its tags cover and in no other, and cites the tag, file and line that
/// docs/tensorflow-net-api.tsv gives for it.
/// </summary>
public sealed class MapTests
{
    private static readonly Dictionary<Generation, CSharpCompilation> Compilations = new[] { Generation.Old, Generation.Current }
        .ToDictionary(generation => generation, generation => CSharpCompilation.Create("TestProject", references: TestReferences.Framework.Add(TfNetVerifier.Model(generation))));

    private static readonly IReadOnlyList<TsvRow> Rows = TsvRow.Load();

    public static TheoryData<int> EntryIndexes()
    {
        var data = new TheoryData<int>();
        for (var i = 0; i < LegacyApiMap.TensorFlowNet.Entries.Length; i++)
        {
            data.Add(i);
        }

        return data;
    }

    public static TheoryData<int, Generation> EntriesByGeneration()
    {
        var data = new TheoryData<int, Generation>();
        for (var i = 0; i < LegacyApiMap.TensorFlowNet.Entries.Length; i++)
        {
            data.Add(i, Generation.Old);
            data.Add(i, Generation.Current);
        }

        return data;
    }

    [Fact]
    public void BothLibrariesAreKnown_ByEveryRealAssemblyName()
    {
        Assert.Equal(new[] { "GlobalStepMigration.Runtime" }, LegacyApiMap.GlobalStepMigrationRuntime.AssemblyNames);
        Assert.Equal(new[] { "Tensorflow.Binding", "TensorFlow.NET" }, LegacyApiMap.TensorFlowNet.AssemblyNames);
        foreach (var generation in new[] { Generation.Old, Generation.Current })
        {
            // The models carry the assembly names TensorFlow.NET had in their generation.
            var assembly = Compilations[generation].GetTypeByMetadataName("Tensorflow.Binding")!.ContainingAssembly.Name;
            Assert.Equal(TfNetVerifier.AssemblyName(generation), assembly);
            Assert.Same(LegacyApiMap.TensorFlowNet, LegacyApiMap.LibraryOfAssembly(assembly));
        }
    }

    /// <summary>The entry's tags and citation are the TSV's: its first and last tag, and its file:line at the tag it cites.</summary>
    [Theory]
    [MemberData(nameof(EntryIndexes))]
    public void EntryCitesTheTagsAndSourceOfTheTsv(int index)
    {
        var entry = LegacyApiMap.TensorFlowNet.Entries[index];
        Assert.Same(LegacyApiMap.TensorFlowNet, entry.Library);
        var rows = Rows.Where(row => row.Type == entry.TypeMetadataName && row.Member == entry.MemberName).ToList();
        Assert.True(rows.Count > 0, $"docs/tensorflow-net-api.tsv has no row for {entry.TypeMetadataName}.{entry.MemberName}");
        Assert.Equal(rows.Select(row => row.FirstTag).OrderBy(Tags.Order).First(), entry.FirstTag);
        Assert.Equal(rows.Select(row => row.LastTag).OrderBy(Tags.Order).Last(), entry.LastTag);

        var source = entry.Source ?? string.Empty;
        var match = System.Text.RegularExpressions.Regex.Match(source, @"^TensorFlow\.NET (?<tag>v[0-9][^ ]*) (?<path>src/[^ ]+\.cs:[0-9]+)$");
        Assert.True(match.Success, $"'{source}' is not 'TensorFlow.NET <tag> <file>:<line>'");
        Assert.Equal(entry.LastTag, match.Groups["tag"].Value);
        var generation = Tags.Modelled.Single(pair => pair.Value == match.Groups["tag"].Value).Key;
        Assert.Contains(match.Groups["path"].Value, rows.SelectMany(row => row.Sources(generation)));
    }

    /// <summary>
    /// In the model of a generation the entry's tags cover, the member exists (public, with the parameter the entry
    /// names); in the other model, it does not: the map and the models agree on what came and went.
    /// </summary>
    [Theory]
    [MemberData(nameof(EntriesByGeneration))]
    public void EntryNamesAMemberOfEachGenerationItCovers(int index, Generation generation)
    {
        var entry = LegacyApiMap.TensorFlowNet.Entries[index];
        var members = Compilations[generation].GetTypeByMetadataName(entry.TypeMetadataName)?.GetMembers(entry.MemberName)
            .OfType<IMethodSymbol>()
            .Where(method => method.DeclaredAccessibility == Accessibility.Public)
            .ToList() ?? new List<IMethodSymbol>();
        var tag = Tags.Modelled[generation];
        if (Tags.Order(entry.FirstTag!) > Tags.Order(tag) || Tags.Order(tag) > Tags.Order(entry.LastTag!))
        {
            Assert.True(members.Count == 0, $"{entry.TypeMetadataName}.{entry.MemberName} is outside {entry.FirstTag}-{entry.LastTag} but the {tag} model has it");
            return;
        }

        Assert.True(members.Count > 0, $"the {tag} model has no public {entry.TypeMetadataName}.{entry.MemberName}");
        if (entry.ParameterName is { } parameter)
        {
            Assert.True(
                members.Any(method => method.Parameters.Any(p => p.Name == parameter)),
                $"no overload of {entry.TypeMetadataName}.{entry.MemberName} has a parameter '{parameter}' in the {tag} model");
        }
    }

    [Theory]
    [MemberData(nameof(TfNetVerifier.Generations), MemberType = typeof(TfNetVerifier))]
    public void ConventionsNameTypesAndMembersThatExist(Generation generation)
    {
        var compilation = Compilations[generation];
        var conventions = LegacyApiMap.TensorFlowNet.Conventions;
        Assert.NotNull(compilation.GetTypeByMetadataName(LegacyApiMap.TensorFlowNet.TensorTypeMetadataName));
        Assert.All(conventions.StorageTypeMetadataNames, name => Assert.NotNull(compilation.GetTypeByMetadataName(name)));

        var keyType = compilation.GetTypeByMetadataName(conventions.GlobalStepKeyTypeMetadataName!);
        Assert.NotNull(keyType);
        Assert.Single(keyType!.GetMembers(conventions.GlobalStepKeyMemberName!).OfType<IPropertySymbol>());

        var shorthands = compilation.GetTypeByMetadataName(conventions.DTypeShorthandTypeMetadataName!);
        Assert.NotNull(shorthands);
        var int64 = Assert.Single(shorthands!.GetMembers("int64").OfType<IFieldSymbol>());
        Assert.Equal(TypeKind.Enum, int64.Type.TypeKind);
        Assert.Contains(((INamedTypeSymbol)int64.Type).GetMembers().OfType<IFieldSymbol>(), field => field.Name.StartsWith(conventions.DTypeMemberPrefix!, StringComparison.Ordinal));

        var factory = shorthands.GetMembers("Variable").OfType<IMethodSymbol>().Single();
        Assert.Contains(factory.Parameters, p => conventions.InitialValueParameterNames.Contains(p.Name));
        Assert.Contains(factory.Parameters, p => p.Name == conventions.DTypeParameterName);

        // sess.run in every generation; sess.eval(tensor) only in the current one (BaseSession.cs:240).
        Assert.NotEmpty(compilation.GetTypeByMetadataName("Tensorflow.BaseSession")!.GetMembers("run"));
        Assert.All(conventions.ValueReaderMethodNames, name => Assert.NotEmpty(Compilations[Generation.Current].GetTypeByMetadataName("Tensorflow.BaseSession")!.GetMembers(name)));
    }

    [Theory]
    [MemberData(nameof(TfNetVerifier.Generations), MemberType = typeof(TfNetVerifier))]
    public void KerasOptimizerV2_HasNoPublicIterationCounter(Generation generation)
    {
        // The reason fix A is never offered: nothing outside the optimizer can read its counter.
        var optimizer = Compilations[generation].GetTypeByMetadataName("Tensorflow.Keras.Optimizers.OptimizerV2")!;
        Assert.DoesNotContain(
            optimizer.GetMembers(),
            member => member.DeclaredAccessibility == Accessibility.Public && member.Name.Equals("iterations", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(BlockerKind.IterationsNotPublic, LegacyApiMap.TensorFlowNet.Conventions.FixAUnavailable?.Kind);
        Assert.Equal(TfNetVerifier.FixAReason, BlockerText.Reason(LegacyApiMap.TensorFlowNet.Conventions.FixAUnavailable!));
    }

    /// <summary>TensorFlow.NET's release tags in release order, and the two the models follow.</summary>
    private static class Tags
    {
        public static readonly Dictionary<Generation, string> Modelled = new() { [Generation.Old] = TfNetVerifier.Tag(Generation.Old), [Generation.Current] = TfNetVerifier.Tag(Generation.Current) };

        /// <summary>"v0.70.2-NET6" orders as 0.70.2, "v0.13" as 0.13.0.</summary>
        public static Version Order(string tag)
        {
            var numbers = tag.TrimStart('v').Split('-')[0].Split('.').Select(int.Parse).Concat(new[] { 0, 0, 0 }).Take(3).ToArray();
            return new Version(numbers[0], numbers[1], numbers[2]);
        }
    }

    /// <summary>A row of docs/tensorflow-net-api.tsv (embedded in this assembly).</summary>
    private sealed record TsvRow(string Type, string Member, string FirstTag, string LastTag, string OldSources, string CurrentSources)
    {
        public IEnumerable<string> Sources(Generation generation) => (generation == Generation.Old ? OldSources : CurrentSources).Split(';');

        public static IReadOnlyList<TsvRow> Load()
        {
            using var stream = typeof(MapTests).Assembly.GetManifestResourceStream("tensorflow-net-api.tsv")!;
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd().Split('\n')
                .Skip(1)
                .Where(line => line.Trim().Length > 0)
                .Select(line => line.TrimEnd('\r').Split('\t'))
                .Select(cols => new TsvRow(cols[1], MemberName(cols[2]), cols[4], cols[5], cols[6], cols[7]))
                .ToList();
        }

        /// <summary>"get_collection&lt;T&gt;", "run(Operation)" and "GLOBAL_STEP (property)" are the members get_collection, run and GLOBAL_STEP.</summary>
        private static string MemberName(string column)
        {
            var end = column.IndexOfAny(new[] { '<', '(', ' ' }, 1);
            return end < 0 ? column : column.Substring(0, end);
        }
    }
}
