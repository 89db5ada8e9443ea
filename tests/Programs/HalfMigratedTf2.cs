// Half-migrated TF2 (docs/design/patterns.md): Keras optimizer, GradientTape, legacy step bumped by hand.
using System;
using System.Collections.Generic;
using GlobalStepMigration.Runtime;

var step = Tf.Compat.V1.Train.GetOrCreateGlobalStep();
var optimizer = Tf.Keras.Optimizers.SGD(0.05);
var v = Tf.Variable(2.0);
for (var i = 0; i < 3; i++)
{
    using (var tape = Tf.GradientTape())
    {
        var loss = Tf.Square(v);
        var grads = tape.Gradient(loss, new List<Tensor> { v });
        optimizer.ApplyGradients(new[] { (grads[0], v) });
        ((Variable)step).AssignAdd(1);
    }

    Console.WriteLine($"step {step.Numpy()} v {(double)v.Numpy():F4}");
}
