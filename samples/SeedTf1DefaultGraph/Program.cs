// The TF1 graph program from TensorFlow's get_global_step page, written as TF1 programs usually are:
// eager execution off at the top, everything on the default graph, no explicit Graph object.
using System;
using System.Collections.Generic;
using GlobalStepMigration.Runtime;

static (Tensor Loss, List<Variable> VarList) ComputeLoss(Tensor x)
{
    var v = Tf.Variable(3.0);
    var y = x * v;
    var loss = x * 5 - x * v;
    return (loss, new List<Variable> { v });
}

Tf.Compat.V1.DisableEagerExecution();
Tf.Compat.V1.ResetDefaultGraph();

var x = Tf.Compat.V1.Placeholder(Tf.Float32, TensorShape.Scalar);
var (loss, varList) = ComputeLoss(x);
var globalStep = Tf.Compat.V1.Train.GetOrCreateGlobalStep();
var globalInit = Tf.Compat.V1.GlobalVariablesInitializer();
var optimizer = Tf.Compat.V1.Train.GradientDescentOptimizer(0.1);
var trainOp = optimizer.Minimize(loss, globalStep, varList);

using var sess = Tf.Compat.V1.Session();
sess.Run(globalInit);
Console.WriteLine($"before training: {sess.Run(globalStep)}");
sess.Run(trainOp!, new FeedDict { [x] = 3 });
Console.WriteLine($"after training: {sess.Run(globalStep)}");

Console.WriteLine(sess.Run(Tf.Compat.V1.Train.GetGlobalStep()!));
Console.WriteLine($"executing eagerly: {Tf.ExecutingEagerly()}");
Console.WriteLine($"found by get_global_step: {Tf.Compat.V1.Train.GetGlobalStep()}");
