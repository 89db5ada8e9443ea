using Xunit;
using static GlobalStepMigration.TensorFlowNet.Model.Tests.Programs;

namespace GlobalStepMigration.TensorFlowNet.Model.Tests;

/// <summary>
/// What sess.run returns (BaseSession.cs:51-137 and the fetch mappers): a Tensor's value; null for an Operation alone;
/// an Operation among other fetches as NaN; fetches without repeats. Each node runs once per run, so "w/read" fetched
/// with the train op is the value the gradient used, before the update.
/// </summary>
public sealed class SessionRunTests
{
    /// <summary>
    /// The current generation's values are Tensors: ToArray&lt;T&gt; copies the elements when T is their dtype and throws
    /// ArrayTypeMismatchException otherwise (Tensor.Value.cs:15-37); ndim and size are Tensor's (Tensor.cs:73-76).
    /// </summary>
    [Fact]
    public void Values_ToArrayNeedsTheDtype() => Expect(TfNetGeneration.Current, """
        var sess = tf.Session();
        var value = sess.run(tf.constant(new[] { 1.5f, 2.5f }));
        print($"{value.ndim} {value.size} {string.Join(",", value.ToArray<float>().Select(Out.F))}");
        print(Out.Error(() => value.ToArray<int>()));
        """, """
        1 2 1.5,2.5
        ArrayTypeMismatchException: Required dtype TF_FLOAT mismatch with TF_INT32.
        """);

    [Theory]
    [InlineData(TfNetGeneration.Current)]
    [InlineData(TfNetGeneration.Old)]
    public void Fetches_ValuesNullAndNaN(TfNetGeneration generation) => Expect(generation, Fixture + """
        var train_op = tf.train.GradientDescentOptimizer(0.1f).minimize(loss);
        var sess = tf.Session();
        sess.run(tf.global_variables_initializer());
        var alone = sess.run((ITensorOrOperation)train_op, (x, 1.0f));
        print(alone == null);
        var (op, value) = sess.run((train_op, w.AsTensor()), (x, 1.0f));
        print($"{op} {Out.F(value)}");
        var array = sess.run(new object[] { train_op, "w/read:0" }, (x, 1.0f));
        print($"{array.Length} {array[0]} {Out.F(array[1])}");
        var byName = sess.run("w/read:0");
        print($"{byName.Length} {Out.F(byName[0])}");
        print(sess.run((object)train_op, (x, 1.0f)) == null);
        print(Out.Error(() => sess.run((w.AsTensor(), w.AsTensor()))));
        print(Out.Error(() => sess.run(new List<Tensor> { w.AsTensor() })));
        """, """
        True
        NaN 2.8
        2 NaN 2.64
        1 2.512
        True
        IndexOutOfRangeException: Index was outside the bounds of the array.
        Exception: Can not convert a List`1 into a Tensor or Operation.
        """);

    /// <summary>Old _FetchHandler.cs:71-98: with an Operation in the fetches, an int64 first value is a NotImplementedException, raised after the run.</summary>
    [Fact]
    public void Old_OperationWithAnInt64Fetch_FailsAfterRunning() => Expect(TfNetGeneration.Old, Fixture + """
        var gs = tf.Variable(0L, trainable: false, name: "global_step");
        var train_op = tf.group(new ITensorOrOperation[] { tf.train.GradientDescentOptimizer(0.1f).minimize(loss), tf.assign_add(gs, 1L) });
        var sess = tf.Session();
        sess.run(tf.global_variables_initializer());
        print(Out.Error(() => sess.run((train_op, gs.AsTensor()), (x, 1.0f))));
        print(sess.run(gs));
        """, """
        NotImplementedException: build_results tensor_values[0] Int64
        1
        """);

    /// <summary>The current generation returns NaN for the Operation whatever the dtype of the values.</summary>
    [Fact]
    public void Current_OperationWithAnInt64Fetch_IsNaN() => Expect(TfNetGeneration.Current, Fixture + """
        var gs = tf.Variable(0L, trainable: false, name: "global_step");
        var train_op = tf.group(new ITensorOrOperation[] { tf.train.GradientDescentOptimizer(0.1f).minimize(loss), tf.assign_add(gs, 1L) });
        var sess = tf.Session();
        sess.run(tf.global_variables_initializer());
        var (op, step) = sess.run((train_op, gs.AsTensor()), (x, 1.0f));
        print($"{op} {step}");
        """, """
        NaN 1
        """);

    /// <summary>Reading a variable before its initializer ran (the C library's FAILED_PRECONDITION through Status.Check).</summary>
    [Theory]
    [InlineData(TfNetGeneration.Current, "NotOkStatusException")]
    [InlineData(TfNetGeneration.Old, "TensorflowException")]
    public void UninitializedVariable_IsAStatusError(TfNetGeneration generation, string type) => Expect(generation, """
        var w = tf.Variable(3.0f, name: "w");
        var sess = tf.Session();
        print(Out.Error(() => sess.run(w)));
        sess.run(w.Initializer);
        print(Out.F(sess.run(w)));
        """, type + """
        : Attempting to use uninitialized value w
        3
        """);
}
