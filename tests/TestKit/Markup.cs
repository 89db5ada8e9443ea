using System;
using System.Text;

namespace GlobalStepMigration.TestKit;

/// <summary>Microsoft.CodeAnalysis.Testing markup put into a stored program, so the program itself is stored once, without markup.</summary>
public static class Markup
{
    /// <summary>
    /// Marks spans of <paramref name="source"/> as locations #0, #1, ... (<c>{|#0:...|}</c>). Each pattern is a
    /// piece of the program with the span in <c>[|...|]</c> (<c>"optimizer.Minimize(loss, [|globalStep|]"</c>),
    /// found after the previous pattern's match; throws when a pattern is not found.
    /// </summary>
    public static string Locations(string source, params string[] patterns)
    {
        var result = new StringBuilder();
        var at = 0;
        for (var i = 0; i < patterns.Length; i++)
        {
            var open = patterns[i].IndexOf("[|", StringComparison.Ordinal);
            var close = patterns[i].IndexOf("|]", StringComparison.Ordinal);
            if (open < 0 || close < open)
            {
                throw new ArgumentException("A pattern marks its span with [| and |]: " + patterns[i], nameof(patterns));
            }

            var plain = patterns[i].Remove(close, 2).Remove(open, 2);
            var found = source.IndexOf(plain, at, StringComparison.Ordinal);
            if (found < 0)
            {
                throw new ArgumentException("Not in the program: " + plain, nameof(patterns));
            }

            var start = found + open;
            var end = found + close - 2;
            result.Append(source, at, start - at).Append("{|#").Append(i).Append(':').Append(source, start, end - start).Append("|}");
            at = end;
        }

        return result.Append(source, at, source.Length - at).ToString();
    }
}
