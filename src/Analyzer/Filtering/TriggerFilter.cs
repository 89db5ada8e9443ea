using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace GlobalStepMigration.Analyzers;

/// <summary>
/// The per-type pre-filter: does the source text of a type spell one of the trigger names as a word?
/// It reads characters, not tokens: walking a type's tokens built a red node for every node of every
/// type (about 300 ns a token, the analyzer's largest cost on a 150k-line project; docs/benchmarks.md).
/// The answer may be a false "yes" (a word in a comment or a string, or an escape it does not decode),
/// which only costs the operation callbacks of that type; it is never a false "no": a word is a maximal
/// run of identifier characters, Unicode formatting characters inside it are ignored as the compiler
/// ignores them, and a <c>\u</c>/<c>\U</c> escape, which could spell a trigger, answers "yes".
/// </summary>
internal sealed class TriggerFilter
{
    // Characters copied out of the SourceText at a time: small, because the buffer is allocated for every type
    // scanned (at 4,096 it was 8 KB a type, 16 MB over a 150k-line project, and the garbage collections that
    // caused were charged to the analyzer); one CopyTo per 512 characters costs little.
    private const int ChunkLength = 512;

    /// <summary>Trigger names by length (all ASCII identifiers); null where no trigger has that length.</summary>
    private readonly string[]?[] _byLength;

    public TriggerFilter(IEnumerable<string> triggerNames)
    {
        var longest = 0;
        var names = new List<string>(triggerNames);
        foreach (var name in names)
        {
            longest = System.Math.Max(longest, name.Length);
        }

        var lists = new List<string>?[longest + 1];
        foreach (var name in names)
        {
            (lists[name.Length] ??= new List<string>()).Add(name);
        }

        _byLength = new string[]?[longest + 1];
        for (var i = 0; i < lists.Length; i++)
        {
            _byLength[i] = lists[i]?.ToArray();
        }
    }

    /// <summary>Whether the source of the type may spell a trigger name (see the class remarks).</summary>
    public bool MayContainTrigger(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        char[]? chunk = null;
        var word = new char[_byLength.Length];
        foreach (var reference in type.DeclaringSyntaxReferences)
        {
            if (chunk is null || chunk.Length < System.Math.Min(ChunkLength, reference.Span.Length))
            {
                chunk = new char[System.Math.Min(ChunkLength, reference.Span.Length)];
            }

            if (Scan(reference.SyntaxTree.GetText(cancellationToken), reference.Span, chunk, word, cancellationToken))
            {
                return true;
            }
        }

        return false;
    }

    private bool Scan(SourceText text, TextSpan span, char[] chunk, char[] word, CancellationToken cancellationToken)
    {
        // The word being read: its first _byLength.Length characters (formatting characters left out), its length,
        // and whether it can still be a trigger (ASCII only; a word starting with a digit is a number).
        var length = 0;
        var ascii = true;
        var number = false;
        var previous = '\0';
        for (var start = span.Start; start < span.End; start += chunk.Length)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var count = System.Math.Min(chunk.Length, span.End - start);
            text.CopyTo(start, chunk, 0, count);
            for (var i = 0; i < count; i++)
            {
                var c = chunk[i];
                if (previous == '\\' && c is 'u' or 'U')
                {
                    return true;
                }

                if (c < 0x80 ? IsAsciiWordCharacter(c) : IsWordCharacter(c, ref ascii))
                {
                    if (length == 0)
                    {
                        number = c is >= '0' and <= '9';
                    }

                    if (c < 0x80 || CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.Format)
                    {
                        if (length < word.Length)
                        {
                            word[length] = c;
                        }

                        length++;
                    }
                }
                else
                {
                    if (length > 0 && IsTrigger(word, length, ascii, number))
                    {
                        return true;
                    }

                    length = 0;
                    ascii = true;
                }

                previous = c;
            }
        }

        return length > 0 && IsTrigger(word, length, ascii, number);
    }

    private static bool IsAsciiWordCharacter(char c) =>
        c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_';

    /// <summary>
    /// Identifier characters beyond ASCII (letters, digits, marks, connectors, formatting characters). A
    /// surrogate ends a word: at worst that splits an identifier and finds a trigger in it, a false "yes".
    /// </summary>
    private static bool IsWordCharacter(char c, ref bool ascii)
    {
        switch (CharUnicodeInfo.GetUnicodeCategory(c))
        {
            case UnicodeCategory.Format:
                return true;
            case UnicodeCategory.UppercaseLetter:
            case UnicodeCategory.LowercaseLetter:
            case UnicodeCategory.TitlecaseLetter:
            case UnicodeCategory.ModifierLetter:
            case UnicodeCategory.OtherLetter:
            case UnicodeCategory.LetterNumber:
            case UnicodeCategory.DecimalDigitNumber:
            case UnicodeCategory.NonSpacingMark:
            case UnicodeCategory.SpacingCombiningMark:
            case UnicodeCategory.ConnectorPunctuation:
                ascii = false;
                return true;
            default:
                return false;
        }
    }

    private bool IsTrigger(char[] word, int length, bool ascii, bool number)
    {
        if (!ascii)
        {
            return false;
        }

        if (number)
        {
            // A malformed literal such as 1GetGlobalStep may lex as a number and an identifier: look inside.
            return length > word.Length || ContainsTrigger(word, length);
        }

        return length < _byLength.Length && _byLength[length] is { } candidates && EqualsAny(word, 0, length, candidates);
    }

    private bool ContainsTrigger(char[] word, int length)
    {
        for (var start = 1; start < length; start++)
        {
            for (var end = start + 1; end <= length && end - start < _byLength.Length; end++)
            {
                if (_byLength[end - start] is { } candidates && EqualsAny(word, start, end - start, candidates))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool EqualsAny(char[] word, int start, int length, string[] candidates)
    {
        foreach (var candidate in candidates)
        {
            var equal = true;
            for (var i = 0; i < length && equal; i++)
            {
                equal = word[start + i] == candidate[i];
            }

            if (equal)
            {
                return true;
            }
        }

        return false;
    }
}
