using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using k8s;
using Microsoft.Extensions.Logging;
using RumOperator.Runtime.Metrics;

namespace RumOperator.Runtime.Client;

/// <summary><see cref="IClusterClient"/> and <see cref="IWatchSource"/> over a real API server, through KubernetesClient.</summary>
public sealed class KubernetesClusterClient : IClusterClient, IWatchSource
{
    private const string ApplyContentType = "application/apply-patch+yaml";
    private const string MergePatchContentType = "application/merge-patch+json";

    private readonly ClusterClientOptions _options;
    private readonly ApiTransport _transport;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, (DateTimeOffset At, JsonArray? Resources)> _discovery = new();

    public KubernetesClusterClient(Kubernetes kubernetes, ClusterClientOptions? options = null)
    {
        _options = options ?? new ClusterClientOptions();
        _transport = new ApiTransport(kubernetes, _options.Metrics ?? new RuntimeMetrics(), _options.Time, _options.RequestTimeout);
        _logger = _options.LoggerFactory.CreateLogger<KubernetesClusterClient>();
    }

    public Task<JsonObject?> GetAsync(string apiVersion, string kind, string? ns, string name, CancellationToken ct = default)
    {
        var type = Resolve(apiVersion, kind);
        return _transport.SendAsync(new ApiRequest(HttpMethod.Get, type.ObjectPath(ns, name), "get", type.Plural, NotFoundIsNull: true), ct);
    }

    public async Task<ObjectList> ListAsync(string apiVersion, string kind, string? ns = null, string? labelSelector = null, CancellationToken ct = default)
    {
        var type = Resolve(apiVersion, kind);
        var query = labelSelector is null ? "" : "?labelSelector=" + Uri.EscapeDataString(labelSelector);
        var list = await _transport.SendAsync(new ApiRequest(HttpMethod.Get, type.CollectionPath(ns) + query, "list", type.Plural), ct).ConfigureAwait(false)
            ?? throw new KubernetesApiException(500, "EmptyResponse", $"list {type.Plural}: empty response");
        // Items of built-in lists omit apiVersion/kind; restore them so every object is self-describing.
        var items = (list["items"] as JsonArray ?? []).OfType<JsonObject>().Select(i => WithTypeMeta(i, type)).ToList();
        var resourceVersion = list["metadata"] is JsonObject meta ? ObjectMeta.Str(meta, "resourceVersion") ?? "" : "";
        return new ObjectList(items, resourceVersion);
    }

    public async Task<JsonObject> ApplyAsync(JsonObject desired, CancellationToken ct = default)
    {
        var (type, ns, name) = ApplyTarget.Resolve(_options.Resources, desired);
        var path = $"{type.ObjectPath(ns, name)}?fieldManager={ClusterClientOptions.FieldManager}&force=true";
        // JSON is YAML, so the apply body is the object's JSON.
        return await SendForObjectAsync(new ApiRequest(HttpMethod.Patch, path, "apply", type.Plural, desired, ApplyContentType), ct).ConfigureAwait(false);
    }

    public Task<JsonObject> PatchAsync(string apiVersion, string kind, string? ns, string name, JsonObject mergePatch, CancellationToken ct = default)
    {
        var type = Resolve(apiVersion, kind);
        return SendForObjectAsync(new ApiRequest(HttpMethod.Patch, type.ObjectPath(ns, name), "patch", type.Plural, mergePatch, MergePatchContentType), ct);
    }

    public Task<JsonObject> PatchStatusAsync(string apiVersion, string kind, string? ns, string name, JsonObject status, CancellationToken ct = default)
    {
        var type = Resolve(apiVersion, kind);
        var body = new JsonObject { ["status"] = status.DeepClone() };
        return SendForObjectAsync(new ApiRequest(HttpMethod.Patch, type.ObjectPath(ns, name) + "/status", "patch", type.Plural + "/status", body, MergePatchContentType), ct);
    }

    public Task<JsonObject> ReplaceStatusAsync(JsonObject obj, CancellationToken ct = default)
    {
        var (type, ns, name) = ApplyTarget.Resolve(_options.Resources, obj);
        return SendForObjectAsync(new ApiRequest(HttpMethod.Put, type.ObjectPath(ns, name) + "/status", "update", type.Plural + "/status", obj), ct);
    }

    public async Task<bool> DeleteAsync(string apiVersion, string kind, string? ns, string name, CancellationToken ct = default)
    {
        var type = Resolve(apiVersion, kind);
        var path = type.ObjectPath(ns, name) + "?propagationPolicy=Background";
        return await _transport.SendAsync(new ApiRequest(HttpMethod.Delete, path, "delete", type.Plural, NotFoundIsNull: true), ct).ConfigureAwait(false) is not null;
    }

    public async Task RecordEventAsync(JsonObject regarding, EventType type, string reason, string action, string note, CancellationToken ct = default)
    {
        var ev = EventFactory.Build(regarding, type, reason, action, note, _options.ReportingInstance, _options.Time.GetUtcNow());
        var events = Resolve("events.k8s.io/v1", "Event");
        var path = events.CollectionPath(ObjectMeta.Namespace(ev));
        try
        {
            await _transport.SendAsync(new ApiRequest(HttpMethod.Post, path, "create", events.Plural, ev), ct).ConfigureAwait(false);
        }
        catch (KubernetesApiException e)
        {
            // Events are best effort, as in client-go: losing one must not fail a reconciliation.
            _logger.LogWarning(e, "Dropped event {Reason} for {Kind} {Name}", reason, ObjectMeta.Kind(regarding), ObjectMeta.Name(regarding));
        }
    }

    public async Task<bool> HasResourceAsync(string group, string version, string pluralOrKind, CancellationToken ct = default)
    {
        var groupVersionPath = new ResourceType(group, version, "", "", false).GroupVersionPath;
        var now = _options.Time.GetUtcNow();
        if (!_discovery.TryGetValue(groupVersionPath, out var cached) || now - cached.At > _options.DiscoveryTtl)
        {
            var answer = await _transport.SendAsync(new ApiRequest(HttpMethod.Get, groupVersionPath, "get", "discovery", NotFoundIsNull: true), ct).ConfigureAwait(false);
            cached = (now, answer?["resources"] as JsonArray);
            _discovery[groupVersionPath] = cached;
        }
        return cached.Resources?.OfType<JsonObject>().Any(r =>
            ObjectMeta.Str(r, "name") == pluralOrKind || ObjectMeta.Str(r, "kind") == pluralOrKind) == true;
    }

    public async IAsyncEnumerable<WatchEvent> WatchAsync(string apiVersion, string kind, string? ns, string resourceVersion,
        [EnumeratorCancellation] CancellationToken ct = default)
    {
        var type = Resolve(apiVersion, kind);
        var timeoutSeconds = (int)_options.WatchTimeout.TotalSeconds;
        var path = $"{type.CollectionPath(ns)}?watch=true&resourceVersion={Uri.EscapeDataString(resourceVersion)}" +
                   $"&allowWatchBookmarks=true&timeoutSeconds={timeoutSeconds}";
        var request = new ApiRequest(HttpMethod.Get, path, "watch", type.Plural);
        // A half-open connection would never end the stream; give up a little after the server should have.
        using var deadline = new CancellationTokenSource(_options.WatchTimeout + _options.RequestTimeout, _options.Time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, deadline.Token);
        using var response = await _transport.OpenStreamAsync(request, linked.Token).ConfigureAwait(false);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(linked.Token).ConfigureAwait(false));
        while (await reader.ReadLineAsync(linked.Token).ConfigureAwait(false) is { } line)
        {
            if (line.Length == 0) continue;
            yield return WatchFraming.Parse(line, type, path);
        }
    }

    private async Task<JsonObject> SendForObjectAsync(ApiRequest request, CancellationToken ct) =>
        await _transport.SendAsync(request, ct).ConfigureAwait(false)
        ?? throw new KubernetesApiException(500, "EmptyResponse", $"{request.Method} {request.PathAndQuery}: empty response");

    private ResourceType Resolve(string apiVersion, string kind) => _options.Resources.Resolve(apiVersion, kind);

    internal static JsonObject WithTypeMeta(JsonObject obj, ResourceType type)
    {
        obj["apiVersion"] ??= type.ApiVersion;
        obj["kind"] ??= type.Kind;
        return obj;
    }
}
