using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using GlobalStepMigration.Analyzers;
using GlobalStepMigration.TestKit;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace GlobalStepMigration.Reliability.Tests;

/// <summary>
/// The properties every input must have. Each check returns the list of violations (empty when the
/// input is fine), so a fuzzing loop can report the seed, the input and every violation at once.
/// </summary>
internal static class Invariants
{
    private static readonly string[] FixableIds = { "GSM001", "GSM002", "GSM003" };

    /// <summary>What the checks of one valid program saw, per generated unit (type): diagnostics and the fixes offered.</summary>
    internal sealed class ProgramOutcome
    {
        public Dictionary<string, int> Diagnostics { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, HashSet<string>> Offered { get; } = new(StringComparer.Ordinal);

        public int DeclinedDiagnostics;

        public void Flag(string container) => Diagnostics[container] = Diagnostics.GetValueOrDefault(container) + 1;

        public void Offer(string container, IEnumerable<string> keys)
        {
            if (!Offered.TryGetValue(container, out var set))
            {
                Offered[container] = set = new HashSet<string>(StringComparer.Ordinal);
            }

            set.UnionWith(keys);
        }
    }

    /// <summary>Counters of what the checks exercised (to show that the fuzzing reached the fixes).</summary>
    internal sealed class Stats
    {
        public int Inputs;
        public int Diagnostics;
        public int WithErrors;
        public int Registrations;
        public int ActionsOffered;
        public int ActionsApplied;
        public int FixAlls;
        public int Runs;
        public System.Diagnostics.Stopwatch Analysis = new();
        public System.Diagnostics.Stopwatch Registration = new();
        public System.Diagnostics.Stopwatch Application = new();
        public System.Diagnostics.Stopwatch FixAll = new();

        public void Add(Stats other)
        {
            Inputs += other.Inputs;
            Diagnostics += other.Diagnostics;
            WithErrors += other.WithErrors;
            Registrations += other.Registrations;
            ActionsOffered += other.ActionsOffered;
            ActionsApplied += other.ActionsApplied;
            FixAlls += other.FixAlls;
            Runs += other.Runs;
            AnalysisTime += other.Analysis.Elapsed + other.AnalysisTime;
            RegistrationTime += other.Registration.Elapsed + other.RegistrationTime;
            ApplicationTime += other.Application.Elapsed + other.ApplicationTime;
            FixAllTime += other.FixAll.Elapsed + other.FixAllTime;
        }

        public TimeSpan AnalysisTime;
        public TimeSpan RegistrationTime;
        public TimeSpan ApplicationTime;
        public TimeSpan FixAllTime;

        public override string ToString() =>
            $"{Inputs} inputs ({WithErrors} with compiler errors), {Diagnostics} GSM diagnostics, {Registrations} fix registrations, " +
            $"{ActionsOffered} actions offered, {ActionsApplied} applied, {FixAlls} fix-alls applied, {Runs} program runs " +
            $"(thread time: analysis {(Analysis.Elapsed + AnalysisTime).TotalSeconds:F1} s, registration {(Registration.Elapsed + RegistrationTime).TotalSeconds:F1} s, " +
            $"actions {(Application.Elapsed + ApplicationTime).TotalSeconds:F1} s, fix-all {(FixAll.Elapsed + FixAllTime).TotalSeconds:F1} s)";
    }

    /// <summary>
    /// Any input, broken or not: the analyzer never throws and is deterministic; registering and
    /// applying fixes never throws; no fix on a unit whose code has errors; a fix applied to code
    /// without errors leaves code without errors.
    /// </summary>
    public static async Task<List<string>> CheckAnyInputAsync(string source, Stats stats)
    {
        var failures = new List<string>();
        stats.Inputs++;
        var solution = FixRunner.CreateSolution(source);
        var compilation = await FixRunner.CompilationAsync(solution);
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (errors.Count > 0)
        {
            stats.WithErrors++;
        }

        stats.Analysis.Start();
        var first = await AnalyzerRunner.RunAsync(compilation, concurrent: true);
        var second = await AnalyzerRunner.RunAsync(Sandbox.Compile(source), concurrent: false);
        stats.Analysis.Stop();
        failures.AddRange(first.Crashes.Concat(second.Crashes).Distinct().Select(c => "analyzer exception: " + c));
        if (first.Fingerprint != second.Fingerprint)
        {
            failures.Add("nondeterministic diagnostics:\n--- run 1\n" + first.Fingerprint + "--- run 2\n" + second.Fingerprint);
        }

        stats.Diagnostics += first.Diagnostics.Length;
        // One registration per unit: every diagnostic of a unit carries the same unit (docs/design/unit-model.md).
        var seenUnits = new HashSet<string>(StringComparer.Ordinal);
        foreach (var diagnostic in first.Diagnostics.Where(d => FixableIds.Contains(d.Id)))
        {
            var unitId = diagnostic.Properties.TryGetValue(UnitProperties.UnitId, out var id) ? id ?? string.Empty : string.Empty;
            if (!seenUnits.Add(unitId))
            {
                continue;
            }

            List<CodeAction> actions;
            stats.Registrations++;
            stats.Registration.Start();
            try
            {
                actions = await FixRunner.ActionsAsync(solution, diagnostic);
            }
            catch (Exception exception)
            {
                failures.Add($"RegisterCodeFixesAsync threw on {Describe(diagnostic)}: {exception}");
                continue;
            }
            finally
            {
                stats.Registration.Stop();
            }

            stats.ActionsOffered += actions.Count;
            if (actions.Count > 0)
            {
                var blocking = ErrorsInUnitCode(diagnostic, errors);
                if (blocking.Count > 0)
                {
                    failures.Add($"{actions.Count} fix(es) offered on {Describe(diagnostic)} although its code has errors: {string.Join("; ", blocking)}");
                }
            }

            foreach (var action in actions)
            {
                stats.ActionsApplied++;
                stats.Application.Start();
                try
                {
                    var fixedSolution = await FixRunner.ApplyAsync(action);
                    if (errors.Count == 0)
                    {
                        var introduced = (await FixRunner.CompilationAsync(fixedSolution)).GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
                        if (introduced.Count > 0)
                        {
                            failures.Add($"'{action.Title}' on {Describe(diagnostic)} introduced errors: {string.Join("; ", introduced.Take(5))}\n--- fixed text\n{FixRunner.Text(fixedSolution)}");
                        }
                    }
                }
                catch (Exception exception)
                {
                    failures.Add($"applying '{action.Title}' on {Describe(diagnostic)} threw: {exception}");
                }
                finally
                {
                    stats.Application.Stop();
                }
            }
        }

        // Fix-all under both keys for error-free inputs; under one key (alternating) for broken ones.
        var keys = errors.Count == 0 ? new[] { FixRunner.KeyA, FixRunner.KeyB } : new[] { stats.Inputs % 2 == 0 ? FixRunner.KeyA : FixRunner.KeyB };
        foreach (var key in keys)
        {
            stats.FixAll.Start();
            try
            {
                var fixedSolution = await FixRunner.FixAllAsync(solution, first.Diagnostics, key);
                if (fixedSolution is not null)
                {
                    stats.FixAlls++;
                    if (errors.Count == 0)
                    {
                        var introduced = (await FixRunner.CompilationAsync(fixedSolution)).GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
                        if (introduced.Count > 0)
                        {
                            failures.Add($"fix-all {key} introduced errors: {string.Join("; ", introduced.Take(5))}\n--- fixed text\n{FixRunner.Text(fixedSolution)}");
                        }
                    }
                }
            }
            catch (Exception exception)
            {
                failures.Add($"fix-all {key} threw: {exception}");
            }
            finally
            {
                stats.FixAll.Stop();
            }
        }

        return failures;
    }

    /// <summary>
    /// A valid program: it compiles cleanly and runs; every offered fix and both fix-alls compile
    /// without diagnostics and print the same; a second fix-all pass changes nothing.
    /// </summary>
    public static async Task<List<string>> CheckValidProgramAsync(string source, Stats stats, ProgramOutcome? outcome = null)
    {
        outcome ??= new ProgramOutcome();
        var failures = new List<string>();
        stats.Inputs++;
        var solution = FixRunner.CreateSolution(source);
        var compilation = await FixRunner.CompilationAsync(solution);
        stats.Runs++;
        stats.Application.Start();
        ProgramProof proof;
        try
        {
            proof = ProgramProof.Start(compilation);
        }
        catch (InvalidOperationException failure)
        {
            failures.Add("the original program does not compile or run: " + failure.Message);
            return failures;
        }
        finally
        {
            stats.Application.Stop();
        }

        var outputs = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        // Determinism is the mutation fuzzer's check (two runs per input); here one analysis suffices.
        stats.Analysis.Start();
        var first = await AnalyzerRunner.RunAsync(compilation, concurrent: true);
        stats.Analysis.Stop();
        failures.AddRange(first.Crashes.Select(c => "analyzer exception: " + c));

        stats.Diagnostics += first.Diagnostics.Length;
        foreach (var diagnostic in first.Diagnostics)
        {
            outcome.Flag(Container(diagnostic));
        }

        var seenUnits = new HashSet<string>(StringComparer.Ordinal);
        var unitsWithFixes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var diagnostic in first.Diagnostics.Where(d => FixableIds.Contains(d.Id)))
        {
            var unitId = UnitOf(diagnostic);
            List<CodeAction> actions;
            try
            {
                stats.Registrations++;
                actions = await FixRunner.ActionsAsync(solution, diagnostic);
            }
            catch (Exception exception)
            {
                failures.Add($"RegisterCodeFixesAsync threw on {Describe(diagnostic)}: {exception}");
                continue;
            }

            stats.ActionsOffered += actions.Count;
            if (actions.Count > 0)
            {
                unitsWithFixes.Add(unitId);
                outcome.Offer(Container(diagnostic), actions.Select(a => a.Title));
            }

            if (!seenUnits.Add(unitId))
            {
                continue;
            }

            foreach (var action in actions)
            {
                try
                {
                    stats.ActionsApplied++;
                    var fixedSolution = await FixRunner.ApplyAsync(action);
                    failures.AddRange(await CompareAsync($"'{action.Title}' on {Describe(diagnostic)}", fixedSolution, AppliedFixes.OfAction(action.Title), proof, outputs, stats));
                }
                catch (Exception exception)
                {
                    failures.Add($"applying '{action.Title}' on {Describe(diagnostic)} threw: {exception}");
                }
            }
        }

        // Where the fixes decline (no action on any diagnostic of the unit, or a GSM004-only unit), the
        // diagnostics must stay after fix-all: same rule, same flagged code.
        var declined = first.Diagnostics.Where(d => !unitsWithFixes.Contains(UnitOf(d))).ToList();
        outcome.DeclinedDiagnostics += declined.Count;
        foreach (var key in new[] { FixRunner.KeyA, FixRunner.KeyB })
        {
            try
            {
                var fixedSolution = await FixRunner.FixAllAsync(solution, first.Diagnostics, key);
                if (fixedSolution is null)
                {
                    continue;
                }

                stats.FixAlls++;
                var problems = await CompareAsync($"fix-all {key}", fixedSolution, AppliedFixes.OfFixAll(key), proof, outputs, stats);
                failures.AddRange(problems);
                if (problems.Count > 0)
                {
                    continue;
                }

                // Idempotence: a second pass over the migrated program changes nothing.
                var again = await FixRunner.AnalyzeAsync(fixedSolution);
                failures.AddRange(again.Crashes.Select(c => "analyzer exception on the fixed program: " + c));
                var lost = Missing(declined, again.Diagnostics);
                if (lost.Count > 0)
                {
                    failures.Add($"fix-all {key} removed the diagnostics of units it offers no fix for: {string.Join("; ", lost)}\n--- fixed text\n{FixRunner.Text(fixedSolution)}");
                }

                var secondPass = await FixRunner.FixAllAsync(fixedSolution, again.Diagnostics, key);
                if (secondPass is not null && FixRunner.Text(secondPass) != FixRunner.Text(fixedSolution))
                {
                    failures.Add($"a second fix-all {key} pass changed the program:\n--- first pass\n{FixRunner.Text(fixedSolution)}\n--- second pass\n{FixRunner.Text(secondPass)}");
                }
            }
            catch (Exception exception)
            {
                failures.Add($"fix-all {key} threw: {exception}");
            }
        }

        return failures;
    }

    /// <summary>Which generated unit (type U0, U1, ...; top-level statements are U0) a diagnostic is in.</summary>
    public static string Container(Diagnostic diagnostic)
    {
        var tree = diagnostic.Location.SourceTree;
        var node = tree?.GetRoot().FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
        return node?.AncestorsAndSelf().OfType<BaseTypeDeclarationSyntax>().LastOrDefault()?.Identifier.Text ?? "U0";
    }

    private static string UnitOf(Diagnostic diagnostic) =>
        diagnostic.Properties.TryGetValue(UnitProperties.UnitId, out var id) ? id ?? string.Empty : string.Empty;

    /// <summary>The diagnostics of <paramref name="expected"/> with no diagnostic of the same rule on the same code in <paramref name="actual"/> (as multisets).</summary>
    private static List<string> Missing(IEnumerable<Diagnostic> expected, IEnumerable<Diagnostic> actual)
    {
        static string Key(Diagnostic d) => d.Id + " on `" + d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan) + "`";
        var left = actual.Where(d => d.Location.SourceTree is not null).GroupBy(Key).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var missing = new List<string>();
        foreach (var d in expected.Where(d => d.Location.SourceTree is not null))
        {
            var key = Key(d);
            if (left.TryGetValue(key, out var n) && n > 0)
            {
                left[key] = n - 1;
            }
            else
            {
                missing.Add(key + " (was " + Describe(d) + ")");
            }
        }

        return missing;
    }

    private static async Task<List<string>> CompareAsync(string what, Solution fixedSolution, AppliedFixes fixes, ProgramProof proof, Dictionary<string, IReadOnlyList<string>> outputs, Stats stats)
    {
        var failures = new List<string>();

        // Several actions often write the same program (a one-unit file: the action and its fix-all): run it once
        // (a program is run once whatever the fix; the oracles compare it under each fix that wrote it).
        var text = FixRunner.Text(fixedSolution);
        var cacheKey = fixes + "\n" + text;
        if (!outputs.TryGetValue(cacheKey, out var result))
        {
            stats.Runs++;
            stats.Application.Start();
            result = proof.Differences(await FixRunner.CompilationAsync(fixedSolution), fixes);
            stats.Application.Stop();
            outputs[cacheKey] = result;
        }

        // Every oracle of the TestKit compares the migrated program with the original: what it prints and the graphs it builds.
        failures.AddRange(result.Select(difference => $"{what}: the migrated program {difference}\n--- migrated text\n{text}"));

        return failures;
    }

    /// <summary>
    /// The compiler errors inside the code of the diagnostic's unit: the members (methods, accessors,
    /// field declarations, all top-level statements) that hold any of the unit's sites.
    /// </summary>
    public static List<string> ErrorsInUnitCode(Diagnostic diagnostic, IReadOnlyList<Diagnostic> errors)
    {
        var spans = new List<(SyntaxTree Tree, TextSpan Span)>();
        foreach (var location in new[] { diagnostic.Location }.Concat(diagnostic.AdditionalLocations))
        {
            if (location.SourceTree is not { } tree)
            {
                continue;
            }

            var node = tree.GetRoot().FindNode(location.SourceSpan, getInnermostNodeForTie: true);
            var member = node.AncestorsAndSelf().FirstOrDefault(n => n is MemberDeclarationSyntax and not BaseTypeDeclarationSyntax and not BaseNamespaceDeclarationSyntax);
            if (member is GlobalStatementSyntax)
            {
                var globals = tree.GetCompilationUnitRoot().Members.OfType<GlobalStatementSyntax>().ToList();
                spans.Add((tree, TextSpan.FromBounds(globals[0].SpanStart, globals[^1].Span.End)));
            }
            else
            {
                spans.Add((tree, (member ?? node).Span));
            }
        }

        return errors
            .Where(e => spans.Any(s => e.Location.SourceTree == s.Tree && e.Location.SourceSpan.IntersectsWith(s.Span)))
            .Select(e => e.ToString())
            .ToList();
    }

    public static string Describe(Diagnostic diagnostic) =>
        $"{diagnostic.Id} at {diagnostic.Location.GetLineSpan().StartLinePosition}";
}
