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

/// <summary>TensorFlow's <c>NotFoundError</c>: a file or a checkpoint key that does not exist.</summary>
public class NotFoundException : OpErrorException
{
    /// <summary>Creates the exception with TensorFlow's message.</summary>
    public NotFoundException(string message) : base(message) { }

    /// <summary>Creates the exception with TensorFlow's message and a cause.</summary>
    public NotFoundException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>Creates the exception.</summary>
    public NotFoundException() { }
}

/// <summary>TensorFlow's <c>DataLossError</c>: a corrupt checkpoint file.</summary>
public class DataLossException : OpErrorException
{
    /// <summary>Creates the exception with TensorFlow's message.</summary>
    public DataLossException(string message) : base(message) { }

    /// <summary>Creates the exception with TensorFlow's message and a cause.</summary>
    public DataLossException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>Creates the exception.</summary>
    public DataLossException() { }
}

/// <summary>TensorFlow's <c>OutOfRangeError</c>, for example a checkpoint file that ends early.</summary>
public class OutOfRangeException : OpErrorException
{
    /// <summary>Creates the exception with TensorFlow's message.</summary>
    public OutOfRangeException(string message) : base(message) { }

    /// <summary>Creates the exception with TensorFlow's message and a cause.</summary>
    public OutOfRangeException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>Creates the exception.</summary>
    public OutOfRangeException() { }
}
