using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using CsCheck;
using Xunit;
using Xunit.Abstractions;
using KerasOptimizers = GlobalStepMigration.Runtime.Tf.Keras.Optimizers;
using Schedules = GlobalStepMigration.Runtime.Tf.Keras.Optimizers.Schedules;
using Train = GlobalStepMigration.Runtime.Tf.Compat.V1.Train;

namespace GlobalStepMigration.Runtime.Tests;

/// <summary>
/// Which TF1 optimizer (and which TF1 decay) this runtime computes bit for bit like a Keras one: the proof behind
/// fix A's optimizer pairs (docs/design/observables.md, O9 and O11). Each candidate pair trains the same random
/// problems (a weighted quadratic loss over a vector variable, float32 and float64, eagerly and in a graph, for
/// many steps, with a constant rate and with every TF1 decay against its Keras schedule) and compares every
/// weight and the step counter after every update, bit for bit. <see cref="ProvedPairs"/> and
/// <see cref="ProvedSchedules"/> are what the tests found; tests/Analyzer.Tests/OptimizerPairTableTests.cs
/// requires the fixes' tables to be exactly these sets.
/// </summary>
public sealed class OptimizerPairTests
{
    /// <summary>How many random problems each candidate runs per configuration (a non-pair fails on the first few).</summary>
    public const int Problems = 250;

    private readonly ITestOutputHelper _output;

    public OptimizerPairTests(ITestOutputHelper output) => _output = output;

    /// <summary>A learning rate: constant, or one of TF1's decays (computed by the TF1 function / the Keras schedule).</summary>
    public enum Rate
    {
        Constant,
        ExponentialDecay,
        PolynomialDecay,
        PiecewiseConstant,
        InverseTimeDecay,
        CosineDecay,
    }

    /// <summary>One training problem: loss sum(a * (w - c)^2) from w0, with the hyperparameters and decay parameters drawn.</summary>
    public sealed record Problem(
        DType DType, bool InGraph, double[] Initial, double[] Targets, double[] Weights, int Steps,
        double LearningRate, double Momentum, double Beta1, double Beta2, double Epsilon,
        double DecaySteps, double DecayRate, bool Staircase, double EndRate, double Power, bool Cycle, double Alpha, double[] Boundaries, double[] Values)
    {
        public override string ToString() => string.Create(CultureInfo.InvariantCulture,
            $"{DType} graph={InGraph} steps={Steps} lr={LearningRate:R} momentum={Momentum:R} beta1={Beta1:R} beta2={Beta2:R} eps={Epsilon:R} "
            + $"decaySteps={DecaySteps:R} decayRate={DecayRate:R} staircase={Staircase} end={EndRate:R} power={Power:R} cycle={Cycle} alpha={Alpha:R} "
            + $"w0=[{Join(Initial)}] c=[{Join(Targets)}] a=[{Join(Weights)}] boundaries=[{Join(Boundaries)}] values=[{Join(Values)}]");

        private static string Join(double[] values) => string.Join(", ", values.Select(x => x.ToString("R", CultureInfo.InvariantCulture)));
    }

    /// <summary>A candidate optimizer pair: the TF1 optimizer, the Keras one written by fix A, both made from a problem.</summary>
    public sealed record Candidate(string Tf1Name, string KerasFactory, string Variant, Func<Problem, Tensor, Compat.V1.Train.Optimizer> Tf1,
        Func<Problem, Runtime.Keras.Optimizers.Schedules.LearningRateSchedule?, Runtime.Keras.Optimizers.Optimizer> Keras);

    /// <summary>Every pair fix A could write: each TF1 optimizer of the runtime with the Keras optimizer of the same update rule.</summary>
    public static readonly IReadOnlyList<Candidate> Candidates = new[]
    {
        new Candidate("GradientDescentOptimizer", "SGD", "plain",
            (p, lr) => Train.GradientDescentOptimizer(lr),
            (p, s) => s is null ? KerasOptimizers.SGD(p.LearningRate) : KerasOptimizers.SGD(s)),
        new Candidate("MomentumOptimizer", "SGD", "momentum",
            (p, lr) => Train.MomentumOptimizer(lr, p.Momentum),
            (p, s) => s is null ? KerasOptimizers.SGD(p.LearningRate, momentum: p.Momentum) : KerasOptimizers.SGD(s, momentum: p.Momentum)),
        new Candidate("MomentumOptimizer", "SGD", "nesterov",
            (p, lr) => Train.MomentumOptimizer(lr, p.Momentum, useNesterov: true),
            (p, s) => s is null ? KerasOptimizers.SGD(p.LearningRate, momentum: p.Momentum, nesterov: true) : KerasOptimizers.SGD(s, momentum: p.Momentum, nesterov: true)),
        new Candidate("AdamOptimizer", "Adam", "epsilon written out",
            (p, lr) => Train.AdamOptimizer(lr, p.Beta1, p.Beta2, p.Epsilon),
            (p, s) => s is null ? KerasOptimizers.Adam(p.LearningRate, p.Beta1, p.Beta2, p.Epsilon) : KerasOptimizers.Adam(s, p.Beta1, p.Beta2, p.Epsilon)),
    };

    private static readonly Gen<Problem> ProblemGen =
        from f64 in Gen.Bool
        from inGraph in Gen.Bool
        from size in Gen.Int[1, 4]
        from steps in Gen.Int[1, 25]
        from initial in Gen.Double[-5, 5].Array[size]
        from targets in Gen.Double[-5, 5].Array[size]
        from weights in Gen.Double[0.05, 3].Array[size]
        from lr in Gen.Double[1e-4, 0.5]
        from momentum in Gen.Double[0.05, 0.99]
        from beta1 in Gen.Double[0.5, 0.99]
        from beta2 in Gen.Double[0.9, 0.9999]
        from epsilon in Gen.Double[1e-9, 1e-3]
        from decaySteps in Gen.Int[1, 10]
        from decayRate in Gen.Double[0.05, 0.99]
        from staircase in Gen.Bool
        from endRate in Gen.Double[1e-5, 1e-2]
        from power in Gen.Double[0.5, 3]
        from cycle in Gen.Bool
        from alpha in Gen.Double[0, 0.5]
        from boundary in Gen.Int[1, 8]
        from values in Gen.Double[1e-4, 0.5].Array[3]
        select new Problem(
            f64 ? DType.Float64 : DType.Float32, inGraph, initial, targets, weights, steps,
            lr, momentum, beta1, beta2, epsilon, decaySteps, decayRate, staircase, endRate, power, cycle, alpha,
            new[] { (double)boundary, boundary + 3.0 }, values);

    /// <summary>The pairs the candidates proved: (TF1 optimizer, constant rate) and (TF1 optimizer, decayed rate in a graph).</summary>
    public static IReadOnlyList<(string Tf1Name, string KerasFactory, bool Decayed)> ProvedPairs => LazyPairs.Value.Proved;

    /// <summary>The TF1 decays whose Keras schedule the candidates proved (decay name, schedule factory).</summary>
    public static IReadOnlyList<(string Decay, string Schedule)> ProvedSchedules => LazySchedules.Value.Proved;

    private static readonly Lazy<(List<(string, string, bool)> Proved, List<string> Report)> LazyPairs = new(ProvePairs);

    private static readonly Lazy<(List<(string, string)> Proved, List<string> Report)> LazySchedules = new(ProveSchedules);

    [Fact]
    public void EachCandidatePairIsRunAndTheProvedSetIsReported()
    {
        foreach (var line in LazyPairs.Value.Report)
        {
            _output.WriteLine(line);
        }

        // A candidate proved or not, the comparison must have run on every problem of every configuration it passed.
        Assert.Equal(Candidates.Select(c => c.Tf1Name).Distinct().Count() * 2, LazyPairs.Value.Report.Count);
    }

    [Fact]
    public void GradientDescentAndKerasSgdAreBitIdentical_MomentumAndAdamAreNot()
    {
        // What the runtime's exact kernels give (docs/design/observables.md, O9): TF1 GradientDescent is
        // var -= grad * lr with the float32 rate cast to the variable's dtype, as Keras SGD's assign_sub(g * lr);
        // TF1 Momentum accumulates gradients (accum * m + g, var -= accum * lr) where Keras accumulates
        // steps (m * momentum - g * lr, var += m); TF1 Adam keeps float32 beta powers and T(1) - beta where Keras
        // raises beta to the step and computes 1 - beta in double.
        var proved = ProvedPairs.Select(pair => (pair.Tf1Name, pair.Decayed)).ToList();
        Assert.Contains(("GradientDescentOptimizer", false), proved);
        Assert.Contains(("GradientDescentOptimizer", true), proved);
        Assert.DoesNotContain(proved, pair => pair.Tf1Name is "MomentumOptimizer" or "AdamOptimizer");
    }

    [Fact]
    public void EachTf1DecayAgainstItsKerasSchedule()
    {
        foreach (var line in LazySchedules.Value.Report)
        {
            _output.WriteLine(line);
        }

        Assert.Equal(ScheduleCandidates.Count, LazySchedules.Value.Report.Count);
        Assert.Equal(
            new[] { "CosineDecay", "ExponentialDecay", "InverseTimeDecay", "PiecewiseConstant", "PolynomialDecay" },
            ProvedSchedules.Select(pair => pair.Decay).OrderBy(name => name, StringComparer.Ordinal));
    }

    [Fact]
    public void AKnownDifferenceIsFound()
    {
        // The comparison can fail: TF1 Momentum against Keras SGD(momentum) on the issue's shape (a constant rate,
        // float32) differs after a few steps.
        var p = new Problem(DType.Float32, false, new[] { 1.0, -2.0 }, new[] { 0.5, 3.0 }, new[] { 1.0, 0.3 }, 10,
            0.1, 0.9, 0.9, 0.999, 1e-8, 1, 0.5, false, 1e-4, 1, false, 0, new[] { 1.0, 4.0 }, new[] { 0.1, 0.05, 0.01 });
        Assert.NotNull(Difference(Candidates[1], p, Rate.Constant));
        Assert.Null(Difference(Candidates[0], p, Rate.Constant));
    }

    private static (List<(string, string, bool)> Proved, List<string> Report) ProvePairs()
    {
        var proved = new List<(string, string, bool)>();
        var report = new List<string>();
        foreach (var group in Candidates.GroupBy(c => (c.Tf1Name, c.KerasFactory)))
        {
            foreach (var decayed in new[] { false, true })
            {
                // Every variant of the pair (Momentum with and without Nesterov) must be identical for the pair to be proved.
                var rates = decayed ? Enum.GetValues<Rate>().Where(rate => rate != Rate.Constant).ToArray() : new[] { Rate.Constant };
                var results = new List<string>();
                var identical = true;
                foreach (var candidate in group)
                {
                    string? difference = null;
                    var compared = 0;
                    foreach (var rate in rates)
                    {
                        for (var i = 0; i < Problems && difference is null; i++)
                        {
                            var problem = ProblemGen.Generate(new PCG((uint)(2 * i + 1), (ulong)(17 * i + (int)rate)), null, out _);

                            // A TF1 decay is a tensor computed once eagerly (fix A declines that, O11): decayed rates are compared in graphs.
                            problem = decayed ? problem with { InGraph = true } : problem;
                            difference = Difference(candidate, problem, rate);
                            compared++;
                        }
                    }

                    identical &= difference is null;
                    results.Add(difference is null ? $"{candidate.Variant}: bit-identical on {compared} problems" : $"{candidate.Variant}: differs after {compared} problems: {difference}");
                }

                var name = $"{group.Key.Tf1Name} -> {group.Key.KerasFactory} ({(decayed ? "decayed rates, in graphs" : "constant rate, eager and graph")})";
                if (identical)
                {
                    proved.Add((group.Key.Tf1Name, group.Key.KerasFactory, decayed));
                }

                report.Add(name + ": " + string.Join("; ", results));
            }
        }

        return (proved, report);
    }

    /// <summary>Null when the TF1 optimizer and the Keras optimizer of <paramref name="candidate"/> train <paramref name="p"/> bit for bit alike; else the first difference.</summary>
    private static string? Difference(Candidate candidate, Problem p, Rate rate)
    {
        var tf1 = p.InGraph ? TrainInGraph(p, rate, candidate, keras: false) : TrainEagerly(p, candidate, keras: false);
        var keras = p.InGraph ? TrainInGraph(p, rate, candidate, keras: true) : TrainEagerly(p, candidate, keras: true);
        for (var step = 0; step < p.Steps; step++)
        {
            if (tf1[step].Step != keras[step].Step)
            {
                return $"step counter {tf1[step].Step} vs {keras[step].Step} after update {step + 1} ({candidate.Variant}, {rate}) for {p}";
            }

            var a = tf1[step].Weights.Select(BitConverter.DoubleToInt64Bits);
            var b = keras[step].Weights.Select(BitConverter.DoubleToInt64Bits);
            if (!a.SequenceEqual(b))
            {
                return string.Create(CultureInfo.InvariantCulture,
                    $"after update {step + 1} ({candidate.Variant}, {rate}): TF1 [{string.Join(", ", tf1[step].Weights.Select(x => x.ToString("R", CultureInfo.InvariantCulture)))}], "
                    + $"Keras [{string.Join(", ", keras[step].Weights.Select(x => x.ToString("R", CultureInfo.InvariantCulture)))}] for {p}");
            }
        }

        return null;
    }

    private static NDArray Vector(Problem p, double[] values) => NDArray.FromValues(p.DType, new[] { values.Length }, values);

    private static Tensor Loss(Problem p, Tensor w) =>
        Tf.ReduceSum(Tf.Constant(Vector(p, p.Weights)) * Tf.Square(w - Tf.Constant(Vector(p, p.Targets))));

    private static List<(long Step, double[] Weights)> TrainEagerly(Problem p, Candidate candidate, bool keras)
    {
        var w = Tf.Variable(Tf.Constant(Vector(p, p.Initial)), name: "w");
        var trajectory = new List<(long, double[])>();
        if (keras)
        {
            var optimizer = candidate.Keras(p, null);
            for (var i = 0; i < p.Steps; i++)
            {
                optimizer.Minimize(() => Loss(p, w), new[] { w });
                trajectory.Add(((long)optimizer.Iterations.Numpy(), w.Numpy().ToArray<double>()));
            }
        }
        else
        {
            var step = Tf.Variable(0L, trainable: false, name: "global_step");
            var optimizer = candidate.Tf1(p, p.LearningRate);
            for (var i = 0; i < p.Steps; i++)
            {
                optimizer.Minimize(() => Loss(p, w), step, new[] { w });
                trajectory.Add(((long)step.Numpy(), w.Numpy().ToArray<double>()));
            }
        }

        return trajectory;
    }

    private static List<(long Step, double[] Weights)> TrainInGraph(Problem p, Rate rate, Candidate candidate, bool keras)
    {
        var graph = new Graph();
        Variable w;
        Tensor step;
        Operation train, init;
        using (graph.AsDefault())
        {
            w = Tf.Variable(Tf.Constant(Vector(p, p.Initial)), name: "w");
            var loss = Loss(p, w);
            if (keras)
            {
                var optimizer = candidate.Keras(p, rate == Rate.Constant ? null : Schedule(p, rate));
                step = optimizer.Iterations;
                train = optimizer.Minimize(loss, new[] { w })!;
            }
            else
            {
                step = Train.GetOrCreateGlobalStep();
                var optimizer = candidate.Tf1(p, rate == Rate.Constant ? p.LearningRate : Decay(p, rate, step));
                train = optimizer.Minimize(loss, step, new[] { w })!;
            }

            init = Tf.Compat.V1.GlobalVariablesInitializer();
        }

        using var sess = Tf.Compat.V1.Session(graph);
        sess.Run(init);
        var trajectory = new List<(long, double[])>();
        for (var i = 0; i < p.Steps; i++)
        {
            sess.Run(train);
            trajectory.Add(((long)sess.Run(step), sess.Run(w).ToArray<double>()));
        }

        return trajectory;
    }

    /// <summary>The TF1 decay of <paramref name="rate"/> fed by <paramref name="step"/>, as a TF1 program writes it.</summary>
    private static Tensor Decay(Problem p, Rate rate, Tensor step) => rate switch
    {
        Rate.ExponentialDecay => Train.ExponentialDecay(p.LearningRate, step, p.DecaySteps, p.DecayRate, p.Staircase),
        Rate.PolynomialDecay => Train.PolynomialDecay(p.LearningRate, step, p.DecaySteps, p.EndRate, p.Power, p.Cycle),
        Rate.PiecewiseConstant => Train.PiecewiseConstant(step, p.Boundaries, p.Values),
        Rate.InverseTimeDecay => Train.InverseTimeDecay(p.LearningRate, step, p.DecaySteps, p.DecayRate, p.Staircase),
        _ => Train.CosineDecay(p.LearningRate, step, p.DecaySteps, p.Alpha),
    };

    /// <summary>The Keras schedule fix A writes for the decay of <paramref name="rate"/> (the map's schedule, the decay's arguments without the step).</summary>
    private static Runtime.Keras.Optimizers.Schedules.LearningRateSchedule Schedule(Problem p, Rate rate) => rate switch
    {
        Rate.ExponentialDecay => Schedules.ExponentialDecay(p.LearningRate, p.DecaySteps, p.DecayRate, p.Staircase),
        Rate.PolynomialDecay => Schedules.PolynomialDecay(p.LearningRate, p.DecaySteps, p.EndRate, p.Power, p.Cycle),
        Rate.PiecewiseConstant => Schedules.PiecewiseConstantDecay(p.Boundaries, p.Values),
        Rate.InverseTimeDecay => Schedules.InverseTimeDecay(p.LearningRate, p.DecaySteps, p.DecayRate, p.Staircase),
        _ => Schedules.CosineDecay(p.LearningRate, p.DecaySteps, p.Alpha),
    };

    // ---- decays against schedules, on their own ----------------------------------------------------------------

    /// <summary>A TF1 decay and a Keras schedule written for it: the value at a step, both ways.</summary>
    public sealed record ScheduleCandidate(string Decay, string Schedule, Func<Problem, Tensor, Tensor> Tf1, Func<Problem, Runtime.Keras.Optimizers.Schedules.LearningRateSchedule> Keras);

    /// <summary>Every TF1 decay of the runtime with the Keras schedule of its formula (natural exp with ExponentialDecay(lr, steps, e^-rate), the closest Keras has).</summary>
    public static readonly IReadOnlyList<ScheduleCandidate> ScheduleCandidates = new[]
    {
        new ScheduleCandidate("ExponentialDecay", "ExponentialDecay", (p, s) => Decay(p, Rate.ExponentialDecay, s), p => Schedule(p, Rate.ExponentialDecay)),
        new ScheduleCandidate("PolynomialDecay", "PolynomialDecay", (p, s) => Decay(p, Rate.PolynomialDecay, s), p => Schedule(p, Rate.PolynomialDecay)),
        new ScheduleCandidate("PiecewiseConstant", "PiecewiseConstantDecay", (p, s) => Decay(p, Rate.PiecewiseConstant, s), p => Schedule(p, Rate.PiecewiseConstant)),
        new ScheduleCandidate("InverseTimeDecay", "InverseTimeDecay", (p, s) => Decay(p, Rate.InverseTimeDecay, s), p => Schedule(p, Rate.InverseTimeDecay)),
        new ScheduleCandidate("CosineDecay", "CosineDecay", (p, s) => Decay(p, Rate.CosineDecay, s), p => Schedule(p, Rate.CosineDecay)),
        new ScheduleCandidate("NaturalExpDecay", "ExponentialDecay",
            (p, s) => Train.NaturalExpDecay(p.LearningRate, s, p.DecaySteps, p.DecayRate, p.Staircase),
            p => Schedules.ExponentialDecay(p.LearningRate, p.DecaySteps, Math.Exp(-p.DecayRate), p.Staircase)),
    };

    private static (List<(string, string)> Proved, List<string> Report) ProveSchedules()
    {
        var proved = new List<(string, string)>();
        var report = new List<string>();
        foreach (var candidate in ScheduleCandidates)
        {
            string? difference = null;
            var compared = 0;
            for (var i = 0; i < 4 * Problems && difference is null; i++)
            {
                var p = ProblemGen.Generate(new PCG((uint)(2 * i + 3), (ulong)(31 * i + 7)), null, out _);
                difference = ScheduleDifference(candidate, p);
                compared++;
            }

            if (difference is null)
            {
                proved.Add((candidate.Decay, candidate.Schedule));
                report.Add($"{candidate.Decay} -> {candidate.Schedule}: bit-identical on {compared} problems (steps 0..40, eager and graph)");
            }
            else
            {
                report.Add($"{candidate.Decay} -> {candidate.Schedule}: differs after {compared} problems: {difference}");
            }
        }

        return (proved, report);
    }

    /// <summary>Null when the decay and the schedule give the same rate at every step 0..40; else the first difference.</summary>
    private static string? ScheduleDifference(ScheduleCandidate candidate, Problem p)
    {
        const int last = 40;
        var tf1 = new List<double>();
        var keras = new List<double>();
        if (p.InGraph)
        {
            var graph = new Graph();
            Tensor step, decayed, scheduled;
            Operation increment, init;
            using (graph.AsDefault())
            {
                step = Train.GetOrCreateGlobalStep();
                decayed = candidate.Tf1(p, step);
                scheduled = candidate.Keras(p).Call(step);
                increment = ((Variable)step).AssignAdd(1L).Op!;
                init = Tf.Compat.V1.GlobalVariablesInitializer();
            }

            using var sess = Tf.Compat.V1.Session(graph);
            sess.Run(init);
            for (var i = 0; i <= last; i++)
            {
                tf1.Add((double)sess.Run(decayed));
                keras.Add((double)sess.Run(scheduled));
                sess.Run(increment);
            }
        }
        else
        {
            var step = Tf.Variable(0L, trainable: false, name: "global_step");
            var schedule = candidate.Keras(p);
            for (var i = 0; i <= last; i++)
            {
                tf1.Add((double)candidate.Tf1(p, step).Numpy());
                keras.Add((double)schedule.Call(step).Numpy());
                step.AssignAdd(1L);
            }
        }

        for (var i = 0; i <= last; i++)
        {
            if (BitConverter.DoubleToInt64Bits(tf1[i]) != BitConverter.DoubleToInt64Bits(keras[i]))
            {
                return string.Create(CultureInfo.InvariantCulture, $"at step {i}: {tf1[i]:R} vs {keras[i]:R} for {p}");
            }
        }

        return null;
    }
}
