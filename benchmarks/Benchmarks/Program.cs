using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading.Tasks;
using GlobalStepMigration.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace GlobalStepMigration.Benchmarks;

/// <summary>
/// Prints the analyzer-overhead table of docs/benchmarks.md. Every figure is a ratio of timings
/// taken in this run: analyzer execution time (Roslyn's per-analyzer telemetry) over the time to
/// compile the same code without analyzers.
/// Usage: <c>dotnet run -c Release --project benchmarks/Benchmarks [-- --lines N --repeat R --share S --no-fix | --smoke | --profile | --fix-only | --lightbulb ...]</c>.
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var lines = 150_000;
        var repeat = 3;
        var share = 0.01;
        int? fixDocuments = null;
        var fixOneDocument = 2_000;
        double? fixTimeoutMinutes = null;
        var skipOverhead = false;
        var profile = false;
        var concurrent = false;
        var noFix = false;
        var lightbulb = false;
        int? rounds = null;
        string? only = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--smoke":
                    lines = 3_000;
                    repeat = 1;
                    share = 0.05;
                    break;
                case "--lines":
                    lines = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--repeat":
                    repeat = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    rounds = repeat;
                    break;
                case "--lightbulb":
                    lightbulb = true;
                    break;
                case "--fix-documents":
                    fixDocuments = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--fix-one-document":
                    fixOneDocument = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--fix-timeout":
                    fixTimeoutMinutes = double.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--fix-only":
                    skipOverhead = true;
                    break;
                case "--no-fix":
                    noFix = true;
                    break;
                case "--only":
                    only = args[++i];
                    break;
                case "--prefilter":
                    PrefilterBenchmark.Run(lines, share);
                    return 0;
                case "--profile":
                    profile = true;
                    break;
                case "--concurrent":
                    concurrent = true;
                    break;
                case "--share":
                    share = double.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                default:
                    Console.Error.WriteLine($"unknown argument {args[i]}");
                    return 2;
            }
        }

        if (lightbulb)
        {
            // Rounds cycle through the three kinds of edit: 6 (each twice) by default, 3 at smoke size.
            return await LightbulbBenchmark.RunAsync(lines, share, rounds ?? (lines < 10_000 ? 3 : 6), smoke: lines < 10_000).ConfigureAwait(false);
        }

        if (profile)
        {
            await Profile(lines, share, concurrent).ConfigureAwait(false);
            return 0;
        }

        if (skipOverhead)
        {
            await FixAll(smoke: lines < 10_000, fixDocuments, fixOneDocument, fixTimeoutMinutes).ConfigureAwait(false);
            return 0;
        }

        var legacy = CodeGenerator.Generate(lines, share, withRuntime: true);
        var plain = CodeGenerator.Generate(lines, 0, withRuntime: false);
        var legacyMethods = legacy.Sum(f => CountOccurrences(f.Text, "GetOrCreateGlobalStep"));
        Console.WriteLine($"# Analyzer overhead: {legacy.Sum(f => CodeGenerator.CountLines(f.Text)):N0} lines in {legacy.Count} files, {legacyMethods} legacy methods ({share:P1}); median of {repeat} run(s); {Environment.ProcessorCount} cores");
        Console.WriteLine();

        var gsm = new GlobalStepAnalyzer();
        var empty = new EmptyAnalyzer();
        var netAnalyzer = LoadNetAnalyzer("CA1822");

        // Warm-up: JIT the compiler and every analyzer once on a small project, outside the figures.
        var warmUp = CodeGenerator.Generate(2_000, 0.05, withRuntime: true, seed: 7);
        var warmUpPlain = CodeGenerator.Generate(2_000, 0, withRuntime: false, seed: 7);
        foreach (var analyzer in new DiagnosticAnalyzer?[] { gsm, empty, netAnalyzer }.OfType<DiagnosticAnalyzer>())
        {
            foreach (var oneThread in new[] { false, true })
            {
                await Measure(warmUp, withRuntime: true, analyzer, oneThread).ConfigureAwait(false);
                await Measure(warmUpPlain, withRuntime: false, analyzer, oneThread).ConfigureAwait(false);
            }
        }

        // The configurations are measured in turn in each round (not one after the other R times), so that
        // a change of the machine's load touches them alike; each figure is the median over the rounds.
        var configurations = new List<(string Name, List<(string Path, string Text)> Files, bool WithRuntime, DiagnosticAnalyzer Analyzer)>
        {
            ("GSM analyzers, legacy code, runtime referenced", legacy, true, gsm),
            ("GSM analyzers, no runtime reference", plain, false, gsm),
            ("empty analyzer (one no-op operation action), no runtime reference", plain, false, empty),
            ("empty analyzer (one no-op operation action), legacy code", legacy, true, empty),
        };
        if (netAnalyzer is not null)
        {
            configurations.Add(($"NetAnalyzers CA1822 ({netAnalyzer.GetType().Name}), legacy code", legacy, true, netAnalyzer));
        }

        if (only is not null)
        {
            // --only TEXT: the configurations whose name contains TEXT (to trace or profile one of them).
            configurations.RemoveAll(configuration => !configuration.Name.Contains(only, StringComparison.Ordinal));
        }

        // The first full-size compile after the small warm-ups still runs partly in unoptimized (tier-0) code while the
        // runtime recompiles the compiler's hot methods, and took up to twice as long as the next ones: one full-size
        // measurement, not counted, lets that finish first.
        await Measure(legacy, withRuntime: true, empty, oneThread: false).ConfigureAwait(false);

        // Each configuration is measured twice a round: as a build runs it (the compiler and the analyzers on every core,
        // concurrent analysis), and on one thread (ConcurrentBuild off for both compilations, analysis not concurrent).
        // The telemetry times the analyzer's callbacks by the wall clock, so with all cores busy it also counts the time a
        // callback's thread waits for a core the compiler's own threads hold; on one thread nothing else runs, and the
        // ratio is the analyzer's work over the compiler's (docs/benchmarks.md, "Two ratios").
        var samples = configurations.Select(_ => new List<(double Analyzer, double Compile, int Diagnostics)>()).ToList();
        var oneThreadSamples = configurations.Select(_ => new List<(double Analyzer, double Compile, int Diagnostics)>()).ToList();
        Console.WriteLine($"load average before: {LoadAverage()}");
        for (var round = 0; round < repeat; round++)
        {
            for (var c = 0; c < configurations.Count; c++)
            {
                var (name, files, withRuntime, analyzer) = configurations[c];
                samples[c].Add(await Measure(files, withRuntime, analyzer, oneThread: false).ConfigureAwait(false));
                oneThreadSamples[c].Add(await Measure(files, withRuntime, analyzer, oneThread: true).ConfigureAwait(false));
            }
        }

        Console.WriteLine($"load average after: {LoadAverage()}");
        Console.WriteLine();
        Console.WriteLine("| configuration | all cores: analyzer ms | compile ms | analyzer / compile (median) | min - max | one thread: analyzer ms | compile ms | analyzer / compile (median) | min - max | diagnostics |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (var c = 0; c < configurations.Count; c++)
        {
            Console.WriteLine(FormattableString.Invariant(
                $"| {configurations[c].Name} | {Cells(samples[c])} | {Cells(oneThreadSamples[c])} | {samples[c][^1].Diagnostics} |"));
        }

        if (samples.Zip(oneThreadSamples).Any(pair => pair.First[^1].Diagnostics != pair.Second[^1].Diagnostics))
        {
            Console.Error.WriteLine("the one-thread analysis found other diagnostics than the concurrent one");
            return 1;
        }

        var gsmDiagnostics = samples[0][^1].Diagnostics;
        if (only is null && gsmDiagnostics < legacyMethods)
        {
            Console.Error.WriteLine($"expected at least one diagnostic per legacy method ({legacyMethods}), got {gsmDiagnostics}");
            return 1;
        }

        if (noFix)
        {
            return 0;
        }

        await FixAll(smoke: lines < 10_000, fixDocuments, fixOneDocument, fixTimeoutMinutes).ConfigureAwait(false);
        return 0;
    }

    private static async Task FixAll(bool smoke, int? fixDocuments, int fixOneDocument, double? timeoutMinutes)
    {
        var (documents, small, large, oneDocument) = smoke ? (10, 2, 5, 50) : (fixDocuments ?? 1_000, 1, 10, fixOneDocument);
        var timeout = TimeSpan.FromMinutes(timeoutMinutes ?? (smoke ? 2 : 6));
        Console.WriteLine();
        Console.WriteLine($"# Fix-all (Solution scope, \"{GlobalStepMigration.CodeFixes.GlobalStepFixes.UseOptimizerIterationsTitle}\")");
        Console.WriteLine();
        var runs = new List<FixAllBenchmark.Result>
        {
            await FixAllBenchmark.RunAsync("warm-up", 2, 2, batchFixer: false, timeout).ConfigureAwait(false),
            await FixAllBenchmark.RunAsync($"{documents * small:N0} units over {documents:N0} documents", documents, small, batchFixer: false, timeout).ConfigureAwait(false),
            await FixAllBenchmark.RunAsync($"{documents * large:N0} units over {documents:N0} documents", documents, large, batchFixer: false, timeout).ConfigureAwait(false),
        };
        var peak = System.Diagnostics.Process.GetCurrentProcess().PeakWorkingSet64;
        runs.Add(await FixAllBenchmark.RunAsync($"{oneDocument:N0} units in one document", 1, oneDocument, batchFixer: false, timeout).ConfigureAwait(false));
        runs.Add(await FixAllBenchmark.RunAsync($"{oneDocument:N0} units in one document, BatchFixer", 1, oneDocument, batchFixer: true, timeout).ConfigureAwait(false));
        runs.RemoveAt(0);

        Console.WriteLine("| fix-all | units | ms | ms per unit | allocated MB | units left |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        foreach (var r in runs)
        {
            var time = r.TimedOut ? FormattableString.Invariant($"> {r.Milliseconds:F0} (stopped)") : FormattableString.Invariant($"{r.Milliseconds:F0}");
            var left = r.TimedOut ? "-" : r.UnitsLeft.ToString(CultureInfo.InvariantCulture);
            Console.WriteLine(FormattableString.Invariant($"| {r.Name} | {r.Units} | {time} | {r.Milliseconds / r.Units:F2} | {r.AllocatedBytes / 1e6:F0} | {left} |"));
        }

        Console.WriteLine();
        Console.WriteLine(FormattableString.Invariant($"- scaling: time({runs[1].Units} units) / time({runs[0].Units} units) = {runs[1].Milliseconds / runs[0].Milliseconds:F1} for {(double)runs[1].Units / runs[0].Units:0.#}x the units (linear is about {(double)runs[1].Units / runs[0].Units:0.#})"));
        Console.WriteLine(FormattableString.Invariant($"- BatchFixer / unit fix-all at {oneDocument} units in one document: {(runs[3].TimedOut ? "more than " : "")}{runs[3].Milliseconds / runs[2].Milliseconds:F1}x"));
        Console.WriteLine(FormattableString.Invariant($"- peak working set after the {runs[1].Units}-unit fix-all: {peak / 1e6:F0} MB"));
        if (runs.Take(3).Any(r => r.TimedOut || r.UnitsLeft != 0))
        {
            throw new InvalidOperationException("a fix-all timed out or left legacy units behind");
        }
    }

    /// <summary>
    /// <c>--profile</c>: the GSM analyzer's time by callback (calls, wall and thread CPU ms) on the legacy
    /// code and on code without the runtime, after a warm-up on a small project; on one thread, or with
    /// <c>--concurrent</c> as the telemetry runs it (concurrent analysis, the compiler's threads alongside).
    /// </summary>
    private static async Task Profile(int lines, double share, bool concurrent)
    {
        // "references bound first": the compilation's references are bound (as the compile itself must) before the
        // analyzers start, so that the compilation-start gate is not charged with that binding.
        var runs = new (string Title, bool WithRuntime, int Size, bool Empty, bool BindFirst)[]
        {
            ("warm-up", true, 2_000, false, false),
            ("warm-up", false, 2_000, true, false),
            ("GSM analyzers, legacy code, runtime referenced", true, lines, false, false),
            ("GSM analyzers, no runtime reference", false, lines, false, false),
            ("GSM analyzers, no runtime reference, references bound first", false, lines, false, true),
            ("empty analyzer (one no-op operation action), no runtime reference", false, lines, true, false),
        };
        var generated = new Dictionary<(bool, int), List<(string Path, string Text)>>();
        foreach (var (title, withRuntime, size, emptyAnalyzer, bindFirst) in runs)
        {
            if (!generated.TryGetValue((withRuntime, size), out var files))
            {
                files = CodeGenerator.Generate(size, withRuntime ? share : 0, withRuntime);
                generated[(withRuntime, size)] = files;
            }

            // The compile's CPU time (every thread of the process: the compiler's, the GC's) against which the
            // analyzer's thread CPU time is read; neither counts the time spent waiting for a core.
            var process = Process.GetCurrentProcess();
            var compileCpu = process.TotalProcessorTime;
            var compileWatch = Stopwatch.StartNew();
            using (var stream = new MemoryStream())
            {
                Compile(files, withRuntime, analyzer: null).Emit(stream);
            }

            process.Refresh();
            var compileCpuMs = (process.TotalProcessorTime - compileCpu).TotalMilliseconds;
            var compileWallMs = compileWatch.Elapsed.TotalMilliseconds;
            var profiler = new CallbackProfiler();
            var analyzer = profiler.Wrap(emptyAnalyzer ? new EmptyAnalyzer() : new GlobalStepAnalyzer());
            var compilation = Compile(files, withRuntime, analyzer);
            if (bindFirst)
            {
                _ = compilation.ReferencedAssemblyNames.Count();
            }

            var withAnalyzers = compilation.WithAnalyzers(
                ImmutableArray.Create(analyzer),
                new CompilationWithAnalyzersOptions(new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), onAnalyzerException: null, concurrentAnalysis: concurrent, logAnalyzerExecutionTime: true));
            var found = await withAnalyzers.GetAnalyzerDiagnosticsAsync().ConfigureAwait(false);
            var telemetry = await withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, default).ConfigureAwait(false);
            if (title == "warm-up")
            {
                continue;
            }

            Console.WriteLine(FormattableString.Invariant($"# Profile ({(concurrent ? "concurrent analysis" : "one thread")}): {title}, {files.Sum(f => CodeGenerator.CountLines(f.Text)):N0} lines in {files.Count} files, {found.Length} diagnostics; load average {LoadAverage()}"));
            Console.WriteLine();
            profiler.Print();
            Console.WriteLine();
            Console.WriteLine(FormattableString.Invariant($"compile (Emit, no analyzers): {compileWallMs:F0} ms wall, {compileCpuMs:F0} ms CPU; analyzer: telemetry {telemetry.ExecutionTime.TotalMilliseconds:F1} ms wall, callbacks {profiler.TotalCpuMilliseconds:F1} ms thread CPU = {profiler.TotalCpuMilliseconds / compileCpuMs:P3} of the compile's CPU"));
            Console.WriteLine();
        }
    }

    private static int CountOccurrences(string text, string word)
    {
        var count = 0;
        for (var i = text.IndexOf(word, StringComparison.Ordinal); i >= 0; i = text.IndexOf(word, i + word.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    private static string Cells(List<(double Analyzer, double Compile, int Diagnostics)> runs)
    {
        var ratios = runs.Select(run => run.Analyzer / run.Compile).ToList();
        return FormattableString.Invariant($"{Median(runs.Select(run => run.Analyzer)):F1} | {Median(runs.Select(run => run.Compile)):F0} | {Median(ratios):P3} | {ratios.Min():P3} - {ratios.Max():P3}");
    }

    private static CSharpCompilation Compile(List<(string Path, string Text)> files, bool withRuntime, DiagnosticAnalyzer? analyzer, bool oneThread = false)
    {
        var parse = new CSharpParseOptions(LanguageVersion.CSharp12);
        var trees = files.Select(f => CSharpSyntaxTree.ParseText(f.Text, parse, f.Path)).ToList();
        var references = References.Get(withRuntime);
        var options = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, concurrentBuild: !oneThread);
        if (analyzer is not null)
        {
            options = options.WithSpecificDiagnosticOptions(analyzer.SupportedDiagnostics.Select(d => new KeyValuePair<string, ReportDiagnostic>(d.Id, ReportDiagnostic.Warn)));
        }

        return CSharpCompilation.Create("Generated", trees, references, options);
    }

    /// <summary>One run: the time to compile (Emit, no analyzers), then the analyzer's time by Roslyn's telemetry; on all cores or on one thread.</summary>
    private static async Task<(double Analyzer, double Compile, int Diagnostics)> Measure(List<(string Path, string Text)> files, bool withRuntime, DiagnosticAnalyzer analyzer, bool oneThread)
    {
        var compilation = Compile(files, withRuntime, analyzer: null, oneThread);
        var watch = Stopwatch.StartNew();
        using (var stream = new MemoryStream())
        {
            var result = compilation.Emit(stream);
            if (!result.Success)
            {
                throw new InvalidOperationException("generated code does not compile: " + result.Diagnostics.First(d => d.Severity == DiagnosticSeverity.Error));
            }
        }

        var compileMs = watch.Elapsed.TotalMilliseconds;
        var withAnalyzers = Compile(files, withRuntime, analyzer, oneThread).WithAnalyzers(
            ImmutableArray.Create(analyzer),
            new CompilationWithAnalyzersOptions(new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), onAnalyzerException: null, concurrentAnalysis: !oneThread, logAnalyzerExecutionTime: true));
        var found = await withAnalyzers.GetAnalyzerDiagnosticsAsync().ConfigureAwait(false);
        if (found.Any(d => d.Id == "AD0001"))
        {
            throw new InvalidOperationException("analyzer crashed: " + found.First(d => d.Id == "AD0001"));
        }

        var telemetry = await withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, default).ConfigureAwait(false);
        return (telemetry.ExecutionTime.TotalMilliseconds, compileMs, found.Length);
    }

    internal static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "unknown";

    internal static double Median(IEnumerable<double> values)
    {
        var sorted = values.OrderBy(value => value).ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static DiagnosticAnalyzer? LoadNetAnalyzer(string id)
    {
        var root = typeof(Program).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == "NetAnalyzersPath")?.Value;
        var folder = root is null ? null : Path.Combine(root, "analyzers", "dotnet", "cs");
        if (folder is null || !Directory.Exists(folder))
        {
            Console.Error.WriteLine("NetAnalyzers not found; skipping that baseline.");
            return null;
        }

        var loader = new Loader();
        foreach (var dll in Directory.GetFiles(folder, "*.dll"))
        {
            var reference = new AnalyzerFileReference(dll, loader);
            var match = reference.GetAnalyzers(LanguageNames.CSharp).FirstOrDefault(a => a.SupportedDiagnostics.Any(d => d.Id == id));
            if (match is not null)
            {
                return match;
            }
        }

        return null;
    }

    private sealed class Loader : IAnalyzerAssemblyLoader
    {
        public void AddDependencyLocation(string fullPath)
        {
        }

        public Assembly LoadFromPath(string fullPath) => Assembly.LoadFrom(fullPath);
    }

    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    private sealed class EmptyAnalyzer : DiagnosticAnalyzer
    {
        private static readonly DiagnosticDescriptor Rule = new("EMPTY001", "Empty", "Empty", "Benchmark", DiagnosticSeverity.Warning, isEnabledByDefault: true);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterOperationAction(static _ => { }, OperationKind.Invocation);
        }
    }
}
