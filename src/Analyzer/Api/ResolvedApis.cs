using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace GlobalStepMigration.Analyzers;

/// <summary>A legacy library whose types this compilation references, with its entries resolved to symbols.</summary>
internal sealed class ResolvedLibrary
{
    private readonly Dictionary<INamedTypeSymbol, Dictionary<string, ApiEntry>> _members;

    private readonly HashSet<INamedTypeSymbol> _storageTypes;
    private readonly INamedTypeSymbol? _globalStepKeyType;
    private readonly HashSet<INamedTypeSymbol> _tf1OptimizerTypes;
    private readonly INamedTypeSymbol? _operationType;

    private ResolvedLibrary(
        LegacyLibrary library,
        INamedTypeSymbol tensorType,
        HashSet<INamedTypeSymbol> storageTypes,
        INamedTypeSymbol? globalStepKeyType,
        Dictionary<INamedTypeSymbol, Dictionary<string, ApiEntry>> members,
        INamedTypeSymbol? operationType)
    {
        Library = library;
        TensorType = tensorType;
        _storageTypes = storageTypes;
        _globalStepKeyType = globalStepKeyType;
        _members = members;
        _operationType = operationType;

        // The TF1 optimizer types: those that declare an update with a step parameter (GSM002's members).
        _tf1OptimizerTypes = new HashSet<INamedTypeSymbol>(
            members.Where(pair => pair.Value.Values.Any(entry => entry.Kind == ApiKind.PassedToOptimizer)).Select(pair => pair.Key),
            SymbolEqualityComparer.Default);
        TriggerNames = new HashSet<string>(library.MemberNames(ApiKinds.StartsSite), System.StringComparer.Ordinal);
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
        if (!References(compilation, library.AssemblyNames))
        {
            return null;
        }

        var tensorType = compilation.GetTypeByMetadataName(library.TensorTypeMetadataName);
        if (tensorType is null)
        {
            return null;
        }

        var storageTypes = new HashSet<INamedTypeSymbol>(SymbolEqualityComparer.Default) { tensorType };
        foreach (var name in library.Conventions.StorageTypeMetadataNames)
        {
            if (compilation.GetTypeByMetadataName(name) is { } storageType)
            {
                storageTypes.Add(storageType);
            }
        }

        var keyType = library.Conventions.GlobalStepKeyTypeMetadataName is { } keyTypeName ? compilation.GetTypeByMetadataName(keyTypeName) : null;
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

        var operationType = library.Conventions.OperationTypeMetadataName is { } operationName ? compilation.GetTypeByMetadataName(operationName) : null;
        return members.Count == 0 ? null : new ResolvedLibrary(library, tensorType, storageTypes, keyType, members, operationType);
    }

    private static bool References(Compilation compilation, ImmutableArray<string> assemblyNames)
    {
        if (compilation.AssemblyName is { } own && assemblyNames.Contains(own))
        {
            return true;
        }

        foreach (var identity in compilation.ReferencedAssemblyNames)
        {
            if (assemblyNames.Contains(identity.Name))
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

    /// <summary>
    /// Whether a type can hold a step: the library's tensor type or one of its other storage types
    /// (<see cref="LibraryConventions.StorageTypeMetadataNames"/>), a type derived from one, or a type implementing one.
    /// </summary>
    public bool IsTensorType(ITypeSymbol? type)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (current.OriginalDefinition is INamedTypeSymbol named && _storageTypes.Contains(named))
            {
                return true;
            }
        }

        if (type is not null && _storageTypes.Count > 1)
        {
            if (type.OriginalDefinition is INamedTypeSymbol { TypeKind: TypeKind.Interface } self && _storageTypes.Contains(self))
            {
                return true;
            }

            foreach (var implemented in type.AllInterfaces)
            {
                if (_storageTypes.Contains(implemented.OriginalDefinition))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>Whether a type is (or derives from) one of the library's TF1 optimizer types.</summary>
    public bool IsTf1OptimizerType(ITypeSymbol? type)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (current.OriginalDefinition is INamedTypeSymbol named && _tf1OptimizerTypes.Contains(named))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether a type is the library's operation type (what an update returns in a graph).</summary>
    public bool IsOperationType(ITypeSymbol? type) =>
        _operationType is not null && SymbolEqualityComparer.Default.Equals(type?.OriginalDefinition, _operationType);

    /// <summary>Whether a symbol is the library's non-constant spelling of the GLOBAL_STEP key (<c>tf.GraphKeys.GLOBAL_STEP</c>).</summary>
    public bool IsGlobalStepKeyMember(ISymbol? symbol) =>
        _globalStepKeyType is not null
        && symbol is IPropertySymbol or IFieldSymbol
        && symbol.Name == Library.Conventions.GlobalStepKeyMemberName
        && SymbolEqualityComparer.Default.Equals(symbol.ContainingType?.OriginalDefinition, _globalStepKeyType);

    /// <summary>Whether a symbol is declared in the library's assembly.</summary>
    public bool IsLibraryMember(ISymbol symbol) =>
        SymbolEqualityComparer.Default.Equals(symbol.ContainingAssembly, TensorType.ContainingAssembly);
}

/// <summary>The legacy libraries present in one compilation.</summary>
internal sealed class ResolvedApis
{
    private readonly TriggerFilter _triggers;

    private ResolvedApis(ImmutableArray<ResolvedLibrary> libraries)
    {
        Libraries = libraries;
        var names = new List<string>();
        foreach (var library in libraries)
        {
            names.AddRange(library.TriggerNames);
        }

        _triggers = new TriggerFilter(names);
    }

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

    /// <summary>Whether the source of <paramref name="type"/> spells a member name that can start a site (a false "yes" is possible, never a false "no").</summary>
    public bool MayContainSites(INamedTypeSymbol type, System.Threading.CancellationToken cancellationToken) =>
        _triggers.MayContainTrigger(type, cancellationToken);

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

    /// <summary>Whether an instance method of a step only reads its value in some library (Numpy, numpy, ToString, ...).</summary>
    public bool IsValueMethod(string name)
    {
        foreach (var library in Libraries)
        {
            if (library.Library.Conventions.ValueMethodNames.Contains(name))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether a library method given the step as an argument only reads its value in some library (Run, run, ...).</summary>
    public bool IsValueReaderMethod(string name)
    {
        foreach (var library in Libraries)
        {
            if (library.Library.Conventions.ValueReaderMethodNames.Contains(name))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The library whose TF1 optimizer type <paramref name="type"/> is, if any.</summary>
    public ResolvedLibrary? LibraryOfTf1OptimizerType(ITypeSymbol? type)
    {
        foreach (var candidate in Libraries)
        {
            if (candidate.IsTf1OptimizerType(type))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>The library whose operation type <paramref name="type"/> is, if any.</summary>
    public ResolvedLibrary? LibraryOfOperationType(ITypeSymbol? type)
    {
        foreach (var candidate in Libraries)
        {
            if (candidate.IsOperationType(type))
            {
                return candidate;
            }
        }

        return null;
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
