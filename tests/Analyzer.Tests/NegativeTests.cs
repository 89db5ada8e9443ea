using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using GlobalStepMigration.TestKit;
using Xunit;
using static GlobalStepMigration.Analyzers.Tests.AnalyzerVerifier;

namespace GlobalStepMigration.Analyzers.Tests;

/// <summary>Code that must not be reported.</summary>
public sealed class NegativeTests
{
    [Fact]
    public Task LookAlikeApisOfOtherTypes() => VerifyAsync("""
        using GlobalStepMigration.Runtime;

        var g = new Graph();
        var step = Fake.Train.GetOrCreateGlobalStep();
        var other = Fake.Train.GetGlobalStep(g);
        var opt = new Fake.Optimizer();
        opt.Minimize(step, step);
        var lr = Fake.Train.ExponentialDecay(0.1, step, 100, 0.96);
        var name = new Fake.Graph().GetTensorByName("global_step:0");

        namespace Fake
        {
            public static class Train
            {
                public static Tensor GetOrCreateGlobalStep() => Tf.Variable(0L);
                public static Tensor? GetGlobalStep(GlobalStepMigration.Runtime.Graph g) => null;
                public static Tensor ExponentialDecay(double lr, Tensor globalStep, double steps, double rate) => globalStep;
            }

            public sealed class Optimizer
            {
                public void Minimize(Tensor loss, Tensor? globalStep = null) { }
            }

            public sealed class Graph
            {
                public object? GetTensorByName(string name) => null;
            }
        }
        """);

    [Fact]
    public Task KerasOptimizerAndHandMadeVariablesThatAreNotSteps() => VerifyAsync("""
        using GlobalStepMigration.Runtime;

        var v = Tf.Variable(1.0);
        var counter = Tf.Variable(0, trainable: false, name: "global_step");
        counter.AssignAdd(1);
        var opt = Tf.Keras.Optimizers.SGD(0.01);
        opt.Minimize(v * 2.0, new[] { v });
        var lr = Tf.Keras.Optimizers.Schedules.ExponentialDecay(0.1, 100, 0.96);
        var g = new Graph();
        var loss = g.GetCollection(Tf.Compat.V1.GraphKeys.TRAINABLE_VARIABLES);
        """);

    [Fact]
    public async Task RuntimeNotReferenced_NothingResolvedNothingReported()
    {
        const string source = """
            namespace GlobalStepMigration.Runtime
            {
                public class Graph { }

                public static class Tf
                {
                    public static class Compat
                    {
                        public static class V1
                        {
                            public static class Train
                            {
                                public static object? GetGlobalStep(Graph? graph = null) => null;
                            }
                        }
                    }
                }
            }

            class Program
            {
                static void Main() => GlobalStepMigration.Runtime.Tf.Compat.V1.Train.GetGlobalStep();
            }
            """;
        await VerifyAsync(source, referenceRuntime: false);

        var compilation = CSharpCompilation.Create(
            "NoRuntime",
            new[] { CSharpSyntaxTree.ParseText("class C { }", new CSharpParseOptions(Language)) },
            TestReferences.Framework,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        Assert.Null(ResolvedApis.Resolve(compilation));
    }
}
