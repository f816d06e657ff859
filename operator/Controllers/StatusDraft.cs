using System.Text.Json.Nodes;
using RumOperator.Runtime.Status;

namespace RumOperator.Controllers;

/// <summary>
/// The status fields one reconciler owns, diffed against the live status as they are set. The result is a merge
/// patch holding only changed owned fields: no change means no write, and fields others own (the release guard's
/// rollbacks and lastKnownGoodRelease) are never sent, so never overwritten.
/// </summary>
public sealed class StatusDraft
{
    private readonly JsonObject _live;
    private readonly JsonObject _working;
    private readonly JsonObject _patch = [];
    private readonly DateTimeOffset _now;

    public StatusDraft(JsonObject resource, DateTimeOffset now)
    {
        _live = resource["status"] is JsonObject status ? status.DeepClone().AsObject() : [];
        _working = _live.DeepClone().AsObject();
        _now = now;
    }

    /// <summary>The status as read, for decisions that depend on it (transitions, the previous hash).</summary>
    public JsonObject Live => _live;

    /// <summary>Sets an owned field; null removes it.</summary>
    public void Set(string field, JsonNode? value)
    {
        if (JsonNode.DeepEquals(_live[field], value)) _patch.Remove(field);
        else _patch[field] = value?.DeepClone();
    }

    public void SetCondition(Condition condition)
    {
        if (Conditions.Set(_working, condition, _now)) _patch["conditions"] = _working["conditions"]!.DeepClone();
    }

    /// <summary>The merge patch for the status subresource, or null when nothing changed.</summary>
    public JsonObject? Patch => _patch.Count == 0 ? null : _patch.DeepClone().AsObject();
}
