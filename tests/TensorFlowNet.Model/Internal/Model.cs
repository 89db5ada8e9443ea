// Internal plumbing of the TensorFlow.NET model (no TensorFlow.NET counterpart).
// Source paths in comments: "Core/" is src/TensorFlowNET.Core/ of SciSharp/TensorFlow.NET; "current" is tag
// v0.150.0-BERT-Model (commit 94c0bb87), "old" is tag v0.20 (commit d1503cac). Facts are TensorFlow.NET's; the
// code is written here over GlobalStepMigration.Runtime (src/Runtime).
using System;
using Rt = GlobalStepMigration.Runtime;

namespace Tensorflow
{
    /// <summary>Which TensorFlow.NET release this build models, and the errors for what it does not model.</summary>
    internal static class Model
    {
#if TFNET_V020
        internal const string Tag = "v0.20";
#else
        internal const string Tag = "v0.150.0-BERT-Model";
#endif

        /// <summary>A clear error for a TensorFlow.NET feature the model leaves out (docs/tensorflow-net.md, "The model").</summary>
        internal static NotSupportedException NotModelled(string what) =>
            new($"{what} is not part of the TensorFlow.NET model ({Tag}, tests/TensorFlowNet.Model); see docs/tensorflow-net.md.");

        /// <summary>The model runs TF1 graph code only; eager execution is TensorFlow.NET's default and is not modelled.</summary>
        internal static NotSupportedException EagerNotModelled(string what) =>
            NotModelled($"{what} while executing eagerly (call tf.compat.v1.disable_eager_execution() first, as TF1-style TensorFlow.NET programs do)");

        /// <summary>
        /// TensorFlow.NET raises graph-construction and run-time failures of the TensorFlow C library through
        /// Status.Check(true): INVALID_ARGUMENT as InvalidArgumentError, OUT_OF_RANGE as OutOfRangeError, any other
        /// code as NotOkStatusException (current, Core/Status/Status.cs:77-96) or TensorflowException (old,
        /// Core/Status/Status.cs:76-94). The runtime's exceptions become those.
        /// </summary>
        internal static Exception Translate(Exception e) => e switch
        {
            Rt.InvalidArgumentException => new InvalidArgumentError(e.Message),
            Rt.OpErrorException => StatusError(e.Message),
            Rt.TypeErrorException => new TypeError(e.Message),
            Rt.ValueErrorException => new InvalidArgumentError(e.Message),
            System.Collections.Generic.KeyNotFoundException => new KeyError(e.Message),
            _ => e,
        };

        /// <summary>The exception Status.Check(true) throws for a status code other than INVALID_ARGUMENT and OUT_OF_RANGE.</summary>
        internal static TensorflowException StatusError(string message) =>
#if TFNET_V020
            new TensorflowException(message);
#else
            new NotOkStatusException(message);
#endif

        /// <summary>Runs <paramref name="action"/>, turning the runtime's exceptions into TensorFlow.NET's.</summary>
        internal static T Guard<T>(Func<T> action)
        {
            try
            {
                return action();
            }
            catch (Exception e) when (e is Rt.OpErrorException or Rt.TypeErrorException or Rt.ValueErrorException or System.Collections.Generic.KeyNotFoundException)
            {
                throw Translate(e);
            }
        }
    }
}
