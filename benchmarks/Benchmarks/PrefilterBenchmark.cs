using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using GlobalStepMigration.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace GlobalStepMigration.Benchmarks;

/// <summary>
/// <c>--prefilter</c>: the per-type pre-filter alone, outside Roslyn's driver, on every type of the generated
/// legacy project: the token walk it used to be against the character scan (<see cref="TriggerFilter"/>).
/// Single-threaded, long enough (five passes) for the process CPU time to be exact.
/// </summary>
internal static class PrefilterBenchmark
{
    public static void Run(int lines, double share)
    {
        var files = CodeGenerator.Generate(lines, share, withRuntime: true);
        var trees = files.Select(f => CSharpSyntaxTree.ParseText(f.Text, new CSharpParseOptions(LanguageVersion.CSharp12), f.Path)).ToList();
        var compilation = CSharpCompilation.Create("Prefilter", trees, References.Get(withRuntime: true));
        var types = new List<INamedTypeSymbol>();
        Collect(compilation.Assembly.GlobalNamespace, types);
        var triggers = new HashSet<string>(LegacyApiMap.GlobalStepMigrationRuntime.MemberNames(ApiKinds.StartsSite), StringComparer.Ordinal);
        var filter = new TriggerFilter(triggers);

        bool Tokens(INamedTypeSymbol type) => type.DeclaringSyntaxReferences.Any(r => r.GetSyntax().DescendantTokens()
            .Any(t => t.RawKind == (int)SyntaxKind.IdentifierToken && triggers.Contains(t.ValueText)));
        bool Text(INamedTypeSymbol type) => filter.MayContainTrigger(type, CancellationToken.None);

        Console.WriteLine($"# Pre-filter alone: {lines:N0} lines, {types.Count} types; load average {System.IO.File.ReadAllText("/proc/loadavg").Trim()}");
        Console.WriteLine();
        Console.WriteLine("| pre-filter | types passed | CPU ms a pass (median of 5) | allocated MB a pass |");
        Console.WriteLine("|---|---:|---:|---:|");
        foreach (var (name, predicate) in new (string, Func<INamedTypeSymbol, bool>)[] { ("token walk (before)", Tokens), ("character scan (after)", Text), ("token walk (before)", Tokens), ("character scan (after)", Text) })
        {
            var cpu = new List<double>();
            long allocated = 0;
            var passed = 0;
            for (var pass = 0; pass < 5; pass++)
            {
                var process = Process.GetCurrentProcess();
                var before = process.TotalProcessorTime;
                var bytes = GC.GetAllocatedBytesForCurrentThread();
                passed = types.Count(predicate);
                allocated = GC.GetAllocatedBytesForCurrentThread() - bytes;
                process.Refresh();
                cpu.Add((process.TotalProcessorTime - before).TotalMilliseconds);
            }

            cpu.Sort();
            Console.WriteLine(FormattableString.Invariant($"| {name} | {passed} | {cpu[2]:F1} | {allocated / 1e6:F1} |"));
        }
    }

    private static void Collect(INamespaceSymbol ns, List<INamedTypeSymbol> types)
    {
        foreach (var member in ns.GetMembers())
        {
            if (member is INamespaceSymbol inner)
            {
                Collect(inner, types);
            }
            else if (member is INamedTypeSymbol type)
            {
                types.Add(type);
            }
        }
    }
}
