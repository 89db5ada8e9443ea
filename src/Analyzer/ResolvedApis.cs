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
    }

    public LegacyLibrary Library { get; }

    public INamedTypeSymbol TensorType { get; }

    public static ResolvedLibrary? Resolve(Compilation compilation, LegacyLibrary library)
    {
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
