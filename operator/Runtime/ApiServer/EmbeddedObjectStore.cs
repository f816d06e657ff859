using System.Globalization;
using System.Text.Json.Nodes;
using RumOperator.Runtime.Client;
using RumOperator.Runtime.ObjectRules;

namespace RumOperator.Runtime.ApiServer;

/// <summary>
/// The fake API server's etcd, and the one place its rules live: objects per collection, uid/creationTimestamp,
/// generation (bumped only when something outside metadata and status changes), one resourceVersion counter (a
/// no-op write keeps it), the status subresource, server-side apply for one field manager, merge patches with
/// resourceVersion preconditions, finalizers (a delete marks; removing the last finalizer completes it),
/// owner-reference garbage collection, an event log for watches (compactable, to provoke 410 Gone) and the open
/// watches to notify. Two fronts serve it: <see cref="EmbeddedApiServer"/> over HTTP (the embedded cluster of
/// `rum-operator dev`) and the tests' in-memory IClusterClient.
/// </summary>
public sealed class EmbeddedObjectStore
{
    private readonly object _lock = new();
    private readonly Dictionary<(string Collection, string Ns, string Name), Stored> _objects = [];
    private readonly List<(long Rv, string Collection, string? Ns, string Frame)> _log = [];
    private readonly List<ApiWatcher> _watchers = [];
    private readonly TimeProvider _time;
    private long _rv;
    private long _uids;
    private long _compactedThrough;

    public EmbeddedObjectStore(ResourceMap? resources = null, TimeProvider? time = null)
    {
        _time = time ?? TimeProvider.System;
        Resources = resources ?? ResourceMap.Default;
    }

    /// <summary>Watch events kept for resuming watches; older ones are compacted away.</summary>
    public const int MaxHistory = 20_000;

    /// <summary>The kinds served: discovery lists them, <see cref="Put"/> and the in-memory front address objects by them.</summary>
    public ResourceMap Resources { get; }

    public long ResourceVersion { get { lock (_lock) return _rv; } }

    public int OpenWatches { get { lock (_lock) return _watchers.Count; } }

    /// <summary>The request path of one kind's collection (namespace null: across namespaces), object or subresource.</summary>
    public static ApiPath PathOf(ResourceType type, string? ns, string? name = null, string? subresource = null) =>
        new(type.Group, type.Version, type.Namespaced && !string.IsNullOrEmpty(ns) ? ns : null, type.Plural, name, subresource);

    /// <summary>The type, namespace and name an object to write names, checked (errors name the missing field).</summary>
    public (ResourceType Type, string? Namespace, string Name) Target(JsonObject obj) => ApplyTarget.Resolve(Resources, obj);

    public JsonObject? Get(string collection, string? ns, string name)
    {
        lock (_lock) return _objects.GetValueOrDefault((collection, ns ?? "", name))?.Object.DeepClone().AsObject();
    }

    /// <summary>Every object of a collection ("apps/v1/deployments"), across namespaces, as copies.</summary>
    public IReadOnlyList<JsonObject> All(string collection)
    {
        lock (_lock) return [.. _objects.Where(e => e.Key.Collection == collection).Select(e => e.Value.Object.DeepClone().AsObject())];
    }

    /// <summary>Stores an object directly (test setup), as if a user had created it; watchers see ADDED/MODIFIED.</summary>
    public JsonObject Put(JsonObject obj)
    {
        var type = Resources.Resolve(ObjectMeta.ApiVersion(obj)!, ObjectMeta.Kind(obj)!);
        var collection = $"{type.ApiVersion}/{type.Plural}";
        var (ns, name) = (ObjectMeta.Namespace(obj), ObjectMeta.Name(obj));
        lock (_lock) return Commit(collection, ns, name, obj.DeepClone().AsObject(), _objects.GetValueOrDefault((collection, ns ?? "", name)));
    }

    public ApiResponse List(ApiPath p, string? labelSelector)
    {
        lock (_lock)
        {
            var items = _objects.Where(e => e.Key.Collection == p.Collection && (p.Namespace is null || e.Key.Ns == p.Namespace))
                .Select(e => e.Value.Object).Where(o => LabelSelectorQuery.Matches(labelSelector, o))
                .Select(o => (JsonNode)WithoutTypeMeta(o)).ToArray();
            return ApiResponse.Ok(new JsonObject
            {
                ["kind"] = "List",
                ["apiVersion"] = p.GroupVersion,
                ["metadata"] = new JsonObject { ["resourceVersion"] = Rv(_rv) },
                ["items"] = new JsonArray(items),
            });
        }
    }

    public ApiResponse Read(ApiPath p) =>
        Get(p.Collection, p.Namespace, p.Name!) is { } obj ? ApiResponse.Ok(obj) : NotFound(p);

    public ApiResponse Create(ApiPath p, JsonObject body)
    {
        lock (_lock)
        {
            var name = ObjectMeta.Name(body);
            if (name.Length == 0) return ApiResponse.Status(422, "Invalid", "metadata.name: Required value");
            if (_objects.ContainsKey((p.Collection, p.Namespace ?? "", name)))
                return ApiResponse.Status(409, "AlreadyExists", $"{p.Plural} \"{name}\" already exists");
            return new ApiResponse(201, Commit(p.Collection, p.Namespace, name, body, null)) { Changed = true };
        }
    }

    public ApiResponse Replace(ApiPath p, JsonObject body)
    {
        lock (_lock)
        {
            if (!_objects.TryGetValue(Key(p), out var live)) return NotFound(p);
            if (ObjectMeta.ResourceVersion(body) is { } rv && rv != ObjectMeta.ResourceVersion(live.Object)) return Conflict(p);
            var next = p.Subresource == "status" ? WithStatus(live.Object, body["status"]) : KeepStatus(body, live.Object);
            return Update(p, live, next);
        }
    }

    public ApiResponse MergePatch(ApiPath p, JsonObject patch)
    {
        lock (_lock)
        {
            if (!_objects.TryGetValue(Key(p), out var live)) return NotFound(p);
            if (patch["metadata"]?["resourceVersion"] is JsonValue rv && rv.GetValue<string>() != ObjectMeta.ResourceVersion(live.Object))
                return Conflict(p);
            var patched = (JsonObject)JsonMergePatch.Apply(live.Object, patch)!;
            var next = p.Subresource == "status" ? WithStatus(live.Object, patched["status"]) : KeepStatus(patched, live.Object);
            return Update(p, live, next);
        }
    }

    public ApiResponse Apply(ApiPath p, JsonObject desired)
    {
        lock (_lock)
        {
            var live = _objects.GetValueOrDefault(Key(p));
            var next = ServerSideApply.Merge(live?.Object, live?.LastApplied, desired);
            var response = live is null
                ? new ApiResponse(201, Commit(p.Collection, p.Namespace, p.Name!, next, null)) { Changed = true }
                : Update(p, live, next);
            if (_objects.GetValueOrDefault(Key(p)) is { } stored) stored.LastApplied = ServerSideApply.ApplicableFields(desired);
            return response;
        }
    }

    /// <summary>Removes the object, or only marks it (deletionTimestamp) while finalizers remain.</summary>
    public ApiResponse Delete(ApiPath p)
    {
        lock (_lock)
            return _objects.ContainsKey(Key(p)) ? new ApiResponse(200, Delete(Key(p))) { Changed = true } : NotFound(p);
    }

    /// <summary>Registers a watch from <paramref name="fromRv"/>; null backlog means that version is compacted (410).</summary>
    internal IReadOnlyList<string>? Subscribe(ApiWatcher watcher, long fromRv)
    {
        lock (_lock)
        {
            if (fromRv < _compactedThrough) return null;
            _watchers.Add(watcher);
            return [.. _log.Where(e => e.Rv > fromRv && watcher.Follows(e.Collection, e.Ns)).Select(e => e.Frame)];
        }
    }

    internal void Unsubscribe(ApiWatcher watcher)
    {
        lock (_lock) _watchers.Remove(watcher);
    }

    /// <summary>Forgets the event history: watches from any version seen so far get 410 Gone, as after etcd compaction.</summary>
    public void Compact()
    {
        lock (_lock)
        {
            _compactedThrough = _rv;
            _log.Clear();
        }
    }

    /// <summary>Cuts every open watch connection without a clean end of stream.</summary>
    public void DropWatches()
    {
        lock (_lock)
            foreach (var watcher in _watchers.ToList()) watcher.Abort();
    }

    /// <summary>Sends a BOOKMARK with the current resourceVersion to watches that allowed bookmarks.</summary>
    public void SendBookmarks()
    {
        lock (_lock)
            foreach (var watcher in _watchers.Where(w => w.Bookmarks))
                watcher.Frames.Writer.TryWrite(Frame("BOOKMARK", new JsonObject { ["metadata"] = new JsonObject { ["resourceVersion"] = Rv(_rv) } }));
    }

    internal static string Frame(string type, JsonObject obj) => new JsonObject { ["type"] = type, ["object"] = obj.DeepClone() }.ToJsonString();

    /// <summary>Writes over a live object; removing the last finalizer of an object marked for deletion completes the deletion.</summary>
    private ApiResponse Update(ApiPath p, Stored live, JsonObject next)
    {
        var before = ObjectMeta.ResourceVersion(live.Object);
        var stored = Commit(p.Collection, p.Namespace, p.Name!, next, live);
        var changed = ObjectMeta.ResourceVersion(stored) != before;
        if (changed && ObjectMeta.IsBeingDeleted(stored) && ObjectMeta.Finalizers(stored).Count == 0) Remove(Key(p));
        return new ApiResponse(200, stored) { Changed = changed };
    }

    private JsonObject Commit(string collection, string? ns, string name, JsonObject next, Stored? live)
    {
        var metadata = ObjectMeta.Metadata(next);
        metadata["name"] = name;
        if (ns is not null) metadata["namespace"] = ns;
        if (live is not null)
        {
            foreach (var field in new[] { "uid", "creationTimestamp", "generation", "resourceVersion" })
                metadata[field] = live.Object["metadata"]?[field]?.DeepClone();
            if (live.Object["metadata"]?["deletionTimestamp"] is { } deleting) metadata["deletionTimestamp"] = deleting.DeepClone();
            if (JsonNode.DeepEquals(next, live.Object)) return next; // a no-op write keeps its resourceVersion
            if (!JsonNode.DeepEquals(Spec(next), Spec(live.Object))) metadata["generation"] = ObjectMeta.Generation(live.Object) + 1;
        }
        else
        {
            metadata["uid"] = $"00000000-0000-0000-0000-{++_uids:D12}";
            metadata["creationTimestamp"] = Now();
            metadata["generation"] = 1L;
        }
        metadata["resourceVersion"] = Rv(++_rv);
        _objects[(collection, ns ?? "", name)] = new Stored(next) { LastApplied = live?.LastApplied };
        Emit(live is null ? "ADDED" : "MODIFIED", collection, ns, next);
        return next.DeepClone().AsObject();
    }

    /// <summary>Marks for deletion while finalizers remain; otherwise removes. Returns the object as marked or as removed.</summary>
    private JsonObject Delete((string Collection, string Ns, string Name) key)
    {
        var live = _objects[key];
        if (ObjectMeta.Finalizers(live.Object).Count == 0) return Remove(key);
        if (ObjectMeta.IsBeingDeleted(live.Object)) return live.Object.DeepClone().AsObject();
        var marked = live.Object.DeepClone().AsObject();
        ObjectMeta.Metadata(marked)["deletionTimestamp"] = Now();
        return Commit(key.Collection, NullIfEmpty(key.Ns), key.Name, marked, live);
    }

    /// <summary>Removes the object, then collects dependents all of whose owners are gone.</summary>
    private JsonObject Remove((string Collection, string Ns, string Name) key)
    {
        _objects.Remove(key, out var live);
        var gone = live!.Object.DeepClone().AsObject();
        ObjectMeta.Metadata(gone)["resourceVersion"] = Rv(++_rv);
        Emit("DELETED", key.Collection, NullIfEmpty(key.Ns), gone);
        var liveUids = _objects.Values.Select(e => ObjectMeta.Uid(e.Object)).ToHashSet();
        var orphans = _objects.Where(e =>
        {
            var owners = ObjectMeta.OwnerReferences(e.Value.Object);
            return owners.Count > 0 && owners.All(o => !liveUids.Contains(ObjectMeta.Str(o, "uid")));
        }).Select(e => e.Key).ToList();
        foreach (var orphan in orphans)
            if (_objects.ContainsKey(orphan)) Delete(orphan);
        return gone;
    }

    private void Emit(string type, string collection, string? ns, JsonObject obj)
    {
        var frame = Frame(type, obj);
        _log.Add((_rv, collection, ns, frame));
        // A long-running local stack would keep every change forever; like etcd, keep a window and let older
        // watch positions get 410 Gone (informers relist).
        if (_log.Count > MaxHistory)
        {
            var cut = _log.Count - MaxHistory / 2;
            _compactedThrough = _log[cut - 1].Rv;
            _log.RemoveRange(0, cut);
        }
        foreach (var watcher in _watchers.Where(w => w.Follows(collection, ns))) watcher.Frames.Writer.TryWrite(frame);
    }

    private static JsonObject WithStatus(JsonObject live, JsonNode? status)
    {
        var next = live.DeepClone().AsObject();
        next["status"] = status?.DeepClone();
        return next;
    }

    /// <summary>Writes to the main resource cannot change status (it is a subresource).</summary>
    private static JsonObject KeepStatus(JsonObject body, JsonObject live)
    {
        var next = body.DeepClone().AsObject();
        next.Remove("status");
        if (live["status"] is { } status) next["status"] = status.DeepClone();
        return next;
    }

    private static JsonObject Spec(JsonObject obj)
    {
        var copy = obj.DeepClone().AsObject();
        copy.Remove("metadata");
        copy.Remove("status");
        return copy;
    }

    /// <summary>Items of built-in lists carry no apiVersion/kind on the real server; mimic that so clients cope.</summary>
    private static JsonObject WithoutTypeMeta(JsonObject obj)
    {
        var copy = obj.DeepClone().AsObject();
        copy.Remove("apiVersion");
        copy.Remove("kind");
        return copy;
    }

    private string Now() => _time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
    private static string? NullIfEmpty(string ns) => ns.Length == 0 ? null : ns;
    private static (string Collection, string Ns, string Name) Key(ApiPath p) => (p.Collection, p.Namespace ?? "", p.Name!);
    private static string Rv(long rv) => rv.ToString(CultureInfo.InvariantCulture);
    private static ApiResponse NotFound(ApiPath p) => ApiResponse.Status(404, "NotFound", $"{p.Plural} \"{p.Name}\" not found");
    private static ApiResponse Conflict(ApiPath p) =>
        ApiResponse.Status(409, "Conflict", $"Operation cannot be fulfilled on {p.Plural} \"{p.Name}\": the object has been modified; please apply your changes to the latest version and try again");

    private sealed class Stored(JsonObject obj)
    {
        public JsonObject Object { get; } = obj;
        public JsonObject? LastApplied { get; set; }
    }
}
