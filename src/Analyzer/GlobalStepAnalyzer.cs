using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace GlobalStepMigration.Analyzers;

/// <summary>
/// Reports GSM001-GSM004. The four rules share one analysis because a global step is one unit: the
/// creation, lookups, optimizer arguments, decays, increments and reads of a step are collected per
/// type (symbol-start/symbol-end, so the IDE shows them live) and every diagnostic carries the whole
/// unit (see docs/design/unit-model.md). The per-rule matching lives in the *Rule files.
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
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(static start =>
        {
            var apis = ResolvedApis.Resolve(start.Compilation);
            if (apis is null)
            {
                // The compilation does not reference a legacy library: nothing to do, nothing registered.
                return;
            }

            start.RegisterSymbolStartAction(
                symbolStart =>
                {
                    // A cheap syntactic pre-filter: most types of most projects never name a legacy member.
                    if (!apis.MayContainSites((INamedTypeSymbol)symbolStart.Symbol, symbolStart.CancellationToken))
                    {
                        return;
                    }

                    var collector = new UnitCollector(apis, (INamedTypeSymbol)symbolStart.Symbol);
                    symbolStart.RegisterOperationAction(collector.AnalyzeInvocation, OperationKind.Invocation);
                    symbolStart.RegisterOperationAction(collector.AnalyzeObjectCreation, OperationKind.ObjectCreation);
                    symbolStart.RegisterOperationAction(collector.AnalyzeMethodReference, OperationKind.MethodReference);
                    symbolStart.RegisterOperationAction(
                        collector.AnalyzeReference,
                        OperationKind.LocalReference,
                        OperationKind.FieldReference,
                        OperationKind.ParameterReference,
                        OperationKind.PropertyReference);
                    symbolStart.RegisterSymbolEndAction(collector.Report);
                },
                SymbolKind.NamedType);
        });
    }
}
