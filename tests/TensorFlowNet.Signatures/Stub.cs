using System;

namespace Tensorflow
{
    /// <summary>The single body of every reproduced member: these signatures exist for compilation only.</summary>
    internal static class Stub
    {
        public static Exception Signature() =>
            new NotSupportedException("Signature-only stand-in for TensorFlow.NET (tests of GlobalStepMigration); it does not run.");
    }
}
