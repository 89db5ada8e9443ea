using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using GlobalStepMigration.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace GlobalStepMigration.Reliability.Tests;

/// <summary>What one analyzer run produced: its diagnostics, and every exception the analyzer threw.</summary>
internal sealed record AnalysisRun(ImmutableArray<Diagnostic> Diagnostics, IReadOnlyList<string> Crashes)
{
    /// <summary>Every GSM diagnostic with its id, span, message, properties and additional locations, in location order (ties keep the reported order).</summary>
    public string Fingerprint => AnalyzerRunner.Fingerprint(Diagnostics);
}

/// <summary>Runs <see cref="GlobalStepAnalyzer"/> with CompilationWithAnalyzers directly and records analyzer exceptions.</summary>
internal static class AnalyzerRunner
{
    private static readonly ImmutableArray<DiagnosticAnalyzer> Analyzers = ImmutableArray.Create<DiagnosticAnalyzer>(new GlobalStepAnalyzer());

    private static readonly AnalyzerOptions NoOptions = new(ImmutableArray<AdditionalText>.Empty);

    public static async Task<AnalysisRun> RunAsync(Compilation compilation, bool concurrent, CancellationToken cancellationToken = default)
    {
        var crashes = new List<string>();
        var options = new CompilationWithAnalyzersOptions(
            NoOptions,
            onAnalyzerException: (exception, analyzer, diagnostic) =>
            {
                lock (crashes)
                {
                    crashes.Add(diagnostic.Id + ": " + exception);
                }
            },
            concurrentAnalysis: concurrent,
            logAnalyzerExecutionTime: false);
        ImmutableArray<Diagnostic> diagnostics;
        try
        {
            diagnostics = await compilation.WithAnalyzers(Analyzers, options).GetAnalyzerDiagnosticsAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            crashes.Add("GetAnalyzerDiagnosticsAsync threw: " + exception);
            diagnostics = ImmutableArray<Diagnostic>.Empty;
        }

        crashes.AddRange(diagnostics.Where(d => !d.Id.StartsWith("GSM", StringComparison.Ordinal)).Select(d => d.ToString()));
        return new AnalysisRun(diagnostics.Where(d => d.Id.StartsWith("GSM", StringComparison.Ordinal)).ToImmutableArray(), crashes);
    }

    public static string Fingerprint(IEnumerable<Diagnostic> diagnostics)
    {
        var text = new StringBuilder();
        foreach (var d in diagnostics
            .OrderBy(d => d.Location.SourceTree?.FilePath, StringComparer.Ordinal)
            .ThenBy(d => d.Location.SourceSpan.Start)
            .ThenBy(d => d.Location.SourceSpan.End))
        {
            text.Append(d.Id).Append(' ').Append(d.Location.GetLineSpan().ToString()).Append(' ')
                .Append(d.GetMessage(CultureInfo.InvariantCulture)).Append('\n');
            foreach (var property in d.Properties.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                text.Append("  ").Append(property.Key).Append('=').Append(property.Value).Append('\n');
            }

            foreach (var location in d.AdditionalLocations)
            {
                text.Append("  @").Append(location.GetLineSpan().ToString()).Append('\n');
            }
        }

        return text.ToString();
    }
}
