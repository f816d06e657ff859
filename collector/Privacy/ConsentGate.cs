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

    /// <summary>The state as a label value and export field: granted, denied, unknown.</summary>
    public static string Label(ConsentState state) => state switch
    {
        ConsentState.Granted => "granted",
        ConsentState.Denied => "denied",
        _ => "unknown",
    };

    public static ConsentDecision Decide(ConsentState state, ConsentSpec spec) => state switch
    {
        ConsentState.Granted => ConsentDecision.Full,
        ConsentState.Denied => ConsentDecision.Drop,
        // Without required consent the state is informational (an SDK that nobody asked for consent sends
        // unknown): only an explicit denial drops. With it, whenMissing decides.
        _ when !spec.Required => ConsentDecision.Full,
        _ => spec.WhenMissing == MissingConsent.Drop ? ConsentDecision.Drop : ConsentDecision.Anonymous,
    };
}
