using System.Collections.Generic;
using Xunit;

namespace GlobalStepMigration.Runtime.Tests;

/// <summary>docs/design/runtime-semantics.md, section 1 (graphs, collections, names): GetTensorByName and its two kinds of error.</summary>
public class GetTensorByNameTests
{
    private static (Graph Graph, Variable Step) GraphWithStep()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            return (g, Tf.Variable(0L, trainable: false, name: "global_step"));
        }
    }

    [Fact]
    public void FindsTheOutputOfAnOp()
    {
        var (g, step) = GraphWithStep();
        var t = g.GetTensorByName("global_step:0");
        Assert.Same(step.Op!.Outputs[0], t);
        Assert.Equal("global_step:0", t.Name);
    }

    [Fact]
    public void VariableOpOutputHasTheVariablesDTypeAndIsNotTheVariable()
    {
        var (g, step) = GraphWithStep();
        var t = g.GetTensorByName("global_step:0");
        Assert.IsNotType<Variable>(t);
        Assert.Equal(DType.Int64, t.DType);
        Assert.Equal(TensorShape.Scalar, t.Shape);
        Assert.Equal("VariableV2", t.Op!.Type);
        Assert.Same(step.Op, t.Op);
    }

    [Fact]
    public void MissingOperationIsKeyNotFound()
    {
        var g = new Graph();
        var e = Assert.Throws<KeyNotFoundException>(() => g.GetTensorByName("global_step:0"));
        Assert.Equal(
            "The name 'global_step:0' refers to a Tensor which does not exist. The operation, 'global_step', does not exist in the graph.",
            e.Message);
    }

    [Fact]
    public void LookupIsCaseSensitive()
    {
        var (g, _) = GraphWithStep();
        Assert.Throws<KeyNotFoundException>(() => g.GetTensorByName("Global_Step:0"));
    }

    [Fact]
    public void MissingOutputIsKeyNotFound()
    {
        var (g, _) = GraphWithStep();
        var e = Assert.Throws<KeyNotFoundException>(() => g.GetTensorByName("global_step:1"));
        Assert.Equal(
            "The name 'global_step:1' refers to a Tensor which does not exist. The operation, 'global_step', exists but only has 1 outputs.",
            e.Message);
    }

    [Fact]
    public void OperationNameIsAValueError()
    {
        var (g, _) = GraphWithStep();
        var e = Assert.Throws<ValueErrorException>(() => g.GetTensorByName("global_step"));
        Assert.Equal(
            "The name 'global_step' refers to an Operation, not a Tensor. Tensor names must be of the form \"<op_name>:<output_index>\".",
            e.Message);
    }

    [Fact]
    public void UnknownNameWithoutColonIsAValueError()
    {
        var g = new Graph();
        var e = Assert.Throws<ValueErrorException>(() => g.GetTensorByName("global_step"));
        Assert.Equal(
            "The name 'global_step' looks like an (invalid) Operation name, not a Tensor. Tensor names must be of the form \"<op_name>:<output_index>\".",
            e.Message);
    }

    [Theory]
    [InlineData("a:b:c")]
    [InlineData("x:y")]
    [InlineData("global_step:")]
    public void MalformedTensorNameIsAValueError(string name)
    {
        var (g, _) = GraphWithStep();
        var e = Assert.Throws<ValueErrorException>(() => g.GetTensorByName(name));
        Assert.Equal(
            $"The name '{name}' looks a like a Tensor name, but is not a valid one. Tensor names must be of the form \"<op_name>:<output_index>\".",
            e.Message);
    }

    [Fact]
    public void TheTwoKindsOfErrorAreDistinctTypes()
    {
        Assert.False(typeof(ValueErrorException).IsAssignableFrom(typeof(KeyNotFoundException)));
        Assert.False(typeof(KeyNotFoundException).IsAssignableFrom(typeof(ValueErrorException)));
    }

    [Fact]
    public void GetOperationByNameErrors()
    {
        var (g, step) = GraphWithStep();
        Assert.Same(step.Op, g.GetOperationByName("global_step"));
        var missing = Assert.Throws<KeyNotFoundException>(() => g.GetOperationByName("nothing"));
        Assert.Equal("The name 'nothing' refers to an Operation not in the graph.", missing.Message);
        var tensorName = Assert.Throws<ValueErrorException>(() => g.GetOperationByName("global_step:0"));
        Assert.Equal("Name 'global_step:0' appears to refer to a Tensor, not a Operation.", tensorName.Message);
    }
}
