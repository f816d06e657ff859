using System.Text.Json.Nodes;
using RumOperator.Runtime.Client;

namespace RumOperator.Tests.ReleaseGuard;

/// <summary>
/// A replica's view of a shared cluster whose first read of a RumSLO waits until every replica has read it: two
/// replicas decide on the same resourceVersion, which is the race the claim must settle.
/// </summary>
public sealed class GatedCluster(IClusterClient inner, GatedCluster.Rendezvous rendezvous) : IClusterClient
{
    /// <summary>Completes when <paramref name="parties"/> have arrived.</summary>
    public sealed class Rendezvous(int parties)
    {
        private readonly TaskCompletionSource _all = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _arrived;

        public Task ArriveAsync()
        {
            if (Interlocked.Increment(ref _arrived) == parties) _all.TrySetResult();
            return _all.Task.WaitAsync(TimeSpan.FromSeconds(30));
        }
    }

    private int _sloReads;

    public async Task<JsonObject?> GetAsync(string apiVersion, string kind, string? ns, string name, CancellationToken ct = default)
    {
        var obj = await inner.GetAsync(apiVersion, kind, ns, name, ct);
        if (kind == Api.RumSlo.KindName && Interlocked.Increment(ref _sloReads) == 1) await rendezvous.ArriveAsync();
        return obj;
    }

    public Task<ObjectList> ListAsync(string apiVersion, string kind, string? ns = null, string? labelSelector = null, CancellationToken ct = default) =>
        inner.ListAsync(apiVersion, kind, ns, labelSelector, ct);
    public Task<JsonObject> ApplyAsync(JsonObject desired, CancellationToken ct = default) => inner.ApplyAsync(desired, ct);
    public Task<JsonObject> PatchAsync(string apiVersion, string kind, string? ns, string name, JsonObject mergePatch, CancellationToken ct = default) =>
        inner.PatchAsync(apiVersion, kind, ns, name, mergePatch, ct);
    public Task<JsonObject> PatchStatusAsync(string apiVersion, string kind, string? ns, string name, JsonObject status, CancellationToken ct = default) =>
        inner.PatchStatusAsync(apiVersion, kind, ns, name, status, ct);
    public Task<JsonObject> ReplaceStatusAsync(JsonObject obj, CancellationToken ct = default) => inner.ReplaceStatusAsync(obj, ct);
    public Task<bool> DeleteAsync(string apiVersion, string kind, string? ns, string name, CancellationToken ct = default) =>
        inner.DeleteAsync(apiVersion, kind, ns, name, ct);
    public Task RecordEventAsync(JsonObject regarding, EventType type, string reason, string action, string note, CancellationToken ct = default) =>
        inner.RecordEventAsync(regarding, type, reason, action, note, ct);
    public Task<bool> HasResourceAsync(string group, string version, string pluralOrKind, CancellationToken ct = default) =>
        inner.HasResourceAsync(group, version, pluralOrKind, ct);
}
