using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace GlobalStepMigration.Analyzers;

/// <summary>The package's rules (each declared in its Rules/GSM00x_*.cs file) and what they share.</summary>
public static class Descriptors
{
    /// <summary>Category of every rule.</summary>
    public const string Category = "Migration";

    /// <summary>Base of the help links; the page of rule X is <c>{HelpLinkBase}X.md</c>.</summary>
    public const string HelpLinkBase = "https://github.com/globalstepmigration/GlobalStepMigration/blob/main/docs/rules/";

    /// <summary>All descriptors, in ID order.</summary>
    public static ImmutableArray<DiagnosticDescriptor> All { get; } = ImmutableArray.Create(
        GSM001_GlobalStepFunctionCall.Descriptor,
        GSM002_GlobalStepPassedToOptimizer.Descriptor,
        GSM003_DecayFedByGlobalStep.Descriptor,
        GSM004_GlobalStepFoundIndirectly.Descriptor);

    /// <summary>The help link of a rule ID.</summary>
    /// <param name="id">The rule ID, for example GSM001.</param>
    /// <returns>The URL of the rule's page.</returns>
    public static string HelpLink(string id) => HelpLinkBase + id + ".md";

    /// <summary>A rule's descriptor: a warning of the Migration category, enabled, with its page as help link.</summary>
    internal static DiagnosticDescriptor Create(string id, string title, string message, string description) =>
        new(
            id,
            title,
            message,
            Category,
            DiagnosticSeverity.Warning,
            isEnabledByDefault: true,
            description: description,
            helpLinkUri: HelpLink(id));
}
