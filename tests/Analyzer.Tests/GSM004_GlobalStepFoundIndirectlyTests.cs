using System.Threading.Tasks;
using Xunit;
using static GlobalStepMigration.Analyzers.Tests.AnalyzerVerifier;

namespace GlobalStepMigration.Analyzers.Tests;

/// <summary>GSM004: the step found by name, through the GLOBAL_STEP collection or through a method group (src/Analyzer/Rules/GSM004_GlobalStepFoundIndirectly.cs): flagged with guidance, no fix.</summary>
public sealed class GSM004_GlobalStepFoundIndirectlyTests
{
    /// <summary>Found by name or collection: lookups by name or collection.</summary>
    [Fact]
    public Task LookupsByNameAndCollection_FlaggedWithoutFix() => VerifyAsync("""
        using System;
        using GlobalStepMigration.Runtime;
        using V1 = GlobalStepMigration.Runtime.Tf.Compat.V1;

        var g = new Graph();
        using (g.AsDefault())
        {
            var step = {|#0:V1.Train.GetOrCreateGlobalStep()|};
            var byName = {|#1:g.GetTensorByName("global_step:0")|};
            var op = {|#2:g.GetOperationByName("global_step")|};
            var inCollection = {|#3:g.GetCollection(V1.GraphKeys.GLOBAL_STEP)|};
            var viaTf = {|#4:V1.GetCollection("global_step")|};
            {|#5:g.AddToCollection(V1.GraphKeys.GLOBAL_STEP, step)|};
            var other = g.GetCollection(V1.GraphKeys.GLOBAL_VARIABLES);
            var loss = g.GetTensorByName("loss:0");
        }
        """,
        Diagnostic("GSM001").WithLocation(0).WithArguments(
            "GetOrCreateGlobalStep",
            "'step'",
            "; no automatic fix: the step is also found by name at line 9 ('GetTensorByName', GSM004), which would no longer find it; pass the step's variable (or its optimizer) to that code instead (see GSM004), then fix"),
        Diagnostic("GSM004").WithLocation(1).WithArguments("GetTensorByName", "by name", "pass the step's variable (or the optimizer, whose Iterations counts its updates) to this code instead of looking it up by name"),
        Diagnostic("GSM004").WithLocation(2).WithArguments("GetOperationByName", "by name", "pass the step's variable (or the optimizer, whose Iterations counts its updates) to this code instead of looking it up by name"),
        Diagnostic("GSM004").WithLocation(3).WithArguments("GetCollection", "through the GLOBAL_STEP collection", "pass the step's variable (or the optimizer, whose Iterations counts its updates) to this code instead of going through the collection"),
        Diagnostic("GSM004").WithLocation(4).WithArguments("GetCollection", "through the GLOBAL_STEP collection", "pass the step's variable (or the optimizer, whose Iterations counts its updates) to this code instead of going through the collection"),
        Diagnostic("GSM004").WithLocation(5).WithArguments("AddToCollection", "through the GLOBAL_STEP collection", "pass the step's variable (or the optimizer, whose Iterations counts its updates) to this code instead of going through the collection"));

    [Fact]
    public Task MethodGroup_FlaggedWithoutFix() => VerifyAsync("""
        using System;
        using GlobalStepMigration.Runtime;
        using static GlobalStepMigration.Runtime.Tf.Compat.V1.Train;

        Func<Graph?, Tensor?> lookup = {|#0:GetGlobalStep|};
        Func<Graph?, Tensor> create = {|#1:GetOrCreateGlobalStep|};
        """,
        Diagnostic("GSM004").WithLocation(0).WithArguments("GetGlobalStep", "through a method group", "call the function directly where its graph is known, or pass the step's variable instead of the function"),
        Diagnostic("GSM004").WithLocation(1).WithArguments("GetOrCreateGlobalStep", "through a method group", "call the function directly where its graph is known, or pass the step's variable instead of the function"));
}
