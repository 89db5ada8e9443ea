using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GlobalStepMigration.Analyzers;

/// <summary>
/// The scopes of a type from which a unit's code may run in another method of the same type: a <c>try</c> with a
/// <c>catch</c> whose block calls (directly or through other methods of the type) the method with an update (O8), and a
/// name or variable scope whose body calls the method that creates the step with a global-step function (O7, fix B).
/// Calls are matched by name, within the type's syntax (another type's callers are the code fixes' to find); the
/// scopes written around the sites themselves are the rules' own checks.
/// </summary>
internal static class CallerScopes
{
    public static IEnumerable<Blocker> Blockers(Unit unit, TypeFacts facts, CancellationToken cancellationToken)
    {
        var updates = unit.Sites.Where(site => site.Kind is SiteKind.PassedToOptimizer or SiteKind.Increment).ToList();
        var creations = unit.Creations.Where(site => !site.HandMade).ToList();
        if (updates.Count == 0 && creations.Count == 0)
        {
            yield break;
        }

        var scopeMembers = unit.Library?.MemberNames(kind => kind == ApiKind.NameScope)
            ?? ImmutableHashSet<string>.Empty;
        var roots = facts.Type.DeclaringSyntaxReferences.Select(reference => reference.GetSyntax(cancellationToken)).ToList();
        var tries = new List<TryStatementSyntax>();
        var scopes = new List<SyntaxNode>();
        foreach (var node in roots.SelectMany(root => root.DescendantNodes()))
        {
            if (node is TryStatementSyntax { Catches.Count: > 0 } attempt)
            {
                tries.Add(attempt);
            }
            else if (CodeScopes.OpensNameScope(node, scopeMembers))
            {
                scopes.Add(node);
            }
        }

        if (tries.Count == 0 && scopes.Count == 0)
        {
            yield break;
        }

        var methods = roots.SelectMany(root => root.DescendantNodes()).OfType<MethodDeclarationSyntax>().ToList();
        foreach (var (sites, found, kind) in new[] { (updates, tries.Cast<SyntaxNode>().ToList(), BlockerKind.UpdateInTry), (creations, scopes, BlockerKind.CreatedInNameScope) })
        {
            if (sites.Count == 0 || found.Count == 0)
            {
                continue;
            }

            var callers = Callers(sites.Select(site => MethodOf(site, cancellationToken)).Where(name => name is not null).Select(name => name!), methods);
            foreach (var scope in found)
            {
                var called = CodeScopes.BodyOf(scope).SelectMany(body => body.DescendantNodesAndSelf()).OfType<InvocationExpressionSyntax>()
                    .Select(NameOf).FirstOrDefault(name => name is not null && callers.Contains(name));
                if (called is not null)
                {
                    yield return new Blocker(kind)
                    {
                        Line = CodeText.Line(sites[0].Location),
                        Lines = ImmutableArray.Create(CodeText.Line(scope)),
                        Name = called,
                        Owner = facts.Type.Name,
                    };
                }
            }
        }
    }

    /// <summary>The methods whose code runs the named methods: themselves and every method of the type that calls one of them, transitively.</summary>
    private static HashSet<string> Callers(IEnumerable<string> names, List<MethodDeclarationSyntax> methods)
    {
        var callers = new HashSet<string>(names, System.StringComparer.Ordinal);
        var changed = true;
        while (changed)
        {
            changed = false;
            foreach (var method in methods)
            {
                var name = method.Identifier.ValueText;
                if (!callers.Contains(name) && method.DescendantNodes().OfType<InvocationExpressionSyntax>().Any(call => NameOf(call) is { } called && callers.Contains(called)))
                {
                    callers.Add(name);
                    changed = true;
                }
            }
        }

        return callers;
    }

    /// <summary>The method (or local function) a site is written in, by name; null in other members.</summary>
    private static string? MethodOf(RawSite site, CancellationToken cancellationToken)
    {
        var node = site.Location.SourceTree?.GetRoot(cancellationToken).FindNode(site.Location.SourceSpan, getInnermostNodeForTie: true);
        foreach (var ancestor in node?.Ancestors() ?? Enumerable.Empty<SyntaxNode>())
        {
            switch (ancestor)
            {
                case LocalFunctionStatementSyntax local:
                    return local.Identifier.ValueText;
                case MethodDeclarationSyntax method:
                    return method.Identifier.ValueText;
                case MemberDeclarationSyntax:
                    return null;
            }
        }

        return null;
    }

    private static string? NameOf(InvocationExpressionSyntax call) => call.Expression switch
    {
        MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
        SimpleNameSyntax simple => simple.Identifier.ValueText,
        _ => null,
    };
}
