using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace GlobalStepMigration.Analyzers.Tests;

/// <summary>
/// The text pre-filter (TriggerFilter) may say "yes" where the compiler's tokens spell no trigger, never
/// "no" where they do: checked against the token walk it replaced, on every type of the repository's C#
/// sources and on spellings chosen to trip a character scanner.
/// </summary>
public sealed class TriggerFilterTests
{
    private static readonly string[] Triggers = LegacyApiMap.Libraries
        .SelectMany(library => library.MemberNames(ApiKinds.StartsSite))
        .Distinct()
        .ToArray();

    [Theory]
    [InlineData("class C { void M() { Train.GetGlobalStep(); } }", true)]
    [InlineData("class C { void M() { Train.@GetGlobalStep(); } }", true)]
    [InlineData("class C { void M() { Train.\\u0047etGlobalStep(); } }", true)]
    [InlineData("class C { void M() { Train.GetGlobal\u00ADStep(); } }", true)]
    [InlineData("class C { void M() { opt.Minimize(l, s); } }", true)]
    [InlineData("class C { void M() { opt.Minimize\u00A0(l, s); } }", true)]
    [InlineData("class C { void M() { var x = 1Minimize; } }", true)]
    [InlineData("class C { void M() { var x = 0xGetGlobalStep; } }", true)]
    [InlineData("class C { void M() { opt.minimize(l, global_step: s); } }", true)]
    [InlineData("class C { void M() { opt.MinimizeLoss(l); var Minimized = 1; } }", false)]
    [InlineData("class C { void M() { var éMinimize = 1; } }", false)]
    [InlineData("class C { int Total(int x) => x * 2; }", false)]
    public void SpellingsAgreeWithTokens(string source, bool expected)
    {
        var tokens = TokenFilterSays(source);
        var text = TextFilterSays(source);
        Assert.True(text || !tokens, "the text filter said no where the tokens spell a trigger");
        Assert.Equal(expected, text);
    }

    [Fact]
    public void NeverNoWhereTokensSayYes_RepositorySources()
    {
        var files = RepositorySources.CSharpFiles();
        Assert.NotEmpty(files);
        var yes = 0;
        foreach (var file in files)
        {
            foreach (var (type, tokens, text) in Compare(File.ReadAllText(file), file))
            {
                Assert.True(text || !tokens, $"{file}: type {type}: the text filter said no where the tokens spell a trigger");
                yes += tokens ? 1 : 0;
            }
        }

        Assert.True(yes > 50, $"only {yes} types spell a trigger: the sources were not found");
    }

    private static bool TokenFilterSays(string source) => Compare(source, "/t.cs").Any(result => result.Tokens);

    private static bool TextFilterSays(string source) => Compare(source, "/t.cs").Any(result => result.Text);

    private static IEnumerable<(string Type, bool Tokens, bool Text)> Compare(string source, string path)
    {
        var tree = CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Preview), path);
        var compilation = CSharpCompilation.Create("T", new[] { tree });
        var filter = new TriggerFilter(Triggers);
        var model = compilation.GetSemanticModel(tree);
        foreach (var declaration in tree.GetRoot().DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.BaseTypeDeclarationSyntax>())
        {
            if (model.GetDeclaredSymbol(declaration) is not INamedTypeSymbol type)
            {
                continue;
            }

            var tokens = type.DeclaringSyntaxReferences.Any(reference => reference.GetSyntax().DescendantTokens()
                .Any(token => token.IsKind(SyntaxKind.IdentifierToken) && Triggers.Contains(token.ValueText)));
            yield return (type.Name, tokens, filter.MayContainTrigger(type, CancellationToken.None));
        }
    }
}
