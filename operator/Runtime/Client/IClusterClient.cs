using System.Text.Json.Nodes;

namespace RumOperator.Runtime.Client;

/// <summary>
/// The narrow view of the cluster reconcilers get. Objects are untyped JSON so the runtime stays generic;
/// typed reads are the operator's (ResourceJson in contracts/Serialization). Failures surface as
/// <see cref="KubernetesApiException"/> (or <see cref="TimeoutException"/>), which the controller turns into backoff.
/// </summary>
public interface IClusterClient
{
    /// <summary>The object, or null when it does not exist.</summary>
    Task<JsonObject?> GetAsync(string apiVersion, string kind, string? ns, string name, CancellationToken ct = default);

    /// <summary>A null namespace lists across all namespaces; labelSelector uses the API server's syntax ("a=b,c!=d").</summary>
    Task<ObjectList> ListAsync(string apiVersion, string kind, string? ns = null, string? labelSelector = null, CancellationToken ct = default);

    /// <summary>Server-side apply as field manager "rum-operator" with force: creates or updates the fields we own.</summary>
    Task<JsonObject> ApplyAsync(JsonObject desired, CancellationToken ct = default);

    /// <summary>JSON merge patch (RFC 7386). Put metadata.resourceVersion in the patch to make it conditional.</summary>
    Task<JsonObject> PatchAsync(string apiVersion, string kind, string? ns, string name, JsonObject mergePatch, CancellationToken ct = default);

    /// <summary>Merge-patches <c>{"status": status}</c> onto the status subresource; never bumps metadata.generation.</summary>
    Task<JsonObject> PatchStatusAsync(string apiVersion, string kind, string? ns, string name, JsonObject status, CancellationToken ct = default);

    /// <summary>PUT to the status subresource; fails with 409 when obj's resourceVersion is stale.</summary>
    Task<JsonObject> ReplaceStatusAsync(JsonObject obj, CancellationToken ct = default);

    /// <summary>Deletes with background propagation; false when the object was already gone.</summary>
    Task<bool> DeleteAsync(string apiVersion, string kind, string? ns, string name, CancellationToken ct = default);

    /// <summary>Emits an events.k8s.io/v1 Event about <paramref name="regarding"/>.</summary>
    Task RecordEventAsync(JsonObject regarding, EventType type, string reason, string action, string note, CancellationToken ct = default);

    /// <summary>Discovery: whether group/version serves a resource with this plural or kind (e.g. is the ServiceMonitor CRD installed).</summary>
    Task<bool> HasResourceAsync(string group, string version, string pluralOrKind, CancellationToken ct = default);
}

public enum EventType { Normal, Warning }

/// <summary>A list result: the items and the collection resourceVersion a watch resumes from.</summary>
public sealed record ObjectList(IReadOnlyList<JsonObject> Items, string ResourceVersion);
