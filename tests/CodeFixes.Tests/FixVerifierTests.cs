using System;
using System.Threading.Tasks;
using GlobalStepMigration.TestKit;
using Microsoft.CodeAnalysis;
using Xunit;

namespace GlobalStepMigration.CodeFixes.Tests;

/// <summary>
/// Whole programs through the TestKit's <see cref="FixVerifier"/> (Microsoft.CodeAnalysis.Testing's code-fix test,
/// then both programs run and every oracle compared), and the verifier's own checks.
/// </summary>
public sealed class FixVerifierTests
{
    [Fact]
    public Task SeedProgram_ExplicitVariable() =>
        FixVerifier.VerifyAsync(Programs.SeedTf1, Programs.SeedTf1AfterExplicitVariable, GlobalStepFixes.UseExplicitVariableKey);

    [Fact]
    public Task SeedProgram_OptimizerIterations() =>
        FixVerifier.VerifyAsync(Programs.SeedTf1, Programs.SeedTf1AfterOptimizerIterations, GlobalStepFixes.UseOptimizerIterationsKey);

    [Fact]
    public Task FieldStepAcrossMethods_OptimizerIterations() =>
        FixVerifier.VerifyAsync(Programs.FieldStep, Programs.FieldStepAfterOptimizerIterations, GlobalStepFixes.UseOptimizerIterationsKey);

    [Fact]
    public async Task WrongExpectedText_Fails()
    {
        var wrong = Programs.SeedTf1AfterExplicitVariable.Replace("globalStep.AssignAdd(1, ", "globalStep.AssignAdd(2, ");
        Assert.NotEqual(Programs.SeedTf1AfterExplicitVariable, wrong);
        await Assert.ThrowsAnyAsync<Exception>(() => FixVerifier.VerifyAsync(Programs.SeedTf1, wrong, GlobalStepFixes.UseExplicitVariableKey));
    }

    [Fact]
    public async Task AnOracleThatSeesADifference_FailsTheVerification()
    {
        // The text is right; an oracle that tells the two programs apart (as a graph oracle would) must fail it.
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            FixVerifier.VerifyAsync(Programs.SeedTf1, Programs.SeedTf1AfterExplicitVariable, GlobalStepFixes.UseExplicitVariableKey, new IProgramOracle[] { new OutputOracle(), new SourceOracle() }));
        Assert.Contains("source text differs", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OutputOracle_ComparesWhatTheProgramsPrint()
    {
        var proof = ProgramProof.Start(TestCompilation.Create("System.Console.WriteLine(1);"));
        Assert.Equal("1\n", proof.BeforeOutput);
        Assert.Empty(proof.Differences(TestCompilation.Create("System.Console.Write(\"1\\n\");")));
        Assert.Contains("prints differently", Assert.Single(proof.Differences(TestCompilation.Create("System.Console.WriteLine(2);"))), StringComparison.Ordinal);
        Assert.Contains("does not compile cleanly", Assert.Single(proof.Differences(TestCompilation.Create("string? s = null;\nSystem.Console.WriteLine(s.Length);"))), StringComparison.Ordinal);
        Assert.Contains("threw", Assert.Single(proof.Differences(TestCompilation.Create("throw new System.InvalidOperationException(\"boom\");"))), StringComparison.Ordinal);
    }

    /// <summary>A stand-in for an oracle of what a program builds: it sees the source text, which every fix changes.</summary>
    private sealed class SourceOracle : IProgramOracle
    {
        public IProgramObservation Observe(Compilation program) => new Text(string.Concat(program.SyntaxTrees));

        private sealed class Text : IProgramObservation
        {
            private readonly string _text;

            public Text(string text) => _text = text;

            public string? Difference(IProgramObservation after, AppliedFixes fixes) => after is Text other && other._text == _text ? null : "source text differs";
        }
    }
}
