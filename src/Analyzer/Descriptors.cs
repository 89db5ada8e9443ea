using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace GlobalStepMigration.Analyzers;

/// <summary>Every diagnostic descriptor of the package, in one place.</summary>
public static class Descriptors
{
    /// <summary>Category of every rule.</summary>
    public const string Category = "Migration";

    /// <summary>Base of the help links; the page of rule X is <c>{HelpLinkBase}X.md</c>.</summary>
    public const string HelpLinkBase = "https://github.com/globalstepmigration/GlobalStepMigration/blob/main/docs/rules/";

    /// <summary>GSM001: a call to GetGlobalStep, GetOrCreateGlobalStep or CreateGlobalStep.</summary>
    public static readonly DiagnosticDescriptor GlobalStepFunctionCall = Create(
        "GSM001",
        "Global-step function call",
        "'{0}' is a removed global-step function (step {1}){2}",
        "TensorFlow 2 removed GetGlobalStep, GetOrCreateGlobalStep and CreateGlobalStep. Let a Keras optimizer own the counter (optimizer.Iterations) or create and increment a variable yourself.");

    /// <summary>GSM002: a global step passed to a TF1 optimizer's Minimize or ApplyGradients.</summary>
    public static readonly DiagnosticDescriptor GlobalStepPassedToOptimizer = Create(
        "GSM002",
        "Global step passed to a TF1 optimizer",
        "Global step {1} is passed to TF1 optimizer method '{0}'{2}",
        "A TF1 optimizer increments the global step it is given. Keras optimizers count their own steps in Iterations; pass no step and read optimizer.Iterations, or increment an explicit variable after the update.");

    /// <summary>GSM003: a TF1 learning-rate decay function fed by a global step.</summary>
    public static readonly DiagnosticDescriptor DecayFedByGlobalStep = Create(
        "GSM003",
        "TF1 learning-rate decay fed by a global step",
        "Learning-rate decay '{0}' is fed by global step {1}{2}",
        "TF1 decay functions read the global step. Keras learning-rate schedules are passed to the optimizer as its learning rate and read optimizer.Iterations.");

    /// <summary>GSM004: the global step found by name or collection, or a global-step function used as a method group.</summary>
    public static readonly DiagnosticDescriptor GlobalStepFoundIndirectly = Create(
        "GSM004",
        "Global step found by name or collection",
        "'{0}' finds the global step {1}; no automatic fix: {2}",
        "Code that finds the global step by name (global_step:0), through the GLOBAL_STEP collection, or through a global-step function passed as a delegate cannot be migrated automatically: pass the step's variable or the optimizer to that code instead.");

    /// <summary>All descriptors, in ID order.</summary>
    public static ImmutableArray<DiagnosticDescriptor> All { get; } = ImmutableArray.Create(
        GlobalStepFunctionCall,
        GlobalStepPassedToOptimizer,
        DecayFedByGlobalStep,
        GlobalStepFoundIndirectly);

    /// <summary>The help link of a rule ID.</summary>
    /// <param name="id">The rule ID, for example GSM001.</param>
    /// <returns>The URL of the rule's page.</returns>
    public static string HelpLink(string id) => HelpLinkBase + id + ".md";

    private static DiagnosticDescriptor Create(string id, string title, string message, string description) =>
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
