using System;
using System.Collections.Generic;
using System.Linq;
using CsCheck;

namespace GlobalStepMigration.Reliability.Tests.Generation;

/// <summary>
/// CsCheck generators for programs over the runtime that compose the patterns of docs/design/patterns.md: several
/// units per file (one type each, the first one possibly in top-level statements), steps in locals
/// and fields, graph and eager code, one or two optimizers, decays, reads in helpers, several graphs,
/// every spelling of the legacy functions. <see cref="Normalize"/> keeps every program valid and
/// runnable (for example: at most one step is created eagerly on the default graph by CreateGlobalStep).
/// </summary>
internal static class ProgramGenerator
{
    private static Gen<T> OneOf<T>() where T : struct, Enum => Gen.OneOf(Enum.GetValues<T>());

    public static readonly Gen<UnitSpec> Unit =
        from kindRoll in Gen.Int[0, 9]
        from mode in OneOf<Mode>()
        from creation in OneOf<Creation>()
        from storage in OneOf<Storage>()
        from optimizer in OneOf<Tf1Optimizer>()
        from second in OneOf<Tf1Optimizer>()
        from keras in OneOf<KerasOptimizer>()
        from decayRoll in Gen.Int[0, 11]
        from printRate in Gen.Bool
        from argument in OneOf<StepArgument>()
        from spelling in OneOf<Spelling>()
        from apply in Gen.Bool
        from helperRoll in Gen.Int[0, 3]
        from lookup in Gen.Int[0, 3]
        from isVariable in Gen.Bool
        from steps in Gen.Int[1, 3]
        from start in Gen.Int[0, 5]
        from explicitRoll in Gen.Int[0, 3]
        from fieldInit in OneOf<FieldInit>()
        from decayVariant in Gen.Bool
        from helperLookup in Gen.Int[0, 3]
        from observeRoll in Gen.Int[0, 2]
        from observe in OneOf<Observe>()
        from nesterov in Gen.Bool
        select new UnitSpec(
            kindRoll <= 5 ? UnitKind.Tf1 : kindRoll <= 7 ? UnitKind.HalfMigrated : kindRoll == 8 ? UnitKind.Gan : UnitKind.TwoGraphs,
            mode,
            creation,
            storage,
            optimizer,
            second,
            keras,
            decayRoll <= 5 ? Decay.None : (Decay)(decayRoll - 5),
            printRate,
            argument,
            spelling,
            apply,
            // A field read in a helper (the field stays in reach) half the time; a step passed to a helper (it escapes, no fix) a quarter.
            helperRoll == 0 || (helperRoll == 1 && storage == Storage.Field),
            lookup == 0,
            isVariable,
            steps,
            start,
            explicitRoll == 0,
            fieldInit,
            decayVariant,
            helperLookup == 0,
            // An observation of the step beyond its value in two units of three (docs/design/observables.md).
            observeRoll == 0 ? Observe.None : observe,
            nesterov);

    public static readonly Gen<ProgramSpec> Program =
        Gen.Select(Unit.Array[1, 3], Gen.Int[0, 2], (units, top) => Normalize(new ProgramSpec(units, top == 0)));

    /// <summary>The program of index <paramref name="index"/> in the run with <paramref name="seed"/>: reproducible from the two numbers alone.</summary>
    public static ProgramSpec Generate(ulong seed, int index) => Program.Generate(Pcg(seed, index), null, out _);

    /// <summary>
    /// CsCheck's seed string for program <paramref name="index"/> of the run with <paramref name="seed"/>:
    /// <c>Program.Sample(..., seed: SeedString(seed, index))</c> starts from that program, and
    /// <see cref="FromSeedString"/> rebuilds it.
    /// </summary>
    public static string SeedString(ulong seed, int index)
    {
        var pcg = Pcg(seed, index);
        return pcg.ToString(pcg.State);
    }

    /// <summary>The program a CsCheck seed string stands for (what CsCheck's "Set seed" reports for a shrunk failure).</summary>
    public static ProgramSpec FromSeedString(string seed) => Program.Generate(PCG.Parse(seed), null, out _);

    private static PCG Pcg(ulong seed, int index) =>
        new((uint)(index * 2 + 1), unchecked(seed * 6364136223846793005UL + (ulong)index));

    /// <summary>Turns any combination of choices into a valid, runnable program.</summary>
    public static ProgramSpec Normalize(ProgramSpec program)
    {
        var units = new List<UnitSpec>();
        var defaultGraphEager = false;

        for (var i = 0; i < program.Units.Count; i++)
        {
            var u = program.Units[i];
            var top = i == 0 && program.FirstAtTopLevel;
            switch (u.Kind)
            {
                case UnitKind.HalfMigrated:
                    // Its decay is a Keras schedule given to the Keras optimizer (Keras has no natural-exp schedule).
                    u = u with { Mode = Mode.Eager, Decay = u.Decay == Decay.NaturalExp ? Decay.Exponential : u.Decay, PrintRate = false, LaterLookup = false };
                    break;
                case UnitKind.Gan:
                    // Two TF1 optimizers share the step, in a graph or eagerly; the step is a local.
                    u = u with { Storage = Storage.Local, Decay = Decay.None };
                    break;
                case UnitKind.TwoGraphs:
                    u = u with
                    {
                        Mode = Mode.Graph,
                        Storage = Storage.Local,
                        HelperRead = false,
                        PrintRate = false,
                        Creation = u.Creation is Creation.Create or Creation.HandMade32 ? Creation.Create : Creation.GetOrCreate,
                    };
                    break;
            }

            if (u.Mode == Mode.Eager)
            {
                u = u with { LaterLookup = false, HelperLookup = false };
            }

            u = NormalizeObservation(u);

            if (top)
            {
                u = u with { Storage = Storage.Local };
            }

            if (u.Storage == Storage.Local)
            {
                u = u with { FieldInit = FieldInit.InRun };
            }

            if (u.Decay == Decay.None)
            {
                u = u with { PrintRate = false };
            }

            if (u.Decay is Decay.None or Decay.Piecewise or Decay.Cosine)
            {
                // Only exponential, inverse-time and natural-exp decays have staircase, polynomial has cycle.
                u = u with { DecayVariant = false };
            }

            if (u.Mode == Mode.Eager || u.Creation is Creation.HandMade32 or Creation.HandMade64)
            {
                // Only the global-step functions take a graph argument.
                u = u with { ExplicitGraph = false };
            }

            if (u.Creation == Creation.GetOrCreate)
            {
                u = u with { StepIsVariable = false };
            }

            // Eagerly, CreateGlobalStep and GetOrCreateGlobalStep share the default graph's collection:
            // a second CreateGlobalStep would throw, so every later one gets or creates (and shares).
            if (u.Mode == Mode.Eager && u.Creation is Creation.GetOrCreate or Creation.Create)
            {
                if (defaultGraphEager)
                {
                    u = u with { Creation = Creation.GetOrCreate, StepIsVariable = false };
                }

                defaultGraphEager = true;
            }

            units.Add(u);
        }

        // The default graph of DisableEagerExecution() is the whole program's: its unit is the program's only one.
        var defaultGraph = units.FindIndex(u => u.Observe == Observe.DefaultGraph);
        if (defaultGraph >= 0)
        {
            units = new List<UnitSpec> { units[defaultGraph] };
        }

        return program with { Units = units };
    }

    /// <summary>
    /// Where each observation is written: a TF1 unit whose step is a local (graph or eager); the graph-only ones in a
    /// graph. Elsewhere the unit observes nothing more.
    /// </summary>
    private static UnitSpec NormalizeObservation(UnitSpec u)
    {
        if (u.Optimizer != Tf1Optimizer.Momentum && (u.Kind != UnitKind.Gan || u.SecondOptimizer != Tf1Optimizer.Momentum))
        {
            u = u with { Nesterov = false };
        }

        if (u.Observe == Observe.None)
        {
            return u;
        }

        var graphOnly = u.Observe is Observe.CollectionsCounted or Observe.ScopedHelper or Observe.Checkpoint or Observe.NameScope
            or Observe.VariableScope or Observe.TrainByName or Observe.DefaultGraph or Observe.GlobalStepFunction
            or Observe.TrainControlInputs or Observe.ConstantByName;
        if (u.Kind != UnitKind.Tf1 || u.Storage != Storage.Local || (graphOnly && u.Mode != Mode.Graph))
        {
            return u with { Observe = Observe.None };
        }

        switch (u.Observe)
        {
            case Observe.NameScope or Observe.VariableScope:
                // A scope around the creation (not around a creation by graph argument). A hand-made step would be named
                // "outer/global_step": no lookup could find it, so the creation is a global-step function's.
                u = u with
                {
                    ExplicitGraph = false,
                    Creation = u.Creation is Creation.Create ? Creation.Create : Creation.GetOrCreate,
                    StepIsVariable = u.Creation is Creation.Create && u.StepIsVariable,
                };
                break;
            case Observe.DefaultGraph:
                u = u with { ExplicitGraph = false };
                break;
        }

        return u;
    }
}
