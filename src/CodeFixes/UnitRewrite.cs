using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Host;
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

    /// <summary>
    /// The document's root with the edits applied. A SyntaxEditor re-finds its tracked nodes by walking its
    /// whole tree after each change, so one editor for the document costs edits x document size (a fix-all of
    /// 2,000 units in one document: quadratic). Edits inside different top-level types are independent, so
    /// each such type gets an editor of its own and the edited types go back in one pass; an edit outside a
    /// top-level type (top-level statements, the type itself) keeps the one editor for the whole document.
    /// </summary>
    private static SyntaxNode Edit(SyntaxNode root, List<NodeEdit> edits, SolutionServices services)
    {
        var scopes = new Dictionary<SyntaxNode, SyntaxEditor>();
        var editors = new List<(NodeEdit Edit, SyntaxEditor Editor)>(edits.Count);
        foreach (var edit in edits)
        {
            var scope = TopLevelTypeContaining(edit.Node);
            if (scope is null)
            {
                scopes.Clear();
                editors.Clear();
                var whole = new SyntaxEditor(root, services);
                editors.AddRange(edits.Select(each => (each, whole)));
                break;
            }

            if (!scopes.TryGetValue(scope, out var editor))
            {
                editor = new SyntaxEditor(scope, services);
                scopes.Add(scope, editor);
            }

            editors.Add((edit, editor));
        }

        var seen = new HashSet<SyntaxNode>();
        foreach (var (edit, editor) in editors)
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

        if (scopes.Count == 0)
        {
            return Statements.OpenSplices(editors.Count == 0 ? root : editors[0].Editor.GetChangedRoot());
        }

        var edited = scopes.ToDictionary(pair => pair.Key, pair => pair.Value.GetChangedRoot());
        return Statements.OpenSplices(root.ReplaceNodes(edited.Keys, (original, _) => edited[original]));
    }

    /// <summary>The type declared directly in the compilation unit or a namespace that strictly contains the node, if any.</summary>
    private static SyntaxNode? TopLevelTypeContaining(SyntaxNode node)
    {
        SyntaxNode? found = null;
        for (var current = node.Parent; current is not null; current = current.Parent)
        {
            if (current is Microsoft.CodeAnalysis.CSharp.Syntax.BaseTypeDeclarationSyntax or Microsoft.CodeAnalysis.CSharp.Syntax.DelegateDeclarationSyntax
                && current.Parent is Microsoft.CodeAnalysis.CSharp.Syntax.CompilationUnitSyntax or Microsoft.CodeAnalysis.CSharp.Syntax.BaseNamespaceDeclarationSyntax)
            {
                found = current;
            }
        }

        return found;
    }

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

            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (root is null)
            {
                continue;
            }

            solution = document.WithSyntaxRoot(Edit(root, group.ToList(), document.Project.Solution.Services)).Project.Solution;
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
