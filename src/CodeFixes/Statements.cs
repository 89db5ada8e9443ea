using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GlobalStepMigration.CodeFixes;

/// <summary>Statement helpers of the fixes: the statements around one, top-level statements' wrappers, and the uses of a local.</summary>
internal static class Statements
{
    /// <summary>The statements of the block (or of the top-level statements) that holds <paramref name="statement"/>.</summary>
    public static List<StatementSyntax> Siblings(StatementSyntax statement) => statement.Parent switch
    {
        BlockSyntax block => block.Statements.ToList(),
        GlobalStatementSyntax { Parent: CompilationUnitSyntax unit } => unit.Members.OfType<GlobalStatementSyntax>().Select(global => global.Statement).ToList(),
        _ => new List<StatementSyntax>(),
    };

    /// <summary>The node to insert before or remove: a top-level statement's GlobalStatement wrapper, else the statement.</summary>
    public static SyntaxNode WrapperOf(StatementSyntax statement) => statement.Parent is GlobalStatementSyntax global ? global : statement;

    /// <summary><paramref name="statement"/> wrapped as <paramref name="anchor"/> is (a top-level statement or a block's).</summary>
    public static SyntaxNode WrapLike(StatementSyntax anchor, StatementSyntax statement) =>
        anchor.Parent is GlobalStatementSyntax ? SyntaxFactory.GlobalStatement(statement) : statement;

    /// <summary>Marks a block whose statements take the place of the statement it replaces (see <see cref="Splice"/>).</summary>
    public static readonly SyntaxAnnotation SpliceAnnotation = new("GlobalStepMigration.Splice");

    /// <summary>
    /// Several statements in the place of one: a block that the rewrite opens up where statements stand in a list (a
    /// block, a switch section, top-level statements), and keeps as a block where one statement stands alone (an
    /// <c>if</c> or loop body).
    /// </summary>
    public static BlockSyntax Splice(IEnumerable<StatementSyntax> statements) =>
        SyntaxFactory.Block(statements).WithAdditionalAnnotations(SpliceAnnotation, Microsoft.CodeAnalysis.Formatting.Formatter.Annotation);

    /// <summary>Opens up every <see cref="Splice"/> block of <paramref name="root"/> that stands in a list of statements.</summary>
    public static SyntaxNode OpenSplices(SyntaxNode root)
    {
        while (root.GetAnnotatedNodes(SpliceAnnotation).OfType<BlockSyntax>().FirstOrDefault() is { } splice)
        {
            var statements = splice.Statements;
            root = splice.Parent switch
            {
                BlockSyntax block => root.ReplaceNode(block, block.WithStatements(Replace(block.Statements, splice, statements))),
                SwitchSectionSyntax section => root.ReplaceNode(section, section.WithStatements(Replace(section.Statements, splice, statements))),
                GlobalStatementSyntax { Parent: CompilationUnitSyntax unit } global => root.ReplaceNode(
                    unit,
                    unit.WithMembers(unit.Members.ReplaceRange(global, statements.Select(statement => SyntaxFactory.GlobalStatement(statement))))),
                _ => root.ReplaceNode(splice, splice.WithoutAnnotations(SpliceAnnotation)),
            };
        }

        return root;
    }

    private static SyntaxList<StatementSyntax> Replace(SyntaxList<StatementSyntax> list, StatementSyntax old, SyntaxList<StatementSyntax> statements) =>
        list.ReplaceRange(old, statements);

    /// <summary>The identifiers bound to <paramref name="symbol"/> under <paramref name="scope"/>'s member, the declaration excluded.</summary>
    public static List<IdentifierNameSyntax> UsesOf(ISymbol symbol, SyntaxNode scope, SemanticModel model, CancellationToken cancellationToken)
    {
        // The member that declares it; for top-level statements, the whole compilation unit.
        var root = scope;
        while (root.Parent is not null && root is not (MemberDeclarationSyntax and not GlobalStatementSyntax))
        {
            root = root.Parent;
        }

        return root.DescendantNodes()
            .OfType<IdentifierNameSyntax>()
            .Where(name => name.Identifier.ValueText == symbol.Name && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(name, cancellationToken).Symbol, symbol))
            .ToList();
    }
}
