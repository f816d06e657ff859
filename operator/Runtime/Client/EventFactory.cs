using System.Globalization;
using System.Text.Json.Nodes;

namespace RumOperator.Runtime.Client;

/// <summary>Builds events.k8s.io/v1 Events the way client-go's recorder names and shapes them.</summary>
public static class EventFactory
{
    public const string ReportingController = "rum-operator";

    public static JsonObject Build(JsonObject regarding, EventType type, string reason, string action, string note,
        string reportingInstance, DateTimeOffset now)
    {
        var name = ObjectMeta.Name(regarding);
        var ns = ObjectMeta.Namespace(regarding) ?? "default";
        // client-go names events "<object>.<unix nanos in hex>": unique per emission without a server round trip.
        var nanos = (now - DateTimeOffset.UnixEpoch).Ticks * 100;
        return new JsonObject
        {
            ["apiVersion"] = "events.k8s.io/v1",
            ["kind"] = "Event",
            ["metadata"] = new JsonObject { ["name"] = $"{name}.{nanos:x}", ["namespace"] = ns },
            ["eventTime"] = now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture),
            ["type"] = type.ToString(),
            ["reason"] = reason,
            ["action"] = action,
            // The API server rejects notes over 1 kB.
            ["note"] = note.Length <= 1024 ? note : note[..1021] + "...",
            ["reportingController"] = ReportingController,
            ["reportingInstance"] = reportingInstance,
            ["regarding"] = new JsonObject
            {
                ["apiVersion"] = ObjectMeta.ApiVersion(regarding),
                ["kind"] = ObjectMeta.Kind(regarding),
                ["namespace"] = ObjectMeta.Namespace(regarding),
                ["name"] = name,
                ["uid"] = ObjectMeta.Uid(regarding),
                ["resourceVersion"] = ObjectMeta.ResourceVersion(regarding),
            },
        };
    }
}
