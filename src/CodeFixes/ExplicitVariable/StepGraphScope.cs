using System.Linq;
using System.Threading;
using GlobalStepMigration.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GlobalStepMigration.CodeFixes;

/// <summary>
/// Whether an update runs while its step's graph is the default graph. The runtime's TF1 <c>ApplyGradients</c> makes
/// its variables' graph the default while it builds (so a legacy update works from anywhere), but an explicit increment
/// takes its control dependency from the default graph (<c>Tf.ControlDependencies</c>, as TensorFlow's
/// <c>tf.control_dependencies</c>): written where another graph, or none, is the default, the increment would not
/// depend on the update, and running the train op would run the increment alone.
/// </summary>
/// <remarks>
/// Known statically: the update and the creation have the same innermost default-graph scope (the same graph variable
/// or field), or both have none and are in the same function or no code of the compilation opens a graph scope (the
/// same default graph, or none, then; a thread's global default graph is the thread's own); or the update
/// is in a private method of the creation's type with no scope of its own, called only from places that satisfy
/// these rules (followed a few calls deep). Anything else is not known, and fix B is not offered.
/// </remarks>
internal static class StepGraphScope
{
    private const int MaxDepth = 4;

    public static bool RunsInScopeOfCreation(BoundSite update, BoundSite creation, GraphConventions graphs, CancellationToken cancellationToken) =>
        RunsInScopeOf(update.Expression, update.Model, creation, graphs, MaxDepth, cancellationToken);

    private static bool RunsInScopeOf(SyntaxNode node, SemanticModel model, BoundSite creation, GraphConventions graphs, int depth, CancellationToken cancellationToken)
    {
        if (!ScopeOf(node, model, graphs, cancellationToken, out var scope) || !ScopeOf(creation.Expression, creation.Model, graphs, cancellationToken, out var creationScope))
        {
            return false;
        }

        if (scope is not null)
        {
            return SymbolEqualityComparer.Default.Equals(scope, creationScope);
        }

        var function = FunctionOf(node);
        if (creationScope is null && (function == FunctionOf(creation.Expression) || !OpensAnyGraphScope(model.Compilation, graphs, cancellationToken)))
        {
            return true;
        }

        // A private method with no scope of its own runs where it is called from.
        if (depth == 0
            || function is not MethodDeclarationSyntax declaration
            || model.GetDeclaredSymbol(declaration, cancellationToken) is not IMethodSymbol { DeclaredAccessibility: Accessibility.Private, MethodKind: MethodKind.Ordinary } method)
        {
            return false;
        }

        var uses = method.ContainingType.DeclaringSyntaxReferences
            .Select(reference => reference.GetSyntax(cancellationToken))
            .SelectMany(type => IdentifierSearch.Named(type, method.Name))
            .Where(use => use.SyntaxTree == model.SyntaxTree || model.Compilation.ContainsSyntaxTree(use.SyntaxTree))
            .ToList();
        var calls = 0;
        foreach (var use in uses)
        {
            var useModel = use.SyntaxTree == model.SyntaxTree ? model : model.Compilation.GetSemanticModel(use.SyntaxTree);
            if (!SymbolEqualityComparer.Default.Equals(useModel.GetSymbolInfo(use, cancellationToken).Symbol?.OriginalDefinition, method))
            {
                continue;
            }

            // Only plain calls: a method group may run anywhere.
            var call = use.Parent is InvocationExpressionSyntax direct && direct.Expression == use ? direct
                : use.Parent is MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax, Parent: InvocationExpressionSyntax viaThis } access && access.Name == use ? viaThis
                : null;
            if (call is null || !RunsInScopeOf(call, useModel, creation, graphs, depth - 1, cancellationToken))
            {
                return false;
            }

            calls++;
        }

        return calls > 0;
    }

    /// <summary>Whether any code of the compilation may make a graph the default (spells <c>AsDefault</c>): without, every function runs with the same default.</summary>
    private static bool OpensAnyGraphScope(Compilation compilation, GraphConventions graphs, CancellationToken cancellationToken) =>
        compilation.SyntaxTrees.Any(tree => NamesInTree.Named(tree, graphs.AsDefaultMethodName, cancellationToken).Length > 0);

    /// <summary>The graph of the innermost default-graph scope around <paramref name="node"/> in its function (null: none); false when its graph cannot be named.</summary>
    private static bool ScopeOf(SyntaxNode node, SemanticModel model, GraphConventions graphs, CancellationToken cancellationToken, out ISymbol? graph)
    {
        graph = null;
        if (GraphScopes.Innermost(node, graphs) is not { } scope)
        {
            return true;
        }

        graph = model.GetSymbolInfo(scope.Graph, cancellationToken).Symbol;
        return graph is ILocalSymbol or IFieldSymbol or IParameterSymbol;
    }

    /// <summary>The function <paramref name="node"/> runs in: a lambda, a local function, a member, or the top-level statements.</summary>
    private static SyntaxNode FunctionOf(SyntaxNode node) =>
        node.AncestorsAndSelf().FirstOrDefault(ancestor => ancestor is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax
            || ancestor is MemberDeclarationSyntax and not GlobalStatementSyntax) ?? node.SyntaxTree.GetRoot();
}
