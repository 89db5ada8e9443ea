using GlobalStepMigration.Analyzers;

namespace GlobalStepMigration.CodeFixes;

/// <summary>
/// What a step of a fix produced: a value (a bound unit, a rewrite, a plan) or the <see cref="Blocker"/>
/// that declines it. Every decline of the code fixes names its reason this way, from the same
/// <see cref="BlockerKind"/> table as the analysis, even where no message shows it yet.
/// </summary>
/// <typeparam name="T">The value on success.</typeparam>
internal readonly struct Outcome<T>
    where T : class
{
    private Outcome(T? value, Blocker? blocker)
    {
        Value = value;
        Blocker = blocker;
    }

    /// <summary>The value; null when declined.</summary>
    public T? Value { get; }

    /// <summary>Why it was declined; null when there is a value.</summary>
    public Blocker? Blocker { get; }

    public static implicit operator Outcome<T>(T value) => new(value, null);

    public static implicit operator Outcome<T>(Blocker blocker) => new(null, blocker);

    /// <summary>The same decline for another value type.</summary>
    public Outcome<TOther> Declined<TOther>()
        where TOther : class => Blocker!;
}
