using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using GlobalStepMigration.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;

namespace GlobalStepMigration.CodeFixes;

/// <summary>
/// <c>GlobalStep(sess, step)</c> after either fix: TF1's reader of the step is gone from TensorFlow 2, so both fixes
/// rewrite it to the read it makes. The runtime reads an eager step's value and runs a graph step in the session,
/// and returns a long (src/Runtime/TrainingUtil.cs, <c>GlobalStepValue</c>; TensorFlow's training_util.global_step): a
/// step created in a graph scope becomes <c>(long)sess.Run(step)</c>, a step the program's entry code creates eagerly
/// <c>(long)step.Numpy()</c>. The analysis declines a step whose mode it cannot see; this declines a program that
/// disables eager execution (its "eager" steps live in a graph) and a session that may be null.
/// </summary>
internal static class StepValueReads
{
    /// <summary>The rewrite with every <c>GlobalStep(sess, step)</c> of the unit replaced by its read, or why not.</summary>
    public static async Task<Outcome<UnitRewrite>> AddAsync(Solution solution, FixUnit unit, UnitRewrite rewrite, CancellationToken cancellationToken)
    {
        var bound = await UnitContext.CreateAsync(solution, unit, cancellationToken).ConfigureAwait(false);
        if (bound.Value is not { Creation: { } creation, Library.Conventions.Graphs: { } graphs } context)
        {
            return bound.Value is null ? bound.Declined<UnitRewrite>() : new Blocker(BlockerKind.NotOneCreation);
        }

        var inGraph = GraphScopes.InGraphMode(creation.Expression, graphs);
        if (!inGraph && await DisablesEagerExecutionAsync(creation.Document.Project, context.Library, cancellationToken).ConfigureAwait(false) is { } disabled)
        {
            return NotRewritable(context.OfKind(SiteKind.GlobalStepValue).First(), "the program disables eager execution (" + disabled + "), so the step may live in a graph");
        }

        var edits = rewrite.Edits.ToList();
        foreach (var read in context.OfKind(SiteKind.GlobalStepValue))
        {
            if (read.Expression is not InvocationExpressionSyntax { ArgumentList.Arguments.Count: 2 } call
                || read.Model.GetOperation(call, cancellationToken) is not Microsoft.CodeAnalysis.Operations.IInvocationOperation operation)
            {
                return NotRewritable(read, "it is not a call with a session and a step");
            }

            var session = operation.Arguments.First(argument => argument.Parameter?.Ordinal == 0);
            var step = operation.Arguments.First(argument => argument.Parameter?.Ordinal == 1);
            var stepExpression = (step.Value is Microsoft.CodeAnalysis.Operations.IConversionOperation conversion ? conversion.Operand : step.Value).Syntax as ExpressionSyntax;
            var stepType = stepExpression is null ? null : read.Model.GetTypeInfo(stepExpression, cancellationToken).Type;
            if (stepExpression is null || !IsTensor(stepType, context.Library))
            {
                return NotRewritable(read, "its step is not a tensor");
            }

            if (inGraph && (session.Syntax is not ArgumentSyntax sessionArgument
                || read.Model.GetTypeInfo(sessionArgument.Expression, cancellationToken).Nullability.FlowState != NullableFlowState.NotNull))
            {
                return NotRewritable(read, "its session may be null");
            }

            var stepIndex = call.ArgumentList.Arguments.IndexOf((ArgumentSyntax)step.Syntax);
            var sessionIndex = call.ArgumentList.Arguments.IndexOf((ArgumentSyntax)session.Syntax);
            var maybeNull = read.Model.GetTypeInfo(stepExpression, cancellationToken).Nullability.FlowState == NullableFlowState.MaybeNull;
            edits.Add(new NodeEdit(read.Document.Id, call, current =>
            {
                var arguments = ((InvocationExpressionSyntax)current).ArgumentList.Arguments;
                var value = Syntax.StripWrappers(arguments[stepIndex].Expression).WithoutTrivia();
                var tensor = maybeNull ? SyntaxFactory.PostfixUnaryExpression(SyntaxKind.SuppressNullableWarningExpression, value) : value;
                ExpressionSyntax fetched = inGraph
                    ? SyntaxFactory.InvocationExpression(
                        SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, arguments[sessionIndex].Expression.WithoutTrivia(), SyntaxFactory.IdentifierName("Run")),
                        SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(tensor))))
                    : SyntaxFactory.InvocationExpression(SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, Parenthesized(tensor), SyntaxFactory.IdentifierName("Numpy")));
                var cast = SyntaxFactory.CastExpression(SyntaxFactory.PredefinedType(SyntaxFactory.Token(SyntaxKind.LongKeyword)), fetched);
                return SyntaxFactory.ParenthesizedExpression(cast).WithAdditionalAnnotations(Simplifier.Annotation).WithTriviaFrom(current);
            }));
        }

        return new UnitRewrite(edits);
    }

    /// <summary>Whether a type is the library's tensor type or derives from it (<c>Run</c> and <c>Numpy</c> take it).</summary>
    private static bool IsTensor(ITypeSymbol? type, LegacyLibrary library)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (GraphScopes.MetadataName(current) == library.TensorTypeMetadataName)
            {
                return true;
            }
        }

        return false;
    }

    private static ExpressionSyntax Parenthesized(ExpressionSyntax expression) =>
        expression is IdentifierNameSyntax or MemberAccessExpressionSyntax or InvocationExpressionSyntax or PostfixUnaryExpressionSyntax
            ? expression
            : SyntaxFactory.ParenthesizedExpression(expression);

    private static Blocker NotRewritable(BoundSite read, string why) =>
        new(BlockerKind.GlobalStepValueNotRewritable) { Api = "GlobalStep", Line = CodeText.Line(read.Expression), Code = why };

    /// <summary>Where the project calls the library's <c>DisableEagerExecution</c> ("line N in 'T'"), or null.</summary>
    private static async Task<string?> DisablesEagerExecutionAsync(Project project, LegacyLibrary library, CancellationToken cancellationToken)
    {
        foreach (var document in project.Documents)
        {
            var tree = await document.GetSyntaxTreeAsync(cancellationToken).ConfigureAwait(false);
            foreach (var name in tree is null ? ImmutableArray<IdentifierNameSyntax>.Empty : NamesInTree.Named(tree, "DisableEagerExecution", cancellationToken))
            {
                var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
                if (model?.GetSymbolInfo(name, cancellationToken).Symbol is IMethodSymbol method && library.AssemblyNames.Contains(method.ContainingAssembly?.Name ?? string.Empty))
                {
                    var type = model.GetEnclosingSymbol(name.SpanStart, cancellationToken)?.ContainingType?.Name ?? "?";
                    return "line " + CodeText.Line(name).ToString(System.Globalization.CultureInfo.InvariantCulture) + " in '" + type + "'";
                }
            }
        }

        return null;
    }
}
