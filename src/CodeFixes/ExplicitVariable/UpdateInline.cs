using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using GlobalStepMigration.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Simplification;

namespace GlobalStepMigration.CodeFixes;

/// <summary>
/// Fix B's rewrite of one update the step is passed to (<c>opt.Minimize(loss, step, vars)</c>,
/// <c>opt.ApplyGradients(gradients, step, name)</c>): the inline of what the TF1 optimizer builds for a global step
/// (docs/design/observables.md, "Fix B"), in the library's idiom (<see cref="ExplicitVariableIdiom.Inline"/>). The
/// update runs without the step, named <c>S/update</c> where <c>S</c> is the name it had (the <c>name</c> argument,
/// else the optimizer's name), and the increment, named <c>S</c>, depends on it; the increment is what the call
/// returned. Which statement the call is, and what the idiom needs around it, decide whether it can be written.
/// </summary>
internal static class UpdateInline
{
    /// <summary>A name TensorFlow accepts for a scope and that the inline may extend with <c>/update</c>: no trailing slash.</summary>
    private static readonly Regex ScopeName = new("^[A-Za-z0-9.][A-Za-z0-9_.\\-/]*(?<!/)$", RegexOptions.CultureInvariant);

    /// <summary>The edit that inlines the update <paramref name="site"/> passes the step to, or why it cannot be written.</summary>
    public static Outcome<NodeEdit> Plan(UnitContext context, ExplicitVariableIdiom idiom, BoundSite site, SyntaxToken one, LocalNames names, CancellationToken cancellationToken)
    {
        if (site.Expression.Parent is not ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax invocation } } stepArgument
            || !context.IsStorageReference(site, site.Expression, cancellationToken))
        {
            return new Blocker(BlockerKind.OptimizerCallNotRewritable) { Line = CodeText.Line(site.Expression) };
        }

        if (idiom.IncrementsInDefaultGraph && context.Library.Conventions.Graphs is { } graphs
            && !StepGraphScope.RunsInScopeOfCreation(site, context.Creation!, graphs, cancellationToken))
        {
            return new Blocker(BlockerKind.UpdateOutsideStepGraphScope) { Line = CodeText.Line(invocation) };
        }

        return Plan(idiom, site.Document.Id, site.Model, stepArgument, one, names, cancellationToken);
    }

    /// <summary>
    /// The rewrite itself, for the update call whose step argument is <paramref name="stepArgument"/> (the step already
    /// known to be the unit's storage, and the call to run where it may): the edit, or why the call cannot be inlined.
    /// </summary>
    internal static Outcome<NodeEdit> Plan(ExplicitVariableIdiom idiom, DocumentId document, SemanticModel model, ArgumentSyntax stepArgument, SyntaxToken one, LocalNames names, CancellationToken cancellationToken)
    {
        if (stepArgument.Parent is not ArgumentListSyntax list
            || list.Parent is not InvocationExpressionSyntax invocation
            || invocation.Expression is not MemberAccessExpressionSyntax { RawKind: (int)SyntaxKind.SimpleMemberAccessExpression } access
            || access.Expression is BaseExpressionSyntax
            || model.GetSymbolInfo(invocation, cancellationToken).Symbol is not IMethodSymbol method
            || model.GetOperation(invocation, cancellationToken) is not IInvocationOperation operation
            || idiom.KindOf(method) is not { } kind)
        {
            return new Blocker(BlockerKind.OptimizerCallNotRewritable) { Line = CodeText.Line(stepArgument) };
        }

        // The name the update had: a constant scope name, or none (null too: the optimizer's name).
        var nameArgument = operation.Arguments.FirstOrDefault(argument => argument.Parameter?.Name == idiom.NameParameter && argument.ArgumentKind != ArgumentKind.DefaultValue);
        var nameIndex = nameArgument?.Syntax is ArgumentSyntax named ? list.Arguments.IndexOf(named) : -1;
        var hasName = false;
        if (nameArgument is not null)
        {
            var constant = model.GetConstantValue(Syntax.StripWrappers(((ArgumentSyntax)nameArgument.Syntax).Expression), cancellationToken);
            if (nameIndex < 0 || !constant.HasValue || (constant.Value is string text && !ScopeName.IsMatch(text)) || constant.Value is not (string or null))
            {
                return new Blocker(BlockerKind.UpdateNameNotConstant) { Line = CodeText.Line(invocation), Code = CodeText.Quote(nameArgument.Syntax) };
            }

            hasName = constant.Value is not null;
        }

        var statement = StatementOf(invocation, model, cancellationToken);
        var repeatable = IsRepeatable(access.Expression, model, cancellationToken);
        var needsStatement = idiom.WritesStatements || !repeatable;
        if (needsStatement && statement is null)
        {
            return new Blocker(BlockerKind.UpdateNotStatement) { Line = CodeText.Line(invocation), Code = CodeText.Quote(invocation) };
        }

        var step = Syntax.StripWrappers(stepArgument.Expression).WithoutTrivia();
        if (model.GetTypeInfo(Syntax.StripWrappers(stepArgument.Expression), cancellationToken).Nullability.FlowState == NullableFlowState.MaybeNull)
        {
            // The argument was accepted as Tensor?; a receiver needs to be known not null.
            step = SyntaxFactory.PostfixUnaryExpression(SyntaxKind.SuppressNullableWarningExpression, step);
        }

        var scope = statement?.Anchor ?? invocation;
        var shape = new Shape(
            kind,
            list.Arguments.IndexOf(stepArgument),
            nameIndex,
            hasName,
            method,
            step,
            one,
            repeatable ? null : names.Allocate(scope, idiom.OptimizerLocal, model),
            names.Allocate(scope, idiom.GradientsLocal, model),
            names.Allocate(scope, idiom.ScopeParameter, model),
            names.Allocate(scope, "_", model),
            model.Compilation,
            statement is null || statement.Kind != StatementKind.Discard,
            ContinuationLine(needsStatement ? statement!.Anchor : invocation));
        if (!needsStatement)
        {
            return new NodeEdit(document, invocation, current => Value(idiom, shape, (InvocationExpressionSyntax)current).WithTriviaFrom(current));
        }

        var local = statement!.Kind == StatementKind.Local && idiom.WritesStatements ? DeclaredType(statement, model, cancellationToken) : null;
        if (statement.Kind == StatementKind.Local && idiom.WritesStatements && local is null)
        {
            return new Blocker(BlockerKind.UpdateNotStatement) { Line = CodeText.Line(invocation), Code = CodeText.Quote(invocation) };
        }

        if (statement.Anchor is BaseMethodDeclarationSyntax or LocalFunctionStatementSyntax)
        {
            // An expression body becomes a block: the call as its statement, then inlined.
            var arrowPath = PathTo(ArrowOf(statement.Anchor)!.Expression, invocation);
            return new NodeEdit(document, statement.Anchor, current => WithBlockBody(current, body => Rewritten(idiom, shape, statement.Kind, body, arrowPath.Prepend(0).ToList(), null)));
        }

        var path = PathTo(statement.Anchor, invocation);
        return new NodeEdit(document, statement.Anchor, current => Rewritten(idiom, shape, statement.Kind, (StatementSyntax)current, path, local));
    }

    /// <summary>
    /// A line break and the indentation of a continuation line of the statement that will hold the call (where
    /// <paramref name="anchor"/> starts; one level deeper when it is a member whose expression body becomes a block).
    /// </summary>
    private static SyntaxTriviaList ContinuationLine(SyntaxNode anchor)
    {
        var text = anchor.SyntaxTree.GetText();
        var line = text.Lines.GetLineFromPosition(anchor.SpanStart);
        var indentation = new string(text.ToString(line.Span).TakeWhile(c => c is ' ' or '\t').ToArray());
        var unit = indentation.Contains('\t') ? "\t" : "    ";
        var lineBreak = line.EndIncludingLineBreak > line.End ? text.ToString(Microsoft.CodeAnalysis.Text.TextSpan.FromBounds(line.End, line.EndIncludingLineBreak)) : "\n";
        var levels = anchor is BaseMethodDeclarationSyntax or LocalFunctionStatementSyntax ? 2 : 1;
        return SyntaxFactory.TriviaList(SyntaxFactory.EndOfLine(lineBreak), SyntaxFactory.Whitespace(indentation + string.Concat(Enumerable.Repeat(unit, levels))));
    }

    private static ArrowExpressionClauseSyntax? ArrowOf(SyntaxNode member) => member switch
    {
        BaseMethodDeclarationSyntax method => method.ExpressionBody,
        LocalFunctionStatementSyntax function => function.ExpressionBody,
        _ => null,
    };

    /// <summary>
    /// A method or local function with an expression body, given a block body: the expression as its statement (a return,
    /// or for <c>void</c> an expression statement), rewritten by <paramref name="rewrite"/>.
    /// </summary>
    private static SyntaxNode WithBlockBody(SyntaxNode member, System.Func<StatementSyntax, StatementSyntax> rewrite)
    {
        var arrow = ArrowOf(member)!;
        var returnsVoid = (member as MethodDeclarationSyntax)?.ReturnType ?? (member as LocalFunctionStatementSyntax)?.ReturnType;
        var semicolon = member is BaseMethodDeclarationSyntax method ? method.SemicolonToken : ((LocalFunctionStatementSyntax)member).SemicolonToken;
        StatementSyntax statement = returnsVoid is PredefinedTypeSyntax { Keyword.RawKind: (int)SyntaxKind.VoidKeyword }
            ? SyntaxFactory.ExpressionStatement(arrow.Expression.WithoutTrivia())
            : SyntaxFactory.ReturnStatement(arrow.Expression.WithoutTrivia());
        var rewritten = rewrite(statement.WithTrailingTrivia(SyntaxFactory.ElasticMarker));
        var block = SyntaxFactory.Block(rewritten is BlockSyntax splice && splice.HasAnnotation(Statements.SpliceAnnotation) ? splice.Statements : SyntaxFactory.SingletonList(rewritten))
            .WithCloseBraceToken(SyntaxFactory.Token(SyntaxKind.CloseBraceToken).WithTrailingTrivia(semicolon.TrailingTrivia))
            .WithAdditionalAnnotations(Formatter.Annotation);
        return member switch
        {
            BaseMethodDeclarationSyntax declaration => declaration.WithExpressionBody(null).WithSemicolonToken(default).WithBody(block)
                .WithParameterList(declaration.ParameterList.WithTrailingTrivia(SyntaxFactory.ElasticMarker)),
            _ => ((LocalFunctionStatementSyntax)member).WithExpressionBody(null).WithSemicolonToken(default).WithBody(block)
                .WithParameterList(((LocalFunctionStatementSyntax)member).ParameterList.WithTrailingTrivia(SyntaxFactory.ElasticMarker)),
        };
    }

    /// <summary>The call's value after the inline: the idiom's expression, with the call's parts taken from <paramref name="current"/> (other edits applied).</summary>
    private static ExpressionSyntax Value(ExplicitVariableIdiom idiom, Shape shape, InvocationExpressionSyntax current) =>
        idiom.Inline(shape.Parts(current, ((MemberAccessExpressionSyntax)current.Expression).Expression.WithoutTrivia()), shape.Compilation).Value;

    /// <summary>
    /// The statements in the place of <paramref name="current"/>: the optimizer in a local when the inline repeats an
    /// expression, a local's declaration before the inline when the idiom writes statements, the idiom's statements,
    /// and the statement itself with the call's value in place of the call, inside the idiom's wrapper.
    /// </summary>
    private static StatementSyntax Rewritten(ExplicitVariableIdiom idiom, Shape shape, StatementKind kind, StatementSyntax current, IReadOnlyList<int> path, TypeSyntax? localType)
    {
        var invocation = (InvocationExpressionSyntax)Follow(current, path);
        var receiver = ((MemberAccessExpressionSyntax)invocation.Expression).Expression;
        var statements = new List<StatementSyntax>();
        ExpressionSyntax optimizer = receiver.WithoutTrivia();
        if (shape.OptimizerLocal is { } optimizerLocal)
        {
            statements.Add(Declare(SyntaxFactory.IdentifierName("var"), optimizerLocal, receiver.WithoutTrivia()));
            optimizer = SyntaxFactory.IdentifierName(optimizerLocal);
        }

        var form = idiom.Inline(shape.Parts(invocation, optimizer), shape.Compilation);
        StatementSyntax body;
        if (kind == StatementKind.Local && form.Wrap is not null)
        {
            // var train = opt.Minimize(...);  ->  Operation? train; ... { train = <value>; }
            var declarator = ((LocalDeclarationStatementSyntax)current).Declaration.Variables[0];
            statements.Insert(0, SyntaxFactory.LocalDeclarationStatement(
                SyntaxFactory.VariableDeclaration(localType!.WithTrailingTrivia(SyntaxFactory.Space), SyntaxFactory.SingletonSeparatedList(SyntaxFactory.VariableDeclarator(declarator.Identifier.WithoutTrivia())))));
            var value = declarator.Initializer!.Value.ReplaceNode(invocation, form.Value).WithoutTrivia();
            body = SyntaxFactory.ExpressionStatement(SyntaxFactory.AssignmentExpression(SyntaxKind.SimpleAssignmentExpression, SyntaxFactory.IdentifierName(declarator.Identifier.WithoutTrivia()), value));
        }
        else if (kind == StatementKind.Discard)
        {
            body = SyntaxFactory.ExpressionStatement(form.Value);
        }
        else
        {
            body = current.ReplaceNode(invocation, form.Value).WithoutTrivia();
        }

        statements.AddRange(form.Prelude);
        body = body.WithTrailingTrivia(current.GetTrailingTrivia());
        statements.Add(form.Wrap is null ? body : form.Wrap(body));

        // Each new statement on a line of its own, ended as the statement was (an elastic line break would let the
        // formatter separate top-level statements with blank lines); the comment at the end of the line stays with the
        // statement that takes the value.
        var lineBreak = current.GetTrailingTrivia().LastOrDefault(trivia => trivia.IsKind(SyntaxKind.EndOfLineTrivia));
        var end = lineBreak.IsKind(SyntaxKind.EndOfLineTrivia) ? SyntaxFactory.TriviaList(lineBreak) : SyntaxFactory.TriviaList(SyntaxFactory.ElasticMarker);
        for (var i = 0; i < statements.Count; i++)
        {
            if (i < statements.Count - 1 || form.Wrap is not null)
            {
                statements[i] = statements[i].WithTrailingTrivia(end);
            }
        }

        // The first takes the statement's place (its comments and blank lines); the others its indentation.
        var leading = current.GetLeadingTrivia();
        var indentation = SyntaxFactory.TriviaList(leading.Reverse().TakeWhile(trivia => trivia.IsKind(SyntaxKind.WhitespaceTrivia)).Reverse());
        for (var i = 0; i < statements.Count; i++)
        {
            statements[i] = statements[i].WithLeadingTrivia(i == 0 ? leading : indentation);
        }

        return statements.Count == 1 ? statements[0] : Statements.Splice(statements.Select(statement => statement.WithAdditionalAnnotations(Formatter.Annotation)));
    }

    private static LocalDeclarationStatementSyntax Declare(TypeSyntax type, string name, ExpressionSyntax value) =>
        SyntaxFactory.LocalDeclarationStatement(SyntaxFactory.VariableDeclaration(
            type.WithTrailingTrivia(SyntaxFactory.Space),
            SyntaxFactory.SingletonSeparatedList(SyntaxFactory.VariableDeclarator(SyntaxFactory.Identifier(name)).WithInitializer(SyntaxFactory.EqualsValueClause(value)))));

    /// <summary>
    /// The type a local declared with the call keeps when it is declared before the inline: as written, or for
    /// <c>var</c> the type it inferred (with <c>?</c> where nullable annotations are on); null for a local that cannot
    /// be declared apart from its value.
    /// </summary>
    private static TypeSyntax? DeclaredType(StatementOf statement, SemanticModel model, CancellationToken cancellationToken)
    {
        var declaration = ((LocalDeclarationStatementSyntax)statement.Anchor).Declaration;
        if (!declaration.Type.IsVar)
        {
            return declaration.Type.WithoutTrivia();
        }

        if (model.GetDeclaredSymbol(declaration.Variables[0], cancellationToken) is not ILocalSymbol { Type: { } type } || type.IsAnonymousType || type is IErrorTypeSymbol)
        {
            return null;
        }

        var format = SymbolDisplayFormat.FullyQualifiedFormat;
        if (model.GetNullableContext(declaration.SpanStart).AnnotationsEnabled())
        {
            format = format.AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);
        }

        return SyntaxFactory.ParseTypeName(type.ToDisplayString(format)).WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation);
    }

    /// <summary>
    /// The statement the call is, when it is one of its own: an expression statement (its value discarded), the right
    /// side of an assignment statement to a local, field or property named plainly, the initializer of a local declared
    /// alone, or a return; in a block, a switch section, the top-level statements or as the body of an <c>if</c> or a loop.
    /// </summary>
    private static StatementOf? StatementOf(InvocationExpressionSyntax invocation, SemanticModel model, CancellationToken cancellationToken)
    {
        var outer = Syntax.OutermostWrapper(invocation);
        StatementOf? found = outer.Parent switch
        {
            ExpressionStatementSyntax discarded when outer == invocation => new StatementOf(discarded, StatementKind.Discard),
            AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.SimpleAssignmentExpression, Parent: ExpressionStatementSyntax assigned } assignment
                when assignment.Right == outer && IsPlainTarget(assignment.Left, model, cancellationToken) => new StatementOf(assigned, StatementKind.Assignment),
            EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax { Variables.Count: 1, Parent: LocalDeclarationStatementSyntax local } } }
                when local.UsingKeyword.RawKind == 0 && local.AwaitKeyword.RawKind == 0 && !local.Modifiers.Any() => new StatementOf(local, StatementKind.Local),
            ReturnStatementSyntax returned => new StatementOf(returned, StatementKind.Return),
            ArrowExpressionClauseSyntax { Parent: MethodDeclarationSyntax or LocalFunctionStatementSyntax } arrow => ArrowBody(arrow, outer, model, cancellationToken),
            _ => null,
        };

        return found?.Anchor is not StatementSyntax || found.Anchor is LocalFunctionStatementSyntax || found.Anchor.Parent is BlockSyntax or SwitchSectionSyntax or GlobalStatementSyntax
            or IfStatementSyntax or ElseClauseSyntax or WhileStatementSyntax or DoStatementSyntax or ForStatementSyntax or CommonForEachStatementSyntax
            or UsingStatementSyntax or LockStatementSyntax or FixedStatementSyntax
            ? found
            : null;
    }

    /// <summary>An expression body that is the call: a return, or for a <c>void</c> method an expression statement (not in an iterator or async method).</summary>
    private static StatementOf? ArrowBody(ArrowExpressionClauseSyntax arrow, ExpressionSyntax outer, SemanticModel model, CancellationToken cancellationToken)
    {
        if (model.GetDeclaredSymbol(arrow.Parent!, cancellationToken) is not IMethodSymbol { IsAsync: false } method)
        {
            return null;
        }

        return method.ReturnsVoid
            ? outer == arrow.Expression && arrow.Expression is InvocationExpressionSyntax ? new StatementOf(arrow.Parent!, StatementKind.Discard) : null
            : new StatementOf(arrow.Parent!, StatementKind.Return);
    }

    /// <summary>A target evaluated after its value without changing anything: a local, parameter, field or property named plainly (or through <c>this.</c>), or a discard.</summary>
    private static bool IsPlainTarget(ExpressionSyntax target, SemanticModel model, CancellationToken cancellationToken) =>
        (target is IdentifierNameSyntax || target is MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax })
        && model.GetSymbolInfo(target, cancellationToken).Symbol is ILocalSymbol or IParameterSymbol or IFieldSymbol or IPropertySymbol or IDiscardSymbol;

    /// <summary>Whether the optimizer expression can be written more than once: <c>this</c>, or a local, parameter or field named plainly.</summary>
    private static bool IsRepeatable(ExpressionSyntax receiver, SemanticModel model, CancellationToken cancellationToken)
    {
        var stripped = Syntax.StripWrappers(receiver);
        return stripped is ThisExpressionSyntax
            || ((stripped is IdentifierNameSyntax || stripped is MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax })
                && model.GetSymbolInfo(stripped, cancellationToken).Symbol is ILocalSymbol or IParameterSymbol or IFieldSymbol);
    }

    /// <summary>The child indexes from <paramref name="ancestor"/> down to <paramref name="node"/>.</summary>
    private static List<int> PathTo(SyntaxNode ancestor, SyntaxNode node)
    {
        var path = new List<int>();
        for (var current = node; current != ancestor; current = current.Parent!)
        {
            path.Add(current.Parent!.ChildNodes().TakeWhile(child => child != current).Count());
        }

        path.Reverse();
        return path;
    }

    private static SyntaxNode Follow(SyntaxNode root, IReadOnlyList<int> path) =>
        path.Aggregate(root, (node, index) => node.ChildNodes().ElementAt(index));

    /// <summary>What the inline of one call is made of, read from the call as it stands when the edit is applied.</summary>
    private sealed class Shape
    {
        private readonly UpdateKind _kind;
        private readonly int _stepIndex;
        private readonly int _nameIndex;
        private readonly bool _hasName;
        private readonly IMethodSymbol _method;
        private readonly ExpressionSyntax _step;
        private readonly SyntaxToken _one;
        private readonly string _gradientsLocal;
        private readonly string _scopeParameter;
        private readonly string _discardParameter;
        private readonly bool _valueUsed;
        private readonly SyntaxTriviaList _continuation;

        public Shape(UpdateKind kind, int stepIndex, int nameIndex, bool hasName, IMethodSymbol method, ExpressionSyntax step, SyntaxToken one, string? optimizerLocal,
            string gradientsLocal, string scopeParameter, string discardParameter, Compilation compilation, bool valueUsed, SyntaxTriviaList continuation)
        {
            Compilation = compilation;
            _continuation = continuation;
            _kind = kind;
            _stepIndex = stepIndex;
            _nameIndex = nameIndex;
            _hasName = hasName;
            _method = method;
            _step = step;
            _one = one;
            OptimizerLocal = optimizerLocal;
            _gradientsLocal = gradientsLocal;
            _scopeParameter = scopeParameter;
            _discardParameter = discardParameter;
            _valueUsed = valueUsed;
        }

        /// <summary>The compilation the call was analysed in (the idiom reads the library's generation from it).</summary>
        public Compilation Compilation { get; }

        /// <summary>The local the optimizer expression is kept in, when it cannot be repeated.</summary>
        public string? OptimizerLocal { get; }

        public InlineParts Parts(InvocationExpressionSyntax call, ExpressionSyntax optimizer)
        {
            var arguments = call.ArgumentList;
            ExpressionSyntax? name = _hasName ? arguments.Arguments[_nameIndex].Expression.WithoutTrivia() : null;

            // Remove the higher index first: the lower one keeps its position.
            foreach (var index in new[] { _stepIndex, _nameIndex }.Where(index => index >= 0).OrderByDescending(index => index))
            {
                arguments = Syntax.RemoveArgument(arguments, index, _method);
            }

            return new InlineParts(_kind, optimizer, arguments.WithoutTrivia(), name, _step, _one, _gradientsLocal, _scopeParameter, _discardParameter, _valueUsed, _continuation);
        }
    }
}

/// <summary>Which update the step is passed to.</summary>
internal enum UpdateKind
{
    /// <summary><c>Minimize</c>: gradients computed from a loss, then applied.</summary>
    Minimize,

    /// <summary><c>ApplyGradients</c>: gradients given.</summary>
    ApplyGradients,
}

/// <summary>The kind of statement an update call is (<see cref="UpdateInline"/>).</summary>
internal enum StatementKind
{
    /// <summary><c>opt.Minimize(...);</c></summary>
    Discard,

    /// <summary><c>train = opt.Minimize(...);</c></summary>
    Assignment,

    /// <summary><c>var train = opt.Minimize(...);</c></summary>
    Local,

    /// <summary><c>return opt.Minimize(...);</c></summary>
    Return,
}

/// <summary>The statement an update call is, and how: the statement, or the method or local function whose expression body it is.</summary>
internal sealed class StatementOf
{
    public StatementOf(SyntaxNode anchor, StatementKind kind)
    {
        Anchor = anchor;
        Kind = kind;
    }

    public SyntaxNode Anchor { get; }

    public StatementKind Kind { get; }
}

/// <summary>
/// The parts of one update call that an idiom writes its inline with: the optimizer (an expression that may be
/// repeated), the call's arguments without the step and the name (for <c>Minimize</c> those of the gradients'
/// computation, for <c>ApplyGradients</c> the gradients), the name argument (a constant) or none, the step, the
/// literal 1 of its dtype, and the names the idiom's locals and lambda parameters may take.
/// </summary>
internal sealed class InlineParts
{
    public InlineParts(UpdateKind kind, ExpressionSyntax optimizer, ArgumentListSyntax arguments, ExpressionSyntax? name, ExpressionSyntax step, SyntaxToken one,
        string gradientsLocal, string scopeParameter, string discardParameter, bool valueUsed, SyntaxTriviaList continuation)
    {
        Kind = kind;
        Continuation = continuation;
        Optimizer = optimizer;
        Arguments = arguments;
        Name = name;
        Step = step;
        One = one;
        GradientsLocal = gradientsLocal;
        ScopeParameter = scopeParameter;
        DiscardParameter = discardParameter;
        ValueUsed = valueUsed;
    }

    public UpdateKind Kind { get; }

    public ExpressionSyntax Optimizer { get; }

    public ArgumentListSyntax Arguments { get; }

    public ExpressionSyntax? Name { get; }

    public ExpressionSyntax Step { get; }

    public SyntaxToken One { get; }

    public string GradientsLocal { get; }

    public string ScopeParameter { get; }

    public string DiscardParameter { get; }

    /// <summary>Whether the program uses the call's value (it is not an expression statement).</summary>
    public bool ValueUsed { get; }

    /// <summary>A line break and the indentation that continue the statement holding the value on a new line.</summary>
    public SyntaxTriviaList Continuation { get; }

    /// <summary>The train op's name <c>S</c>: the name argument, else <c>optimizer.Name</c>.</summary>
    public ExpressionSyntax TrainOpName(string nameProperty) =>
        Name ?? SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, Optimizer, SyntaxFactory.IdentifierName(nameProperty));

    /// <summary>The update's name <c>S/update</c>: one literal for a literal name, else <c>S + "/update"</c>.</summary>
    public ExpressionSyntax UpdateName(string nameProperty) =>
        Name is LiteralExpressionSyntax { Token.Value: string literal }
            ? SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(literal + "/update"))
            : SyntaxFactory.BinaryExpression(SyntaxKind.AddExpression, TrainOpName(nameProperty), SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal("/update")));
}

/// <summary>
/// An idiom's inline of an update: the statements before the one that takes the value, the value that takes the
/// call's place, and what wraps that statement (null: the value takes the call's place wherever it is).
/// </summary>
internal sealed class InlineForm
{
    public InlineForm(ExpressionSyntax value, IReadOnlyList<StatementSyntax>? prelude = null, System.Func<StatementSyntax, StatementSyntax>? wrap = null)
    {
        Value = value;
        Prelude = prelude ?? System.Array.Empty<StatementSyntax>();
        Wrap = wrap;
    }

    public ExpressionSyntax Value { get; }

    public IReadOnlyList<StatementSyntax> Prelude { get; }

    public System.Func<StatementSyntax, StatementSyntax>? Wrap { get; }
}

/// <summary>
/// Names for the locals and lambda parameters fix B introduces: a base name, numbered when the member (or the
/// top-level statements) already spells it anywhere or an earlier update of the same rewrite took it.
/// </summary>
internal sealed class LocalNames
{
    private readonly Dictionary<SyntaxNode, HashSet<string>> _taken = new();

    public string Allocate(SyntaxNode at, string baseName, SemanticModel model)
    {
        var member = at.AncestorsAndSelf().FirstOrDefault(node => node is MemberDeclarationSyntax and not GlobalStatementSyntax) ?? at.SyntaxTree.GetRoot();
        if (!_taken.TryGetValue(member, out var taken))
        {
            taken = new HashSet<string>(member.DescendantTokens().Where(token => token.IsKind(SyntaxKind.IdentifierToken)).Select(token => token.ValueText));
            taken.UnionWith(model.LookupSymbols(at.SpanStart).Select(symbol => symbol.Name));
            _taken[member] = taken;
        }

        var name = baseName;
        for (var i = 2; taken.Contains(name); i++)
        {
            name = baseName + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        taken.Add(name);
        return name;
    }
}
