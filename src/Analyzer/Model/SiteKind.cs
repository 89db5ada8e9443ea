namespace GlobalStepMigration.Analyzers;

/// <summary>
/// The role a site plays in a global-step unit. The <c>SiteKind</c> property of a diagnostic and the entries of
/// <c>AdditionalLocationKinds</c> spell these with the names of <see cref="SiteKinds.PropertyValue"/>, a contract
/// that does not follow renames here (docs/design/unit-model.md).
/// </summary>
internal enum SiteKind
{
    /// <summary>The step is created here (CreateGlobalStep, GetOrCreateGlobalStep, or a hand-made variable). GSM001 for the functions.</summary>
    Creation,

    /// <summary>The step is looked up with GetGlobalStep (GSM001). "Lookup" means this site everywhere.</summary>
    Lookup,

    /// <summary>The step is passed to a TF1 optimizer, which increments it (GSM002).</summary>
    PassedToOptimizer,

    /// <summary>The step feeds a TF1 learning-rate decay function (GSM003).</summary>
    Decay,

    /// <summary>The step is incremented by hand (<c>AssignAdd</c>).</summary>
    Increment,

    /// <summary>The step's value is read (Session.Run, Numpy, printing, arithmetic).</summary>
    Read,

    /// <summary>The step is found by tensor or operation name (GSM004).</summary>
    FoundByName,

    /// <summary>The step is read or registered through the GLOBAL_STEP collection (GSM004).</summary>
    FoundInCollection,

    /// <summary>A global-step function is used as a method group (GSM004).</summary>
    FoundThroughMethodGroup,

    /// <summary>The step's value is read with <c>GlobalStep(sess, step)</c> (GSM001): both fixes rewrite it to the read it makes.</summary>
    GlobalStepValue,
}

/// <summary>How the diagnostics' properties spell site kinds.</summary>
internal static class SiteKinds
{
    /// <summary>The property value of a kind (Creation, Lookup, OptimizerArgument, Decay, Increment, Read, NameLookup, CollectionLookup, MethodGroup).</summary>
    public static string PropertyValue(SiteKind kind) => kind switch
    {
        SiteKind.PassedToOptimizer => "OptimizerArgument",
        SiteKind.FoundByName => "NameLookup",
        SiteKind.FoundInCollection => "CollectionLookup",
        SiteKind.FoundThroughMethodGroup => "MethodGroup",
        _ => kind.ToString(),
    };

    /// <summary>The kind a property value spells, if any.</summary>
    public static bool TryParse(string? value, out SiteKind kind)
    {
        foreach (SiteKind candidate in System.Enum.GetValues(typeof(SiteKind)))
        {
            if (PropertyValue(candidate) == value)
            {
                kind = candidate;
                return true;
            }
        }

        kind = default;
        return false;
    }
}
