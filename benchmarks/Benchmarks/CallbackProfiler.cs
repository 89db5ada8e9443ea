using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace GlobalStepMigration.Benchmarks;

/// <summary>
/// Attributes an analyzer's time to its callbacks: wraps the analyzer and every context it registers
/// through (compilation start, symbol start, operation, symbol end), and counts each callback and the
/// time spent in it: wall time, and the calling thread's CPU time (Linux <c>CLOCK_THREAD_CPUTIME_ID</c>),
/// which a loaded machine does not inflate (time the thread waits for a core, or for another thread's
/// garbage collection, is not counted). Only what the GSM analyzer registers is supported. The counts
/// are deterministic.
/// </summary>
internal sealed class CallbackProfiler
{
    private readonly ConcurrentDictionary<string, Counter> _counters = new(StringComparer.Ordinal);

    public DiagnosticAnalyzer Wrap(DiagnosticAnalyzer inner) => new ProfilingAnalyzer(inner, this);

    /// <summary>The CPU time of the top-level callbacks (rows named "x: y" are parts of row x, not added again).</summary>
    public double TotalCpuMilliseconds => TopLevel.Sum(c => c.CpuNanoseconds) / 1e6;

    private IEnumerable<Counter> TopLevel => _counters.Where(pair => !pair.Key.Contains(':', StringComparison.Ordinal)).Select(pair => pair.Value);

    public void Print()
    {
        // What the timing itself costs a call (two clock reads of each kind), subtracted from every row.
        var calibration = new Counter();
        var empty = Time<int>("calibration", _ => { });
        _counters.TryRemove("calibration", out calibration!);
        for (var i = 0; i < 20_000; i++)
        {
            empty(i);
        }

        var overheadTicks = calibration.Ticks / (double)calibration.Calls;
        var overheadCpu = calibration.CpuNanoseconds / (double)calibration.Calls;
        foreach (var counter in _counters.Values)
        {
            counter.Ticks -= (long)(overheadTicks * counter.Calls);
            counter.CpuNanoseconds -= (long)(overheadCpu * counter.Calls);
        }

        Console.WriteLine(FormattableString.Invariant($"(timing overhead subtracted: {overheadTicks * 1e9 / Stopwatch.Frequency:F0} ns wall, {overheadCpu:F0} ns CPU a call)"));
        Console.WriteLine();
        var total = TopLevel.Sum(c => c.Ticks);
        var totalCpu = TopLevel.Sum(c => c.CpuNanoseconds);
        Console.WriteLine("| callback | calls | wall ms | thread CPU ms | share of CPU | allocated KB |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        foreach (var (name, counter) in _counters.OrderByDescending(pair => pair.Value.CpuNanoseconds))
        {
            Console.WriteLine(FormattableString.Invariant(
                $"| {name} | {counter.Calls:N0} | {counter.Ticks * 1000.0 / Stopwatch.Frequency:F1} | {counter.CpuNanoseconds / 1e6:F1} | {(totalCpu == 0 ? 0 : (double)counter.CpuNanoseconds / totalCpu):P1} | {counter.AllocatedBytes / 1024.0:F0} |"));
        }

        Console.WriteLine(FormattableString.Invariant($"| total | {TopLevel.Sum(c => c.Calls):N0} | {total * 1000.0 / Stopwatch.Frequency:F1} | {totalCpu / 1e6:F1} | | {TopLevel.Sum(c => c.AllocatedBytes) / 1024.0:F0} |"));
    }

    /// <summary>The calling thread's CPU time in nanoseconds (0 where the clock is not available).</summary>
    public static long ThreadCpuNanoseconds()
    {
        try
        {
            return clock_gettime(3 /* CLOCK_THREAD_CPUTIME_ID */, out var time) == 0 ? (time.Seconds * 1_000_000_000L) + time.Nanoseconds : 0;
        }
        catch (DllNotFoundException)
        {
            return 0;
        }
        catch (EntryPointNotFoundException)
        {
            return 0;
        }
    }

    [System.Runtime.InteropServices.DllImport("libc", SetLastError = false)]
    private static extern int clock_gettime(int clockId, out TimeSpec time);

    [System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    private Action<T> Time<T>(string name, Action<T> action)
    {
        var counter = _counters.GetOrAdd(name, _ => new Counter());
        return argument =>
        {
            var bytes = GC.GetAllocatedBytesForCurrentThread();
            var cpu = ThreadCpuNanoseconds();
            var start = Stopwatch.GetTimestamp();
            try
            {
                action(argument);
            }
            finally
            {
                Interlocked.Add(ref counter.Ticks, Stopwatch.GetTimestamp() - start);
                Interlocked.Add(ref counter.CpuNanoseconds, ThreadCpuNanoseconds() - cpu);
                Interlocked.Add(ref counter.AllocatedBytes, GC.GetAllocatedBytesForCurrentThread() - bytes);
                Interlocked.Increment(ref counter.Calls);
            }
        };
    }

    private sealed class Counter
    {
        public long Calls;
        public long Ticks;
        public long CpuNanoseconds;
        public long AllocatedBytes;
    }

#pragma warning disable RS1001, RS1025, RS1026 // a wrapper, not an analyzer of its own
    private sealed class ProfilingAnalyzer : DiagnosticAnalyzer
    {
        private readonly DiagnosticAnalyzer _inner;
        private readonly CallbackProfiler _profiler;

        public ProfilingAnalyzer(DiagnosticAnalyzer inner, CallbackProfiler profiler)
        {
            _inner = inner;
            _profiler = profiler;
        }

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => _inner.SupportedDiagnostics;

        public override void Initialize(AnalysisContext context) => _inner.Initialize(new Root(context, _profiler));
    }
#pragma warning restore RS1001, RS1025, RS1026

    private sealed class Root : AnalysisContext
    {
        private readonly AnalysisContext _context;
        private readonly CallbackProfiler _profiler;

        public Root(AnalysisContext context, CallbackProfiler profiler)
        {
            _context = context;
            _profiler = profiler;
        }

        public override void EnableConcurrentExecution() => _context.EnableConcurrentExecution();

        public override void ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags analysisMode) => _context.ConfigureGeneratedCodeAnalysis(analysisMode);

        public override void RegisterCompilationStartAction(Action<CompilationStartAnalysisContext> action) =>
            _context.RegisterCompilationStartAction(_profiler.Time<CompilationStartAnalysisContext>("compilation start", start => action(new Start(start, _profiler))));

        public override void RegisterOperationAction(Action<OperationAnalysisContext> action, ImmutableArray<OperationKind> operationKinds) =>
            _context.RegisterOperationAction(_profiler.Time("operation " + string.Join("/", operationKinds), action), operationKinds);

        public override void RegisterCompilationAction(Action<CompilationAnalysisContext> action) => throw new NotSupportedException();

        public override void RegisterSemanticModelAction(Action<SemanticModelAnalysisContext> action) => throw new NotSupportedException();

        public override void RegisterSymbolAction(Action<SymbolAnalysisContext> action, ImmutableArray<SymbolKind> symbolKinds) => throw new NotSupportedException();

        public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action) => throw new NotSupportedException();

        public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action) => throw new NotSupportedException();

        public override void RegisterSyntaxTreeAction(Action<SyntaxTreeAnalysisContext> action) => throw new NotSupportedException();

        public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds) => throw new NotSupportedException();
    }

    private sealed class Start : CompilationStartAnalysisContext
    {
        private readonly CompilationStartAnalysisContext _context;
        private readonly CallbackProfiler _profiler;

        public Start(CompilationStartAnalysisContext context, CallbackProfiler profiler)
            : base(context.Compilation, context.Options, context.CancellationToken)
        {
            _context = context;
            _profiler = profiler;
        }

        public override void RegisterSymbolStartAction(Action<SymbolStartAnalysisContext> action, SymbolKind symbolKind) =>
            _context.RegisterSymbolStartAction(_profiler.Time<SymbolStartAnalysisContext>("symbol start " + symbolKind, start => action(new SymbolStart(start, _profiler))), symbolKind);

        public override void RegisterOperationAction(Action<OperationAnalysisContext> action, ImmutableArray<OperationKind> operationKinds) =>
            _context.RegisterOperationAction(_profiler.Time("operation " + string.Join("/", operationKinds), action), operationKinds);

        public override void RegisterCompilationEndAction(Action<CompilationAnalysisContext> action) =>
            _context.RegisterCompilationEndAction(_profiler.Time("compilation end", action));

        public override void RegisterSemanticModelAction(Action<SemanticModelAnalysisContext> action) => throw new NotSupportedException();

        public override void RegisterSymbolAction(Action<SymbolAnalysisContext> action, ImmutableArray<SymbolKind> symbolKinds) => throw new NotSupportedException();

        public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action) => throw new NotSupportedException();

        public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action) => throw new NotSupportedException();

        public override void RegisterSyntaxTreeAction(Action<SyntaxTreeAnalysisContext> action) => throw new NotSupportedException();

        public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds) => throw new NotSupportedException();
    }

    private sealed class SymbolStart : SymbolStartAnalysisContext
    {
        private readonly SymbolStartAnalysisContext _context;
        private readonly CallbackProfiler _profiler;

        public SymbolStart(SymbolStartAnalysisContext context, CallbackProfiler profiler)
            #pragma warning disable CS0618 // the only public constructor; this context is never handed to Roslyn
            : base(context.Symbol, context.Compilation, context.Options, context.CancellationToken)
#pragma warning restore CS0618
        {
            _context = context;
            _profiler = profiler;
        }

        public override void RegisterOperationAction(Action<OperationAnalysisContext> action, ImmutableArray<OperationKind> operationKinds) =>
            _context.RegisterOperationAction(_profiler.Time("symbol operation " + string.Join("/", operationKinds), action), operationKinds);

        public override void RegisterSymbolEndAction(Action<SymbolAnalysisContext> action)
        {
            // Roslyn's own work on each reported diagnostic (suppression checks, location checks) is timed apart.
            var report = _profiler.Time<(SymbolAnalysisContext Context, Diagnostic Diagnostic)>("symbol end: ReportDiagnostic (Roslyn's part)", pair => pair.Context.ReportDiagnostic(pair.Diagnostic));
            _context.RegisterSymbolEndAction(_profiler.Time<SymbolAnalysisContext>("symbol end", end =>
            {
#pragma warning disable CS0618 // the public constructor; this context only forwards to Roslyn's
                action(new SymbolAnalysisContext(end.Symbol, end.Compilation, end.Options, diagnostic => report((end, diagnostic)), _ => true, end.CancellationToken));
#pragma warning restore CS0618
            }));
        }

        public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action) => throw new NotSupportedException();

        public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action) => throw new NotSupportedException();

        public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds) => throw new NotSupportedException();

        public override void RegisterOperationBlockStartAction(Action<OperationBlockStartAnalysisContext> action) => throw new NotSupportedException();

        public override void RegisterOperationBlockAction(Action<OperationBlockAnalysisContext> action) => throw new NotSupportedException();
    }
}
