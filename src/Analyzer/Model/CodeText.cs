using Microsoft.CodeAnalysis;

namespace GlobalStepMigration.Analyzers;

/// <summary>How blockers point at the program: a line number, and a short quote of its code.</summary>
internal static class CodeText
{
    /// <summary>The 1-based line of a location in its own file.</summary>
    public static int Line(Location location) => location.GetLineSpan().StartLinePosition.Line + 1;

    /// <summary>The 1-based line where a node starts.</summary>
    public static int Line(SyntaxNode node) => Line(node.GetLocation());

    /// <summary>A node's text on one line, at most 60 characters ("?" for none).</summary>
    public static string Quote(SyntaxNode? syntax)
    {
        if (syntax is null)
        {
            return "?";
        }

        var text = syntax.ToString().Replace("\r", " ").Replace("\n", " ");
        return text.Length <= 60 ? text : text.Substring(0, 57) + "...";
    }
}
