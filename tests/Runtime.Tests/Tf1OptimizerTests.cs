using System;
using System.Collections.Generic;
using System.Linq;
using GlobalStepMigration.Runtime.Compat.V1.Train;
using Xunit;
using GraphKeys = GlobalStepMigration.Runtime.Tf.Compat.V1.GraphKeys;
using Train = GlobalStepMigration.Runtime.Tf.Compat.V1.Train;

namespace GlobalStepMigration.Runtime.Tests;

/// <summary>
/// docs/design/runtime-semantics.md, section 4 (optimizers), TF1 optimizers. The numeric tests train a = 1, b = 0.5 (float64) on
/// loss = (2a + b - 3)^2, whose gradients are dL/da = 4r and dL/db = 2r with r = 2a + b - 3.
/// </summary>
public class Tf1OptimizerTests
{
    private static Tensor Loss(Tensor a, Tensor b) => Tf.Square(a * 2.0 + b - 3.0);

    private sealed class GraphProblem
    {
        public GraphProblem(Func<Optimizer> optimizer, DType? stepDType = DType.Int64)
        {
            using (Graph.AsDefault())
            {
                A = T.Var64(1.0, "a");
                B = T.Var64(0.5, "b");
                Step = stepDType switch
                {
                    DType.Int64 => Train.GetOrCreateGlobalStep(),
                    DType.Int32 => Tf.Variable(0, trainable: false, name: "global_step"),
                    _ => null,
                };
                Optimizer = optimizer();
                TrainOp = Optimizer.Minimize(Loss(A, B), Step, new[] { A, B })!;
                var init = Tf.Compat.V1.GlobalVariablesInitializer();
                Session = new Session(Graph);
                Session.Run(init);
            }
        }

        public Graph Graph { get; } = new();

        public Variable A { get; }

        public Variable B { get; }

        public Tensor? Step { get; }

        public Optimizer Optimizer { get; }

        public Operation TrainOp { get; }

        public Session Session { get; }

        public (double A, double B, long Step) RunTrainOp()
        {
            Session.Run(TrainOp);
            return ((double)Session.Run(A), (double)Session.Run(B), Step is null ? -1 : Runtime.Tf.Compat.V1.Train.GlobalStep(Session, Step));
        }
    }

    /// <summary>Expected Adam trajectory, TF's formulas written out (lr_t folds in the bias correction).</summary>
    internal static List<(double A, double B)> AdamByHand(double lr, double beta1, double beta2, double epsilon, int steps)
    {
        double a = 1.0, b = 0.5, ma = 0, mb = 0, va = 0, vb = 0;
        var result = new List<(double, double)>();
        for (var t = 1; t <= steps; t++)
        {
            var r = 2 * a + b - 3;
            double ga = 4 * r, gb = 2 * r;
            var lrT = lr * Math.Sqrt(1 - Math.Pow(beta2, t)) / (1 - Math.Pow(beta1, t));
            ma += (ga - ma) * (1 - beta1);
            mb += (gb - mb) * (1 - beta1);
            va += (ga * ga - va) * (1 - beta2);
            vb += (gb * gb - vb) * (1 - beta2);
            a -= lrT * ma / (Math.Sqrt(va) + epsilon);
            b -= lrT * mb / (Math.Sqrt(vb) + epsilon);
            result.Add((a, b));
        }

        return result;
    }

    [Fact]
    public void GradientDescentThreeStepsInAGraphWithAnInt64Step()
    {
        var p = new GraphProblem(() => Train.GradientDescentOptimizer(T.F64(0.05)));
        Assert.Equal(DType.Int64, p.Step!.DType);

        // Step 1: r = 2 + 0.5 - 3 = -0.5, grads (-2, -1): a = 1 + 0.05*2 = 1.1, b = 0.5 + 0.05*1 = 0.55.
        var (a, b, step) = p.RunTrainOp();
        T.Near(1.1, a);
        T.Near(0.55, b);
        Assert.Equal(1, step);

        // Step 2: r = 2.2 + 0.55 - 3 = -0.25, grads (-1, -0.5): a = 1.15, b = 0.575.
        (a, b, step) = p.RunTrainOp();
        T.Near(1.15, a);
        T.Near(0.575, b);
        Assert.Equal(2, step);

        // Step 3: r = -0.125, grads (-0.5, -0.25): a = 1.175, b = 0.5875.
        (a, b, step) = p.RunTrainOp();
        T.Near(1.175, a);
        T.Near(0.5875, b);
        Assert.Equal(3, step);
    }

    [Fact]
    public void Int32StepIsIncrementedAndKeepsItsDType()
    {
        var p = new GraphProblem(() => Train.GradientDescentOptimizer(T.F64(0.05)), DType.Int32);
        p.RunTrainOp();
        p.RunTrainOp();
        var value = p.Session.Run(p.Step!);
        Assert.Equal(DType.Int32, value.DType);
        Assert.Equal(2, (int)value);
        T.Near(1.15, (double)p.Session.Run(p.A));
    }

    [Fact]
    public void WithoutAStepNothingIsIncremented()
    {
        var g = new Graph();
        Variable a, counter;
        Operation trainOp, init;
        using (g.AsDefault())
        {
            a = T.Var64(1.0, "a");
            counter = Tf.Variable(0L, trainable: false, name: "global_step");
            trainOp = Train.GradientDescentOptimizer(T.F64(0.05)).Minimize(Loss(a, T.F64(0.5)))!;
            init = Tf.Compat.V1.GlobalVariablesInitializer();
        }

        Assert.Equal("GradientDescent", trainOp.Name);
        Assert.Equal("NoOp", trainOp.Type);
        using var sess = new Session(g);
        sess.Run(init);
        sess.Run(trainOp);
        T.Near(1.1, (double)sess.Run(a));
        Assert.Equal(0L, (long)sess.Run(counter));
    }

    [Fact]
    public void TrainOpIncrementsTheStepAfterTheUpdatesAndJoinsTrainOp()
    {
        var p = new GraphProblem(() => Train.GradientDescentOptimizer(T.F64(0.05)));
        Assert.Equal("GradientDescent", p.TrainOp.Name);
        Assert.Equal("AssignAdd", p.TrainOp.Type);
        Assert.Same(p.Step!.Op, p.TrainOp.Inputs[0].Op);
        var update = Assert.Single(p.TrainOp.ControlInputs);
        Assert.Equal("GradientDescent/update", update.Name);
        Assert.Equal(2, update.ControlInputs.Count);
        // TensorFlow's fused kernel, one per variable, in the name scope update_<variable>.
        Assert.Equal(new[] { "GradientDescent/update_a/ApplyGradientDescent", "GradientDescent/update_b/ApplyGradientDescent" },
            update.ControlInputs.Select(op => op.Name));
        Assert.All(update.ControlInputs, op => Assert.Equal("ApplyGradientDescent", op.Type));
        Assert.Equal(new object[] { p.TrainOp }, p.Graph.GetCollection(GraphKeys.TRAIN_OP));
    }

    [Fact]
    public void DecayedLearningRateSeesTheStepBeforeTheIncrement()
    {
        var g = new Graph();
        Variable w;
        Tensor step;
        Operation trainOp, init;
        using (g.AsDefault())
        {
            w = Tf.Variable(0.0, name: "w");
            step = Train.GetOrCreateGlobalStep();
            var lr = Train.ExponentialDecay(0.1, step, decaySteps: 1, decayRate: 0.5);
            trainOp = Train.GradientDescentOptimizer(lr).Minimize(Tf.Square(w - 10.0), step)!;
            init = Tf.Compat.V1.GlobalVariablesInitializer();
        }

        using var sess = new Session(g);
        sess.Run(init);

        // dL/dw = 2(w - 10). Run 1 uses step 0, lr = 0.1: w = 0 + 0.1 * 20 = 2.
        sess.Run(trainOp);
        T.Near(2.0, (double)sess.Run(w));

        // Run 2 uses step 1, lr = 0.05: w = 2 + 0.05 * 16 = 2.8.
        sess.Run(trainOp);
        T.Near(2.8, (double)sess.Run(w));

        // Run 3 uses step 2, lr = 0.025: w = 2.8 + 0.025 * 14.4 = 3.16.
        sess.Run(trainOp);
        T.Near(3.16, (double)sess.Run(w));
        Assert.Equal(3L, Train.GlobalStep(sess, step));
    }

    [Fact]
    public void MomentumThreeStepsInAGraph()
    {
        var p = new GraphProblem(() => Train.MomentumOptimizer(T.F64(0.05), 0.9));

        // accum = 0.9 accum + g; var -= 0.05 accum.
        // Step 1: grads (-2, -1), accum (-2, -1): a = 1.1, b = 0.55.
        var (a, b, step) = p.RunTrainOp();
        T.Near(1.1, a);
        T.Near(0.55, b);
        Assert.Equal(1, step);

        // Step 2: r = -0.25, grads (-1, -0.5), accum (-2.8, -1.4): a = 1.1 + 0.14 = 1.24, b = 0.55 + 0.07 = 0.62.
        (a, b, step) = p.RunTrainOp();
        T.Near(1.24, a);
        T.Near(0.62, b);
        Assert.Equal(2, step);

        // Step 3: r = 2.48 + 0.62 - 3 = 0.1, grads (0.4, 0.2), accum (-2.12, -1.06): a = 1.346, b = 0.673.
        (a, b, step) = p.RunTrainOp();
        T.Near(1.346, a);
        T.Near(0.673, b);
        Assert.Equal(3, step);
    }

    [Fact]
    public void MomentumSlotsAreNamedAfterTheVariable()
    {
        var p = new GraphProblem(() => Train.MomentumOptimizer(T.F64(0.05), 0.9));
        var names = p.Graph.GetCollection(GraphKeys.GLOBAL_VARIABLES).Cast<Variable>().Select(v => v.Name).ToList();
        Assert.Contains("a/Momentum:0", names);
        Assert.Contains("b/Momentum:0", names);
    }

    [Fact]
    public void AdamThreeStepsInAGraph()
    {
        var p = new GraphProblem(() => Train.AdamOptimizer(T.F64(0.1)));
        var expected = AdamByHand(0.1, 0.9, 0.999, 1e-8, 3);
        for (var i = 0; i < 3; i++)
        {
            var (a, b, step) = p.RunTrainOp();
            T.Near(expected[i].A, a);
            T.Near(expected[i].B, b);
            Assert.Equal(i + 1, step);
        }

        // Step 1 by hand: grads (-2, -1), m = 0.1 g, v = 0.001 g^2, lr_1 = 0.1 sqrt(0.001) / 0.1, so
        // a = 1 + lr_1 * 0.2 / sqrt(0.004) = 1.1 and b = 0.5 + lr_1 * 0.1 / sqrt(0.001) = 0.6: Adam's first step moves by lr.
        T.Near(1.1, expected[0].A);
        T.Near(0.6, expected[0].B);
    }

    [Fact]
    public void AdamCreatesTF1SlotAndPowerVariables()
    {
        var p = new GraphProblem(() => Train.AdamOptimizer(T.F64(0.1)));
        var names = p.Graph.GetCollection(GraphKeys.GLOBAL_VARIABLES).Cast<Variable>().Select(v => v.Name).ToList();
        Assert.Contains("a/Adam:0", names);
        Assert.Contains("a/Adam_1:0", names);
        Assert.Contains("beta1_power:0", names);
        Assert.Contains("beta2_power:0", names);
    }

    [Fact]
    public void EagerOptimizersMatchTheGraphTrajectories()
    {
        var cases = new (Func<Optimizer> Make, double[] A, double[] B)[]
        {
            (() => Train.GradientDescentOptimizer(T.F64(0.05)), new[] { 1.1, 1.15, 1.175 }, new[] { 0.55, 0.575, 0.5875 }),
            (() => Train.MomentumOptimizer(T.F64(0.05), 0.9), new[] { 1.1, 1.24, 1.346 }, new[] { 0.55, 0.62, 0.673 }),
            (() => Train.AdamOptimizer(T.F64(0.1)), AdamByHand(0.1, 0.9, 0.999, 1e-8, 3).Select(x => x.A).ToArray(),
                AdamByHand(0.1, 0.9, 0.999, 1e-8, 3).Select(x => x.B).ToArray()),
        };
        foreach (var (make, expectedA, expectedB) in cases)
        {
            var a = T.Var64(1.0);
            var b = T.Var64(0.5);
            var step = Tf.Variable(0L, trainable: false, name: "global_step");
            var optimizer = make();
            for (var i = 0; i < 3; i++)
            {
                Assert.Null(optimizer.Minimize(() => Loss(a, b), step, new[] { a, b }));
                T.Near(expectedA[i], (double)a.Numpy());
                T.Near(expectedB[i], (double)b.Numpy());
                Assert.Equal(i + 1, (long)step.Numpy());
            }
        }
    }

    [Fact]
    public void EagerApplyGradientsWithoutAStep()
    {
        var w = T.Var64(1.0);
        var optimizer = Train.GradientDescentOptimizer(T.F64(0.5));
        Assert.Null(optimizer.ApplyGradients(new (Tensor?, Variable)[] { (T.F64(2.0), w) }));
        T.Near(0.0, (double)w.Numpy());
    }

    [Fact]
    public void ComputeThenApplyGradientsInAGraph()
    {
        var g = new Graph();
        Variable a, b;
        Tensor step;
        Operation trainOp, init;
        using (g.AsDefault())
        {
            a = T.Var64(1.0, "a");
            b = T.Var64(0.5, "b");
            step = Train.GetOrCreateGlobalStep();
            var optimizer = Train.GradientDescentOptimizer(T.F64(0.05));
            var gradsAndVars = optimizer.ComputeGradients(Loss(a, b));
            Assert.Equal(new[] { a, b }, gradsAndVars.Select(gv => gv.Variable));
            trainOp = optimizer.ApplyGradients(gradsAndVars, step, name: "train")!;
            init = Tf.Compat.V1.GlobalVariablesInitializer();
        }

        Assert.Equal("train", trainOp.Name);
        using var sess = new Session(g);
        sess.Run(init);
        sess.Run(trainOp);
        T.Near(1.1, (double)sess.Run(a));
        Assert.Equal(1L, Train.GlobalStep(sess, step));
    }

    [Fact]
    public void NoVariablesOrNoGradientsAreValueErrors()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var w = Tf.Variable(1.0, name: "w");
            var optimizer = Train.GradientDescentOptimizer(0.1);
            var empty = Assert.Throws<ValueErrorException>(() => optimizer.ApplyGradients(Array.Empty<(Tensor?, Variable)>()));
            Assert.Equal("No variables provided.", empty.Message);
            var none = Assert.Throws<ValueErrorException>(() => optimizer.ApplyGradients(new (Tensor?, Variable)[] { (null, w) }));
            Assert.Equal("No gradients provided for any variable: [\"<tf.Variable 'w:0' shape=() dtype=float32_ref>\"].", none.Message);
            var unrelated = Assert.Throws<ValueErrorException>(() => optimizer.Minimize(Tf.Constant(1.0) * 2.0, varList: new[] { w }));
            Assert.StartsWith(
                "No gradients provided for any variable, check your graph for ops that do not support gradients, between variables [\"<tf.Variable 'w:0' shape=() dtype=float32_ref>\"] and loss ",
                unrelated.Message);
        }
    }

    [Fact]
    public void AdamKeepsTF1Defaults()
    {
        var adam = Train.AdamOptimizer();
        Assert.Equal(1e-8, adam.Epsilon);
        Assert.Equal(0.9, adam.Beta1);
        Assert.Equal(0.999, adam.Beta2);
        Assert.Equal("Adam", adam.Name);
        Assert.Equal(0.001, (double)adam.LearningRate.Numpy(), 1e-9);
        Assert.Equal(1e-8, new AdamOptimizer().Epsilon);
    }

    [Fact]
    public void StepFromAnotherGraphIsRejectedInsteadOfSilentlyNotIncremented()
    {
        var g = new Graph();
        var graphStep = Train.CreateGlobalStep(g);
        var w = T.Var64(1.0);
        var e = Assert.Throws<ValueErrorException>(() =>
            Train.GradientDescentOptimizer(T.F64(0.1)).ApplyGradients(new (Tensor?, Variable)[] { (T.F64(1.0), w) }, graphStep));
        Assert.Equal("Tensor(global_step:0) must be from the same graph as Tensor(Variable:0).", e.Message);
        Assert.Equal(1.0, (double)w.Numpy());
    }

    [Fact]
    public void NullVariableIsAnArgumentNullException()
    {
        Assert.Throws<ArgumentNullException>(() =>
            Train.GradientDescentOptimizer(0.1).ApplyGradients(new (Tensor?, Variable)[] { (Tf.Constant(1.0), null!) }));
    }

    [Fact]
    public void FloatStepIsRejectedByAssertGlobalStep()
    {
        var w = T.Var64(1.0);
        var floatStep = Tf.Variable(0.0);
        var e = Assert.Throws<TypeErrorException>(() =>
            Train.GradientDescentOptimizer(T.F64(0.1)).ApplyGradients(new (Tensor?, Variable)[] { (T.F64(1.0), w) }, floatStep));
        Assert.Equal("Existing \"global_step\" does not have integer type: <dtype: 'float32'>", e.Message);
        Assert.Equal(1.0, (double)w.Numpy());
    }

    [Fact]
    public void NesterovMomentumMatchesKerasNesterov()
    {
        var a1 = T.Var64(1.0);
        var b1 = T.Var64(0.5);
        var a2 = T.Var64(1.0);
        var b2 = T.Var64(0.5);
        var tf1 = Train.MomentumOptimizer(T.F64(0.05), 0.9, useNesterov: true);
        var keras = Tf.Keras.Optimizers.SGD(0.05, momentum: 0.9, nesterov: true);
        for (var i = 0; i < 3; i++)
        {
            tf1.Minimize(() => Loss(a1, b1), varList: new[] { a1, b1 });
            keras.Minimize(() => Loss(a2, b2), new[] { a2, b2 });
            T.Near((double)a2.Numpy(), (double)a1.Numpy());
            T.Near((double)b2.Numpy(), (double)b1.Numpy());
        }

        // Step 1 by hand: accum = g = (-2, -1); var -= lr g + lr 0.9 accum: a = 1 + 0.1 + 0.09 = 1.19.
        tf1 = Train.MomentumOptimizer(T.F64(0.05), 0.9, useNesterov: true);
        var a = T.Var64(1.0);
        tf1.Minimize(() => Loss(a, T.F64(0.5)), varList: new[] { a });
        T.Near(1.19, (double)a.Numpy());
    }

    [Fact]
    public void EagerDecayIsTheValueAtTheTimeOfTheCall()
    {
        // Documented deviation: TensorFlow returns a callable eagerly; here the value is computed now.
        var step = Tf.Variable(0L, trainable: false, name: "global_step");
        var lr = Train.ExponentialDecay(0.1, step, 1, 0.5);
        step.AssignAdd(1);
        T.Near(0.1, (double)lr.Numpy());
        T.Near(0.05, (double)Train.ExponentialDecay(0.1, step, 1, 0.5).Numpy());
    }
}
