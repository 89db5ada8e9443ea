using System;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace GlobalStepMigration.Analyzers;

/// <summary>
/// Reports GSM001-GSM004. The four rules share one analysis because a global step is one unit: the
/// creation, lookups, optimizer arguments, decays, increments and reads of a step are collected per
/// type (symbol-start/symbol-end, so the IDE shows them live) and every diagnostic carries the whole
/// unit (see docs/design/unit-model.md). Each rule's matching lives in its Rules/GSM00x_*.cs file;
/// docs/design/architecture.md shows the flow.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class GlobalStepAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => Descriptors.All;

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();

        // Generated code is not analyzed (no Analyze flag): Roslyn skips its types, members, operations and #line hidden
        // spans. Every diagnostic is reported at a site found in analyzed code, so none can fall in generated code, and
        // ReportDiagnostics spares Roslyn the check it otherwise makes on each one: with None, the first diagnostic in a
        // file makes it walk every token of that file looking for [GeneratedCode], charged to this analyzer (about a
        // third of its time on legacy code, docs/benchmarks.md). tests/Analyzer.Tests/GeneratedCodeTests.cs pins it.
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.ReportDiagnostics);
        context.RegisterCompilationStartAction(static start =>
        {
            // The compilation start touches nothing. Asking which assemblies are referenced binds the
            // references, and resolving the legacy types builds the declaration tables: work the compiler
            // does anyway, but at this point it is still running (or has not started) and whoever asks first
            // waits for it and is charged with it. By the first symbol start both are done, so the gate and
            // the resolution run there, once per compilation (the lazy value belongs to this compilation only).
            var compilation = start.Compilation;
            var resolved = new Lazy<ResolvedApis?>(() => ResolvedApis.Resolve(compilation), LazyThreadSafetyMode.ExecutionAndPublication);
            start.RegisterSymbolStartAction(
                symbolStart =>
                {
                    // Null when the compilation references no legacy library: every type returns here.
                    var apis = resolved.Value;

                    // A cheap syntactic pre-filter: most types of most projects never name a legacy member.
                    if (apis is null || !apis.MayContainSites((INamedTypeSymbol)symbolStart.Symbol, symbolStart.CancellationToken))
                    {
                        return;
                    }

                    var analysis = new TypeAnalysis(apis, (INamedTypeSymbol)symbolStart.Symbol);
                    symbolStart.RegisterOperationAction(analysis.AnalyzeInvocation, OperationKind.Invocation);
                    symbolStart.RegisterOperationAction(analysis.AnalyzeObjectCreation, OperationKind.ObjectCreation);
                    symbolStart.RegisterOperationAction(analysis.AnalyzeMethodReference, OperationKind.MethodReference);
                    symbolStart.RegisterOperationAction(
                        analysis.AnalyzeReference,
                        OperationKind.LocalReference,
                        OperationKind.FieldReference,
                        OperationKind.ParameterReference,
                        OperationKind.PropertyReference);
                    symbolStart.RegisterSymbolEndAction(analysis.Report);
                },
                SymbolKind.NamedType);
        });
    }
}
