using System.Linq;
using GlobalStepMigration.Analyzers;
using GlobalStepMigration.TestKit;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace GlobalStepMigration.CodeFixes.Tests;

/// <summary>The fixes' data names what exists: the TF1-to-Keras optimizer pairs, the schedules of the map, and each library's idiom.</summary>
public sealed class FixDataTests
{
    private static readonly CSharpCompilation Compilation = CSharpCompilation.Create(
        "Data",
        references: TestReferences.Framework.Add(TestReferences.Runtime).Add(MetadataReference.CreateFromFile(typeof(Tensorflow.Binding).Assembly.Location)));

    [Fact]
    public void OptimizerPairs_NameRuntimeFactoriesAndTheirParameters()
    {
        var train = Compilation.GetTypeByMetadataName("GlobalStepMigration.Runtime.Tf+Compat+V1+Train")!;
        var keras = Compilation.GetTypeByMetadataName("GlobalStepMigration.Runtime.Tf+Keras+Optimizers")!;
        var pairs = LegacyApiMap.GlobalStepMigrationRuntime.Conventions.OptimizerPairs;
        Assert.NotEmpty(pairs);
        foreach (var entry in pairs)
        {
            var tf1 = Assert.Single(train.GetMembers(entry.Tf1Name).OfType<IMethodSymbol>());
            var factories = keras.GetMembers(entry.KerasFactory).OfType<IMethodSymbol>().ToList();
            Assert.NotEmpty(factories);
            foreach (var (tf1Parameter, kerasParameter) in entry.Parameters)
            {
                Assert.Contains(tf1.Parameters, p => p.Name == tf1Parameter);
                Assert.True(kerasParameter is null || factories.All(f => f.Parameters.Any(p => p.Name == kerasParameter)), $"{entry.KerasFactory} has no parameter {kerasParameter}");
            }
        }

        Assert.Empty(LegacyApiMap.TensorFlowNet.Conventions.OptimizerPairs);
    }

    [Fact]
    public void DecaySchedules_NameKerasFactoriesThatTakeTheDecaysParametersWithoutTheStep()
    {
        foreach (var decay in LegacyApiMap.GlobalStepMigrationRuntime.Entries.Where(entry => entry.Kind == ApiKind.Decay))
        {
            var tf1 = Assert.Single(Compilation.GetTypeByMetadataName(decay.TypeMetadataName)!.GetMembers(decay.MemberName).OfType<IMethodSymbol>());
            if (decay.Schedule is not { } schedule)
            {
                Assert.Equal(BlockerKind.DecayWithoutSchedule, decay.Blocks);
                continue;
            }

            var factory = Assert.Single(Compilation.GetTypeByMetadataName(schedule.TypeMetadataName)!.GetMembers(schedule.FactoryName).OfType<IMethodSymbol>());
            var expected = tf1.Parameters.Where(p => p.Name != decay.ParameterName).Select(p => p.Name == schedule.LearningRateParameter ? schedule.InitialLearningRateParameter : p.Name);
            Assert.Equal(expected, factory.Parameters.Select(p => p.Name));
            Assert.Contains(BaseTypes(factory.ReturnType), type => type.GetMembers(schedule.CallMethodName).Length > 0);
        }
    }

    [Fact]
    public void EveryLibraryHasAnIdiomWhoseTypesExist()
    {
        foreach (var library in LegacyApiMap.Libraries)
        {
            var idiom = ExplicitVariableIdiom.For(library);
            Assert.NotNull(idiom);
            Assert.NotNull(Compilation.GetTypeByMetadataName(idiom!.NewVariableTypeMetadataName));
            Assert.NotNull(Compilation.GetTypeByMetadataName(idiom.IncrementableTypeMetadataName));

            // Every update the map says a step is passed to is one the idiom can inline.
            var updates = library.Entries.Where(entry => entry.Kind == ApiKind.PassedToOptimizer)
                .SelectMany(entry => Compilation.GetTypeByMetadataName(entry.TypeMetadataName)?.GetMembers(entry.MemberName).OfType<IMethodSymbol>() ?? Enumerable.Empty<IMethodSymbol>())
                .ToList();
            Assert.NotEmpty(updates);
            Assert.All(updates, method => Assert.NotNull(idiom.KindOf(method)));
            Assert.True(idiom.RetypedStorageTypeMetadataName is null || Compilation.GetTypeByMetadataName(idiom.RetypedStorageTypeMetadataName) is not null);
        }
    }

    private static System.Collections.Generic.IEnumerable<ITypeSymbol> BaseTypes(ITypeSymbol type)
    {
        for (ITypeSymbol? current = type; current is not null; current = current.BaseType)
        {
            yield return current;
        }
    }
}
