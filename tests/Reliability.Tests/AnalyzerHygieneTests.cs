using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using GlobalStepMigration.Analyzers;
using Microsoft.CodeAnalysis;
using Xunit;

namespace GlobalStepMigration.Reliability.Tests;

/// <summary>
/// The analyzer keeps no static mutable state and does no I/O: reflection over its types, a scan of
/// the member references in its assembly, and a check that the build keeps RS1035 (banned analyzer
/// APIs) on with no suppression.
/// </summary>
public sealed class AnalyzerHygieneTests
{
    private static readonly Assembly AnalyzerAssembly = typeof(GlobalStepAnalyzer).Assembly;

    /// <summary>Types outside the analyzer that are immutable (or thread-safe and never mutated after construction).</summary>
    private static readonly HashSet<Type> ImmutableExternalTypes = new()
    {
        typeof(string), typeof(bool), typeof(char), typeof(byte), typeof(sbyte), typeof(short), typeof(ushort), typeof(int), typeof(uint),
        typeof(long), typeof(ulong), typeof(float), typeof(double), typeof(decimal), typeof(Type),
        typeof(DiagnosticDescriptor), typeof(LocalizableString), typeof(SymbolDisplayFormat), typeof(Regex), typeof(StringComparer),

        // A field-less sentinel (new object()) has no state to mutate; Roslyn symbols are immutable.
        typeof(object), typeof(ISymbol),
    };

    /// <summary>
    /// Instance members that are not readonly but are written once, during the construction of the
    /// static tables, and never again. Each one is a finding to remove, not a pattern to copy.
    /// </summary>
    private static readonly Dictionary<string, string> WriteOnceMembers = new()
    {
        ["GlobalStepMigration.Analyzers.ApiEntry.<Library>k__BackingField"] =
            "the back-reference from an API entry to its library, set by LegacyLibrary's constructor (LegacyApiMap.cs); " +
            "making it readonly needs the entries to be built by their library",
    };

    private static readonly HashSet<Type> ImmutableGenericDefinitions = new()
    {
        typeof(ImmutableArray<>), typeof(ImmutableDictionary<,>), typeof(ImmutableHashSet<>), typeof(ImmutableList<>),
        typeof(ImmutableSortedDictionary<,>), typeof(ImmutableSortedSet<>), typeof(Nullable<>), typeof(ValueTuple<,>), typeof(ValueTuple<,,>),
        typeof(KeyValuePair<,>),
        typeof(Func<>), typeof(Func<,>), typeof(Func<,,>), typeof(Func<,,,>),
    };

    [Fact]
    public void StaticFields_AreConstOrReadonly_OfImmutableTypes()
    {
        var offenders = new List<string>();
        foreach (var type in AnalyzerAssembly.GetTypes().Where(t => !IsCompilerGenerated(t)))
        {
            foreach (var field in type.GetFields(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                // Auto-property backing fields are compiler-generated but are state like any field: check them too.
                if (field.IsLiteral)
                {
                    continue;
                }

                if (!field.IsInitOnly)
                {
                    offenders.Add($"{type.FullName}.{field.Name} is static and not readonly");
                }
                else if (!IsImmutable(field.FieldType, new HashSet<Type>()))
                {
                    offenders.Add($"{type.FullName}.{field.Name} is static readonly but of mutable type {field.FieldType}");
                }
            }
        }

        Assert.True(offenders.Count == 0, string.Join("\n", offenders));
    }

    [Fact]
    public void ImmutabilityCheck_RejectsMutableTypes()
    {
        Assert.False(IsImmutable(typeof(List<string>), new HashSet<Type>()));
        Assert.False(IsImmutable(typeof(Dictionary<string, int>), new HashSet<Type>()));
        Assert.False(IsImmutable(typeof(string[]), new HashSet<Type>()));
        Assert.True(IsImmutable(typeof(ImmutableArray<string>), new HashSet<Type>()));
        Assert.True(IsImmutable(typeof(DiagnosticDescriptor), new HashSet<Type>()));
        Assert.False(IsImmutable(typeof(ConditionalWeakTable<object, object>), new HashSet<Type>()));
    }

    [Fact]
    public void AnalyzerAssembly_ReferencesNoFileNetworkProcessOrEnvironmentApi()
    {
        var banned = new[]
        {
            "System.IO.File", "System.IO.Directory", "System.IO.FileInfo", "System.IO.DirectoryInfo", "System.IO.FileStream",
            "System.IO.StreamReader", "System.IO.StreamWriter", "System.Console", "System.Diagnostics.Process",
            "System.Net.", "System.Environment", "System.Threading.Thread",
        };
        using var stream = File.OpenRead(AnalyzerAssembly.Location);
        using var pe = new PEReader(stream);
        var metadata = pe.GetMetadataReader();
        var referenced = metadata.TypeReferences
            .Select(handle => metadata.GetTypeReference(handle))
            .Select(reference => metadata.GetString(reference.Namespace) + "." + metadata.GetString(reference.Name))
            .ToList();
        Assert.Contains("Microsoft.CodeAnalysis.Diagnostics.DiagnosticAnalyzer", referenced);
        var offenders = referenced
            .Where(name => name != "System.Environment")
            .Where(name => banned.Any(b => name == b || (b.EndsWith('.') && name.StartsWith(b, StringComparison.Ordinal))))
            .ToList();

        // System.Environment: only what compiler-generated iterators and string building use.
        var allowedEnvironmentMembers = new[] { "get_CurrentManagedThreadId", "get_NewLine" };
        offenders.AddRange(metadata.MemberReferences
            .Select(handle => metadata.GetMemberReference(handle))
            .Where(member => member.Parent.Kind == HandleKind.TypeReference
                && metadata.GetString(metadata.GetTypeReference((TypeReferenceHandle)member.Parent).Namespace) == "System"
                && metadata.GetString(metadata.GetTypeReference((TypeReferenceHandle)member.Parent).Name) == "Environment")
            .Select(member => metadata.GetString(member.Name))
            .Where(name => !allowedEnvironmentMembers.Contains(name))
            .Select(name => "System.Environment." + name));
        Assert.True(offenders.Count == 0, "The analyzer references banned APIs: " + string.Join(", ", offenders));
    }

    [Fact]
    public void Rs1035_IsOn_AndNotSuppressed()
    {
        var root = Sandbox.RepositoryRoot;
        var project = File.ReadAllText(Path.Combine(root, "src", "Analyzer", "Analyzer.csproj"));
        Assert.Matches(@"<EnforceExtendedAnalyzerRules>\s*true\s*</EnforceExtendedAnalyzerRules>", project);
        Assert.Contains("Microsoft.CodeAnalysis.Analyzers", project);

        // Build files that apply to the analyzer project, and configuration files that could lower the rule.
        var buildFiles = new[]
        {
            Path.Combine(root, "src", "Analyzer", "Analyzer.csproj"),
            Path.Combine(root, "src", "Directory.Build.props"),
            Path.Combine(root, "Directory.Build.props"),
        }.Concat(new[] { "Directory.Build.targets", Path.Combine("src", "Directory.Build.targets"), Path.Combine("src", "Analyzer", "Directory.Build.props") }
            .Select(p => Path.Combine(root, p)))
            .Where(File.Exists);
        foreach (var file in buildFiles)
        {
            var text = File.ReadAllText(file);
            Assert.DoesNotMatch(@"<NoWarn>[^<]*RS1035", text);
            Assert.DoesNotMatch(@"<WarningsNotAsErrors>[^<]*RS1035", text);
            Assert.DoesNotMatch(@"<EnforceExtendedAnalyzerRules>\s*false", text);
        }

        var configFiles = new[] { ".editorconfig", ".globalconfig", Path.Combine("src", ".editorconfig"), Path.Combine("src", ".globalconfig"), Path.Combine("src", "Analyzer", ".editorconfig"), Path.Combine("src", "Analyzer", ".globalconfig") }
            .Select(p => Path.Combine(root, p))
            .Where(File.Exists);
        foreach (var file in configFiles)
        {
            Assert.DoesNotMatch(@"(?im)^\s*dotnet_diagnostic\.RS1035\.severity\s*=\s*(none|silent|suggestion)", File.ReadAllText(file));
            Assert.DoesNotMatch(@"(?im)^\s*dotnet_analyzer_diagnostic\.category-MicrosoftCodeAnalysisCorrectness\.severity\s*=\s*(none|silent)", File.ReadAllText(file));
        }

        var sources = Directory.GetFiles(Path.Combine(root, "src", "Analyzer"), "*.cs", SearchOption.AllDirectories)
            .Where(path => !path.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal)
                && !path.Contains(Path.DirectorySeparatorChar + "bin" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            .ToList();
        Assert.NotEmpty(sources);
        foreach (var path in sources)
        {
            var text = File.ReadAllText(path);
            Assert.False(Regex.IsMatch(text, @"#pragma\s+warning\s+disable[^\n]*RS1035"), $"{path} disables RS1035");
            Assert.False(Regex.IsMatch(text, @"SuppressMessage\([^)]*RS1035"), $"{path} suppresses RS1035");
        }
    }

    private static bool IsCompilerGenerated(Type type) =>
        type.IsDefined(typeof(CompilerGeneratedAttribute)) || type.Name.Contains('<', StringComparison.Ordinal)
        || (type.DeclaringType is not null && IsCompilerGenerated(type.DeclaringType));

    /// <summary>Immutable: a whitelisted or enum type, an immutable collection of immutable elements, or an analyzer type whose instance fields are all readonly and immutable.</summary>
    private static bool IsImmutable(Type type, HashSet<Type> visiting)
    {
        if (type.IsEnum || ImmutableExternalTypes.Contains(type))
        {
            return true;
        }

        if (type.IsGenericType && ImmutableGenericDefinitions.Contains(type.GetGenericTypeDefinition()))
        {
            return type.GetGenericArguments().All(argument => IsImmutable(argument, visiting));
        }

        if (type.Assembly != AnalyzerAssembly || type.IsArray || type.IsInterface)
        {
            return false;
        }

        if (!visiting.Add(type))
        {
            return true;
        }

        for (var current = type; current is not null && current.Assembly == AnalyzerAssembly; current = current.BaseType)
        {
            foreach (var field in current.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                if (WriteOnceMembers.ContainsKey(current.FullName + "." + field.Name))
                {
                    continue;
                }

                if (!field.IsInitOnly || !IsImmutable(field.FieldType, visiting))
                {
                    return false;
                }
            }
        }

        return true;
    }
}
