// Broken code (docs/design/patterns.md): broken or incomplete code (not run: the fuzzer mutates it further).
using System;
using GlobalStepMigration.Runtime;

var g = new Graph();
Tensor step
using (g.AsDefault())
{
    step = Tf.Compat.V1.Train.GetOrCreateGlobalStep(g, );
    var opt = Tf.Compat.V1.Train.GradientDescentOptimizer();
    var train = opt.Minimize(, step, new[] { missing });
    var lr = Tf.Compat.V1.Train.ExponentialDecay(0.1, step
}

class Half
{
    private Tensor _s = Tf.Compat.V1.Train.GetOrCreateGlobalStep(
    public void M() => Tf.Compat.V1.Train.GradientDescentOptimizer(0.1).Minimize(Tf.Square(_s), _s, 
