// The TF2 migration target from TensorFlow's get_global_step page: a Keras optimizer owns the step.
using System;
using System.Collections.Generic;
using System.Linq;
using GlobalStepMigration.Runtime;

static (Tensor Loss, List<Variable> VarList) ComputeLoss(Tensor x)
{
    var v = Tf.Variable(3.0);
    var y = x * v;
    var loss = x * 5 - x * v;
    return (loss, new List<Variable> { v });
}

var optimizer = Tf.Keras.Optimizers.SGD(.01);
Console.WriteLine($"before training: {optimizer.Iterations.Numpy()}");
using (var tape = Tf.GradientTape())
{
    var (loss, varList) = ComputeLoss(3);
    var grads = tape.Gradient(loss, varList);
    optimizer.ApplyGradients(grads.Zip(varList));
}

Console.WriteLine($"after training: {optimizer.Iterations.Numpy()}");
