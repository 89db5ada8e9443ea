using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace GlobalStepMigration.Analyzers;

/// <summary>
/// The analysis of one named type: its operation callbacks hand each legacy call to its rule (Rules/GSM00x_*.cs)
/// and each reference to a step to <see cref="StepUses"/>; they all record facts here (sites, blockers, links
/// between unit-graph nodes). At the symbol's end <see cref="UnitReporter"/> turns them into units and
/// diagnostics. One instance per type and compilation: no static mutable state; callbacks may run concurrently,
/// so the lists are locked.
/// </summary>
internal sealed class TypeAnalysis
{
    private readonly object _gate = new();
    private readonly List<RawSite> _sites = new();
    private readonly List<RawBlocker> _blockers = new();
    private readonly List<(object Node, object Other)> _links = new();
    private readonly List<OptimizerConstruction> _constructions = new();
    private readonly List<OptimizerUse> _optimizerUses = new();
    private readonly List<(ISymbol TrainOp, Blocker Blocker)> _trainOpUses = new();
    private readonly List<NameLookupFact> _nameLookups = new();

    public TypeAnalysis(ResolvedApis apis, INamedTypeSymbol type)
    {
        Apis = apis;
        Type = type;
    }

    /// <summary>The legacy libraries of the compilation.</summary>
    public ResolvedApis Apis { get; }

    /// <summary>The type analyzed (its nested types have analyses of their own).</summary>
    public INamedTypeSymbol Type { get; }

    public void AnalyzeInvocation(OperationAnalysisContext context)
    {
        if (!IsOwnOperation(context.ContainingSymbol))
        {
            return;
        }

        var invocation = (IInvocationOperation)context.Operation;
        if (!Apis.TryFind(invocation.TargetMethod, out var library, out var entry))
        {
            return;
        }

        switch (entry.Kind)
        {
            case ApiKind.GetGlobalStep:
            case ApiKind.CreateGlobalStep:
            case ApiKind.GetOrCreateGlobalStep:
                GSM001_GlobalStepFunctionCall.Analyze(this, invocation, entry);
                break;
            case ApiKind.GlobalStepValue:
                GSM001_GlobalStepFunctionCall.AnalyzeValueRead(this, invocation, entry, library);
                break;
            case ApiKind.Tf1OptimizerConstruction:
                OptimizerAnalysis.AnalyzeConstruction(this, invocation, entry, library);
                break;
            case ApiKind.GraphIntrospection:
            case ApiKind.Checkpointing:
                GraphObservations.Analyze(this, invocation, entry);
                break;
            case ApiKind.PassedToOptimizer:
                GSM002_GlobalStepPassedToOptimizer.Analyze(this, invocation, entry);
                break;
            case ApiKind.Decay:
                GSM003_DecayFedByGlobalStep.Analyze(this, invocation, entry);
                break;
            case ApiKind.FindByName:
            case ApiKind.CollectionAccess:
                GSM004_GlobalStepFoundIndirectly.Analyze(this, invocation, entry, library);
                break;
            case ApiKind.VariableFactory:
                StepCreations.AnalyzeVariableFactory(this, invocation, entry, library);
                break;
            default:
                break;
        }
    }

    /// <summary><c>new ResourceVariable(0, trainable: false, name: "global_step")</c>: a constructor listed as a variable factory.</summary>
    public void AnalyzeObjectCreation(OperationAnalysisContext context)
    {
        if (!IsOwnOperation(context.ContainingSymbol))
        {
            return;
        }

        var creation = (IObjectCreationOperation)context.Operation;
        if (creation.Constructor is not { } constructor || !Apis.TryFind(constructor, out var library, out var entry))
        {
            return;
        }

        switch (entry.Kind)
        {
            case ApiKind.VariableFactory:
                StepCreations.AnalyzeVariableFactory(this, creation, entry, library);
                break;
            case ApiKind.Tf1OptimizerConstruction:
                OptimizerAnalysis.AnalyzeConstruction(this, creation, entry, library);
                break;
            case ApiKind.Checkpointing:
                GraphObservations.Analyze(this, creation, entry);
                break;
            default:
                break;
        }
    }

    public void AnalyzeMethodReference(OperationAnalysisContext context)
    {
        if (!IsOwnOperation(context.ContainingSymbol))
        {
            return;
        }

        var reference = (IMethodReferenceOperation)context.Operation;
        if (Apis.TryFind(reference.Method, out _, out var entry) && ApiKinds.IsGlobalStepFunction(entry.Kind))
        {
            GSM004_GlobalStepFoundIndirectly.AnalyzeMethodGroup(this, reference, entry);
        }
    }

    public void AnalyzeReference(OperationAnalysisContext context)
    {
        if (!IsOwnOperation(context.ContainingSymbol))
        {
            return;
        }

        var operation = context.Operation;
        var symbol = operation switch
        {
            ILocalReferenceOperation local => (ISymbol)local.Local,
            IFieldReferenceOperation field => field.Field,
            IParameterReferenceOperation parameter => parameter.Parameter,
            IPropertyReferenceOperation property => property.Property,
            _ => null,
        };

        if (symbol is null)
        {
            return;
        }

        if (Apis.LibraryOfTensorType(operation.Type) is not null)
        {
            StepUses.Add(this, operation, symbol);
        }
        else if (Apis.LibraryOfTf1OptimizerType(operation.Type) is not null)
        {
            OptimizerAnalysis.AnalyzeOptimizerReference(this, operation, symbol);
        }
        else if (Apis.LibraryOfOperationType(operation.Type) is not null)
        {
            OptimizerAnalysis.AnalyzeTrainOpReference(this, operation, symbol);
        }
    }

    /// <summary>Turns the facts into units and reports their diagnostics.</summary>
    public void Report(SymbolAnalysisContext context)
    {
        TypeFacts facts;
        lock (_gate)
        {
            if (!_sites.Any(site => site.Rule is not null))
            {
                return;
            }

            // Operation callbacks run concurrently, so the lists are in scheduling order: sort them (sites by place,
            // blockers by the line each names, then kind and arguments) so nothing depends on that order.
            facts = new TypeFacts(
                Type,
                _sites.OrderBy(site => site.Location.SourceTree?.FilePath, System.StringComparer.Ordinal).ThenBy(site => site.Location.SourceSpan.Start).ThenBy(site => site.Kind).ToList(),
                _blockers.OrderBy(blocker => blocker.Blocker).ToList(),
                _links.ToList(),
                new OptimizerFacts(
                    _constructions.OrderBy(c => c.Line).ToList(),
                    _optimizerUses.OrderBy(u => u.Line).ToList(),
                    _trainOpUses.OrderBy(u => u.Blocker).ToList(),
                    _nameLookups.OrderBy(l => l.Line).ThenBy(l => l.Name, System.StringComparer.Ordinal).ToList()));
        }

        UnitReporter.Report(context, facts);
    }

    public void AddSite(RawSite site)
    {
        lock (_gate)
        {
            _sites.Add(site);
        }
    }

    /// <summary>Records a blocker of the unit that <paramref name="node"/> belongs to (null: of every unit of the type).</summary>
    public void AddBlocker(object? node, Blocker blocker)
    {
        lock (_gate)
        {
            _blockers.Add(new RawBlocker(node, blocker));
        }
    }

    public void AddConstruction(OptimizerConstruction construction)
    {
        lock (_gate)
        {
            _constructions.Add(construction);
        }
    }

    public void AddOptimizerUse(OptimizerUse use)
    {
        lock (_gate)
        {
            _optimizerUses.Add(use);
        }
    }

    public void AddTrainOpUse(ISymbol trainOp, Blocker blocker)
    {
        lock (_gate)
        {
            _trainOpUses.Add((trainOp, blocker));
        }
    }

    public void AddNameLookup(NameLookupFact lookup)
    {
        lock (_gate)
        {
            _nameLookups.Add(lookup);
        }
    }

    /// <summary>Records that two unit-graph nodes are the same step.</summary>
    public void AddLink(object node, object other)
    {
        lock (_gate)
        {
            _links.Add((node, other));
        }
    }

    /// <summary>Whether the operation belongs to this type's own members (not a nested type's: those have their own analysis).</summary>
    private bool IsOwnOperation(ISymbol containingSymbol)
    {
        var type = containingSymbol as INamedTypeSymbol ?? containingSymbol.ContainingType;
        return SymbolEqualityComparer.Default.Equals(type, Type);
    }
}
