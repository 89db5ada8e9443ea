using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Xunit;

namespace GlobalStepMigration.Analyzers.Tests;

/// <summary>
/// The one rule for graph scopes and private graphs that the analysis (explicit-graph units) and the code
/// fixes (steps other types may share) both use: where the two used to disagree, the stricter answer.
/// </summary>
public sealed class GraphScopesTests
{
    private static readonly LegacyLibrary Runtime = LegacyApiMap.GlobalStepMigrationRuntime;

    private static (SemanticModel Model, SyntaxNode Root) Compile(string body)
    {
        var compilation = AnalyzerVerifier.CreateCompilation("using System;\nusing GlobalStepMigration.Runtime;\n\n" + body);
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        var tree = compilation.SyntaxTrees.Single();
        return (compilation.GetSemanticModel(tree), tree.GetRoot());
    }

    private static SyntaxNode Marked(SyntaxNode root) =>
        root.DescendantNodes().OfType<InvocationExpressionSyntax>().Single(call => call.ToString().Contains("GetGlobalStep", System.StringComparison.Ordinal));

    private static ISymbol Local(SemanticModel model, SyntaxNode root, string name) =>
        model.GetDeclaredSymbol(root.DescendantNodes().OfType<VariableDeclaratorSyntax>().First(d => d.Identifier.ValueText == name))!;

    [Theory]
    [InlineData("var g = new Graph();\nusing (g.AsDefault())\n{\n    Tf.Compat.V1.Train.GetGlobalStep();\n}\n", "g")]
    [InlineData("var g = new Graph();\nvar h = new Graph();\nusing (g.AsDefault())\n{\n    using (h.AsDefault())\n    {\n        Tf.Compat.V1.Train.GetGlobalStep();\n    }\n}\n", "h")]
    [InlineData("var g = new Graph();\nvoid Run()\n{\n    using var scope = g.AsDefault();\n    Tf.Compat.V1.Train.GetGlobalStep();\n}\nRun();\n", "g")]
    [InlineData("var g = new Graph();\nusing (g.AsDefault())\n{\n    Func<Tensor?> later = () => Tf.Compat.V1.Train.GetGlobalStep();\n}\n", null)]
    [InlineData("Tf.Compat.V1.Train.GetGlobalStep();\n", null)]
    public void InnermostScope_StopsAtItsFunction(string body, string? graph)
    {
        var (_, root) = Compile(body);
        var scope = GraphScopes.Innermost(Marked(root), Runtime.Conventions.Graphs!);
        Assert.Equal(graph, scope?.GraphName);
        Assert.Equal(graph is not null, GraphScopes.InGraphMode(Marked(root), Runtime.Conventions.Graphs!));
    }

    [Theory]
    [InlineData("using var sess = new Session(g);", null)]
    [InlineData("Tf.Compat.V1.Train.CreateGlobalStep(g);", null)]
    [InlineData("g.FinalizeGraph();", nameof(BlockerKind.GraphUsedElsewhere))]
    [InlineData("var sess = Tf.Compat.V1.Session(graph: g);", nameof(BlockerKind.GraphUsedElsewhere))]
    [InlineData("Console.WriteLine(g);", nameof(BlockerKind.GraphUsedElsewhere))]
    public void PrivateGraph_UsedOnlyForItsScopeItsGlobalStepCallsAndNewSession(string use, string? blocker)
    {
        var (model, root) = Compile("var g = new Graph();\nusing (g.AsDefault())\n{\n    Tf.Compat.V1.Train.GetGlobalStep();\n}\n\n" + use + "\n");
        var graph = Local(model, root, "g");
        var why = GraphScopes.WhyNotPrivate(graph, graph.ContainingType, Runtime, CancellationToken.None);
        Assert.Equal(blocker, why?.Kind.ToString());
        Assert.Equal(blocker is null, GraphScopes.PrivateScope(Marked(root), model, Runtime, CancellationToken.None) is not null);
    }

    [Fact]
    public void PrivateFieldOfAnOuterType_IsNotPrivateToTheNestedTypesCode()
    {
        var (model, root) = Compile("""
            sealed class Outer
            {
                private readonly Graph _g = new();

                sealed class Inner
                {
                    public void Run(Outer outer)
                    {
                        using (outer._g.AsDefault())
                        {
                            Tf.Compat.V1.Train.GetGlobalStep();
                        }
                    }
                }

                public void Run()
                {
                    using (_g.AsDefault())
                    {
                    }
                }
            }
            """);
        var field = model.Compilation.GetTypeByMetadataName("Outer")!.GetMembers("_g").Single();
        var inner = model.Compilation.GetTypeByMetadataName("Outer+Inner");
        Assert.Equal(BlockerKind.GraphReachable, GraphScopes.WhyNotPrivate(field, inner, Runtime, CancellationToken.None)?.Kind);
        Assert.Null(GraphScopes.PrivateScope(Marked(root), model, Runtime, CancellationToken.None));
    }

    [Fact]
    public void LibraryWithoutGraphConventions_HasNoPrivateGraph()
    {
        var (model, root) = Compile("var g = new Graph();\nusing (g.AsDefault())\n{\n    Tf.Compat.V1.Train.GetGlobalStep();\n}\n");
        var graph = Local(model, root, "g");
        Assert.Null(LegacyApiMap.TensorFlowNet.Conventions.Graphs);
        Assert.Equal(BlockerKind.ExplicitGraphNotSupported, GraphScopes.WhyNotPrivate(graph, graph.ContainingType, LegacyApiMap.TensorFlowNet, CancellationToken.None)?.Kind);
        Assert.Null(GraphScopes.PrivateScope(Marked(root), model, LegacyApiMap.TensorFlowNet, CancellationToken.None));
    }
}
