using System;
using System.Collections.Generic;
using Xunit;
using GraphKeys = GlobalStepMigration.Runtime.Tf.Compat.V1.GraphKeys;
using Train = GlobalStepMigration.Runtime.Tf.Compat.V1.Train;

namespace GlobalStepMigration.Runtime.Tests;

/// <summary>docs/design/runtime-semantics.md, section 2 (the global-step functions): GetGlobalStep, AssertGlobalStep, CreateGlobalStep, GetOrCreateGlobalStep, GlobalStep.</summary>
public class GlobalStepTests
{
    private const string MustBe = "Existing \"global_step\" must be a Variable or Tensor: ";

    // ---- GetGlobalStep -------------------------------------------------------------------

    [Fact]
    public void EmptyGraphHasNoGlobalStep()
    {
        var g = new Graph();
        Assert.Null(Train.GetGlobalStep(g));
        using (g.AsDefault())
        {
            Assert.Null(Train.GetGlobalStep());
        }
    }

    [Fact]
    public void SingleCollectionItemIsReturnedWhateverItsName()
    {
        var g = new Graph();
        Variable mine;
        using (g.AsDefault())
        {
            mine = Tf.Variable(0L, trainable: false, name: "my_counter");
            Tf.Variable(0L, trainable: false, name: "global_step");
        }

        g.AddToCollection(GraphKeys.GLOBAL_STEP, mine);
        Assert.Same(mine, Train.GetGlobalStep(g));
    }

    [Fact]
    public void SingleCollectionItemIsValidated()
    {
        var g = new Graph();
        g.AddToCollection(GraphKeys.GLOBAL_STEP, "not a tensor");
        var e = Assert.Throws<TypeErrorException>(() => Train.GetGlobalStep(g));
        Assert.Equal(MustBe + "not a tensor.", e.Message);
    }

    [Fact]
    public void TwoCollectionItemsLogAnErrorAndGiveNull()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            g.AddToCollection(GraphKeys.GLOBAL_STEP, Tf.Variable(0L, name: "global_step"));
            g.AddToCollection(GraphKeys.GLOBAL_STEP, Tf.Variable(0L, name: "global_step"));
        }

        Tensor? result = g.GetTensorByName("global_step:0");
        var log = T.CaptureLog(() => result = Train.GetGlobalStep(g));
        Assert.Null(result);
        Assert.Equal(new[] { "Multiple tensors in global_step collection." }, log);
    }

    [Fact]
    public void TwoCollectionItemsDoNotFallBackToTheName()
    {
        var g = new Graph();
        g.AddToCollection(GraphKeys.GLOBAL_STEP, "first");
        g.AddToCollection(GraphKeys.GLOBAL_STEP, "second");
        Tensor? result = null;
        var log = T.CaptureLog(() => result = Train.GetGlobalStep(g));
        Assert.Null(result);
        Assert.Single(log);
    }

    [Fact]
    public void EmptyCollectionFallsBackToTheTensorNamedGlobalStep()
    {
        var g = new Graph();
        Variable step;
        using (g.AsDefault())
        {
            step = Tf.Variable(0L, trainable: false, name: "global_step");
        }

        var found = Train.GetGlobalStep(g);
        Assert.NotNull(found);
        Assert.IsNotType<Variable>(found);
        Assert.Same(step.Op!.Outputs[0], found);
        Assert.Equal("global_step:0", found!.Name);
        Assert.Equal(DType.Int64, found.DType);
    }

    [Fact]
    public void ByNameFallbackFindsAnyIntegerTensor()
    {
        var g = new Graph();
        Tensor c;
        using (g.AsDefault())
        {
            c = Tf.Constant(5, name: "global_step");
        }

        Assert.Same(c, Train.GetGlobalStep(g));
    }

    [Fact]
    public void ByNameFallbackIsCaseSensitive()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            Tf.Variable(0L, name: "Global_Step");
        }

        Assert.Null(Train.GetGlobalStep(g));
    }

    [Fact]
    public void ByNameFallbackIsValidated()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            Tf.Variable(0.0, name: "global_step");
        }

        var e = Assert.Throws<TypeErrorException>(() => Train.GetGlobalStep(g));
        Assert.Equal("Existing \"global_step\" does not have integer type: <dtype: 'float32_ref'>", e.Message);
    }

    [Fact]
    public void OnlyTheNotFoundErrorIsSwallowed()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            Tf.Constant(NDArray.FromValues(DType.Int64, new[] { 2 }, new[] { 1.0, 2.0 }), name: "global_step");
        }

        var e = Assert.Throws<TypeErrorException>(() => Train.GetGlobalStep(g));
        Assert.Equal("Existing \"global_step\" is not scalar: (2,)", e.Message);
    }

    // ---- AssertGlobalStep ----------------------------------------------------------------

    [Fact]
    public void AssertGlobalStepRejectsNonTensors()
    {
        Assert.Equal(MustBe + "None.", Assert.Throws<TypeErrorException>(() => Train.AssertGlobalStep(null)).Message);
        Assert.Equal(MustBe + "42.", Assert.Throws<TypeErrorException>(() => Train.AssertGlobalStep(42)).Message);
        Assert.Equal(MustBe + "global_step.", Assert.Throws<TypeErrorException>(() => Train.AssertGlobalStep("global_step")).Message);
    }

    [Fact]
    public void AssertGlobalStepRejectsNonIntegerDTypes()
    {
        var e = Assert.Throws<TypeErrorException>(() => Train.AssertGlobalStep(Tf.Variable(0.0)));
        Assert.Equal("Existing \"global_step\" does not have integer type: <dtype: 'float32'>", e.Message);
        var b = Assert.Throws<TypeErrorException>(() => Train.AssertGlobalStep(Tf.Constant(true)));
        Assert.Equal("Existing \"global_step\" does not have integer type: <dtype: 'bool'>", b.Message);
        var g = new Graph();
        using (g.AsDefault())
        {
            var p = Tf.Compat.V1.Placeholder(Tf.Float64);
            var pe = Assert.Throws<TypeErrorException>(() => Train.AssertGlobalStep(p));
            Assert.Equal("Existing \"global_step\" does not have integer type: <dtype: 'float64'>", pe.Message);
        }
    }

    [Fact]
    public void AssertGlobalStepRejectsFullyDefinedNonScalarShapes()
    {
        var e = Assert.Throws<TypeErrorException>(() => Train.AssertGlobalStep(Tf.Variable((NDArray)new[] { 0L, 0L })));
        Assert.Equal("Existing \"global_step\" is not scalar: (2,)", e.Message);
        var g = new Graph();
        using (g.AsDefault())
        {
            var m = Tf.Compat.V1.Placeholder(Tf.Int32, new TensorShape(1, 1));
            Assert.Equal("Existing \"global_step\" is not scalar: (1, 1)", Assert.Throws<TypeErrorException>(() => Train.AssertGlobalStep(m)).Message);
        }
    }

    [Fact]
    public void AssertGlobalStepAcceptsIntegerScalarsAndUnknownShapes()
    {
        Train.AssertGlobalStep(Tf.Variable(0L));
        Train.AssertGlobalStep(Tf.Constant(3));
        var g = new Graph();
        using (g.AsDefault())
        {
            Train.AssertGlobalStep(Tf.Compat.V1.Placeholder(Tf.Int64));
            Train.AssertGlobalStep(Tf.Compat.V1.Placeholder(Tf.Int32, TensorShape.Partial(new int?[] { null })));
            Train.AssertGlobalStep(Tf.Compat.V1.Placeholder(Tf.Int32, TensorShape.Partial(null, 3)));
        }
    }

    [Fact]
    public void TypeErrorIsItsOwnExceptionType()
    {
        Assert.False(typeof(ValueErrorException).IsAssignableFrom(typeof(TypeErrorException)));
        Assert.False(typeof(TypeErrorException).IsAssignableFrom(typeof(ValueErrorException)));
    }

    // ---- CreateGlobalStep ------------------------------------------------------------------

    [Fact]
    public void CreateGlobalStepInAGraph()
    {
        var g = new Graph();
        Variable step;
        using (g.AsDefault())
        {
            step = Train.CreateGlobalStep();
        }

        Assert.Equal("global_step:0", step.Name);
        Assert.Equal("VariableV2", step.Op!.Type);
        Assert.Same(g, step.Graph);
        Assert.Equal(DType.Int64, step.DType);
        Assert.Equal(TensorShape.Scalar, step.Shape);
        Assert.False(step.Trainable);
        Assert.Equal(new object[] { step }, g.GetCollection(GraphKeys.GLOBAL_STEP));
        Assert.Equal(new object[] { step }, g.GetCollection(GraphKeys.GLOBAL_VARIABLES));
        Assert.Empty(g.GetCollection(GraphKeys.TRAINABLE_VARIABLES));
        Assert.Same(step, Train.GetGlobalStep(g));

        using var sess = new Session(g);
        sess.Run(step.Initializer!);
        var value = sess.Run(step);
        Assert.Equal(DType.Int64, value.DType);
        Assert.Equal(0L, (long)value);
    }

    [Fact]
    public void CreateGlobalStepWithAGraphArgumentNeedsNoDefaultGraph()
    {
        var g = new Graph();
        var step = Train.CreateGlobalStep(g);
        Assert.True(Tf.ExecutingEagerly());
        Assert.Same(g, step.Graph);
        Assert.Same(step, Train.GetGlobalStep(g));
    }

    [Fact]
    public void CreateGlobalStepTwiceSaysItAlreadyExists()
    {
        var g = new Graph();
        Train.CreateGlobalStep(g);
        var e = Assert.Throws<ValueErrorException>(() => Train.CreateGlobalStep(g));
        Assert.Equal("\"global_step\" already exists.", e.Message);
    }

    [Fact]
    public void CreateGlobalStepSeesAStepFoundByName()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            Tf.Variable(0L, name: "global_step");
        }

        Assert.Equal("\"global_step\" already exists.", Assert.Throws<ValueErrorException>(() => Train.CreateGlobalStep(g)).Message);
    }

    [Fact]
    public void CreateGlobalStepResetsTheNameScopeButKeepsTheVariableScope()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            using (Tf.NameScope("training"))
            {
                Assert.Equal("global_step:0", Train.CreateGlobalStep().Name);
                Assert.Equal("training/c", Tf.Constant(1, name: "c").Op!.Name);
            }
        }

        var h = new Graph();
        using (h.AsDefault())
        using (Tf.Compat.V1.VariableScope("outer"))
        {
            Assert.Equal("outer/global_step:0", Train.CreateGlobalStep().Name);
        }
    }

    [Fact]
    public void CaseInsensitiveCollisionNamesTheStepGlobalStep1()
    {
        var g = new Graph();
        Variable step;
        using (g.AsDefault())
        {
            Tf.Variable(0.0, name: "Global_Step");
            Assert.Null(Train.GetGlobalStep());
            step = Train.CreateGlobalStep();
        }

        Assert.Equal("global_step_1:0", step.Name);
        Assert.Same(step, Train.GetGlobalStep(g));
        Assert.Throws<KeyNotFoundException>(() => g.GetTensorByName("global_step:0"));
    }

    [Fact]
    public void EachGraphHasItsOwnStep()
    {
        var g1 = new Graph();
        var g2 = new Graph();
        var s1 = Train.CreateGlobalStep(g1);
        Assert.Null(Train.GetGlobalStep(g2));
        var s2 = Train.GetOrCreateGlobalStep(g2);
        Assert.NotSame(s1, s2);
        Assert.Same(s1, Train.GetGlobalStep(g1));
        Assert.Same(s2, Train.GetGlobalStep(g2));
        Assert.Equal("global_step:0", s2.Name);
    }

    // ---- GetOrCreateGlobalStep -------------------------------------------------------------

    [Fact]
    public void GetOrCreateCreatesOnceThenReturnsTheSameStep()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var first = Train.GetOrCreateGlobalStep();
            Assert.IsType<Variable>(first);
            Assert.Same(first, Train.GetOrCreateGlobalStep());
            Assert.Same(first, Train.GetOrCreateGlobalStep(g));
            Assert.Single(g.GetCollection(GraphKeys.GLOBAL_STEP));
        }
    }

    [Fact]
    public void GetOrCreateReturnsTheByNameTensor()
    {
        var g = new Graph();
        Variable v;
        using (g.AsDefault())
        {
            v = Tf.Variable(0L, name: "global_step");
        }

        var step = Train.GetOrCreateGlobalStep(g);
        Assert.Same(v.Op!.Outputs[0], step);
        Assert.Empty(g.GetCollection(GraphKeys.GLOBAL_STEP));
    }

    [Fact]
    public void GetOrCreateWithTwoStepsInTheCollectionCreatesAThird()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            g.AddToCollection(GraphKeys.GLOBAL_STEP, Tf.Variable(0L, name: "global_step"));
            g.AddToCollection(GraphKeys.GLOBAL_STEP, Tf.Variable(0L, name: "global_step"));
        }

        Tensor? third = null;
        var log = T.CaptureLog(() => third = Train.GetOrCreateGlobalStep(g));
        Assert.Equal("global_step_2:0", third!.Name);
        Assert.Equal(3, g.GetCollection(GraphKeys.GLOBAL_STEP).Count);
        Assert.Equal(2, log.Count);
        Assert.All(log, m => Assert.Equal("Multiple tensors in global_step collection.", m));
    }

    [Fact]
    public void GetOrCreateWithTwoStepsAfterCreateGlobalStepIsDisallowed()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            Train.CreateGlobalStep();
            g.AddToCollection(GraphKeys.GLOBAL_STEP, Tf.Variable(0L, name: "other_step"));
            var e = Assert.Throws<ValueErrorException>(() => T.CaptureLog(() => Train.GetOrCreateGlobalStep()));
            Assert.StartsWith("Variable global_step already exists, disallowed.", e.Message);
        }
    }

    // ---- GlobalStep(sess, tensor) ----------------------------------------------------------

    [Fact]
    public void GlobalStepReadsAVariableATensorOrANameInASession()
    {
        var g = new Graph();
        Variable step;
        Tensor inc;
        using (g.AsDefault())
        {
            step = Train.CreateGlobalStep();
            inc = step.AssignAdd(1);
        }

        using var sess = new Session(g);
        sess.Run(step.Initializer!);
        Assert.Equal(0L, Train.GlobalStep(sess, step));
        sess.Run(inc);
        sess.Run(inc);
        Assert.Equal(2L, Train.GlobalStep(sess, step));
        Assert.Equal(2L, Train.GlobalStep(sess, g.GetTensorByName("global_step:0")));
        Assert.Equal(2L, Train.GlobalStep(sess, "global_step:0"));
    }

    [Fact]
    public void GlobalStepOfAnOperationNameIsATypeError()
    {
        var g = new Graph();
        Train.CreateGlobalStep(g);
        using var sess = new Session(g);
        var e = Assert.Throws<TypeErrorException>(() => Train.GlobalStep(sess, "global_step"));
        Assert.Equal("int() argument must be a string, a bytes-like object or a real number, not 'NoneType'", e.Message);
    }

    [Fact]
    public void GlobalStepEagerlyReadsTheValueWithoutASession()
    {
        var step = Tf.Variable(0L, trainable: false, name: "global_step");
        step.AssignAdd(5);
        Assert.Equal(5L, Train.GlobalStep(null, step));
    }

    [Fact]
    public void GlobalStepOfAGraphTensorNeedsASession()
    {
        var g = new Graph();
        var step = Train.CreateGlobalStep(g);
        Assert.Throws<ArgumentNullException>(() => Train.GlobalStep(null, step));
    }
}

/// <summary>docs/design/runtime-semantics.md, section 2 (the global-step functions), eager mode: the step is registered in the default graph's GLOBAL_STEP collection only.</summary>
[Collection(GlobalDefaultGraphCollection.Name)]
public class EagerGlobalStepTests
{
    [Fact]
    public void EagerCreateGlobalStepRegistersInGlobalStepOnly()
    {
        Tf.Compat.V1.ResetDefaultGraph();
        var step = Train.CreateGlobalStep();
        Assert.Null(step.Op);
        Assert.Null(step.Graph);
        Assert.Equal("global_step:0", step.Name);
        Assert.Equal(DType.Int64, step.DType);
        Assert.False(step.Trainable);
        Assert.Equal(0L, (long)step.Numpy());
        var g = Tf.Compat.V1.GetDefaultGraph();
        Assert.Equal(new object[] { step }, g.GetCollection(GraphKeys.GLOBAL_STEP));
        Assert.Empty(g.GetCollection(GraphKeys.GLOBAL_VARIABLES));
        Assert.Empty(g.GetOperations());
        Tf.Compat.V1.ResetDefaultGraph();
    }

    [Fact]
    public void EagerStepIsFoundAgainAndNotCreatedTwice()
    {
        Tf.Compat.V1.ResetDefaultGraph();
        var step = Train.GetOrCreateGlobalStep();
        Assert.Same(step, Train.GetGlobalStep());
        Assert.Same(step, Train.GetOrCreateGlobalStep());
        Assert.Equal("\"global_step\" already exists.", Assert.Throws<ValueErrorException>(() => Train.CreateGlobalStep()).Message);
        ((Variable)step).AssignAdd(1);
        Assert.Equal(1L, Train.GlobalStep(null, step));
        Tf.Compat.V1.ResetDefaultGraph();
        Assert.Null(Train.GetGlobalStep());
    }
}
