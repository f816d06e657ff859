using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using RumOperator.Api;
using RumOperator.Runtime.Status;
using RumOperator.Serialization;

namespace RumOperator.Controllers;

/// <summary>
/// The status fields one reconciler owns, written through the resource's typed status class (<typeparamref name="TStatus"/>:
/// the field is a property, its value that property's type, its wire name and format the custom resources' JSON
/// options) and diffed against the live status as they are set. The result is a merge patch holding only changed
/// owned fields: no change means no write, and fields others own (the release guard's rollbacks and
/// lastKnownGoodRelease) are never sent, so never overwritten.
/// </summary>
public sealed class StatusDraft<TStatus> where TStatus : class, ICustomResourceStatus
{
    private static readonly ConcurrentDictionary<string, string> WireNames = new(StringComparer.Ordinal);

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

    /// <summary>The status as read, untyped (for the Ready condition's transition).</summary>
    public JsonObject Live => _live;

    /// <summary>An owned field as read, for decisions that depend on it (the previous hash); default when absent or unreadable.</summary>
    public TValue? Was<TValue>(Expression<Func<TStatus, TValue>> field)
    {
        if (_live[WireName(field)] is not { } node) return default;
        try { return node.Deserialize<TValue>(RumJson.Lenient); }
        catch (JsonException) { return default; }
    }

    /// <summary>Sets an owned field; null removes it.</summary>
    public void Set<TValue>(Expression<Func<TStatus, TValue>> field, TValue value)
    {
        var name = WireName(field);
        var node = JsonSerializer.SerializeToNode(value, RumJson.Lenient);
        if (JsonNode.DeepEquals(_live[name], node)) _patch.Remove(name);
        else _patch[name] = node;
    }

    /// <summary>Whether this draft changes the field.</summary>
    public bool Changes<TValue>(Expression<Func<TStatus, TValue>> field) => _patch.ContainsKey(WireName(field));

    /// <summary>Sets a condition; its lastTransitionTime moves only when its status changes.</summary>
    public void SetCondition(Condition condition)
    {
        if (Conditions.Set(_working, JsonSerializer.SerializeToNode(condition, RumJson.Lenient)!.AsObject(), _now))
            _patch[WireName(s => s.Conditions)] = _working["conditions"]!.DeepClone();
    }

    /// <summary>The merge patch for the status subresource, or null when nothing changed.</summary>
    public JsonObject? Patch => _patch.Count == 0 ? null : _patch.DeepClone().AsObject();

    /// <summary>The JSON name of the status property <paramref name="field"/> selects (s => s.ConfigHash → configHash).</summary>
    private static string WireName<TValue>(Expression<Func<TStatus, TValue>> field)
    {
        var body = field.Body is UnaryExpression { NodeType: ExpressionType.Convert } convert ? convert.Operand : field.Body;
        if (body is not MemberExpression { Member: PropertyInfo property })
            throw new ArgumentException($"{field} does not select a property of {typeof(TStatus).Name}", nameof(field));
        return WireNames.GetOrAdd(property.Name, static name =>
            RumJson.Lenient.GetTypeInfo(typeof(TStatus)).Properties.Single(p => p.AttributeProvider is PropertyInfo m && m.Name == name).Name);
    }
}
