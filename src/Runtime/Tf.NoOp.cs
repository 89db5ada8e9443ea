namespace GlobalStepMigration.Runtime;

public static partial class Tf
{
    /// <summary>
    /// An operation that does nothing but run its control inputs (TensorFlow's <c>tf.no_op</c>): in
    /// the default graph, named <paramref name="name"/> (default <c>NoOp</c>) under the current name
    /// scope, with the current control dependencies; a name ending in <c>/</c> is used as it is.
    /// Eagerly there is nothing to run and the result is null.
    /// </summary>
    public static Operation? NoOp(string? name = null)
    {
        var graph = DefaultGraphStack.Top;
        return graph?.CreateNoOp(string.IsNullOrEmpty(name) ? "NoOp" : name);
    }
}
