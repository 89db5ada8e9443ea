// TensorFlow.NET's exception types. Current: Core/Exceptions/*.cs (TensorflowException.cs:11, ValueError.cs:3,
// TypeError.cs:3, KeyError.cs:3, RuntimeError.cs:3, InvalidArgumentError.cs:3, OutOfRangeError.cs,
// NotOkStatusException.cs:7); old: the same files without NotOkStatusException.
using System;

namespace Tensorflow
{
    /// <summary>The base of TensorFlow.NET's exceptions.</summary>
    public class TensorflowException : Exception
    {
        public TensorflowException() { }

        public TensorflowException(string message) : base(message) { }

        public TensorflowException(string message, Exception innerException) : base(message, innerException) { }
    }

    public class ValueError : TensorflowException
    {
        public ValueError() { }

        public ValueError(string message) : base(message) { }
    }

    public class TypeError : TensorflowException
    {
        public TypeError() { }

        public TypeError(string message) : base(message) { }
    }

    public class KeyError : TensorflowException
    {
        public KeyError() { }

        public KeyError(string message) : base(message) { }
    }

    public class RuntimeError : TensorflowException
    {
        public RuntimeError() { }

        public RuntimeError(string message) : base(message) { }
    }

    public class InvalidArgumentError : TensorflowException
    {
        public InvalidArgumentError() { }

        public InvalidArgumentError(string message) : base(message) { }
    }

    public class OutOfRangeError : TensorflowException
    {
        public OutOfRangeError() { }

        public OutOfRangeError(string message) : base(message) { }
    }

#if !TFNET_V020
    /// <summary>Status.Check(true) for codes other than INVALID_ARGUMENT and OUT_OF_RANGE (current only).</summary>
    public class NotOkStatusException : TensorflowException
    {
        public NotOkStatusException() { }

        public NotOkStatusException(string message) : base(message) { }
    }
#endif
}
