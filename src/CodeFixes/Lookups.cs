using System;
using System.Collections.Generic;
using System.Threading;
using GlobalStepMigration.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace GlobalStepMigration.CodeFixes;

/// <summary>The unit's lookups (<c>GetGlobalStep()</c>) after either fix: each reads the step's storage instead.</summary>
internal static class Lookups
{
    /// <summary>
    /// Adds the edits that make every lookup read the storage; the blocker of the first that cannot (it cannot
    /// name the storage, or <paramref name="takesStorage"/> says the storage would bind differently), or null.
    /// </summary>
    public static Blocker? ReadStorage(UnitContext context, List<NodeEdit> edits, Func<UnitContext, BoundSite, CancellationToken, bool>? takesStorage, CancellationToken cancellationToken)
    {
        var name = context.Storage!.Name;
        foreach (var lookup in context.OfKind(SiteKind.Lookup))
        {
            if (!context.CanReferenceStorageAt(lookup))
            {
                return new Blocker(BlockerKind.LookupCannotNameStorage) { Line = CodeText.Line(lookup.Expression), Name = name };
            }

            if (takesStorage is not null && !takesStorage(context, lookup, cancellationToken))
            {
                return new Blocker(BlockerKind.LookupTypeDiffers) { Line = CodeText.Line(lookup.Expression), Name = name };
            }

            edits.Add(new NodeEdit(lookup.Document.Id, lookup.Expression, current => SyntaxFactory.IdentifierName(name).WithTriviaFrom(current)));
        }

        return null;
    }
}
