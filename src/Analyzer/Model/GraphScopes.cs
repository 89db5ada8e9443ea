using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GlobalStepMigration.Analyzers;

/// <summary>A <c>using (g.AsDefault())</c> statement or a <c>using var _ = g.AsDefault();</c> declaration: while it runs, <c>g</c> is the default graph.</summary>
internal sealed class GraphScope
{
    public GraphScope(ExpressionSyntax graph, UsingStatementSyntax? statement)
    {
        Graph = graph;
        Statement = statement;
    }

    /// <summary>The graph expression (<c>g</c>, <c>this._graph</c>, <c>Make()</c>).</summary>
    public ExpressionSyntax Graph { get; }

    /// <summary>The using statement; null for a using declaration (its scope is the rest of its block).</summary>
    public UsingStatementSyntax? Statement { get; }

    /// <summary>The name the graph is spelled with (<c>g</c> for <c>g</c> and <c>this.g</c>), or null for another expression.</summary>
    public string? GraphName => Graph switch
    {
        IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
        MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
        _ => null,
    };
}

/// <summary>
/// Graph scopes and private graphs, decided once for the analysis and the code fixes. A node runs in
/// graph mode when its innermost default-graph scope (within its own function: a lambda or local function
/// may run anywhere) is <c>g.AsDefault()</c>; a graph is <em>private</em> to the code of a type when no
/// other code can get hold of it, so nothing else can find a step in it (docs/design/unit-model.md).
/// </summary>
/// <remarks>
/// A graph is private when it is a local, or a private field of the type whose code uses it, declared
/// with <c>new ...()</c> as its initializer, of the library's graph type, and used only as
/// <c>g.AsDefault()</c> (or <c>this.g.AsDefault()</c>), as the graph argument of the library's global-step
/// functions, or as the argument of <c>new Session(g)</c> (the session type spelled by its simple or full
/// name). Uses are found by name in the code that can name the graph (the declaring member for a local,
/// the file's top-level statements for a top-level local, the type's declarations for a field); a
/// same-named symbol elsewhere only makes the answer stricter.
/// </remarks>
internal static class GraphScopes
{
    /// <summary>The innermost default-graph scope around <paramref name="node"/> within its function, or null.</summary>
    public static GraphScope? Innermost(SyntaxNode node, GraphConventions graphs)
    {
        foreach (var ancestor in node.AncestorsAndSelf())
        {
            if (ancestor is UsingStatementSyntax statement && LastAsDefault(statement, graphs) is { } graph)
            {
                return new GraphScope(graph, statement);
            }

            if (ancestor is StatementSyntax current && current.Parent is BlockSyntax block)
            {
                // using var _ = g.AsDefault(); earlier in the same block: the last one is in effect.
                foreach (var previous in block.Statements.TakeWhile(s => s != current).Reverse())
                {
                    if (previous is LocalDeclarationStatementSyntax { UsingKeyword.RawKind: (int)SyntaxKind.UsingKeyword } declaration
                        && declaration.Declaration.Variables.Select(v => AsDefaultReceiver(v.Initializer?.Value, graphs)).LastOrDefault(g => g is not null) is { } declared)
                    {
                        return new GraphScope(declared, null);
                    }
                }
            }

            if (ancestor is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax || ancestor is MemberDeclarationSyntax and not GlobalStatementSyntax)
            {
                return null;
            }
        }

        return null;
    }

    /// <summary>Whether <paramref name="node"/> is built in graph mode (inside some <c>AsDefault()</c> scope of its function).</summary>
    public static bool InGraphMode(SyntaxNode node, GraphConventions graphs) => Innermost(node, graphs) is not null;

    /// <summary>Whether the innermost scope around <paramref name="node"/> is that of the graph spelled <paramref name="graphName"/>.</summary>
    public static bool InScopeOf(SyntaxNode node, string graphName, GraphConventions graphs) => Innermost(node, graphs)?.GraphName == graphName;

    /// <summary>The innermost scope around <paramref name="node"/> when it is a using statement of a private graph, or null.</summary>
    public static UsingStatementSyntax? PrivateScope(SyntaxNode node, SemanticModel model, LegacyLibrary library, CancellationToken cancellationToken)
    {
        if (library.Conventions.Graphs is not { } graphs
            || Innermost(node, graphs) is not { Statement: { } statement } scope)
        {
            return null;
        }

        return model.GetSymbolInfo(scope.Graph, cancellationToken).Symbol is { } graph
            && WhyNotPrivate(graph, CodeTypeOf(node, model, cancellationToken), library, cancellationToken) is null
            ? statement
            : null;
    }

    /// <summary>Whether <paramref name="node"/> is (in) a global-step function call given a private graph as its argument: <c>GetGlobalStep(g)</c>.</summary>
    public static bool OnPrivateGraphArgument(SyntaxNode node, SemanticModel model, LegacyLibrary library, CancellationToken cancellationToken) =>
        library.Conventions.Graphs is not null
        && node.FirstAncestorOrSelf<InvocationExpressionSyntax>() is { } call
        && IsGlobalStepFunction(call, library)
        && call.ArgumentList.Arguments.Any(argument =>
            argument.Expression is IdentifierNameSyntax
            && model.GetSymbolInfo(argument.Expression, cancellationToken).Symbol is { } graph
            && WhyNotPrivate(graph, CodeTypeOf(node, model, cancellationToken), library, cancellationToken) is null);

    /// <summary>
    /// Why <paramref name="graph"/> is not private to the code of <paramref name="codeType"/> (see the class
    /// remarks), or null when it is. A library whose graphs the fixes do not model has no private graph.
    /// </summary>
    public static Blocker? WhyNotPrivate(ISymbol graph, INamedTypeSymbol? codeType, LegacyLibrary library, CancellationToken cancellationToken)
    {
        var name = graph.Name;
        if (library.Conventions.Graphs is not { } graphs)
        {
            return new Blocker(BlockerKind.ExplicitGraphNotSupported) { Graph = name };
        }

        var references = graph.DeclaringSyntaxReferences;
        var declarator = references.Length == 1 ? references[0].GetSyntax(cancellationToken) as VariableDeclaratorSyntax : null;
        var privateToThisCode = graph switch
        {
            ILocalSymbol => true,
            IFieldSymbol field => field.DeclaredAccessibility == Accessibility.Private && SymbolEqualityComparer.Default.Equals(field.ContainingType, codeType),
            _ => false,
        };
        if (privateToThisCode && declarator is null && references.Length == 1)
        {
            // A local declared by a pattern (`x is Graph g`), a foreach or an out variable holds a graph made elsewhere.
            return new Blocker(BlockerKind.GraphNotCreatedHere) { Graph = name, Line = CodeText.Line(references[0].GetSyntax(cancellationToken)) };
        }

        if (!privateToThisCode || declarator is null)
        {
            return graph is IParameterSymbol
                ? new Blocker(BlockerKind.GraphIsParameter) { Graph = name }
                : new Blocker(BlockerKind.GraphReachable) { Graph = name, Owner = codeType?.Name };
        }

        if (declarator.Initializer?.Value is not (ObjectCreationExpressionSyntax or ImplicitObjectCreationExpressionSyntax))
        {
            return new Blocker(BlockerKind.GraphNotCreatedHere) { Graph = name, Line = CodeText.Line(declarator) };
        }

        // Every use of the graph: by name, in the declaring member (a local) or the type (a field).
        var scopes = graph is ILocalSymbol
            ? new[] { declarator.Ancestors().FirstOrDefault(node => node is MemberDeclarationSyntax and not GlobalStatementSyntax) ?? declarator.SyntaxTree.GetRoot(cancellationToken) }
            : graph.ContainingType.DeclaringSyntaxReferences.Select(reference => reference.GetSyntax(cancellationToken)).ToArray();
        foreach (var use in scopes.SelectMany(scope => IdentifierSearch.Named(scope, name)))
        {
            if (!IsPrivateUse(use, library, graphs))
            {
                return new Blocker(BlockerKind.GraphUsedElsewhere)
                {
                    Graph = name,
                    Line = CodeText.Line(use),
                    Code = CodeText.Quote(use.Ancestors().FirstOrDefault(node => node is InvocationExpressionSyntax or ObjectCreationExpressionSyntax or StatementSyntax) ?? use),
                };
            }
        }

        var type = graph is ILocalSymbol local ? local.Type : ((IFieldSymbol)graph).Type;
        if (MetadataName(type) != graphs.GraphTypeMetadataName || !library.AssemblyNames.Contains(type.ContainingAssembly?.Name ?? string.Empty))
        {
            return new Blocker(BlockerKind.GraphNotOfLibrary) { Graph = name, Library = library.Name };
        }

        return null;
    }

    /// <summary>
    /// Every default-graph scope of <paramref name="graph"/> (a local or private field: the code that can name it, by
    /// name, as for <see cref="WhyNotPrivate"/>): the <c>using (g.AsDefault())</c> statements and the
    /// <c>using var _ = g.AsDefault();</c> declarations. Code run in any of them sees the graph's step (O7).
    /// </summary>
    public static IEnumerable<SyntaxNode> ScopesOf(ISymbol graph, GraphConventions graphs, CancellationToken cancellationToken)
    {
        var declarator = graph.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(cancellationToken);
        if (declarator is null)
        {
            yield break;
        }

        var roots = graph is ILocalSymbol
            ? new[] { declarator.Ancestors().FirstOrDefault(node => node is MemberDeclarationSyntax and not GlobalStatementSyntax) ?? declarator.SyntaxTree.GetRoot(cancellationToken) }
            : graph.ContainingType.DeclaringSyntaxReferences.Select(reference => reference.GetSyntax(cancellationToken)).ToArray();
        foreach (var node in roots.SelectMany(root => root.DescendantNodes()))
        {
            var receiver = node switch
            {
                UsingStatementSyntax statement => LastAsDefault(statement, graphs),
                LocalDeclarationStatementSyntax { UsingKeyword.RawKind: (int)SyntaxKind.UsingKeyword } declaration =>
                    declaration.Declaration.Variables.Select(v => AsDefaultReceiver(v.Initializer?.Value, graphs)).LastOrDefault(g => g is not null),
                _ => null,
            };
            if (receiver is not null && new GraphScope(receiver, null).GraphName == graph.Name)
            {
                yield return node;
            }
        }
    }

    /// <summary><c>g.AsDefault()</c>, the graph argument of a global-step function, or <c>new Session(g)</c>.</summary>
    private static bool IsPrivateUse(IdentifierNameSyntax use, LegacyLibrary library, GraphConventions graphs)
    {
        if (use.Parent is MemberAccessExpressionSyntax member && member.Name == use && member.Expression is not ThisExpressionSyntax)
        {
            // other.g: another object's graph of the same name.
            return false;
        }

        ExpressionSyntax expression = use.Parent is MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } self && self.Name == use ? self : use;
        if (expression.Parent is MemberAccessExpressionSyntax access
            && access.Expression == expression
            && access.Name.Identifier.ValueText == graphs.AsDefaultMethodName
            && access.Parent is InvocationExpressionSyntax)
        {
            return true;
        }

        return expression.Parent is ArgumentSyntax { Parent: ArgumentListSyntax { Parent: { } call } }
            && call switch
            {
                InvocationExpressionSyntax invocation => IsGlobalStepFunction(invocation, library),
                ObjectCreationExpressionSyntax creation => creation.Type.ToString() == graphs.SessionTypeMetadataName
                    || creation.Type.ToString() == graphs.SessionTypeMetadataName.Substring(graphs.SessionTypeMetadataName.LastIndexOf('.') + 1),
                _ => false,
            };
    }

    /// <summary>A call spelled with the name of one of the library's global-step functions (GSM001's members).</summary>
    private static bool IsGlobalStepFunction(InvocationExpressionSyntax invocation, LegacyLibrary library)
    {
        var called = invocation.Expression switch
        {
            MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
            SimpleNameSyntax simple => simple.Identifier.ValueText,
            _ => null,
        };
        return called is not null && library.MemberNames(ApiKinds.IsGlobalStepFunction).Contains(called);
    }

    private static ExpressionSyntax? LastAsDefault(UsingStatementSyntax statement, GraphConventions graphs) =>
        statement.Expression is { } expression
            ? AsDefaultReceiver(expression, graphs)
            : statement.Declaration?.Variables.Select(v => AsDefaultReceiver(v.Initializer?.Value, graphs)).LastOrDefault(g => g is not null);

    private static ExpressionSyntax? AsDefaultReceiver(ExpressionSyntax? expression, GraphConventions graphs) =>
        expression is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access } && access.Name.Identifier.ValueText == graphs.AsDefaultMethodName
            ? access.Expression
            : null;

    private static INamedTypeSymbol? CodeTypeOf(SyntaxNode node, SemanticModel model, CancellationToken cancellationToken) =>
        model.GetEnclosingSymbol(node.SpanStart, cancellationToken) is { } symbol ? symbol as INamedTypeSymbol ?? symbol.ContainingType : null;

    /// <summary>A type's metadata name (namespace, then nested types joined with '+'), as the map spells types.</summary>
    public static string MetadataName(ITypeSymbol type)
    {
        var names = new List<string>();
        for (ISymbol? current = type; current is INamedTypeSymbol named; current = named.ContainingType)
        {
            names.Insert(0, named.MetadataName);
        }

        var ns = type.ContainingNamespace is { IsGlobalNamespace: false } space ? space.ToDisplayString() + "." : string.Empty;
        return ns + string.Join("+", names);
    }
}
