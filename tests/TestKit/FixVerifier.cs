using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using GlobalStepMigration.Analyzers;
using GlobalStepMigration.CodeFixes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;

namespace GlobalStepMigration.TestKit;

/// <summary>
/// The code-fix verifier: Microsoft.CodeAnalysis.Testing's <see cref="CSharpCodeFixTest{TAnalyzer, TCodeFix, TVerifier}"/>
/// checks the fixed text (the action with the given equivalence key, offered on the first diagnostic), then both
/// programs are compiled and run, and every oracle (<see cref="ProgramOracles.Default"/> unless given) must see
/// the same. The expected diagnostics are the analyzer's own, so a test states only the before and after text.
/// </summary>
public static class FixVerifier
{
    /// <summary>Verifies that fixing <paramref name="before"/> with the action <paramref name="equivalenceKey"/> gives <paramref name="after"/>, and that both programs do the same.</summary>
    public static async Task VerifyAsync(string before, string after, string equivalenceKey, IReadOnlyList<IProgramOracle>? oracles = null)
    {
        var test = new Test(before, after, AppliedFixes.OfFixAll(equivalenceKey), oracles ?? ProgramOracles.Default)
        {
            TestCode = before,
            FixedCode = after,
            CodeActionEquivalenceKey = equivalenceKey,
        };
        test.ExpectedDiagnostics.AddRange(await ExpectedAsync(before).ConfigureAwait(false));
        test.FixedState.ExpectedDiagnostics.AddRange(await ExpectedAsync(after).ConfigureAwait(false));
        await test.RunAsync(CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>The analyzer's diagnostics of a program, as expected results (id, severity, span).</summary>
    private static async Task<IEnumerable<DiagnosticResult>> ExpectedAsync(string source) =>
        (await AnalyzerRun.DiagnosticsAsync(TestCompilation.Create(source, "/0/Test0.cs")).ConfigureAwait(false))
            .Select(d => new DiagnosticResult(d.Id, d.Severity).WithSpan(d.Location.GetLineSpan()).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations));

    private sealed class Test : CSharpCodeFixTest<GlobalStepAnalyzer, GlobalStepCodeFixProvider, DefaultVerifier>
    {
        private readonly string _before;
        private readonly string _after;
        private readonly IReadOnlyList<IProgramOracle> _oracles;
        private readonly AppliedFixes _fixes;

        public Test(string before, string after, AppliedFixes fixes, IReadOnlyList<IProgramOracle> oracles)
        {
            _fixes = fixes;
            _before = before;
            _after = after;
            _oracles = oracles;
            TestKitSetup.Configure(this, default);

            // One action on the first diagnostic migrates its whole unit; fix-all has its own tests (FixHarness).
            CodeFixTestBehaviors = CodeFixTestBehaviors.FixOne | CodeFixTestBehaviors.SkipFixAllCheck;
            NumberOfIncrementalIterations = 1;
            CodeActionValidationMode = CodeActionValidationMode.None;
        }

        protected override async Task RunImplAsync(CancellationToken cancellationToken)
        {
            await base.RunImplAsync(cancellationToken).ConfigureAwait(false);
            ProgramProof.Start(TestCompilation.Create(_before), _oracles).RequireSame(TestCompilation.Create(_after), _fixes);
        }

        protected override Project ApplyCompilationOptions(Project project) => base.ApplyCompilationOptions(TestKitSetup.AsProgramWhereOne(project));

        protected override ParseOptions CreateParseOptions() => ((CSharpParseOptions)base.CreateParseOptions()).WithLanguageVersion(TestCompilation.Language);

        protected override CompilationOptions CreateCompilationOptions() =>
            ((CSharpCompilationOptions)base.CreateCompilationOptions()).WithNullableContextOptions(NullableContextOptions.Enable);
    }
}
