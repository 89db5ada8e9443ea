using System;
using GlobalStepMigration.TestKit;
using Xunit;

namespace GlobalStepMigration.TensorFlowNet.Model.Tests;

/// <summary>ModelRunner and what the model leaves out.</summary>
public sealed class RunnerTests
{
    /// <summary>Each run starts from fresh static state: the first graph's key is the same in two runs.</summary>
    [Theory]
    [InlineData(TfNetGeneration.Current, "graph-0/\n")]
    [InlineData(TfNetGeneration.Old, "grap-key-0/\n")]
    public void EachRun_StartsOver(TfNetGeneration generation, string expected)
    {
        var program = ModelRunner.Usings + "print(tf.get_default_graph().graph_key);";
        Assert.Equal(expected, ModelRunner.Run(program, generation));
        Assert.Equal(expected, ModelRunner.Run(program, generation));
    }

    [Theory]
    [InlineData(TfNetGeneration.Current, "Tensorflow.Binding")]
    [InlineData(TfNetGeneration.Old, "TensorFlow.NET")]
    public void ModelAssemblies_HaveTheRealNames(TfNetGeneration generation, string name) =>
        Assert.Equal(name, System.Reflection.AssemblyName.GetAssemblyName(ModelRunner.AssemblyPath(generation)).Name);

    /// <summary>A program that throws: the runner reports what it printed and the exception.</summary>
    [Fact]
    public void FailingProgram_ReportsOutputAndException()
    {
        var e = Assert.Throws<InvalidOperationException>(() => ModelRunner.Run(ModelRunner.Usings + """
            print("before");
            throw new ValueError("boom");
            """, TfNetGeneration.Current));
        Assert.Contains("before\n", e.Message);
        Assert.Contains("Tensorflow.ValueError: boom", e.Message);
    }

    /// <summary>A program that does not compile against a generation is refused with its diagnostics (tf.train.polynomial_decay is old-only).</summary>
    [Fact]
    public void OldOnlyMember_DoesNotCompileOnTheCurrentGeneration()
    {
        var program = ModelRunner.Usings + "tf.train.polynomial_decay(0.1f, null, 10f);";
        Assert.Empty(TestCompilation.Problems(ModelRunner.Compile(program, TfNetGeneration.Old)));
        var e = Assert.Throws<InvalidOperationException>(() => ModelRunner.Run(program, TfNetGeneration.Current));
        Assert.Contains("CS1061", e.Message);
    }

    /// <summary>
    /// Eager execution (TensorFlow.NET's default) is not modelled: building a variable eagerly says so; tf.placeholder
    /// eagerly is TensorFlow.NET's RuntimeError.
    /// </summary>
    [Theory]
    [InlineData(TfNetGeneration.Current)]
    [InlineData(TfNetGeneration.Old)]
    public void Eager_IsNotModelled(TfNetGeneration generation)
    {
        var output = ModelRunner.Run(ModelRunner.Usings + """
            try { tf.Variable(1.0f); } catch (NotSupportedException e) { print(e.Message.Contains("disable_eager_execution")); }
            try { tf.placeholder(tf.float32); } catch (RuntimeError e) { print(e.Message); }
            """, generation);
        Assert.Equal("True\ntf.placeholder() is not compatible with eager execution.\n", output);
    }
}
