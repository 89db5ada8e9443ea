using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace GlobalStepMigration.Analyzers;

/// <summary>Builds the units of a type from the collected facts and reports one diagnostic per flagged site.</summary>
internal sealed partial class UnitCollector
{
    public void Report(SymbolAnalysisContext context)
    {
        List<RawSite> sites;
        List<RawBlocker> blockers;
        List<(object Node, object Other)> links;
        lock (_gate)
        {
            if (!_sites.Any(site => site.Rule is not null))
            {
                return;
            }

            sites = _sites.OrderBy(site => site.Location.SourceTree?.FilePath, StringComparer.Ordinal).ThenBy(site => site.Location.SourceSpan.Start).ThenBy(site => site.Kind).ToList();
            // Operation callbacks run concurrently, so _blockers is in scheduling order: sort it (by the line
            // the reason names, then by text) so the message and the fixability never depend on that order.
            blockers = _blockers.OrderBy(blocker => FirstLine(blocker.Reason)).ThenBy(blocker => blocker.Reason, StringComparer.Ordinal).ToList();
            links = _links.ToList();
        }

        var sets = new DisjointSets();
        foreach (var site in sites)
        {
            foreach (var other in site.LinkedNodes)
            {
                sets.Union(site.Node, other);
            }
        }

        foreach (var (node, other) in links)
        {
            sets.Union(node, other);
        }

        var typeBlockers = blockers.Where(blocker => blocker.Node is null).Select(blocker => blocker.Reason).ToList();
        typeBlockers.AddRange(GraphMixBlockers(sites));

        var units = sites
            .Where(site => !ReferenceEquals(site.Node, TypeLevel))
            .GroupBy(site => sets.Find(site.Node))
            .Where(group => group.Any(site => site.Rule is not null));

        foreach (var unit in units)
        {
            ReportUnit(context, unit.Key, unit.ToList(), blockers, typeBlockers, sets);
        }

        foreach (var site in sites.Where(site => ReferenceEquals(site.Node, TypeLevel)))
        {
            var properties = ImmutableDictionary.CreateBuilder<string, string?>();
            properties[UnitProperties.SiteKind] = site.Kind.ToString();
            properties[UnitProperties.Api] = site.Api;
            properties[UnitProperties.Fixes] = string.Empty;
            properties[UnitProperties.NoFixReason] = Guidance(site.Kind, site.Library);
            context.ReportDiagnostic(Diagnostic.Create(site.Rule!, site.Location, properties.ToImmutable(), site.Api, HowFound(site.Kind), Guidance(site.Kind, site.Library)));
        }
    }

    private void ReportUnit(
        SymbolAnalysisContext context,
        int root,
        List<RawSite> unitSites,
        List<RawBlocker> blockers,
        List<string> typeBlockers,
        DisjointSets sets)
    {
        var nodes = sets.Members(root);
        var storages = nodes.OfType<ISymbol>().Where(symbol => symbol.Kind is SymbolKind.Local or SymbolKind.Field or SymbolKind.Parameter or SymbolKind.Property).ToList();
        var graphs = unitSites.Where(site => site.Graph is not null).Select(site => site.Graph!).Distinct().ToList();
        var creations = unitSites.Where(site => site.Kind == SiteKind.Creation).ToList();

        var stepName = StepNameOf(creations, storages, graphs);
        var reasons = new List<string>();
        if (unitSites.Any(site => site.Graph is not null))
        {
            reasons.AddRange(typeBlockers);
        }
        else
        {
            // A hand-made step is only found by name or collection lookups when it is named global_step;
            // GSM004 sites still block it, because they may reach it in graph mode.
            reasons.AddRange(typeBlockers.Where(reason => reason.Contains("GSM004")));
        }

        reasons.AddRange(blockers.Where(blocker => blocker.Node is not null && !blocker.OnlyFixA && nodes.Contains(blocker.Node, NodeComparer.Instance)).Select(blocker => blocker.Reason));
        reasons.AddRange(StorageBlockers(storages));
        if (graphs.FirstOrDefault(graph => graph.Symbol is not null) is { } explicitGraph
            && ExplicitGraphBlocker(explicitGraph, graphs, unitSites, creations) is { } graphReason)
        {
            reasons.Add(graphReason);
        }

        if (creations.Count == 0)
        {
            reasons.Add(string.Format(
                CultureInfo.InvariantCulture,
                "no creation of this step is visible in '{0}'; migrate the code that creates it, then pass its variable (or its optimizer) here",
                _type.Name));
        }
        else if (creations.Any(site => site.HandMade) && creations.Any(site => !site.HandMade))
        {
            reasons.Add(string.Format(
                CultureInfo.InvariantCulture,
                "it is created both by hand and by a global-step function (lines {0})",
                string.Join(", ", creations.Select(site => Line(site.Location).ToString(CultureInfo.InvariantCulture)))));
        }

        var libraryReasonA = unitSites.Select(site => site.Library?.Conventions.FixAUnavailableReason).FirstOrDefault(reason => reason is not null);
        var reasonA = reasons.Count == 0 ? libraryReasonA ?? FixABlocker(unitSites, creations, blockers, nodes) : null;
        var libraryReasonB = unitSites.Select(site => site.Library?.Conventions.FixBUnavailableReason).FirstOrDefault(reason => reason is not null);
        if (reasons.Count == 0 && libraryReasonB is not null)
        {
            // The library's own limits: say why neither fix applies, A's reason first.
            reasons.Add(reasonA is null ? libraryReasonB : reasonA + ", and " + libraryReasonB);
        }

        string? optimizer = null;
        if (reasons.Count == 0 && reasonA is null)
        {
            optimizer = unitSites.Where(site => site.OptimizerKey is not null).Select(site => site.OptimizerKey!.Split('|')[0]).FirstOrDefault();
        }

        if (reasons.Count > 0)
        {
            // The message says why and, where the reason does not already, what to do by hand.
            reasons[0] = WithHowToFix(reasons[0]);
        }

        var fixes = reasons.Count > 0 ? string.Empty : reasonA is null ? UnitProperties.BothFixes : UnitProperties.ExplicitVariableOnly;
        var suffix = reasons.Count > 0
            ? "; no automatic fix: " + reasons[0]
            : reasonA is not null ? "; optimizer.Iterations cannot own it: " + reasonA : string.Empty;

        var first = unitSites[0].Location;
        var unitId = string.Format(CultureInfo.InvariantCulture, "{0}@{1}:{2}", stepName, first.SourceTree?.FilePath, first.SourceSpan.Start);
        var displayName = storages.Count > 0 && !stepName.StartsWith("global_step of", StringComparison.Ordinal) ? "'" + stepName + "'" : stepName;

        foreach (var site in unitSites.Where(site => site.Rule is not null))
        {
            var related = unitSites.Where(other => other.Location != site.Location).GroupBy(other => other.Location).Select(group => group.First()).ToList();
            var properties = ImmutableDictionary.CreateBuilder<string, string?>();
            properties[UnitProperties.UnitId] = unitId;
            properties[UnitProperties.SiteKind] = site.Kind.ToString();
            properties[UnitProperties.Api] = site.Api;
            properties[UnitProperties.StepName] = stepName;
            properties[UnitProperties.Graph] = graphs.Count == 0 ? string.Empty : string.Join(",", graphs.Select(graph => graph.Display));
            properties[UnitProperties.StepDType] = creations.Count == 0 ? "unknown" : creations[0].DType ?? "unknown";
            properties[UnitProperties.Fixes] = fixes;
            properties[UnitProperties.NoFixReason] = reasons.Count > 0 ? reasons[0] : string.Empty;
            properties[UnitProperties.NoFixAReason] = reasonA ?? (reasons.Count > 0 ? reasons[0] : string.Empty);
            properties[UnitProperties.Optimizer] = optimizer ?? string.Empty;
            properties[UnitProperties.AdditionalLocationKinds] = string.Join(";", related.Select(other => other.Kind.ToString()));
            context.ReportDiagnostic(Diagnostic.Create(
                site.Rule!,
                site.Location,
                related.Select(other => other.Location),
                properties.ToImmutable(),
                site.Api,
                displayName,
                suffix));
        }
    }

    private static string? FixABlocker(List<RawSite> unitSites, List<RawSite> creations, List<RawBlocker> blockers, List<object> nodes)
    {
        var onlyA = blockers.FirstOrDefault(blocker => blocker.OnlyFixA && blocker.Node is not null && nodes.Contains(blocker.Node, NodeComparer.Instance));
        if (onlyA is not null)
        {
            return onlyA.Reason;
        }

        var optimizerSites = unitSites.Where(site => site.Kind == SiteKind.OptimizerArgument).ToList();
        var increments = unitSites.Where(site => site.Kind == SiteKind.Increment).ToList();
        var unknown = optimizerSites.FirstOrDefault(site => !site.OptimizerKnown);
        if (unknown is not null)
        {
            return string.Format(CultureInfo.InvariantCulture, "the optimizer at line {0} is not stored in a variable or field", Line(unknown.Location));
        }

        var optimizers = optimizerSites.Select(site => site.OptimizerKey!).Distinct(StringComparer.Ordinal).ToList();
        if (optimizers.Count > 1)
        {
            return string.Format(
                CultureInfo.InvariantCulture,
                "optimizers {0} both increment it, and an optimizer's Iterations counts only its own updates",
                string.Join(" and ", optimizers.Select(key => "'" + key.Split('|')[0] + "'")));
        }

        if (optimizers.Count == 1 && increments.Count > 0)
        {
            return string.Format(CultureInfo.InvariantCulture, "it is also incremented by hand at line {0}", Line(increments[0].Location));
        }

        if (optimizers.Count == 0)
        {
            if (increments.Count == 0)
            {
                return "no optimizer increments it";
            }

            var unpaired = increments.FirstOrDefault(site => site.OptimizerKey is null);
            if (unpaired is not null)
            {
                return string.Format(CultureInfo.InvariantCulture, "the increment at line {0} does not directly follow a Keras optimizer's update", Line(unpaired.Location));
            }

            if (increments.Select(site => site.OptimizerKey).Distinct(StringComparer.Ordinal).Count() > 1)
            {
                return "it is incremented after the updates of several Keras optimizers";
            }
        }

        var dtype = creations.Count == 0 ? "unknown" : creations[0].DType ?? "unknown";
        var read = unitSites.FirstOrDefault(site => site.Kind == SiteKind.Read && site.DTypeSensitive);
        if (dtype != "int64" && read is not null)
        {
            return string.Format(CultureInfo.InvariantCulture, "it is {0} and read at line {1} in a way that depends on its dtype, and optimizer.Iterations is int64", dtype, Line(read.Location));
        }

        return null;
    }

    /// <summary>
    /// A no-fix reason followed by what to do by hand (docs/rules lists each message). Reasons that
    /// already say it (they contain "; " or end with "by hand") are kept as they are. One place for the
    /// guidance, so the facts can be collected anywhere and the advice stays consistent.
    /// </summary>
    internal static string WithHowToFix(string reason)
    {
        if (reason.IndexOf("; ", StringComparison.Ordinal) >= 0 || reason.EndsWith("by hand", StringComparison.Ordinal))
        {
            return reason;
        }

        // (start of the reason, or "*" and a part of it) -> what to do by hand.
        var table = new[]
        {
            ("the step is also found", "pass the step's variable (or its optimizer) to that code instead (see GSM004), then fix"),
            ("its graph argument", "store the graph in a local or private field created with new Graph() and pass that"),
            ("the step passed to", "store the step in a local or private field and pass that"),
            ("it is reassigned", "create the step once and keep it in one local or private field, or migrate by hand"),
            ("it is used in a conditional expression", "migrate that expression by hand, then fix the rest"),
            ("it is returned", "keep the step in a private field of this type instead of returning it, then fix"),
            ("it is used at line", "migrate that use by hand, then fix the rest"),
            ("it is written with", "only the optimizer (or AssignAdd) may change the step; migrate by hand"),
            ("it is passed to", "give that method the step's value instead of the step, or migrate it by hand"),
            ("it comes from parameter", "fix the code that creates the step, then pass its variable (or its optimizer) here"),
            ("it is stored in", "keep the step in a private field (pass it to other code as a parameter), then fix"),
            ("it is created both by hand", "keep one creation and pass its variable where the other one is used"),
            ("*may see the same step", "pass the graph explicitly in every global-step call of this type, or in none"),
        };
        var advice = table.FirstOrDefault(entry => entry.Item1[0] == '*'
            ? reason.IndexOf(entry.Item1.Substring(1), StringComparison.Ordinal) >= 0
            : reason.StartsWith(entry.Item1, StringComparison.Ordinal)).Item2;
        return advice is null ? reason : reason + "; " + advice;
    }

    /// <summary>
    /// Why a unit on an explicit graph (<c>CreateGlobalStep(g1)</c>, pattern 9) cannot be fixed, or null.
    /// The fixes write <c>Tf.Variable</c> or a Keras optimizer, which create in the current default
    /// graph, and rewrite the unit's calls on that graph; that is exact when the graph is private to
    /// this code: a local or private field created with <c>new Graph()</c>, used only as
    /// <c>g.AsDefault()</c>, as the graph argument of the unit's global-step calls or by a
    /// <c>Session</c>, and the step is created inside <c>using (g.AsDefault())</c>. Syntax only.
    /// </summary>
    private string? ExplicitGraphBlocker(GraphKey graph, List<GraphKey> graphs, List<RawSite> unitSites, List<RawSite> creations)
    {
        var name = graph.Display;
        string Reason(string why, string todo) =>
            "its graph '" + name + "' " + why + "; " + todo;
        const string InDefault = "create the step inside {0}.AsDefault() without the graph argument by hand";

        if (graphs.Count > 1)
        {
            return string.Format(
                CultureInfo.InvariantCulture,
                "it is used with several graphs ({0}), and the fixes rewrite a step of one graph; keep one storage per graph",
                string.Join(", ", graphs.Select(key => "'" + key.Display + "'")));
        }

        if (unitSites.Any(site => site.Library is { } library && library.AssemblyName != "GlobalStepMigration.Runtime"))
        {
            return Reason("is passed explicitly, and for this library the fixes only rewrite steps of the default graph", string.Format(CultureInfo.InvariantCulture, InDefault, name));
        }

        var declarator = graph.Symbol!.DeclaringSyntaxReferences.Length == 1
            ? graph.Symbol.DeclaringSyntaxReferences[0].GetSyntax() as VariableDeclaratorSyntax
            : null;
        var privateToThisCode = graph.Symbol switch
        {
            ILocalSymbol => true,
            IFieldSymbol field => field.DeclaredAccessibility == Accessibility.Private && SymbolEqualityComparer.Default.Equals(field.ContainingType, _type),
            _ => false,
        };
        if (privateToThisCode && declarator is null && graph.Symbol.DeclaringSyntaxReferences.Length == 1)
        {
            // A local declared by a pattern (`x is Graph g`), a foreach or an out variable holds a graph made elsewhere.
            return Reason(
                string.Format(CultureInfo.InvariantCulture, "is not created with 'new Graph()' at its declaration (line {0}), so other code may hold it", Line(graph.Symbol.DeclaringSyntaxReferences[0].GetSyntax().GetLocation())),
                "pass the step's variable (or its optimizer) to the code that shares the graph");
        }

        if (!privateToThisCode || declarator is null)
        {
            return Reason(
                graph.Symbol is IParameterSymbol ? "is a parameter, so the caller may find the step in it" : "can be reached by code outside '" + _type.Name + "', which may find the step in it",
                "pass the step's variable (or its optimizer) to that code, then create the step inside " + name + ".AsDefault() without the graph argument");
        }

        if (declarator.Initializer?.Value is not (ObjectCreationExpressionSyntax or ImplicitObjectCreationExpressionSyntax))
        {
            return Reason(
                string.Format(CultureInfo.InvariantCulture, "is not created with 'new Graph()' at its declaration (line {0}), so other code may hold it", Line(declarator.GetLocation())),
                "pass the step's variable (or its optimizer) to the code that shares the graph");
        }

        // Every use of the graph: by name, in the declaring member (a local) or the type (a field); a same-named
        // symbol elsewhere only makes this stricter.
        var scopes = graph.Symbol is ILocalSymbol
            ? new[] { declarator.Ancestors().FirstOrDefault(node => node is MemberDeclarationSyntax and not GlobalStatementSyntax) ?? declarator.SyntaxTree.GetRoot() }
            : _type.DeclaringSyntaxReferences.Select(reference => reference.GetSyntax()).ToArray();
        foreach (var use in scopes.SelectMany(scope => IdentifierSearch.Named(scope, name)))
        {
            if (!IsPrivateGraphUse(use))
            {
                return Reason(
                    string.Format(CultureInfo.InvariantCulture, "is also used at line {0} ('{1}'), where other code may find the step in it", Line(use.GetLocation()), Describe(use.Ancestors().FirstOrDefault(node => node is InvocationExpressionSyntax or ObjectCreationExpressionSyntax or StatementSyntax) ?? use)),
                    "pass the step's variable (or its optimizer) to that code, then fix");
            }
        }

        foreach (var creation in creations)
        {
            var node = creation.Location.SourceTree?.GetRoot().FindNode(creation.Location.SourceSpan, getInnermostNodeForTie: true);
            if (node is null || !InAsDefaultScope(node, name))
            {
                return string.Format(
                    CultureInfo.InvariantCulture,
                    "the step is created at line {0} outside 'using ({1}.AsDefault())', and the fixes create variables in the current default graph; move the creation into that scope",
                    Line(creation.Location),
                    name);
            }
        }

        return null;
    }

    /// <summary><c>g.AsDefault()</c>, the graph argument of a global-step function, or a Session's graph.</summary>
    private static bool IsPrivateGraphUse(IdentifierNameSyntax use)
    {
        ExpressionSyntax expression = use.Parent is MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } self && self.Name == use ? self : use;
        if (expression.Parent is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "AsDefault" } access
            && access.Expression == expression
            && access.Parent is InvocationExpressionSyntax)
        {
            return true;
        }

        var called = expression.Parent is ArgumentSyntax { Parent: ArgumentListSyntax { Parent: { } call } } ? call : null;
        var calledName = called switch
        {
            InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax member } => member.Name.Identifier.ValueText,
            InvocationExpressionSyntax { Expression: SimpleNameSyntax simple } => simple.Identifier.ValueText,
            ObjectCreationExpressionSyntax { Type: var type } => type.ToString().Split('.').Last(),
            _ => null,
        };
        return calledName is "GetGlobalStep" or "CreateGlobalStep" or "GetOrCreateGlobalStep" or "Session";
    }

    /// <summary>Inside <c>using (g.AsDefault())</c> or after <c>using var _ = g.AsDefault();</c> in an enclosing block.</summary>
    private static bool InAsDefaultScope(SyntaxNode node, string graph)
    {
        bool IsAsDefault(ExpressionSyntax? expression) =>
            expression is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "AsDefault" } access }
            && (access.Expression is IdentifierNameSyntax id ? id.Identifier.ValueText : (access.Expression as MemberAccessExpressionSyntax)?.Name.Identifier.ValueText) == graph;

        foreach (var ancestor in node.AncestorsAndSelf())
        {
            if (ancestor is UsingStatementSyntax statement
                && (IsAsDefault(statement.Expression) || statement.Declaration?.Variables.Any(v => IsAsDefault(v.Initializer?.Value)) == true))
            {
                return true;
            }

            if (ancestor is StatementSyntax current && current.Parent is BlockSyntax block
                && block.Statements.TakeWhile(s => s != current).OfType<LocalDeclarationStatementSyntax>()
                    .Any(declaration => declaration.UsingKeyword.IsKind(SyntaxKind.UsingKeyword) && declaration.Declaration.Variables.Any(v => IsAsDefault(v.Initializer?.Value))))
            {
                return true;
            }

            if (ancestor is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax || ancestor is MemberDeclarationSyntax and not GlobalStatementSyntax)
            {
                return false;
            }
        }

        return false;
    }

    private IEnumerable<string> StorageBlockers(List<ISymbol> storages)
    {
        foreach (var storage in storages.OrderBy(symbol => symbol.Name, StringComparer.Ordinal))
        {
            switch (storage)
            {
                case IParameterSymbol parameter:
                    yield return string.Format(CultureInfo.InvariantCulture, "it comes from parameter '{0}' of '{1}', so its creation is not visible here", parameter.Name, parameter.ContainingSymbol?.Name);
                    break;
                case IPropertySymbol property:
                    yield return string.Format(CultureInfo.InvariantCulture, "it is stored in property '{0}', which code outside '{1}' can reach", property.Name, _type.Name);
                    break;
                case IFieldSymbol field when field.DeclaredAccessibility != Accessibility.Private || !SymbolEqualityComparer.Default.Equals(field.ContainingType, _type):
                    yield return string.Format(CultureInfo.InvariantCulture, "it is stored in field '{0}', which code outside '{1}' can reach", field.Name, _type.Name);
                    break;
                default:
                    break;
            }
        }
    }

    /// <summary>The number after the first "line " of a blocker's reason (the site it names), or int.MaxValue.</summary>
    private static int FirstLine(string reason)
    {
        var at = reason.IndexOf("line ", StringComparison.Ordinal);
        var value = 0;
        var digits = 0;
        for (var i = at < 0 ? reason.Length : at + 5; i < reason.Length && reason[i] >= '0' && reason[i] <= '9' && digits < 9; i++, digits++)
        {
            value = (value * 10) + (reason[i] - '0');
        }

        return digits == 0 ? int.MaxValue : value;
    }

    private static IEnumerable<string> GraphMixBlockers(List<RawSite> sites)
    {
        var onDefault = sites.FirstOrDefault(site => site.Graph is { IsDefault: true });
        var onExplicit = sites.FirstOrDefault(site => site.Graph is { Symbol: not null });
        if (onDefault is not null && onExplicit is not null)
        {
            yield return string.Format(
                CultureInfo.InvariantCulture,
                "'{0}' on the default graph (line {1}) and '{2}' on graph '{3}' (line {4}) may see the same step",
                onDefault.Api,
                Line(onDefault.Location),
                onExplicit.Api,
                onExplicit.Graph!.Display,
                Line(onExplicit.Location));
        }
    }

    private static string StepNameOf(List<RawSite> creations, List<ISymbol> storages, List<GraphKey> graphs)
    {
        foreach (var creation in creations)
        {
            var storage = creation.Node as ISymbol ?? creation.LinkedNodes.OfType<ISymbol>().FirstOrDefault();
            if (storage is not null)
            {
                return storage.Name;
            }
        }

        var named = storages.OrderBy(symbol => symbol.Name, StringComparer.Ordinal).FirstOrDefault();
        if (named is not null)
        {
            return named.Name;
        }

        var graph = graphs.FirstOrDefault(key => key.Symbol is not null);
        return graph is not null ? "global_step of graph '" + graph.Display + "'" : "global_step of the default graph";
    }

    /// <summary>Union-find over unit-graph nodes (symbols and graph keys).</summary>
    private sealed class DisjointSets
    {
        private readonly Dictionary<object, int> _ids = new(NodeComparer.Instance);
        private readonly List<object> _nodes = new();
        private readonly List<int> _parents = new();

        public int Find(object node) => Root(Id(node));

        public void Union(object a, object b)
        {
            var rootA = Root(Id(a));
            var rootB = Root(Id(b));
            if (rootA != rootB)
            {
                _parents[Math.Max(rootA, rootB)] = Math.Min(rootA, rootB);
            }
        }

        public List<object> Members(int root)
        {
            var members = new List<object>();
            for (var i = 0; i < _nodes.Count; i++)
            {
                if (Root(i) == root)
                {
                    members.Add(_nodes[i]);
                }
            }

            return members;
        }

        private int Id(object node)
        {
            if (!_ids.TryGetValue(node, out var id))
            {
                id = _nodes.Count;
                _ids.Add(node, id);
                _nodes.Add(node);
                _parents.Add(id);
            }

            return id;
        }

        private int Root(int id)
        {
            while (_parents[id] != id)
            {
                _parents[id] = _parents[_parents[id]];
                id = _parents[id];
            }

            return id;
        }
    }
}
