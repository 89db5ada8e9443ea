using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using GlobalStepMigration.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GlobalStepMigration.CodeFixes;

/// <summary>
/// How one library writes fix B (<see cref="ExplicitVariableFix"/>): the spellings that differ, and which
/// storages work. The fix itself, the same for every library, asks only these. A library without an idiom
/// gets no fix B.
/// </summary>
internal abstract class ExplicitVariableIdiom
{
    private static readonly ImmutableDictionary<LegacyLibrary, ExplicitVariableIdiom> Idioms = ImmutableDictionary.CreateRange(new[]
    {
        new System.Collections.Generic.KeyValuePair<LegacyLibrary, ExplicitVariableIdiom>(LegacyApiMap.GlobalStepMigrationRuntime, new RuntimeIdiom()),
        new System.Collections.Generic.KeyValuePair<LegacyLibrary, ExplicitVariableIdiom>(LegacyApiMap.TensorFlowNet, new TensorFlowNetIdiom()),
    });

    /// <summary>The library's idiom, or null when the fixes write none for it.</summary>
    public static ExplicitVariableIdiom? For(LegacyLibrary library) => Idioms.TryGetValue(library, out var idiom) ? idiom : null;

    /// <summary>The variable factory the new step is made with, fully qualified (<c>global::...Tf.Variable</c>).</summary>
    public abstract string VariableFactory { get; }

    /// <summary>The type the new variable has (metadata name): the storage must be able to hold it.</summary>
    public abstract string NewVariableTypeMetadataName { get; }

    /// <summary>The type (metadata name, a class or an interface) a storage needs for the increment to compile.</summary>
    public abstract string IncrementableTypeMetadataName { get; }

    /// <summary>A storage type the fix may re-declare as <see cref="RetypedStorageTypeMetadataName"/> (a <c>Tensor</c> local or field), or null.</summary>
    public virtual string? RetypableStorageTypeMetadataName => null;

    /// <summary>The type such a storage is re-declared with, or null.</summary>
    public virtual string? RetypedStorageTypeMetadataName => null;

    /// <summary>The literal 1 for a step of <paramref name="dtype"/>, or null when the idiom cannot write it.</summary>
    public abstract SyntaxToken? One(string? dtype);

    /// <summary>The update methods the step is passed to (<c>Minimize</c>, <c>ApplyGradients</c>) and their <c>name</c> parameter.</summary>
    protected abstract string MinimizeMethod { get; }

    /// <summary>See <see cref="MinimizeMethod"/>.</summary>
    protected abstract string ApplyGradientsMethod { get; }

    /// <summary>The update methods' name parameter.</summary>
    public virtual string NameParameter => "name";

    /// <summary>The base name of the local an optimizer expression is kept in when the inline repeats it.</summary>
    public virtual string OptimizerLocal => "optimizer";

    /// <summary>The base name of the local the gradients are computed into (idioms that write one).</summary>
    public virtual string GradientsLocal => "gradients";

    /// <summary>The base name of the name scope's lambda parameter (idioms that write one).</summary>
    public virtual string ScopeParameter => "scope";

    /// <summary>Whether the inline is statements around the one that takes the value (then the call must be a statement of its own).</summary>
    public abstract bool WritesStatements { get; }

    /// <summary>
    /// Whether the inline takes its control dependency from the default graph where the legacy update did not (then
    /// the update must run in its step's graph scope).
    /// </summary>
    public abstract bool IncrementsInDefaultGraph { get; }

    /// <summary>Which update <paramref name="method"/> is, or null when the inline does not know it (another method, another return type).</summary>
    public UpdateKind? KindOf(IMethodSymbol method) =>
        !ReturnsOperation(method) ? null
        : method.Name == MinimizeMethod ? UpdateKind.Minimize
        : method.Name == ApplyGradientsMethod ? UpdateKind.ApplyGradients
        : null;

    /// <summary>
    /// The inline of one update (docs/design/observables.md, "Fix B"): the update named <c>S/update</c> where it was
    /// called, then, under a control dependency on it, the increment named <c>S</c>, whose op is the call's value.
    /// </summary>
    public abstract InlineForm Inline(InlineParts parts, Compilation compilation);

    /// <summary>Why a step a global-step function creates cannot become <see cref="NewStep"/> in this compilation, or null.</summary>
    public virtual Blocker? NewStepBlocker(Compilation compilation) => null;

    private static bool ReturnsOperation(IMethodSymbol method) => method.ReturnType.Name == "Operation";

    /// <summary>Whether a lookup can be replaced by the storage without changing what the code binds to.</summary>
    public virtual bool LookupTakesStorage(UnitContext context, BoundSite lookup, CancellationToken cancellationToken) => true;

    /// <summary>The new step's creation: <c>Tf.Variable(0L, trainable: false, name: "global_step")</c>.</summary>
    public ExpressionSyntax NewStep(LegacyLibrary library) =>
        Syntax.Qualified(VariableFactory + "(0L, trainable: false, name: \"" + library.GlobalStepName + "\")");

    /// <summary>Whether <paramref name="type"/> is, derives from or implements the type named <paramref name="metadataName"/>.</summary>
    protected static bool Is(ITypeSymbol type, string metadataName)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (GraphScopes.MetadataName(current.OriginalDefinition) == metadataName)
            {
                return true;
            }
        }

        return type.AllInterfaces.Any(contract => GraphScopes.MetadataName(contract.OriginalDefinition) == metadataName);
    }

    /// <summary>Whether a storage of <paramref name="type"/> can be incremented (<c>step.AssignAdd(1)</c> compiles).</summary>
    public bool IsIncrementable(ITypeSymbol type) => Is(type, IncrementableTypeMetadataName);

    /// <summary>Whether a storage of <paramref name="type"/> may be re-declared as the variable type.</summary>
    public bool IsRetypable(ITypeSymbol type) =>
        RetypableStorageTypeMetadataName is { } retypable && GraphScopes.MetadataName(type.OriginalDefinition) == retypable;

    /// <summary>Qualified C# spelling of a type's metadata name (<c>global::A.B+C</c> as <c>global::A.B.C</c>).</summary>
    protected static string Qualified(string metadataName) => "global::" + metadataName.Replace('+', '.');
}
