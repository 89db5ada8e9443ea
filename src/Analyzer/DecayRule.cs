using Microsoft.CodeAnalysis.Operations;

namespace GlobalStepMigration.Analyzers;

/// <summary>GSM003: a TF1 learning-rate decay function (ExponentialDecay, PolynomialDecay, ...) fed by a global step.</summary>
internal sealed partial class UnitCollector
{
    private void AnalyzeDecay(IInvocationOperation invocation, ApiEntry entry)
    {
        var argument = FindArgument(invocation, entry.ParameterName);
        if (IsNullOrDefault(argument))
        {
            return;
        }

        var node = NodeOfStepValue(argument!, entry.MemberName);
        if (entry.Blocks is { } kind)
        {
            AddBlocker(node, new Blocker(kind) { Api = entry.MemberName });
        }

        AddSite(new RawSite(SiteKind.Decay, invocation.Syntax.GetLocation(), entry.MemberName, Descriptors.DecayFedByGlobalStep, node) { Library = entry.Library });
    }
}
