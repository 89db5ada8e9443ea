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
/// project share this unit's step? The sites that may are global-step function calls, by-name and
/// collection lookups, and hand-made creations named <c>global_step</c> (a default-graph
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
    private static readonly HashSet<string> Functions = new() { "GetGlobalStep", "CreateGlobalStep", "GetOrCreateGlobalStep" };
    private static readonly HashSet<string> Lookups = new() { "GetTensorByName", "GetOperationByName", "AsGraphElement", "GetCollection", "GetCollectionRef", "AddToCollection" };

    /// <summary>Hand-made creations: they count only with a constant <c>global_step</c> argument (the name).</summary>
    private static readonly HashSet<string> HandMade = new() { "Variable", "GetVariable" };

    // TensorFlow.NET's spellings of the same functions and lookups (docs/tensorflow-net.md).
    private static readonly HashSet<string> TfNetFunctions = new() { "get_global_step", "create_global_step", "_get_or_create_global_step_read" };
    private static readonly HashSet<string> TfNetLookups = new() { "get_tensor_by_name", "get_operation_by_name", "as_graph_element", "get_collection", "get_collection_ref", "add_to_collection" };
    private static readonly HashSet<string> TfNetHandMade = new() { "Variable", "get_variable" };

    /// <summary>
    /// The global-step function calls and step lookups of a project, found once per project snapshot
    /// (a fix-all asks for every unit; scanning the project per unit made it quadratic), with what
    /// each private graph scope reaches. Keyed weakly on the immutable <see cref="Project"/>, so
    /// nothing outlives the snapshot it describes.
    /// </summary>
    private static readonly ConditionalWeakTable<Project, Task<ProjectSites>> RuntimeIndex = new();
    private static readonly ConditionalWeakTable<Project, Task<ProjectSites>> TfNetIndex = new();

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
        var handMade = IsHandMadeCreation(creation.Expression, creation.Model, context.IsTensorFlowNet, cancellationToken);
        var lookups = context.OfKind(SiteKind.Lookup).ToList();
        if (fix == FixKind.UseExplicitVariable && handMade && lookups.Count == 0)
        {
            // The variable stays as written: nothing another type can observe changes.
            return null;
        }

        // The sites of the unit that may meet a step of another type (a hand-made creation not named
        // global_step is found by nothing, so it alone does not expose the unit).
        var own = lookups.ToList();
        if (!handMade || MentionsGlobalStep(creation.Expression, creation.Model, cancellationToken))
        {
            own.Add(creation);
        }

        if (own.Count == 0)
        {
            return null;
        }

        var unitType = creation.Model.GetEnclosingSymbol(creation.Expression.SpanStart, cancellationToken)?.ContainingType;
        var project = creation.Document.Project;
        var table = context.IsTensorFlowNet ? TfNetIndex : RuntimeIndex;
        var index = await table.GetValue(project, p => IndexAsync(p, context.IsTensorFlowNet, CancellationToken.None)).ConfigureAwait(false);

        // A site is exposed outside a private scope, or inside one from which code that reaches another
        // type's default-graph site is called (that code runs while the scope's graph is the default).
        var exposed = false;
        foreach (var site in own)
        {
            var scope = context.IsTensorFlowNet ? null : PrivateGraphScope(site.Expression, site.Model, cancellationToken);
            if (scope is null)
            {
                exposed |= context.IsTensorFlowNet || !OnPrivateGraphArgument(site.Expression, site.Model, cancellationToken);
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

    private static bool IsHandMadeCreation(ExpressionSyntax creation, SemanticModel model, bool tensorFlowNet, CancellationToken cancellationToken) =>
        model.GetSymbolInfo(creation, cancellationToken).Symbol is IMethodSymbol method
        && (tensorFlowNet ? TfNetHandMade : HandMade).Contains(method.Name);

    private static async Task<ProjectSites> IndexAsync(Project project, bool tensorFlowNet, CancellationToken cancellationToken)
    {
        var functions = tensorFlowNet ? TfNetFunctions : Functions;
        var lookups = tensorFlowNet ? TfNetLookups : Lookups;
        var handMade = tensorFlowNet ? TfNetHandMade : HandMade;
        var assembly = tensorFlowNet ? UnitContext.TensorFlowNetAssemblyName : UnitContext.RuntimeAssemblyName;
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
                if ((!functions.Contains(text) && !lookups.Contains(text) && !isHandMade)
                    || (isHandMade && !MentionsGlobalStepConstant(name)))
                {
                    // A hand-made creation counts only when named global_step; most Variable names are not calls at all.
                    continue;
                }

                model ??= await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
                if (model is null
                    || (model.GetSymbolInfo(name, cancellationToken).Symbol ?? model.GetSymbolInfo(name, cancellationToken).CandidateSymbols.FirstOrDefault()) is not IMethodSymbol method
                    || method.ContainingAssembly?.Name != assembly)
                {
                    continue;
                }

                if ((lookups.Contains(text) || isHandMade) && !MentionsGlobalStep(name, model, cancellationToken))
                {
                    continue;
                }

                var type = model.GetEnclosingSymbol(name.SpanStart, cancellationToken)?.ContainingType;
                var scope = tensorFlowNet ? null : PrivateGraphScope(name, model, cancellationToken);
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
                : !tensorFlowNet && OnPrivateGraphArgument(site.Tree.GetRoot(cancellationToken).FindNode(site.Span), await ModelOfAsync(project, site.Tree, cancellationToken).ConfigureAwait(false), cancellationToken);
        }

        return index;
    }

    /// <summary>A syntax-only pre-check: the name is called, with a <c>"global_step"</c> literal or a named constant among its arguments.</summary>
    /// <remarks>A name given by a constant is left to the semantic check.</remarks>
    private static bool MentionsGlobalStepConstant(SimpleNameSyntax name)
    {
        var invoked = name.Parent is MemberAccessExpressionSyntax access && access.Name == name ? (ExpressionSyntax)access : name;
        return invoked.Parent is InvocationExpressionSyntax invocation
            && invocation.Expression == invoked
            && invocation.ArgumentList.Arguments.Any(argument => argument.Expression switch
            {
                LiteralExpressionSyntax literal => literal.Token.ValueText.StartsWith("global_step", System.StringComparison.Ordinal),
                IdentifierNameSyntax or MemberAccessExpressionSyntax => true,
                _ => false,
            });
    }

    private static bool MentionsGlobalStep(SyntaxNode name, SemanticModel model, CancellationToken cancellationToken)
    {
        var invocation = name.FirstAncestorOrSelf<InvocationExpressionSyntax>();
        return invocation is null
            || invocation.ArgumentList.Arguments.Any(argument =>
                model.GetConstantValue(argument.Expression, cancellationToken) is { HasValue: true, Value: string value }
                && (value == "global_step" || value.StartsWith("global_step:", System.StringComparison.Ordinal)))
            //// A key that is not a constant (TensorFlow.NET's tf.GraphKeys.GLOBAL_STEP property) is judged by its spelling.
            || invocation.ArgumentList.Arguments.Any(argument => argument.Expression.ToString().IndexOf("GLOBAL_STEP", System.StringComparison.Ordinal) >= 0);
    }

    /// <summary>The innermost <c>using (g.AsDefault())</c> around the node for a graph created by this very code, or null.</summary>
    private static UsingStatementSyntax? PrivateGraphScope(SyntaxNode node, SemanticModel model, CancellationToken cancellationToken)
    {
        foreach (var ancestor in node.Ancestors())
        {
            ExpressionSyntax? scope = ancestor switch
            {
                UsingStatementSyntax { Expression: { } expression } => expression,
                UsingStatementSyntax { Declaration.Variables: { Count: 1 } variables } => variables[0].Initializer?.Value,
                _ => null,
            };

            if (scope is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "AsDefault" } access }
                && IsFreshGraph(model.GetSymbolInfo(access.Expression, cancellationToken).Symbol, cancellationToken))
            {
                return (UsingStatementSyntax)ancestor;
            }

            if (ancestor is MemberDeclarationSyntax)
            {
                break;
            }
        }

        return null;
    }

    /// <summary>Whether the node is built inside <c>using (x.AsDefault())</c> (or after <c>using var _ = x.AsDefault();</c>): graph mode.</summary>
    public static bool InGraphScope(SyntaxNode node)
    {
        static bool IsAsDefault(ExpressionSyntax? expression) =>
            expression is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "AsDefault" } };

        foreach (var ancestor in node.AncestorsAndSelf())
        {
            if (ancestor is UsingStatementSyntax statement
                && (IsAsDefault(statement.Expression) || statement.Declaration?.Variables.Any(v => IsAsDefault(v.Initializer?.Value)) == true))
            {
                return true;
            }

            if (ancestor is StatementSyntax current && current.Parent is BlockSyntax block)
            {
                foreach (var previous in block.Statements.TakeWhile(s => s != current))
                {
                    if (previous is LocalDeclarationStatementSyntax { UsingKeyword.RawKind: (int)SyntaxKind.UsingKeyword } declaration
                        && declaration.Declaration.Variables.Any(v => IsAsDefault(v.Initializer?.Value)))
                    {
                        return true;
                    }
                }
            }

            if (ancestor is MemberDeclarationSyntax and not GlobalStatementSyntax)
            {
                break;
            }
        }

        return false;
    }

    /// <summary>Whether the node is (in) a global-step function call given a private graph as its argument: <c>GetGlobalStep(g)</c>.</summary>
    private static bool OnPrivateGraphArgument(SyntaxNode node, SemanticModel? model, CancellationToken cancellationToken) =>
        model is not null
        && node.FirstAncestorOrSelf<InvocationExpressionSyntax>() is { } call
        && Functions.Contains(CalledName(call))
        && call.ArgumentList.Arguments.Any(argument =>
            argument.Expression is IdentifierNameSyntax && IsFreshGraph(model.GetSymbolInfo(argument.Expression, cancellationToken).Symbol, cancellationToken));

    private static async Task<SemanticModel?> ModelOfAsync(Project project, SyntaxTree tree, CancellationToken cancellationToken) =>
        project.GetDocument(tree) is { } document ? await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false) : null;

    private static string CalledName(InvocationExpressionSyntax invocation) => invocation.Expression switch
    {
        MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
        SimpleNameSyntax name => name.Identifier.ValueText,
        _ => string.Empty,
    };

    private static bool IsFreshGraph(ISymbol? symbol, CancellationToken cancellationToken)
    {
        if (symbol is not (ILocalSymbol or IFieldSymbol { DeclaredAccessibility: Accessibility.Private }))
        {
            return false;
        }

        var type = symbol is ILocalSymbol local ? local.Type : ((IFieldSymbol)symbol).Type;
        if (type.Name != "Graph" || type.ContainingAssembly?.Name != "GlobalStepMigration.Runtime")
        {
            return false;
        }

        var declarator = symbol.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(cancellationToken) as VariableDeclaratorSyntax;
        return declarator?.Initializer?.Value is ObjectCreationExpressionSyntax or ImplicitObjectCreationExpressionSyntax
            && !Escapes(symbol, declarator, cancellationToken);
    }

    /// <summary>
    /// Whether the graph is handed to code that could use it as its default graph or look its step
    /// up (passed to a method, stored, returned, captured by a lambda): then it is not private
    /// (docs/reliability.md, KI-2). Allowed uses: a member access on it (<c>g.AsDefault()</c>,
    /// <c>g.Finalize()</c>), <c>new Session(g)</c>, and the graph argument of a global-step function.
    /// Judged by syntax over the code that can name it (the member for a local, every global
    /// statement of the file for a local of top-level statements, the type's declarations for a
    /// private field).
    /// </summary>
    private static bool Escapes(ISymbol graph, VariableDeclaratorSyntax declarator, CancellationToken cancellationToken)
    {
        IEnumerable<SyntaxNode> scopes = graph is ILocalSymbol
            ? new[] { declarator.FirstAncestorOrSelf<MemberDeclarationSyntax>() is { } member and not GlobalStatementSyntax ? member : declarator.SyntaxTree.GetRoot(cancellationToken) }
            : graph.ContainingType.DeclaringSyntaxReferences.Select(reference => reference.GetSyntax(cancellationToken));
        foreach (var scope in scopes)
        {
            foreach (var identifier in scope.DescendantNodes().OfType<IdentifierNameSyntax>())
            {
                if (identifier.Identifier.ValueText != graph.Name)
                {
                    continue;
                }

                var use = identifier.Parent is MemberAccessExpressionSyntax { Name: var name } qualified && name == identifier ? qualified : (ExpressionSyntax)identifier;
                var allowed = use.Parent switch
                {
                    MemberAccessExpressionSyntax access => access.Expression == use,
                    ArgumentSyntax { Parent: ArgumentListSyntax { Parent: var call } } => call switch
                    {
                        ObjectCreationExpressionSyntax creation => creation.Type.ToString() is "Session" or "GlobalStepMigration.Runtime.Session",
                        InvocationExpressionSyntax invocation => Functions.Contains(CalledName(invocation)),
                        _ => false,
                    },
                    _ => false,
                };
                if (!allowed)
                {
                    return true;
                }
            }
        }

        return false;
    }
}
