using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace GlobalStepMigration.Reliability.Tests;

/// <summary>The kinds of edit the fuzzer makes to a corpus program.</summary>
internal enum Mutation
{
    DeleteToken,
    DuplicateToken,
    Truncate,
    SwapArguments,
    DeleteArgument,
    ReplaceIdentifier,
    DeleteStatement,
    DuplicateStatement,
}

/// <summary>
/// Token- and syntax-level mutations of a program. Deterministic: the same source and the same
/// <see cref="Random"/> state give the same mutant. Each mutation describes itself for the failure message.
/// </summary>
internal static class Mutator
{
    private static readonly Mutation[] Kinds = Enum.GetValues<Mutation>();

    /// <summary>Applies one to three random mutations; returns the mutant and what was done.</summary>
    public static (string Source, string Description) Mutate(string source, Random random)
    {
        var count = 1 + random.Next(3);
        var description = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            var kind = Kinds[random.Next(Kinds.Length)];
            var (next, what) = Apply(source, kind, random);
            source = next;
            description.Append(what).Append("; ");
        }

        return (source, description.ToString().TrimEnd(' ', ';'));
    }

    public static (string Source, string Description) Apply(string source, Mutation kind, Random random)
    {
        var tree = CSharpSyntaxTree.ParseText(source, Sandbox.ParseOptions);
        var root = tree.GetRoot();
        var tokens = root.DescendantTokens().Where(t => t.Span.Length > 0).ToList();
        if (tokens.Count == 0)
        {
            return (source, kind + ": nothing to mutate");
        }

        switch (kind)
        {
            case Mutation.DeleteToken:
            {
                var token = tokens[random.Next(tokens.Count)];
                return (Replace(source, token.Span, string.Empty), $"delete '{token.Text}' at {token.SpanStart}");
            }

            case Mutation.DuplicateToken:
            {
                var token = tokens[random.Next(tokens.Count)];
                return (Replace(source, new TextSpan(token.Span.End, 0), " " + token.Text), $"duplicate '{token.Text}' at {token.SpanStart}");
            }

            case Mutation.Truncate:
            {
                var at = random.Next(2) == 0 ? tokens[random.Next(tokens.Count)].SpanStart : random.Next(source.Length + 1);
                return (source.Substring(0, at), $"truncate at {at}");
            }

            case Mutation.SwapArguments:
            {
                var lists = root.DescendantNodes().OfType<BaseArgumentListSyntax>().Where(l => l.Arguments.Count >= 2).ToList();
                if (lists.Count == 0)
                {
                    return Apply(source, Mutation.DeleteToken, random);
                }

                var list = lists[random.Next(lists.Count)];
                var i = random.Next(list.Arguments.Count);
                var j = (i + 1 + random.Next(list.Arguments.Count - 1)) % list.Arguments.Count;
                var (first, second) = i < j ? (list.Arguments[i], list.Arguments[j]) : (list.Arguments[j], list.Arguments[i]);
                var swapped = source.Substring(0, first.SpanStart) + second.ToString()
                    + source.Substring(first.Span.End, second.SpanStart - first.Span.End) + first.ToString()
                    + source.Substring(second.Span.End);
                return (swapped, $"swap arguments '{first}' and '{second}' at {first.SpanStart}");
            }

            case Mutation.DeleteArgument:
            {
                var arguments = root.DescendantNodes().OfType<ArgumentSyntax>().Where(a => a.Parent is BaseArgumentListSyntax).ToList();
                if (arguments.Count == 0)
                {
                    return Apply(source, Mutation.DeleteToken, random);
                }

                var argument = arguments[random.Next(arguments.Count)];
                var list = (BaseArgumentListSyntax)argument.Parent!;
                var index = list.Arguments.IndexOf(argument);

                // Delete the argument and one neighbouring separator, so the list stays well formed.
                var span = argument.Span;
                if (index < list.Arguments.SeparatorCount)
                {
                    span = TextSpan.FromBounds(span.Start, list.Arguments.GetSeparator(index).Span.End);
                }
                else if (index > 0)
                {
                    span = TextSpan.FromBounds(list.Arguments.GetSeparator(index - 1).SpanStart, span.End);
                }

                return (Replace(source, span, string.Empty), $"delete argument '{argument}' at {argument.SpanStart}");
            }

            case Mutation.ReplaceIdentifier:
            {
                var identifiers = tokens.Where(t => t.IsKind(SyntaxKind.IdentifierToken)).ToList();
                if (identifiers.Count < 2)
                {
                    return Apply(source, Mutation.DeleteToken, random);
                }

                var target = identifiers[random.Next(identifiers.Count)];
                var replacement = identifiers[random.Next(identifiers.Count)].Text;
                return (Replace(source, target.Span, replacement), $"replace '{target.Text}' at {target.SpanStart} with '{replacement}'");
            }

            case Mutation.DeleteStatement:
            case Mutation.DuplicateStatement:
            {
                var statements = root.DescendantNodes().Where(n => n is StatementSyntax or MemberDeclarationSyntax and not BaseNamespaceDeclarationSyntax).ToList();
                if (statements.Count == 0)
                {
                    return Apply(source, Mutation.DeleteToken, random);
                }

                var statement = statements[random.Next(statements.Count)];
                var text = Shorten(statement.ToString());
                return kind == Mutation.DeleteStatement
                    ? (Replace(source, statement.Span, string.Empty), $"delete statement '{text}' at {statement.SpanStart}")
                    : (Replace(source, new TextSpan(statement.Span.End, 0), "\n" + statement.ToString()), $"duplicate statement '{text}' at {statement.SpanStart}");
            }

            default:
                throw new ArgumentOutOfRangeException(nameof(kind));
        }
    }

    private static string Replace(string source, TextSpan span, string text) =>
        source.Substring(0, span.Start) + text + source.Substring(span.End);

    private static string Shorten(string text)
    {
        var line = text.Replace('\n', ' ');
        return line.Length <= 60 ? line : line.Substring(0, 57) + "...";
    }
}
