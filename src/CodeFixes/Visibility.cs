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

namespace GlobalStepMigration.CodeFixes;

/// <summary>
/// The check the analyzer cannot make (its scope is one type): may a site in another type of the
/// project share this unit's step? The sites that may are global-step function calls, by-name and
/// collection lookups, and hand-made creations named <c>global_step</c> (a default-graph
/// <c>GetOrCreateGlobalStep</c> elsewhere finds such a variable by name in graph mode, and then both
/// types use one step). A site that runs inside <c>using (g.AsDefault())</c> of a graph created right
/// there (a local or private field initialized with <c>new Graph()</c>) sees only that graph, so it
/// cannot meet a step of another graph; every other site is <em>exposed</em>.
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
    /// (a fix-all asks for every unit; scanning the project per unit made it quadratic). Keyed weakly
    /// on the immutable <see cref="Project"/>, so nothing outlives the snapshot it describes.
    /// </summary>
    private static readonly ConditionalWeakTable<Project, Task<ImmutableArray<Site>>> RuntimeIndex = new();
    private static readonly ConditionalWeakTable<Project, Task<ImmutableArray<Site>>> TfNetIndex = new();

    /// <summary>A call or lookup that may see a global step: where it is, its type, and whether it runs in a private graph.</summary>
    private sealed class Site
    {
        public Site(SyntaxTree tree, Microsoft.CodeAnalysis.Text.TextSpan span, INamedTypeSymbol? type, bool inPrivateGraph)
        {
            Tree = tree;
            Span = span;
            Type = type;
            InPrivateGraph = inPrivateGraph;
        }

        public SyntaxTree Tree { get; }

        public Microsoft.CodeAnalysis.Text.TextSpan Span { get; }

        public INamedTypeSymbol? Type { get; }

        public bool InPrivateGraph { get; }

        /// <summary>Whether one of the unit's own sites is this call (its name lies inside the site's expression).</summary>
        public bool IsPartOf(UnitContext context) =>
            context.Sites.Any(own => own.Expression.SyntaxTree == Tree && own.Expression.Span.Contains(Span));
    }

    /// <summary>
    /// Whether a site of another type may share the unit's step, so that <paramref name="fix"/> would
    /// change what that site sees ("A" or "B", see <see cref="UnitProperties.Fixes"/>).
    /// </summary>
    public static async Task<bool> IsSeenElsewhereAsync(UnitContext context, string fix, CancellationToken cancellationToken)
    {
        var creation = context.Creation!;
        var handMade = IsHandMadeCreation(creation.Expression, creation.Model, context.IsTensorFlowNet, cancellationToken);
        var lookups = context.OfKind(SiteKind.Lookup).ToList();
        if (fix == "B" && handMade && lookups.Count == 0)
        {
            // The variable stays as written: nothing another type can observe changes.
            return false;
        }

        // Exposed: a site of the unit that may meet a step of another type (a hand-made creation not
        // named global_step is found by nothing, so it alone does not expose the unit).
        var exposed = lookups.Any(lookup => !InPrivateGraph(lookup.Expression, lookup.Model, context.IsTensorFlowNet, cancellationToken))
            || ((!handMade || MentionsGlobalStep(creation.Expression, creation.Model, cancellationToken))
                && !InPrivateGraph(creation.Expression, creation.Model, context.IsTensorFlowNet, cancellationToken));
        if (!exposed)
        {
            return false;
        }

        var unitType = creation.Model.GetEnclosingSymbol(creation.Expression.SpanStart, cancellationToken)?.ContainingType;
        var project = creation.Document.Project;
        var table = context.IsTensorFlowNet ? TfNetIndex : RuntimeIndex;
        var sites = await table.GetValue(project, p => IndexAsync(p, context.IsTensorFlowNet, CancellationToken.None)).ConfigureAwait(false);

        // The analyzer saw the unit's own type, but it binds a lookup on a graph it cannot name (a
        // parameter: GetGlobalStep(graph)) to a unit of its own, so an exposed site of the same type
        // that is not one of the unit's own sites blocks too (docs/reliability.md, KI-2).
        return sites.Any(site => !site.InPrivateGraph
            && (!SymbolEqualityComparer.Default.Equals(site.Type, unitType) || !site.IsPartOf(context)));
    }

    /// <summary>Whether a TensorFlow.NET site is in a private graph is not judged (always exposed).</summary>
    private static bool InPrivateGraph(SyntaxNode node, SemanticModel model, bool tensorFlowNet, CancellationToken cancellationToken) =>
        !tensorFlowNet && InPrivateGraphScope(node, model, cancellationToken);

    private static bool IsHandMadeCreation(ExpressionSyntax creation, SemanticModel model, bool tensorFlowNet, CancellationToken cancellationToken) =>
        model.GetSymbolInfo(creation, cancellationToken).Symbol is IMethodSymbol method
        && (tensorFlowNet ? TfNetHandMade : HandMade).Contains(method.Name);

    private static async Task<ImmutableArray<Site>> IndexAsync(Project project, bool tensorFlowNet, CancellationToken cancellationToken)
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
                result.Add(new Site(name.SyntaxTree, name.Span, type, !tensorFlowNet && InPrivateGraphScope(name, model, cancellationToken)));
            }
        }

        return result.ToImmutable();
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

    /// <summary>
    /// Whether the node runs inside <c>using (g.AsDefault())</c> for a graph created by this very code,
    /// or is a global-step function given such a graph as its argument (<c>GetGlobalStep(g)</c>).
    /// </summary>
    public static bool InPrivateGraphScope(SyntaxNode node, SemanticModel model, CancellationToken cancellationToken)
    {
        if (node.FirstAncestorOrSelf<InvocationExpressionSyntax>() is { } call
            && Functions.Contains(CalledName(call))
            && call.ArgumentList.Arguments.Any(argument =>
                argument.Expression is IdentifierNameSyntax && IsFreshGraph(model.GetSymbolInfo(argument.Expression, cancellationToken).Symbol, cancellationToken)))
        {
            return true;
        }

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
                return true;
            }

            if (ancestor is MemberDeclarationSyntax)
            {
                break;
            }
        }

        return false;
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
    /// Judged by syntax over the scope that can name it (the member for a local, the type's
    /// declarations for a private field).
    /// </summary>
    private static bool Escapes(ISymbol graph, VariableDeclaratorSyntax declarator, CancellationToken cancellationToken)
    {
        // A local of top-level statements can be named in every global statement of its file.
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
                        ImplicitObjectCreationExpressionSyntax => false,
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

    private static string CalledName(InvocationExpressionSyntax invocation) => invocation.Expression switch
    {
        MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
        SimpleNameSyntax name => name.Identifier.ValueText,
        _ => string.Empty,
    };
}
