using System;
using System.Globalization;

namespace GlobalStepMigration.Analyzers;

/// <summary>
/// Which optimizer increments a step: its name and where it is declared, so that two optimizers with one
/// name in different scopes stay two. An optimizer that is not stored (<c>Make().Minimize(loss, step)</c>)
/// is keyed by the expression's text and the call's position, and is not <see cref="Known"/>.
/// </summary>
internal sealed class OptimizerKey : IEquatable<OptimizerKey>
{
    private OptimizerKey(string name, int? position, bool known, Microsoft.CodeAnalysis.ISymbol? symbol = null)
    {
        Name = name;
        Position = position;
        Known = known;
        Symbol = symbol;
    }

    /// <summary>The local or field that holds the optimizer, when the analysis saw it (not part of equality: the name and the declaration say the same).</summary>
    public Microsoft.CodeAnalysis.ISymbol? Symbol { get; }

    /// <summary>The variable, field or parameter that holds the optimizer (or the expression, when it is not stored).</summary>
    public string Name { get; }

    /// <summary>Where it is declared (or, for an expression, where the call is); null when only the name is known.</summary>
    public int? Position { get; }

    /// <summary>Whether the optimizer is a local, field, parameter or property (false: an expression).</summary>
    public bool Known { get; }

    /// <summary>A stored optimizer, by its symbol.</summary>
    public static OptimizerKey Of(Microsoft.CodeAnalysis.ISymbol symbol) =>
        new(symbol.Name, symbol.Locations.Length > 0 ? symbol.Locations[0].SourceSpan.Start : -1, known: true, symbol);

    /// <summary>An optimizer named at a use (the Keras optimizer updated before a manual increment).</summary>
    public static OptimizerKey Named(string name) => new(name, null, known: true);

    /// <summary>An optimizer that is not stored: the expression and the call's position.</summary>
    public static OptimizerKey Expression(string text, int callAt) => new(text, callAt, known: false);

    public bool Equals(OptimizerKey? other) =>
        other is not null && other.Name == Name && other.Position == Position && other.Known == Known;

    public override bool Equals(object? obj) => Equals(obj as OptimizerKey);

    public override int GetHashCode() => unchecked((StringComparer.Ordinal.GetHashCode(Name) * 397) ^ (Position ?? -1) ^ (Known ? 1 : 0));

    public override string ToString() => Position is { } position ? Name + "@" + position.ToString(CultureInfo.InvariantCulture) : Name;
}
