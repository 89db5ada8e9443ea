using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Threading;
using GlobalStepMigration.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GlobalStepMigration.CodeFixes;

/// <summary>
/// The identifier names of one spelling in a syntax tree, found once per tree and spelling and kept for as long as the
/// tree lives (weakly keyed on it). A question about every document of a project (does any code open a graph scope,
/// call <c>DisableEagerExecution</c>) then costs, after an edit, a walk of the edited document only: the others keep
/// their trees from one snapshot to the next. What the names bind to is for the caller to ask of the current snapshot.
/// </summary>
internal static class NamesInTree
{
    private static readonly ConditionalWeakTable<SyntaxTree, ConcurrentDictionary<string, ImmutableArray<IdentifierNameSyntax>>> Names = new();

    /// <summary>Every identifier name spelled <paramref name="name"/> in <paramref name="tree"/>, in the order of its nodes.</summary>
    public static ImmutableArray<IdentifierNameSyntax> Named(SyntaxTree tree, string name, CancellationToken cancellationToken)
    {
        var known = Names.GetValue(tree, _ => new ConcurrentDictionary<string, ImmutableArray<IdentifierNameSyntax>>());
        if (known.TryGetValue(name, out var names))
        {
            return names;
        }

        return known.GetOrAdd(name, IdentifierSearch.Named(tree.GetRoot(cancellationToken), name).ToImmutableArray());
    }
}
