using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace GlobalStepMigration.Analyzers;

/// <summary>
/// Every identifier name with a given value under a node, without visiting every node: only the nodes whose
/// text contains the name are descended into. Exact when the text is ASCII with no <c>\u</c>/<c>\U</c>
/// escape, because an identifier whose value is the name is then spelled <c>name</c> or <c>@name</c>;
/// otherwise (an escape or a formatting character could spell it differently) every node is visited.
/// </summary>
internal static class IdentifierSearch
{
    public static IEnumerable<IdentifierNameSyntax> Named(SyntaxNode scope, string name)
    {
        var hits = Occurrences(scope, name);
        var nodes = hits is null ? scope.DescendantNodes() : scope.DescendantNodes(node => Contains(hits, node.FullSpan));
        return nodes.OfType<IdentifierNameSyntax>().Where(id => id.Identifier.ValueText == name);
    }

    /// <summary>The positions where the scope's text spells the name, or null when it may spell it otherwise.</summary>
    private static List<int>? Occurrences(SyntaxNode scope, string name)
    {
        if (name.Length == 0)
        {
            return null;
        }

        var span = scope.FullSpan;
        var text = scope.SyntaxTree.GetText().ToString(span);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c >= 0x80 || (c == '\\' && i + 1 < text.Length && text[i + 1] is 'u' or 'U'))
            {
                return null;
            }
        }

        var hits = new List<int>();
        for (var at = text.IndexOf(name, StringComparison.Ordinal); at >= 0; at = text.IndexOf(name, at + 1, StringComparison.Ordinal))
        {
            hits.Add(span.Start + at);
        }

        return hits;
    }

    private static bool Contains(List<int> sortedPositions, TextSpan span)
    {
        var index = sortedPositions.BinarySearch(span.Start);
        if (index < 0)
        {
            index = ~index;
        }

        return index < sortedPositions.Count && sortedPositions[index] < span.End;
    }
}
