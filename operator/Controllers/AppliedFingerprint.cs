using System.Text.Json.Nodes;
using RumOperator.Rendering.Pipeline;
using RumOperator.Runtime.Client;

namespace RumOperator.Controllers;

/// <summary>
/// Decides, from the live object alone, whether a server-side apply would change anything, so a steady-state
/// reconcile sends no write at all. Two checks, because each misses a case: the live object must contain every
/// field we send with the same value (catches someone editing our fields), and must carry the hash of what we
/// last applied (catches a field we stopped sending, which only an apply removes).
/// </summary>
public static class AppliedFingerprint
{
    public const string Annotation = "rumops.dev/applied-hash";

    /// <summary>A copy of <paramref name="desired"/> annotated with the hash of its content.</summary>
    public static JsonObject Stamp(JsonObject desired)
    {
        var stamped = desired.DeepClone().AsObject();
        var metadata = ObjectMeta.Metadata(stamped);
        if (metadata["annotations"] is not JsonObject annotations)
        {
            annotations = [];
            metadata["annotations"] = annotations;
        }
        annotations.Remove(Annotation);
        annotations[Annotation] = CollectorConfigDocument.HashOf(CanonicalJson.Write(stamped));
        return stamped;
    }

    /// <summary>True when applying <paramref name="stamped"/> (from <see cref="Stamp"/>) to <paramref name="live"/> would be a no-op.</summary>
    public static bool IsSatisfiedBy(JsonObject stamped, JsonObject? live) =>
        live is not null && Covers(stamped, live);

    /// <summary>
    /// Every field of want is in have with an equal value; have may hold more (defaults the API server filled in,
    /// fields of other managers). Lists must have the same length and cover element by element.
    /// </summary>
    public static bool Covers(JsonNode? want, JsonNode? have) => (want, have) switch
    {
        (null, _) => true,
        (JsonObject w, JsonObject h) => w.All(p => Covers(p.Value, h[p.Key])),
        (JsonArray w, JsonArray h) => w.Count == h.Count && w.Zip(h).All(pair => Covers(pair.First, pair.Second)),
        (JsonValue w, JsonValue h) => JsonNode.DeepEquals(w, h) || w.ToJsonString() == h.ToJsonString(),
        _ => false,
    };
}
