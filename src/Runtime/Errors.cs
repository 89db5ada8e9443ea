using System;

namespace GlobalStepMigration.Runtime;

/// <summary>TensorFlow's <c>TypeError</c>: a value of the wrong kind or dtype.</summary>
public class TypeErrorException : Exception
{
    /// <summary>Creates the exception with TensorFlow's message.</summary>
    public TypeErrorException(string message) : base(message) { }

    /// <summary>Creates the exception with TensorFlow's message and a cause.</summary>
    public TypeErrorException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>Creates the exception.</summary>
    public TypeErrorException() { }
}

/// <summary>TensorFlow's <c>ValueError</c>: an argument or state that TensorFlow rejects.</summary>
public class ValueErrorException : Exception
{
    /// <summary>Creates the exception with TensorFlow's message.</summary>
    public ValueErrorException(string message) : base(message) { }

    /// <summary>Creates the exception with TensorFlow's message and a cause.</summary>
    public ValueErrorException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>Creates the exception.</summary>
    public ValueErrorException() { }
}

/// <summary>Python's <c>AttributeError</c>, as TensorFlow raises it for a missing method (<c>'EagerTensor' object has no attribute 'assign'</c>).</summary>
public class AttributeErrorException : Exception
{
    /// <summary>Creates the exception with Python's message.</summary>
    public AttributeErrorException(string message) : base(message) { }

    /// <summary>Creates the exception with Python's message and a cause.</summary>
    public AttributeErrorException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>Creates the exception.</summary>
    public AttributeErrorException() { }
}

/// <summary>TensorFlow's <c>OpError</c>: an error raised while running an operation.</summary>
public class OpErrorException : Exception
{
    /// <summary>Creates the exception with TensorFlow's message.</summary>
    public OpErrorException(string message) : base(message) { }

    /// <summary>Creates the exception with TensorFlow's message and a cause.</summary>
    public OpErrorException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>Creates the exception.</summary>
    public OpErrorException() { }
}

/// <summary>TensorFlow's <c>FailedPreconditionError</c>, for example reading an uninitialized variable.</summary>
public class FailedPreconditionException : OpErrorException
{
    /// <summary>Creates the exception with TensorFlow's message.</summary>
    public FailedPreconditionException(string message) : base(message) { }

    /// <summary>Creates the exception with TensorFlow's message and a cause.</summary>
    public FailedPreconditionException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>Creates the exception.</summary>
    public FailedPreconditionException() { }
}

/// <summary>TensorFlow's <c>InvalidArgumentError</c>, for example an unfed placeholder.</summary>
public class InvalidArgumentException : OpErrorException
{
    /// <summary>Creates the exception with TensorFlow's message.</summary>
    public InvalidArgumentException(string message) : base(message) { }

    /// <summary>Creates the exception with TensorFlow's message and a cause.</summary>
    public InvalidArgumentException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>Creates the exception.</summary>
    public InvalidArgumentException() { }
}
