using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using GlobalStepMigration.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace GlobalStepMigration.CodeFixes;

/// <summary>
/// What runs inside a private graph scope (<c>using (g.AsDefault()) { ... }</c>): the scope's body,
/// its lambdas and local functions, and every method, constructor, accessor, operator and type
/// initializer declared in the project's source that it may call, followed transitively (bounded,
/// each body once). Code called from inside the scope runs while <c>g</c> is the default graph, so a
/// default-graph global-step site there sees the scope's step: the scope is then not private.
/// </summary>
/// <remarks>
/// A call whose target cannot be known makes the scope not private too: a delegate invocation, a
/// virtual, abstract or interface member that source code overrides or implements, <c>dynamic</c>,
/// a function pointer, a delegate made outside the scope and used in it (library code may run it),
/// or more code than <see cref="MaxBodies"/>. Not followed (documented on the rule page): implicit
/// <c>ToString</c>/<c>Dispose</c> calls, library code calling back through a library virtual member
/// that source overrides, and other projects' source.
/// </remarks>
internal sealed class ScopeReach
{
    /// <summary>How many bodies one scope may reach before the analysis gives up (and declines).</summary>
    public const int MaxBodies = 400;

    private readonly Compilation _compilation;
    private readonly Func<SyntaxTree, SemanticModel> _modelOf;
    private readonly Lazy<HashSet<ISymbol>> _overridden;
    private readonly Dictionary<(SyntaxNode Scope, bool StopAtUnknown), ScopeWalk> _walks = new();

    /// <param name="compilation">The compilation whose source is followed.</param>
    /// <param name="modelOf">The semantic model of one of its trees (shared with the caller, so that a body bound there is not bound again).</param>
    public ScopeReach(Compilation compilation, Func<SyntaxTree, SemanticModel> modelOf)
    {
        _compilation = compilation;
        _modelOf = modelOf;
        _overridden = new Lazy<HashSet<ISymbol>>(() => OverriddenInSource(compilation));
    }

    /// <summary>
    /// The first thing that makes <paramref name="scope"/> not private: a reached body that contains
    /// one of <paramref name="isForeignSite"/>'s sites (found with the member called from the scope that
    /// leads to it), or a call whose target is unknown. Null when the scope stays private.
    /// </summary>
    public Blocker? Find(SyntaxNode scope, Func<SyntaxTree, TextSpan, Target?> isForeignSite, CancellationToken cancellationToken)
    {
        var walk = Walk(scope, stopAtUnknown: true, cancellationToken);
        for (var i = 0; i < walk.Bodies.Count; i++)
        {
            if (walk.Unknown is { } unknown && unknown.Index <= i)
            {
                return UnknownBlocker(walk.Label, unknown);
            }

            var (body, via) = walk.Bodies[i];
            if (via is not null && isForeignSite(body.SyntaxTree, body.Span) is { } site)
            {
                return site.Observed ?? new Blocker(BlockerKind.ScopeReachesStepSite) { Name = DisplayName(via), Graph = walk.Label, Line = site.Line, Api = site.Api, Owner = site.Type };
            }
        }

        return walk.Unknown is { } last ? UnknownBlocker(walk.Label, last) : null;
    }

    /// <summary>
    /// Whether code run inside <paramref name="scope"/> may run the code at <paramref name="span"/>: the member called from
    /// the scope that leads there ("via"), or, when <paramref name="unknownReaches"/>, the call whose target is unknown
    /// ("may run anything"); null when it cannot. Without <paramref name="unknownReaches"/> only known calls count (the
    /// walk goes on past the others).
    /// </summary>
    public (string Via, int Line)? Reaches(SyntaxNode scope, SyntaxTree tree, TextSpan span, bool unknownReaches, CancellationToken cancellationToken)
    {
        var walk = Walk(scope, unknownReaches, cancellationToken);
        for (var i = 0; i < walk.Bodies.Count; i++)
        {
            if (walk.Unknown is { } unknown && unknown.Index <= i)
            {
                return ("'" + CodeText.Quote(unknown.At) + "', " + UnknownText(unknown.Call), CodeText.Line(unknown.At));
            }

            var (body, via) = walk.Bodies[i];
            if (via is not null && body.SyntaxTree == tree && body.Span.Contains(span))
            {
                return (DisplayName(via), CodeText.Line(scope));
            }
        }

        return walk.Unknown is { } last ? ("'" + CodeText.Quote(last.At) + "', " + UnknownText(last.Call), CodeText.Line(last.At)) : null;
    }

    /// <summary>
    /// What runs inside a scope (a graph, name or variable scope, or a try block): the bodies reached in order, each with
    /// the member called from the scope that leads to it, until a call whose target cannot be known. Computed once per scope.
    /// </summary>
    private ScopeWalk Walk(SyntaxNode scope, bool stopAtUnknown, CancellationToken cancellationToken)
    {
        lock (_walks)
        {
            if (!_walks.TryGetValue((scope, stopAtUnknown), out var walk))
            {
                walk = WalkUncached(scope, stopAtUnknown, cancellationToken);
                _walks.Add((scope, stopAtUnknown), walk);
            }

            return walk;
        }
    }

    private ScopeWalk WalkUncached(SyntaxNode scope, bool stopAtUnknown, CancellationToken cancellationToken)
    {
        var graph = GraphOf(scope);
        var walk = new ScopeWalk(graph);
        if (!_compilation.ContainsSyntaxTree(scope.SyntaxTree))
        {
            // Not this snapshot's code (cannot happen through Visibility): nothing is known, nothing is private.
            walk.Unknown = (null, scope, UnknownCall.OtherCompilation, 0);
            return walk;
        }

        var visited = new HashSet<SyntaxNode>();
        var initializedTypes = new HashSet<INamedTypeSymbol>(SymbolEqualityComparer.Default);
        var work = new Queue<(SyntaxNode Body, ISymbol? Via)>();
        foreach (var body in CodeScopes.BodyOf(scope))
        {
            work.Enqueue((body, null));
            visited.Add(body);
        }

        while (work.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (body, via) = work.Dequeue();
            walk.Bodies.Add((body, via));
            var model = ModelOf(body.SyntaxTree);
            var operation = model.GetOperation(body, cancellationToken);
            if (operation is null)
            {
                continue;
            }

            foreach (var op in operation.DescendantsAndSelf())
            {
                var unknown = UnknownTarget(op) ?? OutsideDelegate(op, visited, cancellationToken);
                if (unknown is not null && stopAtUnknown)
                {
                    walk.Unknown = (via, op.Syntax, unknown.Value, walk.Bodies.Count);
                    return walk;
                }

                foreach (var target in Targets(op, model))
                {
                    foreach (var reached in BodiesOf(target, initializedTypes, cancellationToken))
                    {
                        if (visited.Add(reached))
                        {
                            if (visited.Count > MaxBodies)
                            {
                                walk.Unknown = (via ?? target, op.Syntax, UnknownCall.TooMuchCode, walk.Bodies.Count);
                                return walk;
                            }

                            work.Enqueue((reached, via ?? target));
                        }
                    }
                }
            }
        }

        return walk;
    }

    /// <summary>What a scope runs: the bodies reached, and the call that stopped the walk (its target unknown).</summary>
    private sealed class ScopeWalk
    {
        public ScopeWalk(string label) => Label = label;

        /// <summary>How the scope is named in reasons (the graph of a graph scope).</summary>
        public string Label { get; }

        public List<(SyntaxNode Body, ISymbol? Via)> Bodies { get; } = new();

        /// <summary>The call whose target is unknown, found after <c>Index</c> bodies; null when the walk saw everything.</summary>
        public (ISymbol? Via, SyntaxNode At, UnknownCall Call, int Index)? Unknown { get; set; }
    }

    private static Blocker UnknownBlocker(string graph, (ISymbol? Via, SyntaxNode At, UnknownCall Call, int Index) unknown) =>
        Unknown(graph, unknown.Via, unknown.At, unknown.Call);

    private static string UnknownText(UnknownCall call) => BlockerText.UnknownText(call);

    private SemanticModel ModelOf(SyntaxTree tree) => _modelOf(tree);

    /// <summary>The blocker of a call whose target is unknown, reached through <paramref name="via"/> (null: the scope's own code).</summary>
    private static Blocker Unknown(string graph, ISymbol? via, SyntaxNode at, UnknownCall call) =>
        new(BlockerKind.ScopeReachesUnknownCode)
        {
            Name = via is null ? null : DisplayName(via),
            Graph = graph,
            Code = at.ToString(),
            Line = at.SyntaxTree.GetLineSpan(at.Span).StartLinePosition.Line + 1,
            Unknown = call,
        };

    /// <summary>The graph of a scope as the program spells it (<c>g</c> in <c>using (g.AsDefault())</c>, <c>using var _ = g.AsDefault();</c>).</summary>
    private static string GraphOf(SyntaxNode scope) =>
        (scope switch
        {
            UsingStatementSyntax statement => statement.Expression ?? statement.Declaration?.Variables[0].Initializer?.Value,
            LocalDeclarationStatementSyntax declaration => declaration.Declaration.Variables[0].Initializer?.Value,
            _ => null,
        }) is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access }
            ? access.Expression.ToString()
            : "?";

    private static string DisplayName(ISymbol symbol) => symbol switch
    {
        IMethodSymbol { MethodKind: MethodKind.Constructor } constructor => "new " + constructor.ContainingType.Name,
        IMethodSymbol { AssociatedSymbol: { } property } => property.ContainingType.Name + "." + property.Name,
        IMethodSymbol { MethodKind: MethodKind.LocalFunction } local => local.Name,
        _ => symbol.ContainingType is null ? symbol.Name : symbol.ContainingType.Name + "." + symbol.Name,
    };

    /// <summary>Why the operation's target cannot be known, or null.</summary>
    private UnknownCall? UnknownTarget(IOperation op)
    {
        switch (op)
        {
            case IDynamicInvocationOperation or IDynamicMemberReferenceOperation or IDynamicObjectCreationOperation or IDynamicIndexerAccessOperation:
                return UnknownCall.Dynamic;
            case IFunctionPointerInvocationOperation:
                return UnknownCall.FunctionPointer;
            case IInvocationOperation { TargetMethod.MethodKind: MethodKind.DelegateInvoke }:
                return UnknownCall.Delegate;
            case IInvocationOperation invocation when invocation.IsVirtual && IsOverriddenInSource(invocation.TargetMethod):
                return UnknownCall.Virtual;
            case IPropertyReferenceOperation property when property.Instance is { Syntax: not BaseExpressionSyntax } && IsOverriddenInSource(property.Property):
                return UnknownCall.VirtualProperty;
            default:
                return null;
        }
    }

    /// <summary>
    /// A delegate read here that may have been made by code the walk does not see (a parameter, field,
    /// property, or a local declared outside every reached body): library code may run it here.
    /// </summary>
    private static UnknownCall? OutsideDelegate(IOperation op, HashSet<SyntaxNode> visited, CancellationToken cancellationToken)
    {
        if (op.Type?.TypeKind != TypeKind.Delegate
            || op.Parent is ISimpleAssignmentOperation assignment && assignment.Target == op)
        {
            return null;
        }

        ISymbol? symbol = op switch
        {
            ILocalReferenceOperation local => local.Local,
            IParameterReferenceOperation parameter => parameter.Parameter,
            IFieldReferenceOperation field => field.Field,
            IPropertyReferenceOperation property => property.Property,
            _ => null,
        };
        if (symbol is null)
        {
            return null;
        }

        if (symbol is ILocalSymbol
            && symbol.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(cancellationToken) is { } declaration
            && declaration.AncestorsAndSelf().Any(visited.Contains))
        {
            return null;
        }

        return UnknownCall.DelegateFromOutside;
    }

    private bool IsOverriddenInSource(ISymbol member) =>
        (member.IsVirtual || member.IsAbstract || member.IsOverride || member.ContainingType?.TypeKind == TypeKind.Interface)
        && !member.IsSealed
        && _overridden.Value.Contains(member.OriginalDefinition);

    /// <summary>The members an operation calls (methods, accessors, operators, constructors, method groups).</summary>
    private static IEnumerable<ISymbol> Targets(IOperation op, SemanticModel model)
    {
        switch (op)
        {
            case IInvocationOperation invocation:
                yield return invocation.TargetMethod;
                break;
            case IObjectCreationOperation { Constructor: { } constructor }:
                yield return constructor;
                break;
            case IMethodReferenceOperation reference:
                yield return reference.Method;
                break;
            case IPropertyReferenceOperation reference:
                if (reference.Property.GetMethod is { } getter)
                {
                    yield return getter;
                }

                if (reference.Property.SetMethod is { } setter)
                {
                    yield return setter;
                }

                break;
            case IEventReferenceOperation reference:
                if (reference.Event.AddMethod is { } add)
                {
                    yield return add;
                }

                if (reference.Event.RemoveMethod is { } remove)
                {
                    yield return remove;
                }

                break;
            case IMemberReferenceOperation reference:
                // A field: its type's initializers may run on first access.
                yield return reference.Member;
                break;
            case IBinaryOperation { OperatorMethod: { } method }:
                yield return method;
                break;
            case IUnaryOperation { OperatorMethod: { } method }:
                yield return method;
                break;
            case IConversionOperation { OperatorMethod: { } method }:
                yield return method;
                break;
            case ICompoundAssignmentOperation { OperatorMethod: { } method }:
                yield return method;
                break;
            case IIncrementOrDecrementOperation { OperatorMethod: { } method }:
                yield return method;
                break;
            case IForEachLoopOperation { Syntax: CommonForEachStatementSyntax statement }:
                var info = model.GetForEachStatementInfo(statement);
                foreach (var member in new ISymbol?[] { info.GetEnumeratorMethod, info.MoveNextMethod, info.CurrentProperty?.GetMethod, info.DisposeMethod })
                {
                    if (member is not null)
                    {
                        yield return member;
                    }
                }

                break;
        }
    }

    /// <summary>The source bodies a member runs: its own, and (once per type) its type's initializers.</summary>
    private IEnumerable<SyntaxNode> BodiesOf(ISymbol member, HashSet<INamedTypeSymbol> initializedTypes, CancellationToken cancellationToken)
    {
        if (member is IMethodSymbol method)
        {
            var definition = method.OriginalDefinition;
            foreach (var reference in (definition.PartialImplementationPart ?? definition).DeclaringSyntaxReferences)
            {
                if (_compilation.ContainsSyntaxTree(reference.SyntaxTree))
                {
                    yield return reference.GetSyntax(cancellationToken);
                }
            }
        }

        var type = member.ContainingType?.OriginalDefinition;
        if (type is null || type.DeclaringSyntaxReferences.Length == 0 || !initializedTypes.Add(type))
        {
            yield break;
        }

        foreach (var typeMember in type.GetMembers())
        {
            var isInitializer = typeMember is IMethodSymbol { MethodKind: MethodKind.StaticConstructor };
            foreach (var reference in typeMember.DeclaringSyntaxReferences.Where(r => _compilation.ContainsSyntaxTree(r.SyntaxTree)))
            {
                var syntax = reference.GetSyntax(cancellationToken);
                SyntaxNode? initializer = isInitializer
                    ? syntax
                    : syntax switch
                    {
                        VariableDeclaratorSyntax { Initializer: { } value } => value,
                        PropertyDeclarationSyntax { Initializer: { } value } => value,
                        _ => null,
                    };
                if (initializer is not null)
                {
                    yield return initializer;
                }
            }
        }
    }

    /// <summary>The members that a source method, property or event overrides or implements.</summary>
    private static HashSet<ISymbol> OverriddenInSource(Compilation compilation)
    {
        var result = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        var namespaces = new Stack<INamespaceSymbol>();
        namespaces.Push(compilation.Assembly.GlobalNamespace);
        var types = new Stack<INamedTypeSymbol>();
        while (namespaces.Count > 0)
        {
            var ns = namespaces.Pop();
            foreach (var member in ns.GetMembers())
            {
                if (member is INamespaceSymbol inner)
                {
                    namespaces.Push(inner);
                }
                else if (member is INamedTypeSymbol type)
                {
                    types.Push(type);
                }
            }
        }

        while (types.Count > 0)
        {
            var type = types.Pop();
            foreach (var nested in type.GetTypeMembers())
            {
                types.Push(nested);
            }

            foreach (var member in type.GetMembers())
            {
                for (var overridden = Overridden(member); overridden is not null; overridden = Overridden(overridden))
                {
                    result.Add(overridden.OriginalDefinition);
                }
            }

            foreach (var contract in type.AllInterfaces.SelectMany(i => i.GetMembers()))
            {
                if (type.FindImplementationForInterfaceMember(contract) is { } implementation
                    && SymbolEqualityComparer.Default.Equals(implementation.ContainingAssembly, compilation.Assembly))
                {
                    result.Add(contract.OriginalDefinition);
                }
            }
        }

        return result;
    }

    private static ISymbol? Overridden(ISymbol member) => member switch
    {
        IMethodSymbol method => method.OverriddenMethod,
        IPropertySymbol property => property.OverriddenProperty,
        IEventSymbol @event => @event.OverriddenEvent,
        _ => null,
    };

    /// <summary>A global-step site of another type that uses the default graph.</summary>
    internal sealed class Target
    {
        public Target(string api, string type, int line, Blocker? observed = null)
        {
            Api = api;
            Type = type;
            Line = line;
            Observed = observed;
        }

        /// <summary>For code that observes the graph (O6, O12): the reason it gives, named instead of the scope's.</summary>
        public Blocker? Observed { get; }

        public string Api { get; }

        public string Type { get; }

        public int Line { get; }
    }
}
