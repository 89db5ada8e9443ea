using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace GlobalStepMigration.CodeFixes;

/// <summary>
/// Fix B in this runtime's idiom (docs/design/runtime-api.md): <c>Tf.Variable(0L, ...)</c> for a step a global-step
/// function made (a storage declared as <c>Tensor</c> is re-declared as <c>Variable</c>), decays as Keras schedules, and
/// each update inlined as the TF1 optimizer builds it (src/Runtime/Compat/Optimizers.cs, <c>ApplyGradients</c> with a
/// global step):
/// <code>
/// var gradients = optimizer.ComputeGradients(loss, varList: vars);
/// using (Tf.ControlDependencies(optimizer.ApplyGradients(gradients, name: optimizer.Name + "/update")))
/// {
///     train = step.AssignAdd(1, name: optimizer.Name).Op;
/// }
/// </code>
/// The gradients are computed first, as <c>Minimize</c> does. <c>ApplyGradients</c> runs where the call was (its
/// slots and Adam's <c>beta1_power</c>/<c>beta2_power</c> are created in the caller's name scope, as before) and
/// groups the updates into the <c>NoOp</c> <c>S/update</c>; the increment is named <c>S</c> (made unique as the
/// optimizer's scope was), and its op, an <c>AssignAdd</c> with the control input <c>S/update</c>, is what the call
/// returned. Eagerly the control dependency is nothing and the statements run in order: the update, then the increment.
/// </summary>
internal sealed class RuntimeIdiom : ExplicitVariableIdiom
{
    private const string Ns = "GlobalStepMigration.Runtime.";

    public override string VariableFactory => Qualified(Ns + "Tf") + ".Variable";

    public override string NewVariableTypeMetadataName => Ns + "Variable";

    public override string IncrementableTypeMetadataName => Ns + "Variable";

    public override string? RetypableStorageTypeMetadataName => Ns + "Tensor";

    public override string? RetypedStorageTypeMetadataName => Ns + "Variable";

    public override bool WritesStatements => true;

    public override bool IncrementsInDefaultGraph => true;

    protected override string MinimizeMethod => "Minimize";

    protected override string ApplyGradientsMethod => "ApplyGradients";

    public override SyntaxToken? One(string? dtype) => Literal(1);

    public override InlineForm Inline(InlineParts parts, Compilation compilation)
    {
        var prelude = new List<StatementSyntax>();
        var gradients = parts.Arguments;
        if (parts.Kind == UpdateKind.Minimize)
        {
            // var gradients = optimizer.ComputeGradients(loss, ...);
            prelude.Add(LocalDeclarationStatement(VariableDeclaration(
                IdentifierName("var").WithTrailingTrivia(Space),
                SingletonSeparatedList(VariableDeclarator(Identifier(parts.GradientsLocal)).WithInitializer(EqualsValueClause(Call(parts.Optimizer, "ComputeGradients", parts.Arguments)))))));
            gradients = ArgumentList(SingletonSeparatedList(Argument(IdentifierName(parts.GradientsLocal))));
        }

        var update = Call(parts.Optimizer, "ApplyGradients", gradients.AddArguments(Named("name", parts.UpdateName("Name"))));
        var control = (InvocationExpressionSyntax)Syntax.Qualified(Qualified(Ns + "Tf") + ".ControlDependencies(update)");
        control = control.WithArgumentList(ArgumentList(SingletonSeparatedList(Argument(update))));

        ExpressionSyntax increment = Call(parts.Step, "AssignAdd", ArgumentList(SeparatedList(new[]
        {
            Argument(LiteralExpression(SyntaxKind.NumericLiteralExpression, parts.One)),
            Named("name", parts.TrainOpName("Name")),
        })));
        if (parts.ValueUsed)
        {
            increment = MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, increment, IdentifierName("Op"));
        }

        return new InlineForm(increment, prelude, body => UsingStatement(null, control, Block(body)));
    }

    private static InvocationExpressionSyntax Call(ExpressionSyntax receiver, string method, ArgumentListSyntax arguments) =>
        InvocationExpression(MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, receiver, IdentifierName(method)), arguments);

    private static ArgumentSyntax Named(string name, ExpressionSyntax value) =>
        Argument(value).WithNameColon(NameColon(IdentifierName(name)).WithTrailingTrivia(Space));
}
