// Pattern 1: the seed's TF1 graph program.
using System;
using System.Collections.Generic;
using GlobalStepMigration.Runtime;

static (Tensor Loss, List<Variable> VarList) ComputeLoss(Tensor x)
{
    var v = Tf.Variable(3.0);
    var loss = x * 5 - x * v;
    return (loss, new List<Variable> { v });
}

var g = new Graph();
Tensor x;
Tensor globalStep;
Operation globalInit;
Operation? trainOp;
using (g.AsDefault())
{
    x = Tf.Compat.V1.Placeholder(Tf.Float32, TensorShape.Scalar);
    var (loss, varList) = ComputeLoss(x);
    globalStep = Tf.Compat.V1.Train.GetOrCreateGlobalStep();
    globalInit = Tf.Compat.V1.GlobalVariablesInitializer();
    var optimizer = Tf.Compat.V1.Train.GradientDescentOptimizer(0.1);
    trainOp = optimizer.Minimize(loss, globalStep, varList);
}

var sess = Tf.Compat.V1.Session(graph: g);
sess.Run(globalInit);
Console.WriteLine($"before training: {sess.Run(globalStep)}");
sess.Run(trainOp!, new FeedDict { [x] = 3 });
Console.WriteLine($"after training: {sess.Run(globalStep)}");

using (g.AsDefault())
{
    Console.WriteLine(sess.Run(Tf.Compat.V1.Train.GetGlobalStep()!));
}
