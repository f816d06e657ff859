using System.Text.Json.Nodes;
using RumOperator.Api;

namespace RumOperator.Rendering.Pipeline;

/// <summary>Container requests and limits: the user's values over defaults sized for a few thousand events per second.</summary>
internal static class CollectorResources
{
    public static readonly IReadOnlyDictionary<string, string> DefaultRequests = new Dictionary<string, string>
    {
        ["cpu"] = "100m",
        ["memory"] = "128Mi",
    };

    public static readonly IReadOnlyDictionary<string, string> DefaultLimits = new Dictionary<string, string>
    {
        ["memory"] = "256Mi",
    };

    public static JsonObject Build(ResourcesSpec? spec)
    {
        // Requests always keep a cpu value: the HPA's utilization target is a share of it.
        var requests = Merge(DefaultRequests, spec?.Requests);
        // The default memory limit only fits the default memory request; a user who sized the
        // request themselves without a limit would otherwise get a limit below their request.
        IReadOnlyDictionary<string, string> limits = spec?.Limits
            ?? (spec?.Requests?.ContainsKey("memory") == true ? new Dictionary<string, string>() : DefaultLimits);

        var resources = new JsonObject();
        if (limits.Count > 0) resources["limits"] = ToJson(limits);
        resources["requests"] = ToJson(requests);
        return resources;
    }

    private static Dictionary<string, string> Merge(IReadOnlyDictionary<string, string> defaults, IReadOnlyDictionary<string, string>? overrides)
    {
        var merged = new Dictionary<string, string>(defaults);
        foreach (var (key, value) in overrides ?? new Dictionary<string, string>()) merged[key] = value;
        return merged;
    }

    private static JsonObject ToJson(IEnumerable<KeyValuePair<string, string>> values) =>
        new(values.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value)));
}
