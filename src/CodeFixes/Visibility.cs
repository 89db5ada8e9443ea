using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GlobalStepMigration.CodeFixes;

/// <summary>
/// The check the analyzer cannot make (its scope is one type): does a global-step function or a
/// by-name or collection lookup in another type of the project possibly see this unit's step? Then
/// no fix is offered. A site that runs inside <c>using (g.AsDefault())</c> of a graph created right
/// there (a local or private field initialized with <c>new Graph()</c>) sees only that graph, so it
/// cannot meet a step of another graph.
/// </summary>
internal static class Visibility
{
    private static readonly HashSet<string> Functions = new() { "GetGlobalStep", "CreateGlobalStep", "GetOrCreateGlobalStep" };
    private static readonly HashSet<string> Lookups = new() { "GetTensorByName", "GetOperationByName", "AsGraphElement", "GetCollection", "GetCollectionRef", "AddToCollection" };

    // TensorFlow.NET's spellings of the same functions and lookups (docs/tensorflow-net.md).
    private static readonly HashSet<string> TfNetFunctions = new() { "get_global_step", "create_global_step", "_get_or_create_global_step_read" };
    private static readonly HashSet<string> TfNetLookups = new() { "get_tensor_by_name", "get_operation_by_name", "as_graph_element", "get_collection", "get_collection_ref", "add_to_collection" };

    public static async Task<bool> IsSeenElsewhereAsync(UnitContext context, CancellationToken cancellationToken)
    {
        var creation = context.Creation!;
        var unitType = creation.Model.GetEnclosingSymbol(creation.Expression.SpanStart, cancellationToken)?.ContainingType;
        var creationIsPrivate = !context.IsTensorFlowNet && InPrivateGraphScope(creation.Expression, creation.Model, cancellationToken);
        var functions = context.IsTensorFlowNet ? TfNetFunctions : Functions;
        var lookups = context.IsTensorFlowNet ? TfNetLookups : Lookups;
        var assembly = context.IsTensorFlowNet ? UnitContext.TensorFlowNetAssemblyName : UnitContext.RuntimeAssemblyName;
        foreach (var document in creation.Document.Project.Documents)
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
                if (!functions.Contains(text) && !lookups.Contains(text))
                {
                    continue;
                }

                model ??= await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
                if (model is null
                    || (model.GetSymbolInfo(name, cancellationToken).Symbol ?? model.GetSymbolInfo(name, cancellationToken).CandidateSymbols.FirstOrDefault()) is not IMethodSymbol method
                    || method.ContainingAssembly?.Name != assembly)
                {
                    continue;
                }

                if (lookups.Contains(text) && !MentionsGlobalStep(name, model, cancellationToken))
                {
                    continue;
                }

                var type = model.GetEnclosingSymbol(name.SpanStart, cancellationToken)?.ContainingType;
                if (SymbolEqualityComparer.Default.Equals(type, unitType))
                {
                    // The analyzer saw this type: its sites are in the unit or blocked it.
                    continue;
                }

                if (!creationIsPrivate && !InPrivateGraphScope(name, model, cancellationToken))
                {
                    return true;
                }
            }
        }

        return false;
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

    /// <summary>Whether the node runs inside <c>using (g.AsDefault())</c> for a graph created by this very code.</summary>
    public static bool InPrivateGraphScope(SyntaxNode node, SemanticModel model, CancellationToken cancellationToken)
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
        return declarator?.Initializer?.Value is ObjectCreationExpressionSyntax or ImplicitObjectCreationExpressionSyntax;
    }
}
