using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace GlobalStepMigration.Analyzers;

/// <summary>A legacy library whose types this compilation references, with its entries resolved to symbols.</summary>
internal sealed class ResolvedLibrary
{
    private readonly Dictionary<INamedTypeSymbol, Dictionary<string, ApiEntry>> _members;

    private ResolvedLibrary(LegacyLibrary library, INamedTypeSymbol tensorType, Dictionary<INamedTypeSymbol, Dictionary<string, ApiEntry>> members)
    {
        Library = library;
        TensorType = tensorType;
        _members = members;
        var triggers = new HashSet<string>(System.StringComparer.Ordinal);
        foreach (var entry in library.Entries)
        {
            if (entry.Kind is ApiKind.GetGlobalStep or ApiKind.CreateGlobalStep or ApiKind.GetOrCreateGlobalStep
                or ApiKind.OptimizerStepMethod or ApiKind.DecayFunction or ApiKind.NameLookup or ApiKind.CollectionAccess)
            {
                triggers.Add(entry.MemberName);
            }
        }

        TriggerNames = triggers;
    }

    /// <summary>
    /// The member names without which no site can be reported (every GSM site is a call to, or a
    /// method group of, one of them): a type whose source never spells one is skipped.
    /// </summary>
    public HashSet<string> TriggerNames { get; }

    public LegacyLibrary Library { get; }

    public INamedTypeSymbol TensorType { get; }

    public static ResolvedLibrary? Resolve(Compilation compilation, LegacyLibrary library)
    {
        if (!References(compilation, library.AssemblyName))
        {
            return null;
        }

        var tensorType = compilation.GetTypeByMetadataName(library.TensorTypeMetadataName);
        if (tensorType is null)
        {
            return null;
        }

        var members = new Dictionary<INamedTypeSymbol, Dictionary<string, ApiEntry>>(SymbolEqualityComparer.Default);
        foreach (var entry in library.Entries)
        {
            var type = compilation.GetTypeByMetadataName(entry.TypeMetadataName);
            if (type is null)
            {
                continue;
            }

            if (!members.TryGetValue(type, out var byName))
            {
                byName = new Dictionary<string, ApiEntry>(System.StringComparer.Ordinal);
                members.Add(type, byName);
            }

            byName[entry.MemberName] = entry;
        }

        return members.Count == 0 ? null : new ResolvedLibrary(library, tensorType, members);
    }

    private static bool References(Compilation compilation, string assemblyName)
    {
        if (compilation.AssemblyName == assemblyName)
        {
            return true;
        }

        foreach (var identity in compilation.ReferencedAssemblyNames)
        {
            if (identity.Name == assemblyName)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Finds the entry of a method, following overrides up to the declaring legacy type.</summary>
    public ApiEntry? Find(IMethodSymbol method)
    {
        for (var current = method.ReducedFrom ?? method; current is not null; current = current.OverriddenMethod)
        {
            var definition = current.OriginalDefinition;
            if (definition.ContainingType is { } type
                && _members.TryGetValue(type.OriginalDefinition, out var byName)
                && byName.TryGetValue(definition.Name, out var entry))
            {
                return entry;
            }
        }

        return null;
    }

    /// <summary>Whether a type is the library's tensor type or derives from it (a possible step storage).</summary>
    public bool IsTensorType(ITypeSymbol? type)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, TensorType))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether a symbol is declared in the library's assembly.</summary>
    public bool IsLibraryMember(ISymbol symbol) =>
        SymbolEqualityComparer.Default.Equals(symbol.ContainingAssembly, TensorType.ContainingAssembly);
}

/// <summary>The legacy libraries present in one compilation.</summary>
internal sealed class ResolvedApis
{
    private ResolvedApis(ImmutableArray<ResolvedLibrary> libraries) => Libraries = libraries;

    public ImmutableArray<ResolvedLibrary> Libraries { get; }

    /// <summary>Resolves every known library; null when the compilation references none (register nothing then).</summary>
    public static ResolvedApis? Resolve(Compilation compilation)
    {
        var builder = ImmutableArray.CreateBuilder<ResolvedLibrary>();
        foreach (var library in LegacyApiMap.Libraries)
        {
            if (ResolvedLibrary.Resolve(compilation, library) is { } resolved)
            {
                builder.Add(resolved);
            }
        }

        return builder.Count == 0 ? null : new ResolvedApis(builder.ToImmutable());
    }

    /// <summary>Whether the source of <paramref name="type"/> spells a member name that can start a site.</summary>
    public bool MayContainSites(INamedTypeSymbol type, System.Threading.CancellationToken cancellationToken)
    {
        foreach (var reference in type.DeclaringSyntaxReferences)
        {
            foreach (var token in reference.GetSyntax(cancellationToken).DescendantTokens())
            {
                if (token.RawKind == (int)Microsoft.CodeAnalysis.CSharp.SyntaxKind.IdentifierToken)
                {
                    foreach (var library in Libraries)
                    {
                        if (library.TriggerNames.Contains(token.ValueText))
                        {
                            return true;
                        }
                    }
                }
            }
        }

        return false;
    }

    public bool TryFind(IMethodSymbol method, out ResolvedLibrary library, out ApiEntry entry)
    {
        foreach (var candidate in Libraries)
        {
            if (candidate.Find(method) is { } found)
            {
                library = candidate;
                entry = found;
                return true;
            }
        }

        library = null!;
        entry = null!;
        return false;
    }

    public ResolvedLibrary? LibraryOfTensorType(ITypeSymbol? type)
    {
        foreach (var candidate in Libraries)
        {
            if (candidate.IsTensorType(type))
            {
                return candidate;
            }
        }

        return null;
    }
}
