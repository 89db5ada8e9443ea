using System;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Xunit;

namespace GlobalStepMigration.Analyzers.Tests;

/// <summary>
/// IdentifierSearch (the graph-use search of the explicit-graph check) visits only the nodes whose text spells
/// the name; it must find exactly what a walk over every node finds: checked on every type and member of the
/// repository's C# sources for each name they use, and on spellings that do not contain the name as typed.
/// </summary>
public sealed class IdentifierSearchTests
{
    [Theory]
    [InlineData("class C { void M() { var g = 1; M2(g); } void M2(int x) { } }", "g", 1)]
    [InlineData("class C { void M() { var @g = 1; M2(@g); } void M2(int x) { } }", "g", 1)]
    [InlineData("class C { void M() { var g = 1; M2(\\u0067); } void M2(int x) { } }", "g", 1)]
    [InlineData("class C { void M() { var gx = 1; M2(g\u00ADx); } void M2(int x) { } }", "gx", 1)]
    [InlineData("class C { void M() { var graph = 1; /* g */ M2(graph, \"g\"); } void M2(int x, string s) { } }", "g", 0)]
    [InlineData("class C { int g; void M() { g = this.g + 1; } }", "g", 2)]
    public void FindsWhatTheFullWalkFinds(string source, string name, int expected)
    {
        var root = CSharpSyntaxTree.ParseText(source).GetRoot();
        var scope = root.DescendantNodes().OfType<TypeDeclarationSyntax>().First();

        var found = IdentifierSearch.Named(scope, name).ToList();

        Assert.Equal(FullWalk(scope, name), found);
        Assert.Equal(expected, found.Count);
    }

    [Fact]
    public void FindsWhatTheFullWalkFinds_RepositorySources()
    {
        var files = RepositorySources.CSharpFiles();
        var checkedPairs = 0;
        foreach (var file in files)
        {
            var tree = CSharpSyntaxTree.ParseText(File.ReadAllText(file), new CSharpParseOptions(LanguageVersion.Preview), file);
            foreach (var scope in tree.GetRoot().DescendantNodes().Where(node => node is BaseTypeDeclarationSyntax or MethodDeclarationSyntax))
            {
                var names = scope.DescendantNodes().OfType<IdentifierNameSyntax>().Select(id => id.Identifier.ValueText).Distinct().Take(12);
                foreach (var name in names)
                {
                    Assert.True(FullWalk(scope, name).SequenceEqual(IdentifierSearch.Named(scope, name)), $"{file}: '{name}' in {scope.GetLocation().GetLineSpan().StartLinePosition}");
                    checkedPairs++;
                }
            }
        }

        Assert.True(checkedPairs > 1_000, $"only {checkedPairs} scope/name pairs: the sources were not found");
    }

    private static IdentifierNameSyntax[] FullWalk(SyntaxNode scope, string name) =>
        scope.DescendantNodes().OfType<IdentifierNameSyntax>().Where(id => id.Identifier.ValueText == name).ToArray();
}
