using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using GlobalStepMigration.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GlobalStepMigration.CodeFixes;

/// <summary>A unit's site bound to its syntax and semantic model.</summary>
internal sealed class BoundSite
{
    public BoundSite(SiteKind kind, Document document, SemanticModel model, ExpressionSyntax expression)
    {
        Kind = kind;
        Document = document;
        Model = model;
        Expression = expression;
    }

    public SiteKind Kind { get; }

    public Document Document { get; }

    public SemanticModel Model { get; }

    public ExpressionSyntax Expression { get; }
}

/// <summary>The unit's sites found in the current solution, and the step's storage.</summary>
internal sealed class UnitContext
{
    /// <summary>Keyed weakly on syntax trees, which unchanged documents keep from one snapshot to the next; see <see cref="HasErrorsAsync"/>.</summary>
    private static readonly ConditionalWeakTable<SyntaxTree, TreeErrors> ErrorsByTree = new();

    private UnitContext(FixUnit unit, Solution solution, List<BoundSite> sites, ISymbol? storage, BoundSite? creation, LegacyLibrary library, bool creationIsHandMade)
    {
        Library = library;
        CreationIsHandMade = creationIsHandMade;
        Unit = unit;
        Solution = solution;
        Sites = sites;
        Storage = storage;
        Creation = creation;
    }

    /// <summary>The library every site of the unit binds to: the fixes write its idiom.</summary>
    public LegacyLibrary Library { get; }

    /// <summary>
    /// Whether the single creation is a hand-made variable (one of the library's variable factories or
    /// constructors in the map), not a global-step function: fix B keeps it as it is.
    /// </summary>
    public bool CreationIsHandMade { get; }

    /// <summary>The declared type of the storage (a local's or a field's), or null.</summary>
    public ITypeSymbol? StorageType => Storage switch
    {
        ILocalSymbol local => local.Type,
        IFieldSymbol stored => stored.Type,
        _ => null,
    };

    public FixUnit Unit { get; }

    public Solution Solution { get; }

    public List<BoundSite> Sites { get; }

    /// <summary>The local or private field the creation is stored in (null when not stored, or stored elsewhere).</summary>
    public ISymbol? Storage { get; }

    /// <summary>The single creation site.</summary>
    public BoundSite? Creation { get; }

    public IEnumerable<BoundSite> OfKind(SiteKind kind) => Sites.Where(site => site.Kind == kind);

    /// <summary>Binds every site; declined when a site cannot be found (the code changed since the analysis), binds to
    /// no library the fixes write, or its file does not compile.</summary>
    public static async Task<Outcome<UnitContext>> CreateAsync(Solution solution, FixUnit unit, CancellationToken cancellationToken)
    {
        var sites = new List<BoundSite>();
        foreach (var site in unit.Sites)
        {
            var tree = site.Location.SourceTree;
            var document = tree is null ? null : solution.GetDocument(tree);
            var root = document is null ? null : await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var model = document is null ? null : await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            var expression = root is null ? null : Syntax.FindExpression(root, site.Location);
            if (document is null || expression is null || model is null)
            {
                return new Blocker(BlockerKind.SiteNotFound) { Line = site.Location.GetLineSpan().StartLinePosition.Line + 1 };
            }

            sites.Add(new BoundSite(site.Kind, document, model, expression));
        }

        // The fixes write the idiom of the one library every site binds to; a unit mixing two, or of a library
        // the map does not know, is not theirs to rewrite.
        LegacyLibrary? library = null;
        foreach (var site in sites.Where(site => site.Kind is SiteKind.Creation or SiteKind.Lookup or SiteKind.PassedToOptimizer or SiteKind.Decay))
        {
            var call = site.Kind == SiteKind.PassedToOptimizer ? site.Expression.FirstAncestorOrSelf<InvocationExpressionSyntax>() : site.Expression;
            var name = call is null ? null : site.Model.GetSymbolInfo(call, cancellationToken).Symbol?.ContainingAssembly?.Name;
            var bound = LegacyApiMap.LibraryOfAssembly(name);
            if (bound is null || (library is not null && library != bound))
            {
                return new Blocker(BlockerKind.LibraryNotWritable) { Code = CodeText.Quote(site.Expression), Line = CodeText.Line(site.Expression), Library = name };
            }

            library = bound;
        }

        // A file that does not compile is not rewritten: the unit may be incomplete.
        foreach (var site in sites.GroupBy(site => site.Document).Select(group => group.First()))
        {
            if (await HasErrorsAsync(site.Document, site.Model, cancellationToken).ConfigureAwait(false))
            {
                return new Blocker(BlockerKind.DocumentHasErrors) { Name = site.Document.Name };
            }
        }

        var creations = sites.Where(site => site.Kind == SiteKind.Creation).ToList();
        var creation = creations.Count == 1 ? creations[0] : null;
        var storage = creation is null ? null : StorageOf(creation, cancellationToken);
        if (library is null)
        {
            return new Blocker(BlockerKind.LibraryNotWritable) { Code = unit.Property(UnitProperties.StepName), Line = CodeText.Line(sites[0].Expression) };
        }

        var handMade = creation is not null
            && creation.Model.GetSymbolInfo(creation.Expression, cancellationToken).Symbol is IMethodSymbol method
            && library.MemberNames(kind => kind == ApiKind.VariableFactory).Contains(method.Name);
        return new UnitContext(unit, solution, sites, storage, creation, library, handMade);
    }

    /// <summary>
    /// The checks every fix makes before it writes anything: the analysis allows <paramref name="fix"/>, the
    /// sites bind, the step is created once in a local or private field, the library can have the fix, and
    /// no site of another type may share the step. The bound unit, or the first blocker.
    /// </summary>
    public static async Task<Outcome<UnitContext>> BindForAsync(Solution solution, FixUnit unit, FixKind fix, CancellationToken cancellationToken)
    {
        if (unit.AnalysisBlocker(fix) is { } declined)
        {
            return declined;
        }

        var bound = await CreateAsync(solution, unit, cancellationToken).ConfigureAwait(false);
        if (bound.Value is not { } context)
        {
            return bound;
        }

        if ((fix == FixKind.UseOptimizerIterations ? context.Library.Conventions.FixAUnavailable : context.Library.Conventions.FixBUnavailable) is { } unavailable)
        {
            return unavailable;
        }

        return (context.StepBlocker() ?? await Visibility.SeenElsewhereAsync(context, fix, cancellationToken).ConfigureAwait(false)) is { } blocker
            ? blocker
            : context;
    }

    /// <summary>
    /// Why the fixes cannot write this step: not exactly one creation, or a creation not stored in a local or
    /// private field. Null when they can.
    /// </summary>
    public Blocker? StepBlocker()
    {
        if (Creation is null)
        {
            return new Blocker(BlockerKind.NotOneCreation) { Lines = OfKind(SiteKind.Creation).Select(site => CodeText.Line(site.Expression)).ToImmutableArray() };
        }

        return Storage is null ? new Blocker(BlockerKind.CreationNotStoredPrivately) { Line = CodeText.Line(Creation.Expression) } : null;
    }

    /// <summary>
    /// Whether a document has compiler errors. Computed once per syntax tree and project semantic version: a fix-all
    /// binds every unit (re-checking a document of N units N times made one large document quadratic), and an IDE asks
    /// after every keystroke, mostly in other documents. A document's diagnostics depend on its own text (its tree) and
    /// on the declarations it can see; Roslyn's dependent semantic version of the project changes whenever a declaration
    /// of the project or of a project it references may have changed (not for an edit inside a method body), so the
    /// answer is reused exactly while both stay the same.
    /// </summary>
    private static async Task<bool> HasErrorsAsync(Document document, SemanticModel model, CancellationToken cancellationToken)
    {
        var version = await document.Project.GetDependentSemanticVersionAsync(cancellationToken).ConfigureAwait(false);
        var entry = ErrorsByTree.GetValue(model.SyntaxTree, _ => new TreeErrors());
        lock (entry)
        {
            if (entry.Project == document.Project.Id && entry.Version == version)
            {
                return entry.HasErrors;
            }
        }

        var hasErrors = model.GetDiagnostics(cancellationToken: cancellationToken).Any(d => d.Severity == DiagnosticSeverity.Error);
        lock (entry)
        {
            entry.Project = document.Project.Id;
            entry.Version = version;
            entry.HasErrors = hasErrors;
        }

        return hasErrors;
    }

    /// <summary>What <see cref="HasErrorsAsync"/> found for a tree, and for which project and version.</summary>
    private sealed class TreeErrors
    {
        public ProjectId? Project { get; set; }

        public VersionStamp Version { get; set; }

        public bool HasErrors { get; set; }
    }

    /// <summary>Whether <paramref name="expression"/> is a plain reference to the storage (<c>step</c>, <c>this._step</c>, <c>_step!</c>).</summary>
    public bool IsStorageReference(BoundSite site, ExpressionSyntax expression, CancellationToken cancellationToken)
    {
        var stripped = Syntax.StripWrappers(expression);
        if (stripped is not (IdentifierNameSyntax or MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax }))
        {
            return false;
        }

        return Storage is not null && SymbolEqualityComparer.Default.Equals(site.Model.GetSymbolInfo(stripped, cancellationToken).Symbol, Storage);
    }

    /// <summary>Whether a site can name the storage directly: it is in scope, accessible and (for locals) declared before.</summary>
    public bool CanReferenceStorageAt(BoundSite site)
    {
        if (Storage is null || Creation is null)
        {
            return false;
        }

        var visible = site.Model.LookupSymbols(site.Expression.SpanStart, name: Storage.Name);
        if (!visible.Any(symbol => SymbolEqualityComparer.Default.Equals(symbol, Storage)))
        {
            return false;
        }

        if (Storage is IFieldSymbol { IsStatic: false } && site.Model.GetEnclosingSymbol(site.Expression.SpanStart) is { IsStatic: true })
        {
            return false;
        }

        // A local is read after its creation in the same file; a lookup before it saw no step.
        return Storage is not ILocalSymbol
            || (site.Document.Id == Creation.Document.Id && site.Expression.SpanStart > Creation.Expression.Span.End);
    }

    /// <summary>The declared type of the storage, when it is written out (not var) and declares only the storage.</summary>
    public TypeSyntax? StorageDeclaredType(CancellationToken cancellationToken)
    {
        var reference = Storage?.DeclaringSyntaxReferences.FirstOrDefault();
        if (reference?.GetSyntax(cancellationToken) is not VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax declaration }
            || declaration.Variables.Count != 1)
        {
            return null;
        }

        return declaration.Type.IsVar ? null : declaration.Type;
    }

    private static ISymbol? StorageOf(BoundSite creation, CancellationToken cancellationToken)
    {
        var outer = Syntax.OutermostWrapper(creation.Expression);
        ISymbol? symbol = outer.Parent switch
        {
            EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax declarator } => creation.Model.GetDeclaredSymbol(declarator, cancellationToken),
            AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.SimpleAssignmentExpression } assignment when assignment.Right == outer =>
                creation.Model.GetSymbolInfo(Syntax.StripWrappers(assignment.Left), cancellationToken).Symbol,
            _ => null,
        };

        return symbol switch
        {
            ILocalSymbol => symbol,
            IFieldSymbol { DeclaredAccessibility: Accessibility.Private } => symbol,
            _ => null,
        };
    }
}
