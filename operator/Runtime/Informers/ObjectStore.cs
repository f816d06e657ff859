using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using RumOperator.Runtime.Client;

namespace RumOperator.Runtime.Informers;

/// <summary>Read access to an informer's cache. Returned objects are copies: mutate them freely.</summary>
public interface IObjectCache
{
    JsonObject? Get(ObjectKey key);
    IReadOnlyList<JsonObject> List(string? ns = null);
}

/// <summary>The informer's cache of one kind, keyed by namespace/name.</summary>
public sealed class ObjectStore : IObjectCache
{
    private readonly ConcurrentDictionary<ObjectKey, JsonObject> _objects = new();

    public int Count => _objects.Count;

    public JsonObject? Get(ObjectKey key) => _objects.TryGetValue(key, out var obj) ? (JsonObject)obj.DeepClone() : null;

    public IReadOnlyList<JsonObject> List(string? ns = null) =>
        [.. _objects.Where(e => ns is null || e.Key.Namespace == ns).Select(e => (JsonObject)e.Value.DeepClone())];

    internal JsonObject? Peek(ObjectKey key) => _objects.GetValueOrDefault(key);
    internal IEnumerable<JsonObject> Snapshot() => _objects.Values;
    internal IReadOnlyCollection<ObjectKey> Keys => [.. _objects.Keys];
    internal void Upsert(JsonObject obj) => _objects[ObjectKey.Of(obj)] = obj;
    internal bool Remove(ObjectKey key, out JsonObject? old) => _objects.TryRemove(key, out old);
}
