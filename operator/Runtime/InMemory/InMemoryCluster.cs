using System.Globalization;
using System.Text.Json.Nodes;
using RumOperator.Runtime.Client;

namespace RumOperator.Runtime.InMemory;

/// <summary>
/// A cluster in a dictionary, for reconciler tests. It behaves like an API server where reconcilers can tell:
/// uid/resourceVersion/generation (generation bumps only when something outside metadata and status changes),
/// server-side apply for one field manager, merge patches with resourceVersion preconditions, the status
/// subresource, finalizers and owner-reference garbage collection. Every call is recorded (with whether it changed
/// anything) and faults can be injected.
/// </summary>
public sealed class InMemoryCluster : IClusterClient
{
    private readonly object _lock = new();
    private readonly Dictionary<string, Entry> _objects = new(StringComparer.Ordinal);
    private readonly List<RecordedCall> _calls = [];
    private readonly List<JsonObject> _events = [];
    private readonly HashSet<(string Group, string Version, string Plural)> _unavailable = [];
    private readonly ResourceMap _resources;
    private readonly TimeProvider _time;
    private long _resourceVersion;
    private long _uids;

    public InMemoryCluster(TimeProvider? time = null, ResourceMap? resources = null)
    {
        _time = time ?? TimeProvider.System;
        _resources = resources ?? ResourceMap.Default;
    }

    public FaultInjector Faults { get; } = new();

    public IReadOnlyList<RecordedCall> Calls { get { lock (_lock) return [.. _calls]; } }

    /// <summary>Calls that changed stored state: what "zero writes at steady state" counts.</summary>
    public IReadOnlyList<RecordedCall> Writes { get { lock (_lock) return [.. _calls.Where(c => c.Changed)]; } }

    public IReadOnlyList<JsonObject> Events { get { lock (_lock) return [.. _events.Select(e => (JsonObject)e.DeepClone())]; } }

    public void ClearCalls()
    {
        lock (_lock) _calls.Clear();
    }

    /// <summary>Simulates a CRD being installed or not (discovery answers and requests to it fail with 404).</summary>
    public void SetResourceAvailable(string group, string version, string plural, bool available)
    {
        lock (_lock)
        {
            if (available) _unavailable.Remove((group, version, plural));
            else _unavailable.Add((group, version, plural));
        }
    }

    /// <summary>Test setup: stores an object as a user's kubectl apply would, without recording a call.</summary>
    public JsonObject Put(JsonObject obj)
    {
        lock (_lock)
        {
            var (type, ns, name) = ApplyTarget.Resolve(_resources, obj);
            var path = type.ObjectPath(ns, name);
            var live = _objects.GetValueOrDefault(path);
            var next = ServerSideApply.Merge(live?.Object, null, obj);
            if (obj["status"] is { } status) next["status"] = status.DeepClone();
            return Commit(path, live, next, live?.LastApplied).DeepClone().AsObject();
        }
    }

    /// <summary>Reads stored state for assertions, without recording a call.</summary>
    public JsonObject? Peek(string apiVersion, string kind, string? ns, string name)
    {
        lock (_lock)
            return _objects.GetValueOrDefault(Resolve(apiVersion, kind).ObjectPath(ns, name))?.Object.DeepClone().AsObject();
    }

    public IReadOnlyList<JsonObject> Objects(string apiVersion, string kind)
    {
        lock (_lock)
            return [.. _objects.Values.Where(e => ObjectMeta.ApiVersion(e.Object) == apiVersion && ObjectMeta.Kind(e.Object) == kind)
                .Select(e => e.Object.DeepClone().AsObject())];
    }

    public Task<JsonObject?> GetAsync(string apiVersion, string kind, string? ns, string name, CancellationToken ct = default)
    {
        var type = Resolve(apiVersion, kind);
        var path = type.ObjectPath(ns, name);
        return Serve<JsonObject?>("get", type, path, () => (_objects.GetValueOrDefault(path)?.Object.DeepClone().AsObject(), false));
    }

    public Task<ObjectList> ListAsync(string apiVersion, string kind, string? ns = null, string? labelSelector = null, CancellationToken ct = default)
    {
        var type = Resolve(apiVersion, kind);
        return Serve("list", type, type.CollectionPath(ns), () =>
        {
            var items = _objects.Values
                .Where(e => ObjectMeta.ApiVersion(e.Object) == apiVersion && ObjectMeta.Kind(e.Object) == kind)
                .Where(e => ns is null || ObjectMeta.Namespace(e.Object) == ns)
                .Where(e => LabelSelectorQuery.Matches(labelSelector, e.Object))
                .Select(e => e.Object.DeepClone().AsObject())
                .ToList();
            return (new ObjectList(items, _resourceVersion.ToString(CultureInfo.InvariantCulture)), false);
        });
    }

    public Task<JsonObject> ApplyAsync(JsonObject desired, CancellationToken ct = default)
    {
        var (type, ns, name) = ApplyTarget.Resolve(_resources, desired);
        var path = type.ObjectPath(ns, name);
        return Serve("apply", type, path, () =>
        {
            var live = _objects.GetValueOrDefault(path);
            var next = ServerSideApply.Merge(live?.Object, live?.LastApplied, desired);
            var lastApplied = ServerSideApply.ApplicableFields(desired);
            if (live is not null && JsonNode.DeepEquals(next, live.Object))
            {
                live.LastApplied = lastApplied;
                return (live.Object.DeepClone().AsObject(), false);
            }
            return (Commit(path, live, next, lastApplied).DeepClone().AsObject(), true);
        });
    }

    public Task<JsonObject> PatchAsync(string apiVersion, string kind, string? ns, string name, JsonObject mergePatch, CancellationToken ct = default)
    {
        var type = Resolve(apiVersion, kind);
        var path = type.ObjectPath(ns, name);
        return Serve("patch", type, path, () =>
        {
            var live = Existing(path);
            var patch = (JsonObject)mergePatch.DeepClone();
            patch.Remove("status");
            CheckPrecondition(path, live, patch["metadata"] as JsonObject);
            (patch["metadata"] as JsonObject)?.Remove("resourceVersion");
            return Update(path, live, (JsonObject)JsonMergePatch.Apply(live.Object, patch)!);
        });
    }

    public Task<JsonObject> PatchStatusAsync(string apiVersion, string kind, string? ns, string name, JsonObject status, CancellationToken ct = default)
    {
        var type = Resolve(apiVersion, kind);
        var path = type.ObjectPath(ns, name) + "/status";
        return Serve("patch", type, path, () =>
        {
            var live = Existing(path[..^"/status".Length]);
            var next = live.Object.DeepClone().AsObject();
            next["status"] = JsonMergePatch.Apply(live.Object["status"], status);
            return Update(path[..^"/status".Length], live, next);
        });
    }

    public Task<JsonObject> ReplaceStatusAsync(JsonObject obj, CancellationToken ct = default)
    {
        var (type, ns, name) = ApplyTarget.Resolve(_resources, obj);
        var path = type.ObjectPath(ns, name);
        return Serve("update", type, path + "/status", () =>
        {
            var live = Existing(path);
            CheckPrecondition(path, live, obj["metadata"] as JsonObject);
            var next = live.Object.DeepClone().AsObject();
            next["status"] = obj["status"]?.DeepClone();
            return Update(path, live, next);
        });
    }

    public Task<bool> DeleteAsync(string apiVersion, string kind, string? ns, string name, CancellationToken ct = default)
    {
        var type = Resolve(apiVersion, kind);
        var path = type.ObjectPath(ns, name);
        return Serve("delete", type, path, () =>
        {
            var existed = _objects.ContainsKey(path);
            if (existed) Delete(path);
            return (existed, existed);
        });
    }

    public Task RecordEventAsync(JsonObject regarding, EventType type, string reason, string action, string note, CancellationToken ct = default)
    {
        var events = Resolve("events.k8s.io/v1", "Event");
        var ev = EventFactory.Build(regarding, type, reason, action, note, "in-memory", _time.GetUtcNow());
        return Serve("create", events, events.CollectionPath(ObjectMeta.Namespace(ev)), () =>
        {
            _events.Add(ev);
            return (true, true);
        });
    }

    public Task<bool> HasResourceAsync(string group, string version, string pluralOrKind, CancellationToken ct = default)
    {
        lock (_lock)
        {
            var path = new ResourceType(group, version, "", "", false).GroupVersionPath;
            _calls.Add(new RecordedCall("get", path, false));
            return Task.FromResult(_resources.All.Any(t => t.Group == group && t.Version == version &&
                                                          (t.Plural == pluralOrKind || t.Kind == pluralOrKind) &&
                                                          !_unavailable.Contains((t.Group, t.Version, t.Plural))));
        }
    }

    private Task<T> Serve<T>(string verb, ResourceType type, string path, Func<(T Result, bool Changed)> operation)
    {
        lock (_lock)
        {
            if (Faults.Next(verb, path) is { } fault)
            {
                _calls.Add(new RecordedCall(verb, path, false, fault));
                return Task.FromException<T>(FaultInjector.ToException(fault, verb, path));
            }
            try
            {
                if (_unavailable.Contains((type.Group, type.Version, type.Plural)))
                    throw KubernetesApiException.NotFound($"{verb} {path}: the server could not find the requested resource");
                var (result, changed) = operation();
                _calls.Add(new RecordedCall(verb, path, changed));
                return Task.FromResult(result);
            }
            catch (KubernetesApiException e)
            {
                _calls.Add(new RecordedCall(verb, path, false));
                return Task.FromException<T>(e);
            }
        }
    }

    private Entry Existing(string path) =>
        _objects.GetValueOrDefault(path) ?? throw KubernetesApiException.NotFound(path);

    private static void CheckPrecondition(string path, Entry live, JsonObject? metadata)
    {
        if (metadata?["resourceVersion"] is JsonValue rv && rv.GetValue<string>() != ObjectMeta.ResourceVersion(live.Object))
            throw KubernetesApiException.Conflict(path);
    }

    private (JsonObject, bool) Update(string path, Entry live, JsonObject next)
    {
        if (JsonNode.DeepEquals(next, live.Object)) return (live.Object.DeepClone().AsObject(), false);
        // Removing the last finalizer of an object marked for deletion completes the deletion.
        if (ObjectMeta.IsBeingDeleted(next) && ObjectMeta.Finalizers(next).Count == 0)
        {
            Commit(path, live, next, live.LastApplied);
            Delete(path);
            return (next, true);
        }
        return (Commit(path, live, next, live.LastApplied).DeepClone().AsObject(), true);
    }

    private JsonObject Commit(string path, Entry? live, JsonObject next, JsonObject? lastApplied)
    {
        var metadata = ObjectMeta.Metadata(next);
        var now = _time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        if (live is null)
        {
            metadata["uid"] = $"00000000-0000-0000-0000-{++_uids:D12}";
            metadata["creationTimestamp"] = now;
            metadata["generation"] = 1L;
        }
        else
        {
            var generation = ObjectMeta.Generation(live.Object);
            metadata["generation"] = SpecChanged(live.Object, next) ? generation + 1 : generation;
        }
        metadata["resourceVersion"] = (++_resourceVersion).ToString(CultureInfo.InvariantCulture);
        _objects[path] = new Entry(next) { LastApplied = lastApplied };
        return next;
    }

    /// <summary>Marks for deletion while finalizers remain; otherwise removes and collects orphaned dependents.</summary>
    private void Delete(string path)
    {
        var entry = _objects[path];
        if (ObjectMeta.Finalizers(entry.Object).Count > 0)
        {
            if (!ObjectMeta.IsBeingDeleted(entry.Object))
            {
                var next = entry.Object.DeepClone().AsObject();
                ObjectMeta.Metadata(next)["deletionTimestamp"] = _time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
                Commit(path, entry, next, entry.LastApplied);
            }
            return;
        }
        _objects.Remove(path);
        var liveUids = _objects.Values.Select(e => ObjectMeta.Uid(e.Object)).ToHashSet();
        var orphans = _objects.Where(e =>
        {
            var owners = ObjectMeta.OwnerReferences(e.Value.Object);
            return owners.Count > 0 && owners.All(o => !liveUids.Contains(ObjectMeta.Str(o, "uid")));
        }).Select(e => e.Key).ToList();
        foreach (var orphan in orphans)
            if (_objects.ContainsKey(orphan)) Delete(orphan);
    }

    private static bool SpecChanged(JsonObject before, JsonObject after) =>
        !JsonNode.DeepEquals(WithoutMetadataAndStatus(before), WithoutMetadataAndStatus(after));

    private static JsonObject WithoutMetadataAndStatus(JsonObject obj)
    {
        var copy = obj.DeepClone().AsObject();
        copy.Remove("metadata");
        copy.Remove("status");
        return copy;
    }

    private ResourceType Resolve(string apiVersion, string kind) => _resources.Resolve(apiVersion, kind);

    private sealed class Entry(JsonObject obj)
    {
        public JsonObject Object { get; } = obj;
        public JsonObject? LastApplied { get; set; }
    }
}
