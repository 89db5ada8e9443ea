using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;

namespace GlobalStepMigration.CodeFixes;

/// <summary>One edit of a unit's rewrite: replace (or remove, or insert before) a node of the original tree.</summary>
internal sealed class NodeEdit
{
    public NodeEdit(DocumentId document, SyntaxNode node, Func<SyntaxNode, SyntaxNode>? replace, SyntaxNode? insertBefore = null)
    {
        Document = document;
        Node = node;
        Replace = replace;
        InsertBefore = insertBefore;
    }

    public DocumentId Document { get; }

    public SyntaxNode Node { get; }

    /// <summary>The replacement, computed from the current node; null removes the node (unless <see cref="InsertBefore"/> is set).</summary>
    public Func<SyntaxNode, SyntaxNode>? Replace { get; }

    /// <summary>A node to insert before <see cref="Node"/>.</summary>
    public SyntaxNode? InsertBefore { get; }
}

/// <summary>The edits that migrate one unit, computed on the original solution.</summary>
internal sealed class UnitRewrite
{
    public UnitRewrite(IReadOnlyList<NodeEdit> edits) => Edits = edits;

    public IReadOnlyList<NodeEdit> Edits { get; }

    /// <summary>Applies the edits of several units at once: every document is edited once, then gets its using directives, simplification and formatting.</summary>
    public static async Task<Solution> ApplyAsync(Solution solution, IEnumerable<UnitRewrite> rewrites, CancellationToken cancellationToken)
    {
        var byDocument = rewrites.SelectMany(rewrite => rewrite.Edits).GroupBy(edit => edit.Document);
        var changed = new List<DocumentId>();
        foreach (var group in byDocument)
        {
            var document = solution.GetDocument(group.Key);
            if (document is null)
            {
                continue;
            }

            var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
            var seen = new HashSet<SyntaxNode>();
            foreach (var edit in group)
            {
                if (edit.InsertBefore is not null)
                {
                    editor.InsertBefore(edit.Node, edit.InsertBefore);
                }

                if (!seen.Add(edit.Node))
                {
                    continue;
                }

                if (edit.Replace is not null)
                {
                    var replace = edit.Replace;
                    editor.ReplaceNode(edit.Node, (current, _) => replace(current));
                }
                else if (edit.InsertBefore is null)
                {
                    // A statement goes with its line; comments around it stay.
                    var onlyWhitespace = edit.Node.GetLeadingTrivia().All(t => t.IsKind(SyntaxKind.WhitespaceTrivia) || t.IsKind(SyntaxKind.EndOfLineTrivia));
                    if (!onlyWhitespace && EndsWithIndentedLineBreak(edit.Node))
                    {
                        // Keep the comment lines above it, not the statement's own indentation and line break
                        // (kept, they would leave an indented blank line where the statement was).
                        editor.ReplaceNode(edit.Node, (current, _) => current
                            .WithLeadingTrivia(TrimAfterLastLineBreak(current.GetLeadingTrivia()))
                            .WithTrailingTrivia());
                        editor.RemoveNode(edit.Node, SyntaxRemoveOptions.KeepLeadingTrivia | SyntaxRemoveOptions.KeepUnbalancedDirectives);
                    }
                    else
                    {
                        editor.RemoveNode(edit.Node, (onlyWhitespace ? SyntaxRemoveOptions.KeepNoTrivia : SyntaxRemoveOptions.KeepExteriorTrivia) | SyntaxRemoveOptions.KeepUnbalancedDirectives);
                    }
                }
            }

            solution = editor.GetChangedDocument().Project.Solution;
            changed.Add(group.Key);
        }

        foreach (var id in changed)
        {
            var document = solution.GetDocument(id)!;
            document = await ImportAdder.AddImportsAsync(document, Simplifier.AddImportsAnnotation, cancellationToken: cancellationToken).ConfigureAwait(false);
            document = await Simplifier.ReduceAsync(document, Simplifier.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
            document = await Formatter.FormatAsync(document, Formatter.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
            solution = document.Project.Solution;
        }

        return solution;
    }

    /// <summary>Whether the node's line holds only the node: its trailing trivia is its line break, its leading trivia ends with one and an indentation.</summary>
    private static bool EndsWithIndentedLineBreak(SyntaxNode node)
    {
        var leading = node.GetLeadingTrivia();
        var trailing = node.GetTrailingTrivia();
        var last = leading.Count - 1;
        if (last >= 0 && leading[last].IsKind(SyntaxKind.WhitespaceTrivia))
        {
            last--;
        }

        return last >= 0 && leading[last].IsKind(SyntaxKind.EndOfLineTrivia)
            && trailing.Count > 0 && trailing.Last().IsKind(SyntaxKind.EndOfLineTrivia)
            && trailing.All(t => t.IsKind(SyntaxKind.WhitespaceTrivia) || t.IsKind(SyntaxKind.EndOfLineTrivia));
    }

    private static SyntaxTriviaList TrimAfterLastLineBreak(SyntaxTriviaList trivia)
    {
        var end = trivia.Count;
        while (end > 0 && !trivia[end - 1].IsKind(SyntaxKind.EndOfLineTrivia))
        {
            end--;
        }

        return SyntaxFactory.TriviaList(trivia.Take(end));
    }
}
