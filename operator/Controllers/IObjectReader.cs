using System.Text.Json.Nodes;
using RumOperator.Runtime.Client;
using RumOperator.Runtime.ObjectRules;
using RumOperator.Runtime.Informers;

namespace RumOperator.Controllers;

/// <summary>
/// Where reconcilers read current state. In the running operator reads come from the informer caches (no API
/// request per reconcile); in tests and for kinds nobody watches they go to the API server.
/// </summary>
public interface IObjectReader
{
    Task<JsonObject?> GetAsync(KindRef kind, string ns, string name, CancellationToken ct);

    /// <summary>labelSelector in the API server's string syntax ("a=b,c"); null for all.</summary>
    Task<IReadOnlyList<JsonObject>> ListAsync(KindRef kind, string ns, string? labelSelector, CancellationToken ct);
}

/// <summary>Reads straight from the API server (a real one, the embedded one, or a test's in-memory front).</summary>
public sealed class ClientObjectReader(IClusterClient client) : IObjectReader
{
    public Task<JsonObject?> GetAsync(KindRef kind, string ns, string name, CancellationToken ct) =>
        client.GetAsync(kind.ApiVersion, kind.Kind, ns, name, ct);

    public async Task<IReadOnlyList<JsonObject>> ListAsync(KindRef kind, string ns, string? labelSelector, CancellationToken ct) =>
        (await client.ListAsync(kind.ApiVersion, kind.Kind, ns, labelSelector, ct).ConfigureAwait(false)).Items;
}

/// <summary>Reads watched kinds from their informer cache and everything else through <paramref name="fallback"/>.</summary>
public sealed class CachedObjectReader(IReadOnlyDictionary<KindRef, IObjectCache> caches, IObjectReader fallback) : IObjectReader
{
    public Task<JsonObject?> GetAsync(KindRef kind, string ns, string name, CancellationToken ct) =>
        caches.TryGetValue(kind, out var cache)
            ? Task.FromResult(cache.Get(new ObjectKey(ns, name)))
            : fallback.GetAsync(kind, ns, name, ct);

    public Task<IReadOnlyList<JsonObject>> ListAsync(KindRef kind, string ns, string? labelSelector, CancellationToken ct) =>
        caches.TryGetValue(kind, out var cache)
            ? Task.FromResult<IReadOnlyList<JsonObject>>([.. cache.List(ns).Where(o => LabelSelectorQuery.Matches(labelSelector, o))])
            : fallback.ListAsync(kind, ns, labelSelector, ct);
}
