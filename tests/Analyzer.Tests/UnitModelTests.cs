using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using GlobalStepMigration.TestKit;
using Xunit;
using static GlobalStepMigration.Analyzers.Tests.AnalyzerVerifier;

namespace GlobalStepMigration.Analyzers.Tests;

/// <summary>The properties and additional locations contract of docs/design/unit-model.md.</summary>
public sealed class UnitModelTests
{
    private static string Text(Location location) => location.SourceTree!.GetText().ToString(location.SourceSpan);

    [Fact]
    public async Task SeedProgram_OneUnitWithEverySite()
    {
        var diagnostics = await GetDiagnosticsAsync(TestPrograms.Get("SeedProgram"));

        Assert.Equal(new[] { "GSM001", "GSM002", "GSM001" }, diagnostics.Select(d => d.Id));
        Assert.Single(diagnostics.Select(d => d.Properties[UnitProperties.UnitId]).Distinct());
        Assert.Equal(new[] { "Creation", "OptimizerArgument", "Lookup" }, diagnostics.Select(d => d.Properties[UnitProperties.SiteKind]));
        Assert.Equal(new[] { "GetOrCreateGlobalStep", "Minimize", "GetGlobalStep" }, diagnostics.Select(d => d.Properties[UnitProperties.Api]));
        Assert.All(diagnostics, d =>
        {
            Assert.Equal("globalStep", d.Properties[UnitProperties.StepName]);
            Assert.Equal("default", d.Properties[UnitProperties.Graph]);
            Assert.Equal("int64", d.Properties[UnitProperties.StepDType]);
            Assert.Equal("A,B", d.Properties[UnitProperties.Fixes]);
            Assert.Equal(string.Empty, d.Properties[UnitProperties.NoFixReason]);
            Assert.Equal(string.Empty, d.Properties[UnitProperties.NoFixAReason]);
            Assert.Equal("optimizer", d.Properties[UnitProperties.Optimizer]);
        });

        var creation = diagnostics[0];
        var kinds = creation.Properties[UnitProperties.AdditionalLocationKinds]!.Split(';');
        Assert.Equal(creation.AdditionalLocations.Count, kinds.Length);
        Assert.Equal(new[] { "OptimizerArgument", "Read", "Read", "Lookup" }, kinds);
        Assert.Equal(new[] { "globalStep", "globalStep", "globalStep", "Tf.Compat.V1.Train.GetGlobalStep()" }, creation.AdditionalLocations.Select(Text));
        Assert.DoesNotContain(creation.Location, creation.AdditionalLocations);
    }

    [Fact]
    public async Task HalfMigrated_ManualIncrementIsPartOfTheUnitAndNamesTheKerasOptimizer()
    {
        var diagnostics = await GetDiagnosticsAsync("""
            using GlobalStepMigration.Runtime;

            var opt = Tf.Keras.Optimizers.SGD(0.01);
            var step = (Variable)Tf.Compat.V1.Train.GetOrCreateGlobalStep();
            var v = Tf.Variable(3.0);
            var tape = Tf.GradientTape();
            Tensor loss;
            using (tape)
            {
                loss = v * 3.0;
            }

            var grads = tape.Gradient(loss, new[] { v });
            opt.ApplyGradients(new[] { (grads[0], v) });
            step.AssignAdd(1);
            """);

        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("A,B", diagnostic.Properties[UnitProperties.Fixes]);
        Assert.Equal("opt", diagnostic.Properties[UnitProperties.Optimizer]);
        Assert.Equal("Increment", diagnostic.Properties[UnitProperties.AdditionalLocationKinds]);
        Assert.Equal("step.AssignAdd(1)", Text(diagnostic.AdditionalLocations[0]));
    }

    [Fact]
    public async Task HandMadeStep_CreationIsARelatedLocationWithItsDType()
    {
        var diagnostics = await GetDiagnosticsAsync("""
            using GlobalStepMigration.Runtime;

            var v = Tf.Variable(3.0);
            var step = Tf.Variable(0, trainable: false, name: "global_step");
            var opt = Tf.Compat.V1.Train.GradientDescentOptimizer(0.1);
            opt.Minimize(v * 2.0, step, new[] { v });
            """);

        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("GSM002", diagnostic.Id);
        Assert.Equal("int32", diagnostic.Properties[UnitProperties.StepDType]);
        Assert.Equal("A,B", diagnostic.Properties[UnitProperties.Fixes]);
        Assert.Equal("Creation", diagnostic.Properties[UnitProperties.AdditionalLocationKinds]);
        Assert.Equal("Tf.Variable(0, trainable: false, name: \"global_step\")", Text(diagnostic.AdditionalLocations[0]));
    }

    [Fact]
    public async Task SharedStep_ExplicitVariableOnlyWithReason()
    {
        var diagnostics = await GetDiagnosticsAsync("""
            using GlobalStepMigration.Runtime;

            var a = Tf.Variable(1.0);
            var b = Tf.Variable(2.0);
            var step = Tf.Compat.V1.Train.GetOrCreateGlobalStep();
            var dOpt = Tf.Compat.V1.Train.GradientDescentOptimizer(0.1);
            var gOpt = Tf.Compat.V1.Train.GradientDescentOptimizer(0.2);
            dOpt.Minimize(a * 2.0, step, new[] { a });
            gOpt.Minimize(b * 2.0, step, new[] { b });
            """);

        Assert.Equal(3, diagnostics.Length);
        Assert.All(diagnostics, d =>
        {
            Assert.Equal("B", d.Properties[UnitProperties.Fixes]);
            Assert.Contains("both increment it", d.Properties[UnitProperties.NoFixAReason]);
            Assert.Equal(string.Empty, d.Properties[UnitProperties.Optimizer]);
        });
    }

    [Fact]
    public async Task StepsInTwoFilesOfOneTypeAndTwoGraphs_AreSeparateUnits()
    {
        var diagnostics = await GetDiagnosticsAsync(
            """
            using GlobalStepMigration.Runtime;

            partial class Model
            {
                private readonly Graph _g1 = new();
                private Tensor? _s1;

                void Build() => _s1 = Tf.Compat.V1.Train.CreateGlobalStep(_g1);
            }
            """,
            """
            using GlobalStepMigration.Runtime;

            partial class Model
            {
                private readonly Graph _g2 = new();

                Tensor? Read1() => Tf.Compat.V1.Train.GetGlobalStep(_g1);

                Tensor? Read2() => Tf.Compat.V1.Train.GetGlobalStep(_g2);
            }
            """);

        Assert.Equal(3, diagnostics.Length);
        var units = diagnostics.Select(d => d.Properties[UnitProperties.UnitId]).ToList();
        Assert.Equal(units[0], units[1]);
        Assert.NotEqual(units[0], units[2]);
        Assert.Equal(new[] { "_g1", "_g1", "_g2" }, diagnostics.Select(d => d.Properties[UnitProperties.Graph]));
    }

    [Fact]
    public async Task GlobalStepFoundIndirectly_HasNoUnitAndNoFix()
    {
        var diagnostics = await GetDiagnosticsAsync("""
            using GlobalStepMigration.Runtime;

            var g = new Graph();
            var t = g.GetTensorByName("global_step:0");
            """);

        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("GSM004", diagnostic.Id);
        Assert.Equal("NameLookup", diagnostic.Properties[UnitProperties.SiteKind]);
        Assert.Equal(string.Empty, diagnostic.Properties[UnitProperties.Fixes]);
        Assert.False(diagnostic.Properties.ContainsKey(UnitProperties.UnitId));
        Assert.Empty(diagnostic.AdditionalLocations);
    }
}
