using RumOperator.CollectorConfig;

namespace RumCollector.Sampling;

/// <summary>What the sampler knows about a beacon; labels are the bounded ones, not raw paths.</summary>
public sealed record SamplingInput(string App, string Route, string Release, string SessionId, bool HasError, IReadOnlyDictionary<string, double> Vitals, int EventCount);

/// <summary>
/// Decides whether a beacon's raw events are exported. Metrics never depend on this. Rules come
/// from the merged SamplingPolicies, highest priority first, first match wins; errors and slow
/// sessions are always kept; the adaptive factor scales the rate toward the target, never below minRate.
/// </summary>
public sealed class SessionSampler(CollectorSampling config, AdaptiveRate? adaptive)
{
    public AdaptiveRate? Adaptive => adaptive;

    public double RuleRate(SamplingInput input)
    {
        foreach (var rule in config.Rules)
            if (Matches(rule, input)) return Math.Clamp(rule.SessionSampleRate, 0, 1);
        return 1;
    }

    public bool Keep(SamplingInput input)
    {
        if (config.AlwaysKeepErrors && input.HasError) return true;
        foreach (var (vital, threshold) in config.AlwaysKeepSlowerThan)
            if (input.Vitals.TryGetValue(vital, out var value) && value > threshold) return true;

        var rate = RuleRate(input);
        if (rate <= 0) return false;
        if (adaptive is not null && config.Adaptive is { } spec)
        {
            adaptive.Observe((int)Math.Ceiling(input.EventCount * rate));
            rate = Math.Max(rate * adaptive.Factor, Math.Min(rate, spec.MinRate));
        }
        return SessionHash.UnitInterval(input.SessionId) < rate;
    }

    private static bool Matches(CollectorSamplingRule rule, SamplingInput input)
    {
        var m = rule.Match;
        if (m.App is { } app && app != input.App) return false;
        if (m.Release is { } release && release != input.Release) return false;
        if (m.Route is { } route)
        {
            var ok = route.EndsWith('*') ? input.Route.StartsWith(route[..^1], StringComparison.Ordinal) : route == input.Route;
            if (!ok) return false;
        }
        return true;
    }
}
