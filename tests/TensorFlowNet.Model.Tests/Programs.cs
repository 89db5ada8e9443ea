using Xunit;

namespace GlobalStepMigration.TensorFlowNet.Model.Tests;

/// <summary>Runs one program on a generation and compares its output line by line.</summary>
internal static class Programs
{
    /// <summary>A graph-mode program: the usings, System.Linq, disable_eager_execution, then <paramref name="body"/>.</summary>
    public static string Graph(string body) =>
        ModelRunner.Usings + "using System.Linq;\n" + "tf.compat.v1.disable_eager_execution();\n" + body + "\n" + Helpers;

    /// <summary>F(x): a float printed with up to 4 decimals; Error(action): the exception type and message an action throws.</summary>
    private const string Helpers = """
        static class Out
        {
            public static string F(float value) => value.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture);

            public static string Error(Action action)
            {
                try
                {
                    action();
                    return "no exception";
                }
                catch (Exception e)
                {
                    return e.GetType().Name + ": " + e.Message;
                }
            }
        }
        """;

    /// <summary>The fixture most programs train: loss = (x * w - 2)^2 with w = 3, fed x = 1 (gradient 2 at w = 3).</summary>
    public const string Fixture = """
        var x = tf.placeholder(tf.float32, name: "x");
        var w = tf.Variable(3.0f, name: "w");
        var loss = tf.square(x * w - 2.0f, name: "loss");

        """;

    /// <summary>Runs <paramref name="body"/> (see <see cref="Graph"/>) and asserts its output.</summary>
    public static void Expect(TfNetGeneration generation, string body, string expected)
    {
        var output = ModelRunner.Run(Graph(body), generation);
        Assert.Equal(Normalize(expected), Normalize(output));
    }

    /// <summary>As <see cref="Expect"/>, without disabling eager execution (TensorFlow.NET's default mode).</summary>
    public static void ExpectEager(TfNetGeneration generation, string body, string expected)
    {
        var output = ModelRunner.Run(ModelRunner.Usings + body + "\n" + Helpers, generation);
        Assert.Equal(Normalize(expected), Normalize(output));
    }

    private static string Normalize(string text) => text.Replace("\r\n", "\n").TrimEnd('\n');
}
