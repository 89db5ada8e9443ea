using System;
using System.Collections.Concurrent;
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
    /// The syntactic facts of each syntax tree, per library: the nodes that may be sites (names the map lists, creations
    /// of observing types, name scopes, tries with a catch), in the order a walk of the tree meets them. A tree is
    /// immutable and an unchanged document keeps its tree from one project snapshot to the next, so these are computed
    /// once per tree and reused by every later snapshot; an edited document gets a new tree and is walked again.
    /// Keyed weakly on the tree, so nothing outlives it.
    /// </summary>
    private static readonly ImmutableDictionary<LegacyLibrary, ConditionalWeakTable<SyntaxTree, TreeFacts>> Syntactic =
        LegacyApiMap.Libraries.ToImmutableDictionary(library => library, _ => new ConditionalWeakTable<SyntaxTree, TreeFacts>());

    /// <summary>
    /// The index of one project snapshot, per library: what the candidates of <see cref="Syntactic"/> are in this
    /// snapshot's compilation (bound on demand, one tree at a time, and kept for the snapshot: a fix-all asks for every
    /// unit), with what each scope reaches. Every semantic fact is taken from the snapshot's own compilation, so an edit
    /// elsewhere that changes what a site binds to is seen. Keyed weakly on the immutable <see cref="Project"/>.
    /// </summary>
    private static readonly ImmutableDictionary<LegacyLibrary, ConditionalWeakTable<Project, ProjectSites>> Indexes =
        LegacyApiMap.Libraries.ToImmutableDictionary(library => library, _ => new ConditionalWeakTable<Project, ProjectSites>());

    /// <summary>The names each library's index looks for.</summary>
    private static readonly ImmutableDictionary<LegacyLibrary, SiteNames> Names =
        LegacyApiMap.Libraries.ToImmutableDictionary(library => library, library => new SiteNames(library));

    /// <summary>What a site of the index does (docs/design/observables.md).</summary>
    private enum Role
    {
        /// <summary>May find a step (O5): a global-step function or helper, a lookup by the step's name or key, a hand-made creation named global_step.</summary>
        Finds,

        /// <summary>Observes the graph's structure or writes checkpoints (O6, O12): it rules out the fixes its <see cref="Site.Observed"/> says.</summary>
        Observes,

        /// <summary>A name or variable scope: a step a global-step function creates inside it is named otherwise by fix B (O7).</summary>
        NameScope,

        /// <summary>A try with a catch: an update run inside it shows the optimizer's exception messages (O8).</summary>
        Catch,
    }

    /// <summary>The names the index looks for, from the map.</summary>
    private sealed class SiteNames
    {
        public SiteNames(LegacyLibrary library)
        {
            Functions = library.MemberNames(ApiKinds.MaySeeTheStep);
            FindsByNameOrCollection = library.MemberNames(ApiKinds.FindsByNameOrCollection);
            Observes = library.MemberNames(ApiKinds.ObservesTheGraph).Remove(".ctor");
            ObservingTypes = library.Entries.Where(entry => ApiKinds.ObservesTheGraph(entry.Kind) && entry.MemberName == ".ctor").Select(entry => entry.DisplayName).ToImmutableHashSet();
            NameScopes = library.MemberNames(kind => kind == ApiKind.NameScope);

            // A constructor (new RefVariable(...)) is spelled by its type's name, not a member name: not indexed.
            HandMade = library.MemberNames(kind => kind == ApiKind.VariableFactory).Remove(".ctor");
        }

        public ImmutableHashSet<string> Functions { get; }

        public ImmutableHashSet<string> FindsByNameOrCollection { get; }

        /// <summary>Members that observe the graph (lookups and collection reads of any name, introspection, checkpoints).</summary>
        public ImmutableHashSet<string> Observes { get; }

        /// <summary>Types whose constructors observe the graph (<c>new Saver()</c>).</summary>
        public ImmutableHashSet<string> ObservingTypes { get; }

        public ImmutableHashSet<string> NameScopes { get; }

        /// <summary>Hand-made creations: they count only with a constant <c>global_step</c> argument (the name).</summary>
        public ImmutableHashSet<string> HandMade { get; }
    }

    /// <summary>A site of the index: where it is, its type, its role, and whether it runs in a private graph.</summary>
    private sealed class Site
    {
        public Site(INamedTypeSymbol? type, UsingStatementSyntax? scope, SyntaxTree tree, TextSpan span, string api, Role role, Blocker? observed = null, SyntaxNode? statement = null, ImmutableArray<SyntaxNode> graphScopes = default)
        {
            Type = type;
            Scope = scope;
            GraphScopes = graphScopes.IsDefault ? ImmutableArray<SyntaxNode>.Empty : graphScopes;
            Tree = tree;
            Span = span;
            Api = api;
            Role = role;
            Observed = observed;
            Statement = statement;
        }

        public INamedTypeSymbol? Type { get; }

        /// <summary>The private graph scope the site is written in (null: the default graph).</summary>
        public UsingStatementSyntax? Scope { get; }

        /// <summary>Every default-graph scope of that graph (code run in any of them sees what the site sees).</summary>
        public ImmutableArray<SyntaxNode> GraphScopes { get; }

        public SyntaxTree Tree { get; }

        public TextSpan Span { get; }

        public string Api { get; }

        public Role Role { get; }

        /// <summary>For <see cref="Role.Observes"/>: the reason it gives (its kind says which fixes it rules out).</summary>
        public Blocker? Observed { get; }

        /// <summary>For <see cref="Role.NameScope"/> and <see cref="Role.Catch"/>: the scope or try statement.</summary>
        public SyntaxNode? Statement { get; }

        /// <summary>
        /// Whether the site runs in a private graph: written in a private scope that reaches no exposed
        /// site of another type, or a global-step function given a private graph as its argument
        /// (<see cref="ProjectSites.InPrivateGraph"/>; null until asked).
        /// </summary>
        public bool? InPrivateGraph { get; set; }

        /// <summary>Whether one of the unit's own sites is this call (its name lies inside the site's expression).</summary>
        public bool IsPartOf(UnitContext context) =>
            context.Sites.Any(own => own.Expression.SyntaxTree == Tree && own.Expression.Span.Contains(Span));

        /// <summary>Whether the site counts against <paramref name="fix"/> in <paramref name="role"/>.</summary>
        public bool Counts(Role role, FixKind fix) =>
            Role == role && (Observed is null || Observed.OnlyFix is null || Observed.OnlyFix == fix);

        public ScopeReach.Target AsTarget() =>
            new(Api, Type?.Name ?? "?", Tree.GetLineSpan(Span).StartLinePosition.Line + 1, Observed is null ? null : WithOwner(Observed, Type?.Name));
    }

    /// <summary>
    /// A candidate of a tree (<see cref="TreeFacts"/>): a node whose spelling may make it a site (a name or an object
    /// creation), or a statement site (a try with a catch, a name scope).
    /// </summary>
    private readonly record struct Candidate(SyntaxNode Node, string Text, bool IsHandMade, bool Observes)
    {
        /// <summary>A try or a name scope: a statement, or a call that runs lambdas in a scope (<c>tf_with(tf.name_scope("ns"), ...)</c>).</summary>
        public bool IsStatement => Node is StatementSyntax or InvocationExpressionSyntax;
    }

    /// <summary>What a walk of one syntax tree finds, before any binding.</summary>
    private sealed class TreeFacts
    {
        private TreeFacts(ImmutableArray<Candidate> candidates, bool inGraphScope)
        {
            Candidates = candidates;
            HasStatements = candidates.Any(candidate => candidate.IsStatement);
            HasCandidateInGraphScope = inGraphScope;
        }

        /// <summary>In the order of <see cref="SyntaxNode.DescendantNodes(System.Func{SyntaxNode, bool}?, bool)"/>.</summary>
        public ImmutableArray<Candidate> Candidates { get; }

        public bool HasStatements { get; }

        /// <summary>Whether a name candidate is written inside a <c>using</c> statement of a graph (the only place a private scope can be).</summary>
        public bool HasCandidateInGraphScope { get; }

        public static TreeFacts Of(SyntaxTree tree, LegacyLibrary library, SiteNames names)
        {
            var root = tree.GetRoot();
            var result = ImmutableArray.CreateBuilder<Candidate>();
            var inGraphScope = false;
            foreach (var node in root.DescendantNodes())
            {
                if (node is TryStatementSyntax { Catches.Count: > 0 } or UsingStatementSyntax or LocalDeclarationStatementSyntax { UsingKeyword.RawKind: (int)SyntaxKind.UsingKeyword } or InvocationExpressionSyntax)
                {
                    if (node is TryStatementSyntax || CodeScopes.OpensNameScope(node, names.NameScopes))
                    {
                        result.Add(new Candidate(node, string.Empty, false, false));
                    }

                    continue;
                }

                var isCreation = node is ObjectCreationExpressionSyntax creation && names.ObservingTypes.Contains(SimpleName(creation.Type));
                if (node is not SimpleNameSyntax && !isCreation)
                {
                    continue;
                }

                var text = node is SimpleNameSyntax simple ? simple.Identifier.ValueText : string.Empty;
                var isHandMade = names.HandMade.Contains(text);
                var observes = isCreation || names.Observes.Contains(text);
                if ((!names.Functions.Contains(text) && !names.FindsByNameOrCollection.Contains(text) && !isHandMade && !observes)
                    || (isHandMade && !observes && !MentionsGlobalStepConstant((SimpleNameSyntax)node, library)))
                {
                    // A hand-made creation counts only when named global_step; most Variable names are not calls at all.
                    continue;
                }

                result.Add(new Candidate(node, text, isHandMade, observes));
                inGraphScope |= library.Conventions.Graphs is { } graphs && GraphScopes.Innermost(node, graphs) is { Statement: not null };
            }

            return new TreeFacts(result.ToImmutable(), inGraphScope);
        }
    }

    /// <summary>
    /// The index of one project snapshot: the candidates of its trees (<see cref="TreeFacts"/>, reused across snapshots)
    /// bound in this snapshot's compilation when a question needs them, one tree at a time, and what its scopes reach
    /// (each walked once). A question about one scope binds only the trees that scope reaches; a question about every
    /// site of the project stops at the first that answers it.
    /// </summary>
    private sealed class ProjectSites
    {
        private readonly Dictionary<(SyntaxNode Scope, Role Role, FixKind Fix), List<(INamedTypeSymbol? Type, Blocker? Blocker)>> _blockers = new();
        private readonly ConcurrentDictionary<SyntaxTree, ImmutableArray<Site>> _sites = new();
        private readonly ConcurrentDictionary<SyntaxTree, ImmutableArray<Site>> _statements = new();
        private readonly ConcurrentDictionary<SyntaxTree, SemanticModel> _models = new();
        private readonly Project _project;
        private readonly LegacyLibrary _library;
        private readonly SiteNames _names;
        private readonly Lazy<ImmutableArray<SyntaxTree>> _trees;
        private readonly Lazy<ImmutableArray<SyntaxTree>> _statementTrees;
        private readonly ConditionalWeakTable<SyntaxTree, TreeFacts> _syntactic;
        private readonly ConditionalWeakTable<SyntaxTree, TreeFacts>.CreateValueCallback _walk;
        private readonly Lazy<ResolvedLibrary?> _resolved;
        private readonly Lazy<ScopeReach> _reach;
        private bool? _hasReach;

        public ProjectSites(Project project, Compilation compilation, LegacyLibrary library)
        {
            _project = project;
            _library = library;
            _names = Names[library];
            _syntactic = Syntactic[library];
            _walk = tree => TreeFacts.Of(tree, library, _names);
            Compilation = compilation;

            // The project's own documents, in the project's order (not the trees of source generators).
            _trees = new Lazy<ImmutableArray<SyntaxTree>>(() => compilation.SyntaxTrees.Where(IsDocumentTree).ToImmutableArray());
            _statementTrees = new Lazy<ImmutableArray<SyntaxTree>>(() => Trees.Where(tree => FactsOf(tree).HasStatements).ToImmutableArray());
            _resolved = new Lazy<ResolvedLibrary?>(() => ResolvedLibrary.Resolve(compilation, library));
            _reach = new Lazy<ScopeReach>(() => new ScopeReach(compilation, ModelOf));
        }

        public Compilation Compilation { get; }

        /// <summary>
        /// What scopes reach; null when no site of the project is in a private scope and no name scope or try exists (then no
        /// scope has anything to reach: as when the whole project was indexed at once).
        /// </summary>
        public ScopeReach? Reach(CancellationToken cancellationToken)
        {
            if (_hasReach is not { } has)
            {
                // The unit's own tree first: its step is most often created in a private scope itself.
                has = _statementTrees.Value.Length > 0
                    || _models.Keys.Where(IsDocumentTree).Concat(Trees).Where(tree => FactsOf(tree).HasCandidateInGraphScope)
                        .Any(tree => SitesOf(tree, cancellationToken).Any(site => site.Scope is not null));
                _hasReach = has;
            }

            return has ? _reach.Value : null;
        }

        /// <summary>Offers the unit's own semantic model for its tree, so that the unit's bound methods are not bound again.</summary>
        public void Share(SemanticModel model)
        {
            if (model.Compilation == Compilation)
            {
                _models.TryAdd(model.SyntaxTree, model);
            }
        }

        private ImmutableArray<SyntaxTree> Trees => _trees.Value;

        /// <summary>Every site of the project in the order of its documents and their nodes; bound as they are enumerated.</summary>
        public IEnumerable<Site> AllSites(CancellationToken cancellationToken) =>
            Trees.SelectMany(tree => SitesOf(tree, cancellationToken));

        /// <summary>Every name scope and try with a catch of the project, in order.</summary>
        public IEnumerable<Site> StatementSites(CancellationToken cancellationToken) =>
            _statementTrees.Value.SelectMany(tree => StatementsOf(tree, cancellationToken));

        /// <summary>Whether a tree is one of the project's documents in this snapshot.</summary>
        private bool IsDocumentTree(SyntaxTree tree) =>
            Compilation.ContainsSyntaxTree(tree) && _project.GetDocumentId(tree) is { } id && _project.ContainsDocument(id);

        private SemanticModel ModelOf(SyntaxTree tree) => _models.GetOrAdd(tree, t => Compilation.GetSemanticModel(t));

        private TreeFacts FactsOf(SyntaxTree tree) => _syntactic.GetValue(tree, _walk);

        /// <summary>The sites of one tree that find or observe (names and creations the library's members bind to).</summary>
        public ImmutableArray<Site> SitesOf(SyntaxTree tree, CancellationToken cancellationToken)
        {
            if (_sites.TryGetValue(tree, out var known))
            {
                return known;
            }

            var model = ModelOf(tree);
            var result = ImmutableArray.CreateBuilder<Site>();
            foreach (var candidate in FactsOf(tree).Candidates)
            {
                if (candidate.IsStatement)
                {
                    continue;
                }

                var node = candidate.Node;
                var text = candidate.Text;
                var info = model.GetSymbolInfo(node, cancellationToken);
                if ((info.Symbol ?? info.CandidateSymbols.FirstOrDefault()) is not IMethodSymbol method
                    || !_library.AssemblyNames.Contains(method.ContainingAssembly?.Name ?? string.Empty))
                {
                    continue;
                }

                var type = model.GetEnclosingSymbol(node.SpanStart, cancellationToken)?.ContainingType;
                var scope = GraphScopes.PrivateScope(node, model, _library, cancellationToken);
                var siblings = scope is null ? default : ScopesOfTheSameGraph(scope, model, _library, cancellationToken);
                var mentions = MentionsGlobalStep(node, model, _library, cancellationToken);
                if (_names.Functions.Contains(text) || ((_names.FindsByNameOrCollection.Contains(text) || candidate.IsHandMade) && mentions))
                {
                    result.Add(new Site(type, scope, node.SyntaxTree, node.Span, text, Role.Finds, graphScopes: siblings));
                }
                else if (candidate.Observes && _resolved.Value?.Find(method) is { } entry && Observation(node, entry, model, _library, cancellationToken) is { } observed)
                {
                    result.Add(new Site(type, scope, node.SyntaxTree, node.Span, entry.DisplayName, Role.Observes, observed, graphScopes: siblings));
                }
            }

            return _sites.GetOrAdd(tree, result.ToImmutable());
        }

        private ImmutableArray<Site> StatementsOf(SyntaxTree tree, CancellationToken cancellationToken)
        {
            if (_statements.TryGetValue(tree, out var known))
            {
                return known;
            }

            var model = ModelOf(tree);
            var result = ImmutableArray.CreateBuilder<Site>();
            foreach (var candidate in FactsOf(tree).Candidates.Where(candidate => candidate.IsStatement))
            {
                var node = candidate.Node;
                var owner = model.GetEnclosingSymbol(node.SpanStart, cancellationToken)?.ContainingType;
                result.Add(new Site(owner, null, node.SyntaxTree, node.Span, node is TryStatementSyntax ? "try" : "scope", node is TryStatementSyntax ? Role.Catch : Role.NameScope, statement: node));
            }

            return _statements.GetOrAdd(tree, result.ToImmutable());
        }

        /// <summary>
        /// Whether a site of <see cref="Role.Finds"/> or <see cref="Role.Observes"/> runs in a private graph (computed the
        /// first time it is asked). Symmetric with the unit's own check: a graph one of whose scopes is not private exposes
        /// its sites too.
        /// </summary>
        public bool InPrivateGraph(Site site, CancellationToken cancellationToken)
        {
            if (site.InPrivateGraph is { } known)
            {
                return known;
            }

            var inPrivate = site.Scope is not null
                ? site.GraphScopes.All(scope => BlockerOf(scope, site.Type, Role.Finds, FixKind.UseOptimizerIterations, cancellationToken) is null)
                : GraphScopes.OnPrivateGraphArgument(site.Tree.GetRoot(cancellationToken).FindNode(site.Span), ModelOf(site.Tree), _library, cancellationToken);
            site.InPrivateGraph = inPrivate;
            return inPrivate;
        }

        /// <summary>
        /// What makes a private scope of <paramref name="scopeType"/> not private for <paramref name="fix"/>: code run inside
        /// it reaches a site of <paramref name="role"/> of another type written outside any private scope (or a call the
        /// analysis cannot follow). Null when the scope stays private. Only the trees the scope reaches are bound.
        /// </summary>
        public Blocker? BlockerOf(SyntaxNode scope, INamedTypeSymbol? scopeType, Role role, FixKind fix, CancellationToken cancellationToken)
        {
            if (Reach(cancellationToken) is not { } reach)
            {
                return null;
            }

            lock (_blockers)
            {
                if (!_blockers.TryGetValue((scope, role, fix), out var known))
                {
                    known = new List<(INamedTypeSymbol? Type, Blocker? Blocker)>();
                    _blockers.Add((scope, role, fix), known);
                }

                foreach (var (type, found) in known)
                {
                    if (SymbolEqualityComparer.Default.Equals(type, scopeType))
                    {
                        return found;
                    }
                }

                var blocker = reach.Find(
                    scope,
                    (tree, span) => IsDocumentTree(tree)
                        ? SitesOf(tree, cancellationToken).FirstOrDefault(site =>
                            site.Counts(role, fix)
                            && site.Scope is null
                            && span.Contains(site.Span)
                            && !SymbolEqualityComparer.Default.Equals(site.Type, scopeType))?.AsTarget()
                        : null,
                    cancellationToken);
                known.Add((scopeType, blocker));
                return blocker;
            }
        }
    }

    /// <summary>
    /// Why code of another type may observe what <paramref name="fix"/> changes of the unit, naming that code, or null
    /// when none can (docs/design/observables.md: O5 finding the step, O6 the graph's structure, O12 checkpoints, O7 the
    /// scopes it runs in, O8 the exceptions of its updates). The diagnostic's message cannot say this (the analysis sees
    /// one type); the fixes return it as their reason, shown by the "Not offered" action.
    /// </summary>
    public static Task<Blocker?> SeenElsewhereAsync(UnitContext context, FixKind fix, CancellationToken cancellationToken)
    {
        var creation = context.Creation!;
        var library = context.Library;
        var unitType = creation.Model.GetEnclosingSymbol(creation.Expression.SpanStart, cancellationToken)?.ContainingType;
        var compilation = creation.Model.Compilation;
        var index = Indexes[library].GetValue(creation.Document.Project, project => new ProjectSites(project, compilation, library));
        index.Share(creation.Model);
        return Task.FromResult(
            FindsBlocker(context, fix, index, unitType, cancellationToken)
            ?? ObservesBlocker(context, fix, index, unitType, cancellationToken)
            ?? RunsInsideBlocker(context, fix, index, unitType, cancellationToken));
    }

    /// <summary>O5 and O7: another type's site may find the step (a lookup, a global-step function, the step's name).</summary>
    private static Blocker? FindsBlocker(UnitContext context, FixKind fix, ProjectSites index, INamedTypeSymbol? unitType, CancellationToken cancellationToken)
    {
        var creation = context.Creation!;
        var library = context.Library;
        var handMade = context.CreationIsHandMade;
        var lookups = context.OfKind(SiteKind.Lookup).ToList();
        if (fix == FixKind.UseExplicitVariable && handMade && lookups.Count == 0)
        {
            // The variable stays as written: whatever finds it still does.
            return null;
        }

        // The sites of the unit that may meet a step of another type (a hand-made creation not named
        // global_step is found by nothing, so it alone does not expose the unit).
        var own = lookups.ToList();
        if (!handMade || MentionsGlobalStep(creation.Expression, creation.Model, library, cancellationToken))
        {
            own.Add(creation);
        }

        if (ExposedOrScopeBlocker(own, index, unitType, Role.Finds, fix, library, cancellationToken) is not { } exposed)
        {
            return null;
        }

        if (exposed.Blocker is { } blocker)
        {
            return blocker;
        }

        // The analyzer saw the unit's own type, but it binds a lookup on a graph it cannot name (a
        // parameter: GetGlobalStep(graph)) to a unit of its own, so an exposed site of the same type
        // that is not one of the unit's own sites blocks too (docs/reliability.md, KI-2).
        var other = index.AllSites(cancellationToken).FirstOrDefault(site => site.Role == Role.Finds
            && (!SymbolEqualityComparer.Default.Equals(site.Type, unitType) || !site.IsPartOf(context))
            && !index.InPrivateGraph(site, cancellationToken));
        if (other is null)
        {
            return null;
        }

        var target = other.AsTarget();
        return new Blocker(BlockerKind.SharedWithOtherType) { Api = target.Api, Owner = target.Type, Line = target.Line };
    }

    /// <summary>O6 and O12: another type reads the structure of the unit's graph or writes checkpoints of it.</summary>
    private static Blocker? ObservesBlocker(UnitContext context, FixKind fix, ProjectSites index, INamedTypeSymbol? unitType, CancellationToken cancellationToken)
    {
        // Where the fix changes the graph: the creation, and the updates whose ops it rewrites.
        var own = context.Sites.Where(site => site.Kind is SiteKind.Creation or SiteKind.PassedToOptimizer or SiteKind.Decay).ToList();
        if (ExposedOrScopeBlocker(own, index, unitType, Role.Observes, fix, context.Library, cancellationToken) is not { } exposed)
        {
            return null;
        }

        // Code of the unit's own type is the analysis's (its message names it).
        return exposed.Blocker
            ?? index.AllSites(cancellationToken).FirstOrDefault(site => site.Counts(Role.Observes, fix) && !SymbolEqualityComparer.Default.Equals(site.Type, unitType)
                && !index.InPrivateGraph(site, cancellationToken))?.AsTarget().Observed;
    }

    /// <summary>
    /// Null when every site of <paramref name="own"/> runs in a private graph whose scopes (all of them: code run in any
    /// scope of the graph sees its step) reach nothing of <paramref name="role"/>; a blocker when one does; else "exposed".
    /// </summary>
    private static (Blocker? Blocker, bool Exposed)? ExposedOrScopeBlocker(List<BoundSite> own, ProjectSites index, INamedTypeSymbol? unitType, Role role, FixKind fix, LegacyLibrary library, CancellationToken cancellationToken)
    {
        var exposed = false;
        var walked = new HashSet<SyntaxNode>();
        foreach (var site in own)
        {
            var scope = GraphScopes.PrivateScope(site.Expression, site.Model, library, cancellationToken);
            if (scope is null)
            {
                exposed |= !GraphScopes.OnPrivateGraphArgument(site.Expression, site.Model, library, cancellationToken);
                continue;
            }

            // This scope and every other scope of the same graph (a helper called in a second using of it finds the step).
            foreach (var each in ScopesOfTheSameGraph(scope, site.Model, library, cancellationToken))
            {
                if (walked.Add(each) && index.BlockerOf(each, unitType, role, fix, cancellationToken) is { } blocker)
                {
                    return (blocker, true);
                }
            }
        }

        return exposed ? (null, true) : null;
    }

    /// <summary>
    /// O7 (fix B) and O8: code of another type may run the unit's code inside a name or variable scope (a step a
    /// global-step function creates there would be renamed by fix B) or inside a try with a catch (which sees the
    /// exceptions of the unit's updates, whose messages both fixes change).
    /// </summary>
    private static Blocker? RunsInsideBlocker(UnitContext context, FixKind fix, ProjectSites index, INamedTypeSymbol? unitType, CancellationToken cancellationToken)
    {
        if (index.Reach(cancellationToken) is not { } reach)
        {
            return null;
        }

        var creation = context.Creation!;
        var updates = context.Sites.Where(site => site.Kind is SiteKind.PassedToOptimizer or SiteKind.Increment).ToList();
        foreach (var site in index.StatementSites(cancellationToken).Where(site => !SymbolEqualityComparer.Default.Equals(site.Type, unitType)))
        {
            if (site.Role == Role.NameScope && fix == FixKind.UseExplicitVariable && !context.CreationIsHandMade
                && reach.Reaches(site.Statement!, creation.Expression.SyntaxTree, creation.Expression.Span, unknownReaches: true, cancellationToken) is { } named)
            {
                return new Blocker(BlockerKind.CreatedInNameScope)
                {
                    Line = CodeText.Line(creation.Expression),
                    Lines = ImmutableArray.Create(CodeText.Line(site.Statement!)),
                    Name = named.Via,
                    Owner = site.Type?.Name,
                };
            }

            if (site.Role == Role.Catch)
            {
                foreach (var update in updates.Where(update => !CodeScopes.RunsOnlyFromTheEntryPoint(update.Expression)))
                {
                    // A try counts when a known call leads from it to the update (a call whose target cannot be known is
                    // not followed here: most programs call through interfaces inside a catch-all, docs/design/observables.md).
                    if (reach.Reaches(site.Statement!, update.Expression.SyntaxTree, update.Expression.Span, unknownReaches: false, cancellationToken) is { } caught)
                    {
                        return new Blocker(BlockerKind.UpdateInTry)
                        {
                            Line = CodeText.Line(update.Expression),
                            Lines = ImmutableArray.Create(CodeText.Line(site.Statement!)),
                            Name = caught.Via,
                            Owner = site.Type?.Name,
                        };
                    }
                }
            }
        }

        return null;
    }

    /// <summary>A private graph scope and every other default-graph scope of the same graph, the scope first.</summary>
    private static ImmutableArray<SyntaxNode> ScopesOfTheSameGraph(UsingStatementSyntax scope, SemanticModel model, LegacyLibrary library, CancellationToken cancellationToken)
    {
        var graph = GraphScopes.Innermost(scope, library.Conventions.Graphs!) is { } innermost ? model.GetSymbolInfo(innermost.Graph, cancellationToken).Symbol : null;
        return graph is null
            ? ImmutableArray.Create<SyntaxNode>(scope)
            : GraphScopes.ScopesOf(graph, library.Conventions.Graphs!, cancellationToken).Where(other => other != scope).Prepend(scope).ToImmutableArray();
    }

    /// <summary>What code that observes the graph sees change, as the model says (<see cref="Observables"/>); null when nothing.</summary>
    private static Blocker? Observation(SyntaxNode node, ApiEntry entry, SemanticModel model, LegacyLibrary library, CancellationToken cancellationToken)
    {
        var line = CodeText.Line(node);
        if (entry.Kind == ApiKind.Checkpointing)
        {
            return new Blocker(BlockerKind.CheckpointObserved) { Api = entry.DisplayName, Line = line };
        }

        if (entry.Kind == ApiKind.GraphIntrospection)
        {
            return (entry.CollectionKey is { } key ? Observables.CollectionRead(key) : BlockerKind.TrainStructureObserved) is { } introspection
                ? new Blocker(introspection) { Api = entry.MemberName, Line = line, Code = entry.CollectionKey is { } read ? "collection '" + read + "'" : "the graph's structure" }
                : null;
        }

        var call = node.FirstAncestorOrSelf<InvocationExpressionSyntax>();
        var argument = call is null ? null : model.GetOperation(call, cancellationToken) is Microsoft.CodeAnalysis.Operations.IInvocationOperation operation
            ? OperationFacts.FindArgument(operation, entry.ParameterName)
            : null;
        if (argument is null || (entry.Kind == ApiKind.CollectionAccess && entry.MemberName.StartsWith("add", System.StringComparison.OrdinalIgnoreCase)))
        {
            return null;
        }

        var value = OperationFacts.Unwrap(argument.Value).ConstantValue is { HasValue: true, Value: string constant } ? constant : null;
        var kind = entry.Kind == ApiKind.FindByName
            ? Observables.NameLookup(value, library.GlobalStepName, library.Conventions.OptimizerNames)
            : Observables.CollectionRead(value);
        return kind is { } observed
            ? new Blocker(observed)
            {
                Api = entry.MemberName,
                Line = line,
                Code = entry.Kind == ApiKind.FindByName
                    ? (value is null ? "a name that is not a constant" : "'" + value + "' by name")
                    : (value is null ? "a collection whose key is not a constant" : "collection '" + value + "'"),
            }
            : null;
    }

    private static Blocker WithOwner(Blocker blocker, string? owner) => new(blocker.Kind)
    {
        Api = blocker.Api,
        Line = blocker.Line,
        Code = blocker.Code,
        Owner = owner,
    };

    private static string SimpleName(TypeSyntax type) => type switch
    {
        QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
        SimpleNameSyntax simple => simple.Identifier.ValueText,
        _ => string.Empty,
    };

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
}
