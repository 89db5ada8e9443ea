using System.Linq;
using GlobalStepMigration.Analyzers;
using GlobalStepMigration.TestKit;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace GlobalStepMigration.TensorFlowNet.Tests;

/// <summary>The TensorFlow.NET entry of the legacy API map names members that exist, with the parameters it says.</summary>
public sealed class MapTests
{
    private static readonly CSharpCompilation Compilation = CSharpCompilation.Create(
        "TestProject",
        references: TestReferences.Framework.Add(TfNetVerifier.Signatures));

    public static TheoryData<int> EntryIndexes()
    {
        var data = new TheoryData<int>();
        for (var i = 0; i < LegacyApiMap.TensorFlowNet.Entries.Length; i++)
        {
            data.Add(i);
        }

        return data;
    }

    [Fact]
    public void BothLibrariesAreKnown_ByTheirRealAssemblyNames()
    {
        Assert.Equal(new[] { "GlobalStepMigration.Runtime", "Tensorflow.Binding" }, LegacyApiMap.Libraries.Select(library => Assert.Single(library.AssemblyNames)));
        Assert.Same(LegacyApiMap.TensorFlowNet, LegacyApiMap.LibraryOfAssembly(typeof(Tensorflow.Binding).Assembly.GetName().Name));
        Assert.Equal("Tensorflow.Binding", typeof(Tensorflow.Binding).Assembly.GetName().Name);
    }

    [Theory]
    [MemberData(nameof(EntryIndexes))]
    public void EntryNamesAMemberWithItsParameter(int index)
    {
        var entry = LegacyApiMap.TensorFlowNet.Entries[index];
        var type = Compilation.GetTypeByMetadataName(entry.TypeMetadataName);
        Assert.True(type is not null, $"type {entry.TypeMetadataName} not found");
        var members = type!.GetMembers(entry.MemberName).OfType<IMethodSymbol>().Where(method => method.DeclaredAccessibility == Accessibility.Public).ToList();
        if (members.Count == 0 && entry.Source is { } source)
        {
            // A member the signature assembly does not reproduce: the entry says where TensorFlow.NET declares it.
            Assert.Matches(@"^TensorFlow\.NET v[0-9][^ ]* src/[^ ]+\.cs:[0-9]+$", source);
            Assert.Contains(entry.MemberName, new[] { "get_operation_by_name" });
            return;
        }

        Assert.True(members.Count > 0, $"{entry.TypeMetadataName} has no public {entry.MemberName}");
        if (entry.ParameterName is { } parameter)
        {
            Assert.True(
                members.Any(method => method.Parameters.Any(p => p.Name == parameter)),
                $"no overload of {entry.TypeMetadataName}.{entry.MemberName} has a parameter '{parameter}'");
        }

        Assert.Same(LegacyApiMap.TensorFlowNet, entry.Library);
    }

    [Fact]
    public void ConventionsNameTypesAndMembersThatExist()
    {
        var conventions = LegacyApiMap.TensorFlowNet.Conventions;
        Assert.NotNull(Compilation.GetTypeByMetadataName(LegacyApiMap.TensorFlowNet.TensorTypeMetadataName));
        Assert.All(conventions.StorageTypeMetadataNames, name => Assert.NotNull(Compilation.GetTypeByMetadataName(name)));

        var keyType = Compilation.GetTypeByMetadataName(conventions.GlobalStepKeyTypeMetadataName!);
        Assert.NotNull(keyType);
        Assert.Single(keyType!.GetMembers(conventions.GlobalStepKeyMemberName!).OfType<IPropertySymbol>());

        var shorthands = Compilation.GetTypeByMetadataName(conventions.DTypeShorthandTypeMetadataName!);
        Assert.NotNull(shorthands);
        var int64 = Assert.Single(shorthands!.GetMembers("int64").OfType<IFieldSymbol>());
        Assert.Equal(TypeKind.Enum, int64.Type.TypeKind);
        Assert.Contains(((INamedTypeSymbol)int64.Type).GetMembers().OfType<IFieldSymbol>(), field => field.Name.StartsWith(conventions.DTypeMemberPrefix!, System.StringComparison.Ordinal));

        var factory = shorthands.GetMembers("Variable").OfType<IMethodSymbol>().Single();
        Assert.Contains(factory.Parameters, p => conventions.InitialValueParameterNames.Contains(p.Name));
        Assert.Contains(factory.Parameters, p => p.Name == conventions.DTypeParameterName);

        var session = Compilation.GetTypeByMetadataName("Tensorflow.BaseSession")!;
        Assert.All(conventions.ValueReaderMethodNames, name => Assert.NotEmpty(session.GetMembers(name)));
    }

    [Fact]
    public void KerasOptimizerV2_HasNoPublicIterationCounter()
    {
        // The reason fix A is never offered: nothing outside the optimizer can read its counter.
        var optimizer = Compilation.GetTypeByMetadataName("Tensorflow.Keras.Optimizers.OptimizerV2")!;
        Assert.DoesNotContain(
            optimizer.GetMembers(),
            member => member.DeclaredAccessibility == Accessibility.Public && member.Name.Equals("iterations", System.StringComparison.OrdinalIgnoreCase));
        Assert.Equal(BlockerKind.IterationsNotPublic, LegacyApiMap.TensorFlowNet.Conventions.FixAUnavailable?.Kind);
        Assert.Equal(TfNetVerifier.FixAReason, BlockerText.Reason(LegacyApiMap.TensorFlowNet.Conventions.FixAUnavailable!));
    }
}
