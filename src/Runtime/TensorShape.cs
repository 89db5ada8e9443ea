using System;
using System.Collections.Generic;
using System.Linq;

namespace GlobalStepMigration.Runtime;

/// <summary>
/// The static shape of a tensor (TensorFlow's <c>TensorShape</c>): unknown rank, or a list of
/// dimensions each known or unknown.
/// </summary>
public sealed class TensorShape : IEquatable<TensorShape>
{
    private readonly int?[]? _dims;

    /// <summary>Creates a fully defined shape.</summary>
    public TensorShape(params int[] dims)
    {
        ArgumentNullException.ThrowIfNull(dims);
        foreach (var d in dims)
        {
            if (d < 0)
            {
                throw new ValueErrorException($"Dimension {d} must be >= 0");
            }
        }

        _dims = dims.Select(d => (int?)d).ToArray();
    }

    private TensorShape(int?[]? dims) => _dims = dims;

    /// <summary>A shape whose rank is not known.</summary>
    public static TensorShape Unknown { get; } = new((int?[]?)null);

    /// <summary>The shape of a scalar, <c>()</c>.</summary>
    public static TensorShape Scalar { get; } = new(Array.Empty<int>());

    /// <summary>A shape of known rank whose dimensions may be unknown (null).</summary>
    public static TensorShape Partial(params int?[] dims)
    {
        ArgumentNullException.ThrowIfNull(dims);
        return new TensorShape((int?[])dims.Clone());
    }

    /// <summary>The number of dimensions, or null when unknown (TensorFlow's <c>ndims</c>).</summary>
    public int? Rank => _dims?.Length;

    /// <summary>The dimensions, each null when unknown; null when the rank is unknown.</summary>
    public IReadOnlyList<int?>? Dims => _dims;

    /// <summary>True when the rank and every dimension are known.</summary>
    public bool IsFullyDefined => _dims is not null && _dims.All(d => d.HasValue);

    /// <summary>The dimensions of a fully defined shape.</summary>
    public int[] AsArray() =>
        IsFullyDefined ? _dims!.Select(d => d!.Value).ToArray()
                       : throw new ValueErrorException("Cannot convert a partially known TensorShape to a list.");

    /// <summary>Whether a concrete shape fits this (possibly partial) shape.</summary>
    public bool IsCompatibleWith(IReadOnlyList<int> concrete)
    {
        ArgumentNullException.ThrowIfNull(concrete);
        if (_dims is null)
        {
            return true;
        }

        if (_dims.Length != concrete.Count)
        {
            return false;
        }

        for (var i = 0; i < _dims.Length; i++)
        {
            if (_dims[i] is int d && d != concrete[i])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether two possibly partial shapes can describe the same tensor (TensorFlow's <c>is_compatible_with</c>).</summary>
    public bool IsCompatibleWith(TensorShape other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (_dims is null || other._dims is null)
        {
            return true;
        }

        return _dims.Length == other._dims.Length
            && _dims.Zip(other._dims).All(p => p.First is null || p.Second is null || p.First == p.Second);
    }

    internal static TensorShape Of(IReadOnlyList<int> dims) => new(dims.ToArray());

    /// <inheritdoc />
    public bool Equals(TensorShape? other)
    {
        if (other is null)
        {
            return false;
        }

        if (_dims is null || other._dims is null)
        {
            return _dims is null && other._dims is null;
        }

        return _dims.SequenceEqual(other._dims);
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as TensorShape);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        if (_dims is null)
        {
            return -1;
        }

        var h = new HashCode();
        foreach (var d in _dims)
        {
            h.Add(d);
        }

        return h.ToHashCode();
    }

    /// <summary>Prints like TensorFlow: <c>()</c>, <c>(2,)</c>, <c>(None, 3)</c>, <c>&lt;unknown&gt;</c>.</summary>
    public override string ToString()
    {
        if (_dims is null)
        {
            return "<unknown>";
        }

        static string Dim(int? d) => d?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "None";
        return _dims.Length == 1 ? $"({Dim(_dims[0])},)" : "(" + string.Join(", ", _dims.Select(Dim)) + ")";
    }
}
