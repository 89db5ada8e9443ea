using System.Collections.Generic;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using GlobalStepMigration.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace GlobalStepMigration.CodeFixes;

/// <summary>
/// The check the analyzer cannot make (its scope is one type): may a site in another type of the
/// project share this unit's step? The sites that may are global-step function calls (and helpers that read
/// the step), calls that find it by name or collection, and hand-made creations named <c>global_step</c> (a default-graph
/// <c>GetOrCreateGlobalStep</c> elsewhere finds such a variable by name in graph mode, and then both
/// types use one step). A site that runs inside <c>using (g.AsDefault())</c> of a graph created right
/// there (a local or private field initialized with <c>new Graph()</c>) sees only that graph, so it
/// cannot meet a step of another graph, unless code run inside that scope reaches an exposed site
/// of another type (<see cref="ScopeReach"/>: that code runs while the scope's graph is the
/// default); every other site is <em>exposed</em>.
/// </summary>
/// <remarks>
/// The rule is symmetric, which is what makes fix-all order-independent and one pass final
/// (docs/reliability.md, KI-1): a unit with an exposed site is blocked by any exposed site of another
/// type, so when two types may share a step neither is rewritten, and a unit that is rewritten had
/// no exposed neighbour, so removing its sites unblocks nobody. The one exemption changes nothing a
/// neighbour can observe: "Use an explicitly incremented variable" on a hand-made step with no
/// lookup keeps the variable, its name, its graph and its values (the increment moves from inside
/// the optimizer to the <c>Tf.Group</c> right after it), so it is offered whatever other types do.
/// </remarks>
internal static class Visibility
{
    /// <summary>
    /// The global-step function calls and finds by name or collection of a project, per library, found once per project
    /// snapshot (a fix-all asks for every unit; scanning the project per unit made it quadratic), with what
    /// each private graph scope reaches. Keyed weakly on the immutable <see cref="Project"/>, so nothing
    /// outlives the snapshot it describes.
    /// </summary>
    private static readonly ImmutableDictionary<LegacyLibrary, ConditionalWeakTable<Project, Task<ProjectSites>>> Indexes =
        LegacyApiMap.Libraries.ToImmutableDictionary(library => library, _ => new ConditionalWeakTable<Project, Task<ProjectSites>>());

    /// <summary>The names the index looks for, from the map: what may see a step, and hand-made creations.</summary>
    private sealed class SiteNames
    {
        public SiteNames(LegacyLibrary library)
        {
            Functions = library.MemberNames(ApiKinds.MaySeeTheStep);
            FindsByNameOrCollection = library.MemberNames(ApiKinds.FindsByNameOrCollection);

            // A constructor (new RefVariable(...)) is spelled by its type's name, not a member name: not indexed.
            HandMade = library.MemberNames(kind => kind == ApiKind.VariableFactory).Remove(".ctor");
        }

        public ImmutableHashSet<string> Functions { get; }

        public ImmutableHashSet<string> FindsByNameOrCollection { get; }

        /// <summary>Hand-made creations: they count only with a constant <c>global_step</c> argument (the name).</summary>
        public ImmutableHashSet<string> HandMade { get; }
    }

    /// <summary>A call or lookup that may see a global step: where it is, its type, and whether it runs in a private graph.</summary>
    private sealed class Site
    {
        public Site(INamedTypeSymbol? type, UsingStatementSyntax? scope, SyntaxTree tree, TextSpan span, string api)
        {
            Type = type;
            Scope = scope;
            Tree = tree;
            Span = span;
            Api = api;
        }

        public INamedTypeSymbol? Type { get; }

        /// <summary>The private graph scope the site is written in (null: the default graph).</summary>
        public UsingStatementSyntax? Scope { get; }

        public SyntaxTree Tree { get; }

        public TextSpan Span { get; }

        public string Api { get; }

        /// <summary>
        /// Whether the site runs in a private graph: written in a private scope that reaches no exposed
        /// site of another type, or a global-step function given a private graph as its argument.
        /// </summary>
        public bool InPrivateGraph { get; set; }

        /// <summary>Whether one of the unit's own sites is this call (its name lies inside the site's expression).</summary>
        public bool IsPartOf(UnitContext context) =>
            context.Sites.Any(own => own.Expression.SyntaxTree == Tree && own.Expression.Span.Contains(Span));

        public ScopeReach.Target AsTarget() =>
            new(Api, Type?.Name ?? "?", Tree.GetLineSpan(Span).StartLinePosition.Line + 1);
    }

    /// <summary>A project's sites, and what its private graph scopes reach (computed once per scope).</summary>
    private sealed class ProjectSites
    {
        private readonly Dictionary<UsingStatementSyntax, Blocker?> _blockers = new();
        private readonly ScopeReach? _reach;

        public ProjectSites(ImmutableArray<Site> sites, ScopeReach? reach)
        {
            Sites = sites;
            _reach = reach;
        }

        public ImmutableArray<Site> Sites { get; }

        /// <summary>
        /// What makes a private scope of <paramref name="scopeType"/> not private: code run inside it
        /// reaches a site of another type written outside any private scope (or a call the analysis
        /// cannot follow). Null when the scope stays private.
        /// </summary>
        public Blocker? BlockerOf(UsingStatementSyntax scope, INamedTypeSymbol? scopeType, CancellationToken cancellationToken)
        {
            if (_reach is null)
            {
                return null;
            }

            lock (_blockers)
            {
                if (!_blockers.TryGetValue(scope, out var blocker))
                {
                    blocker = _reach.Find(
                        scope,
                        (tree, span) => Sites.FirstOrDefault(site =>
                            site.Scope is null
                            && site.Tree == tree
                            && span.Contains(site.Span)
                            && !SymbolEqualityComparer.Default.Equals(site.Type, scopeType))?.AsTarget(),
                        cancellationToken);
                    _blockers.Add(scope, blocker);
                }

                return blocker;
            }
        }
    }

    /// <summary>
    /// Why a site of another type may share the unit's step, so that <paramref name="fix"/> would change
    /// what that site sees (naming that site), or null when none can. The diagnostic's message cannot say
    /// this (the analysis sees one type); the fixes return it as their reason.
    /// </summary>
    public static async Task<Blocker?> SeenElsewhereAsync(UnitContext context, FixKind fix, CancellationToken cancellationToken)
    {
        var creation = context.Creation!;
        var library = context.Library;
        var names = new SiteNames(library);
        var handMade = context.CreationIsHandMade;
        var lookups = context.OfKind(SiteKind.Lookup).ToList();
        if (fix == FixKind.UseExplicitVariable && handMade && lookups.Count == 0)
        {
            // The variable stays as written: nothing another type can observe changes.
            return null;
        }

        // The sites of the unit that may meet a step of another type (a hand-made creation not named
        // global_step is found by nothing, so it alone does not expose the unit).
        var own = lookups.ToList();
        if (!handMade || MentionsGlobalStep(creation.Expression, creation.Model, library, cancellationToken))
        {
            own.Add(creation);
        }

        if (own.Count == 0)
        {
            return null;
        }

        var unitType = creation.Model.GetEnclosingSymbol(creation.Expression.SpanStart, cancellationToken)?.ContainingType;
        var project = creation.Document.Project;
        var index = await Indexes[library].GetValue(project, p => IndexAsync(p, library, CancellationToken.None)).ConfigureAwait(false);

        // A site is exposed outside a private scope, or inside one from which code that reaches another
        // type's default-graph site is called (that code runs while the scope's graph is the default).
        var exposed = false;
        foreach (var site in own)
        {
            var scope = GraphScopes.PrivateScope(site.Expression, site.Model, library, cancellationToken);
            if (scope is null)
            {
                exposed |= !GraphScopes.OnPrivateGraphArgument(site.Expression, site.Model, library, cancellationToken);
            }
            else if (index.BlockerOf(scope, unitType, cancellationToken) is { } blocker)
            {
                return new Blocker(blocker.Kind)
                {
                    OnlyFix = fix,
                    Name = blocker.Name,
                    Graph = blocker.Graph,
                    Line = blocker.Line,
                    Api = blocker.Api,
                    Owner = blocker.Owner,
                    Code = blocker.Code,
                    Unknown = blocker.Unknown,
                };
            }
        }

        if (!exposed)
        {
            return null;
        }

        // The analyzer saw the unit's own type, but it binds a lookup on a graph it cannot name (a
        // parameter: GetGlobalStep(graph)) to a unit of its own, so an exposed site of the same type
        // that is not one of the unit's own sites blocks too (docs/reliability.md, KI-2).
        var other = index.Sites.FirstOrDefault(site => !site.InPrivateGraph
            && (!SymbolEqualityComparer.Default.Equals(site.Type, unitType) || !site.IsPartOf(context)));
        if (other is null)
        {
            return null;
        }

        var target = other.AsTarget();
        return new Blocker(BlockerKind.SharedWithOtherType) { OnlyFix = fix, Api = target.Api, Owner = target.Type, Line = target.Line };
    }

    private static async Task<ProjectSites> IndexAsync(Project project, LegacyLibrary library, CancellationToken cancellationToken)
    {
        var names = new SiteNames(library);
        var (functions, byNameOrCollection, handMade) = (names.Functions, names.FindsByNameOrCollection, names.HandMade);
        var result = ImmutableArray.CreateBuilder<Site>();
        foreach (var document in project.Documents)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (root is null)
            {
                continue;
            }

            SemanticModel? model = null;
            foreach (var name in root.DescendantNodes().OfType<SimpleNameSyntax>())
            {
                var text = name.Identifier.ValueText;
                var isHandMade = handMade.Contains(text);
                if ((!functions.Contains(text) && !byNameOrCollection.Contains(text) && !isHandMade)
                    || (isHandMade && !MentionsGlobalStepConstant(name, library)))
                {
                    // A hand-made creation counts only when named global_step; most Variable names are not calls at all.
                    continue;
                }

                model ??= await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
                if (model is null
                    || (model.GetSymbolInfo(name, cancellationToken).Symbol ?? model.GetSymbolInfo(name, cancellationToken).CandidateSymbols.FirstOrDefault()) is not IMethodSymbol method
                    || !library.AssemblyNames.Contains(method.ContainingAssembly?.Name ?? string.Empty))
                {
                    continue;
                }

                if ((byNameOrCollection.Contains(text) || isHandMade) && !MentionsGlobalStep(name, model, library, cancellationToken))
                {
                    continue;
                }

                var type = model.GetEnclosingSymbol(name.SpanStart, cancellationToken)?.ContainingType;
                var scope = GraphScopes.PrivateScope(name, model, library, cancellationToken);
                result.Add(new Site(type, scope, name.SyntaxTree, name.Span, text));
            }
        }

        var sites = result.ToImmutable();
        ScopeReach? reach = null;
        if (sites.Any(site => site.Scope is not null))
        {
            var compilation = await project.GetCompilationAsync(cancellationToken).ConfigureAwait(false);
            reach = compilation is null ? null : new ScopeReach(compilation);
        }

        var index = new ProjectSites(sites, reach);
        foreach (var site in sites)
        {
            // Symmetric with the unit's own check: a scope that is not private exposes its sites too.
            site.InPrivateGraph = site.Scope is not null
                ? index.BlockerOf(site.Scope, site.Type, cancellationToken) is null
                : await ModelOfAsync(project, site.Tree, cancellationToken).ConfigureAwait(false) is { } model
                    && GraphScopes.OnPrivateGraphArgument(site.Tree.GetRoot(cancellationToken).FindNode(site.Span), model, library, cancellationToken);
        }

        return index;
    }

    /// <summary>A syntax-only pre-check: the name is called, with a <c>"global_step"</c> literal or a named constant among its arguments.</summary>
    /// <remarks>A name given by a constant is left to the semantic check.</remarks>
    private static bool MentionsGlobalStepConstant(SimpleNameSyntax name, LegacyLibrary library)
    {
        var invoked = name.Parent is MemberAccessExpressionSyntax access && access.Name == name ? (ExpressionSyntax)access : name;
        return invoked.Parent is InvocationExpressionSyntax invocation
            && invocation.Expression == invoked
            && invocation.ArgumentList.Arguments.Any(argument => argument.Expression switch
            {
                LiteralExpressionSyntax literal => literal.Token.ValueText.StartsWith(library.GlobalStepName, System.StringComparison.Ordinal),
                IdentifierNameSyntax or MemberAccessExpressionSyntax => true,
                _ => false,
            });
    }

    private static bool MentionsGlobalStep(SyntaxNode name, SemanticModel model, LegacyLibrary library, CancellationToken cancellationToken)
    {
        var invocation = name.FirstAncestorOrSelf<InvocationExpressionSyntax>();
        return invocation is null
            || invocation.ArgumentList.Arguments.Any(argument =>
                model.GetConstantValue(argument.Expression, cancellationToken) is { HasValue: true, Value: string value }
                && (value == library.GlobalStepName || value == library.GlobalStepCollectionKey || value.StartsWith(library.GlobalStepName + ":", System.StringComparison.Ordinal)))
            //// A key that is not a constant (TensorFlow.NET's tf.GraphKeys.GLOBAL_STEP property) is judged by its spelling.
            || invocation.ArgumentList.Arguments.Any(argument => argument.Expression.ToString().IndexOf(LegacyApiMap.GlobalStepKeyName, System.StringComparison.Ordinal) >= 0);
    }

    private static async Task<SemanticModel?> ModelOfAsync(Project project, SyntaxTree tree, CancellationToken cancellationToken) =>
        project.GetDocument(tree) is { } document ? await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false) : null;
}
