using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GlobalStepMigration.CodeFixes;

/// <summary>
/// Fix B in this runtime's idiom (docs/design/runtime-api.md): <c>Tf.Variable(0L, ...)</c>,
/// <c>step.AssignAdd(1)</c> (a literal takes the tensor's dtype) and <c>Tf.Group(update, increment)</c>;
/// a storage declared as <c>Tensor</c> is re-declared as <c>Variable</c>; decays become Keras schedules.
/// </summary>
internal sealed class RuntimeIdiom : ExplicitVariableIdiom
{
    private const string Ns = "GlobalStepMigration.Runtime.";

    public override string VariableFactory => Qualified(Ns + "Tf") + ".Variable";

    public override string NewVariableTypeMetadataName => Ns + "Variable";

    public override string IncrementableTypeMetadataName => Ns + "Variable";

    public override string? RetypableStorageTypeMetadataName => Ns + "Tensor";

    public override string? RetypedStorageTypeMetadataName => Ns + "Variable";

    public override string IncrementMethod => "AssignAdd";

    public override bool RewritesDecays => true;

    public override SyntaxToken? One(string? dtype) => SyntaxFactory.Literal(1);

    public override ExpressionSyntax Group(ExpressionSyntax update, ExpressionSyntax increment)
    {
        var group = (InvocationExpressionSyntax)Syntax.Qualified(Qualified(Ns + "Tf") + ".Group(a, b)");
        return group.WithArgumentList(SyntaxFactory.ArgumentList(SyntaxFactory.SeparatedList(new[]
        {
            SyntaxFactory.Argument(update),
            SyntaxFactory.Argument(increment),
        })));
    }
}
