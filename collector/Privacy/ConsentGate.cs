using RumOperator.Api;

namespace RumCollector.Privacy;

public enum ConsentState { Granted, Denied, Unknown }

/// <summary>What a beacon's consent allows: full processing, anonymous processing, or nothing.</summary>
public enum ConsentDecision { Full, Anonymous, Drop }

public static class ConsentGate
{
    /// <summary>An absent consent field counts as granted unless the pipeline requires one.</summary>
    public static ConsentState Effective(ConsentState? reported, ConsentSpec spec) =>
        reported ?? (spec.Required ? ConsentState.Unknown : ConsentState.Granted);

    public static ConsentDecision Decide(ConsentState state, ConsentSpec spec) => state switch
    {
        ConsentState.Granted => ConsentDecision.Full,
        ConsentState.Denied => ConsentDecision.Drop,
        _ => spec.WhenMissing == MissingConsent.Drop ? ConsentDecision.Drop : ConsentDecision.Anonymous,
    };
}
