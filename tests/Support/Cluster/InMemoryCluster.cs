using System.Text.Json.Nodes;
using RumOperator.Runtime.ApiServer;
using RumOperator.Runtime.Client;
using RumOperator.Runtime.ObjectRules;

namespace RumOperator.Runtime.InMemory;

/// <summary>
/// A cluster without HTTP, for reconciler tests: an <see cref="IClusterClient"/> front over the fake API server's
/// <see cref="EmbeddedObjectStore"/>, the same store <see cref="EmbeddedApiServer"/> serves over HTTP, so both fronts
/// follow one set of rules (identity, generation, resourceVersion, server-side apply, merge patches with
/// preconditions, the status subresource, finalizers, owner-reference garbage collection). What this front adds:
/// every call is recorded (with whether it changed anything), faults can be injected, CRDs can be made unavailable
/// and events are kept in a list. Lives with the tests: no product feature uses it.
/// </summary>
public sealed class InMemoryCluster : IClusterClient
{
    private readonly object _lock = new();
    private readonly List<RecordedCall> _calls = [];
    private readonly List<JsonObject> _events = [];
    private readonly HashSet<(string Group, string Version, string Plural)> _unavailable = [];
    private readonly TimeProvider _time;

    public InMemoryCluster(TimeProvider? time = null, ResourceMap? resources = null)
    {
        _time = time ?? TimeProvider.System;
        Store = new EmbeddedObjectStore(resources, _time);
    }

    /// <summary>The objects, under the same rules as the HTTP fake API server's.</summary>
    public EmbeddedObjectStore Store { get; }

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

    /// <summary>
    /// Test setup: stores an object as a user's kubectl apply would (merged into what is there; status only when
    /// given), without recording a call.
    /// </summary>
    public JsonObject Put(JsonObject obj)
    {
        var (type, ns, name) = Store.Target(obj);
        var live = Store.Get(EmbeddedObjectStore.PathOf(type, ns).Collection, ns, name);
        var next = ServerSideApply.Merge(live, null, obj);
        if (obj["status"] is { } status) next["status"] = status.DeepClone();
        return Store.Put(next);
    }

    /// <summary>Reads stored state for assertions, without recording a call.</summary>
    public JsonObject? Peek(string apiVersion, string kind, string? ns, string name)
    {
        var type = Resolve(apiVersion, kind);
        return Store.Get(EmbeddedObjectStore.PathOf(type, ns).Collection, type.Namespaced ? ns : null, name);
    }

    public IReadOnlyList<JsonObject> Objects(string apiVersion, string kind) =>
        Store.All(EmbeddedObjectStore.PathOf(Resolve(apiVersion, kind), null).Collection);

    public Task<JsonObject?> GetAsync(string apiVersion, string kind, string? ns, string name, CancellationToken ct = default)
    {
        var type = Resolve(apiVersion, kind);
        var path = type.ObjectPath(ns, name);
        return Serve<JsonObject?>("get", type, path, () =>
        {
            var response = Store.Read(EmbeddedObjectStore.PathOf(type, ns, name));
            return (response.StatusCode == 404 ? null : Result(response), false);
        });
    }

    public Task<ObjectList> ListAsync(string apiVersion, string kind, string? ns = null, string? labelSelector = null, CancellationToken ct = default)
    {
        var type = Resolve(apiVersion, kind);
        return Serve("list", type, type.CollectionPath(ns), () =>
        {
            var list = Result(Store.List(EmbeddedObjectStore.PathOf(type, ns), labelSelector));
            // Like the HTTP client: list items carry no apiVersion/kind on the wire; restore them.
            var items = list["items"]!.AsArray().OfType<JsonObject>().Select(i =>
            {
                var item = new JsonObject { ["apiVersion"] = apiVersion, ["kind"] = kind };
                foreach (var (k, v) in i) item[k] = v?.DeepClone();
                return item;
            }).ToList();
            return (new ObjectList(items, ObjectMeta.ResourceVersion(list) ?? ""), false);
        });
    }

    public Task<JsonObject> ApplyAsync(JsonObject desired, CancellationToken ct = default)
    {
        var (type, ns, name) = Store.Target(desired);
        return Write("apply", type, type.ObjectPath(ns, name), () => Store.Apply(EmbeddedObjectStore.PathOf(type, ns, name), desired));
    }

    public Task<JsonObject> PatchAsync(string apiVersion, string kind, string? ns, string name, JsonObject mergePatch, CancellationToken ct = default)
    {
        var type = Resolve(apiVersion, kind);
        return Write("patch", type, type.ObjectPath(ns, name), () => Store.MergePatch(EmbeddedObjectStore.PathOf(type, ns, name), mergePatch));
    }

    public Task<JsonObject> PatchStatusAsync(string apiVersion, string kind, string? ns, string name, JsonObject status, CancellationToken ct = default)
    {
        var type = Resolve(apiVersion, kind);
        return Write("patch", type, type.ObjectPath(ns, name) + "/status",
            () => Store.MergePatch(EmbeddedObjectStore.PathOf(type, ns, name, "status"), new JsonObject { ["status"] = status.DeepClone() }));
    }

    public Task<JsonObject> ReplaceStatusAsync(JsonObject obj, CancellationToken ct = default)
    {
        var (type, ns, name) = Store.Target(obj);
        return Write("update", type, type.ObjectPath(ns, name) + "/status", () => Store.Replace(EmbeddedObjectStore.PathOf(type, ns, name, "status"), obj));
    }

    public Task<bool> DeleteAsync(string apiVersion, string kind, string? ns, string name, CancellationToken ct = default)
    {
        var type = Resolve(apiVersion, kind);
        return Serve("delete", type, type.ObjectPath(ns, name), () =>
        {
            var response = Store.Delete(EmbeddedObjectStore.PathOf(type, ns, name));
            if (response.StatusCode == 404) return (false, false);
            Result(response);
            return (true, response.Changed);
        });
    }

    public Task RecordEventAsync(JsonObject regarding, EventType type, string reason, string action, string note, CancellationToken ct = default)
    {
        var events = Resolve("events.k8s.io/v1", "Event");
        var ev = EventFactory.Build(regarding, type, reason, action, note, "in-memory", _time.GetUtcNow());
        return Serve("create", events, events.CollectionPath(ObjectMeta.Namespace(ev)), () =>
        {
            lock (_lock) _events.Add(ev);
            return (true, true);
        });
    }

    public Task<bool> HasResourceAsync(string group, string version, string pluralOrKind, CancellationToken ct = default)
    {
        lock (_lock)
        {
            var path = new ResourceType(group, version, "", "", false).GroupVersionPath;
            _calls.Add(new RecordedCall("get", path, false));
            return Task.FromResult(Store.Resources.All.Any(t => t.Group == group && t.Version == version &&
                                                               (t.Plural == pluralOrKind || t.Kind == pluralOrKind) &&
                                                               !_unavailable.Contains((t.Group, t.Version, t.Plural))));
        }
    }

    private Task<JsonObject> Write(string verb, ResourceType type, string path, Func<ApiResponse> operation) =>
        Serve(verb, type, path, () =>
        {
            var response = operation();
            return (Result(response), response.Changed);
        });

    /// <summary>Injected faults first, then unavailable CRDs (404), then the store; records the call either way.</summary>
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

    /// <summary>The object a successful answer carries; an error answer becomes the exception the HTTP client would throw.</summary>
    private static JsonObject Result(ApiResponse response) =>
        response.IsSuccess
            ? response.Body
            : throw new KubernetesApiException(response.StatusCode, response.Body["reason"]?.GetValue<string>() ?? "",
                response.Body["message"]?.GetValue<string>() ?? "");

    private ResourceType Resolve(string apiVersion, string kind) => Store.Resources.Resolve(apiVersion, kind);
}
