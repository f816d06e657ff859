using System.Text.Json.Nodes;

namespace RumOperator.Runtime.Client;

/// <summary>What an informer needs from the API server: a consistent list and a watch that resumes from a resourceVersion.</summary>
public interface IWatchSource
{
    Task<ObjectList> ListAsync(string apiVersion, string kind, string? ns = null, string? labelSelector = null, CancellationToken ct = default);

    /// <summary>
    /// Streams changes after <paramref name="resourceVersion"/>, including BOOKMARK events. Ends when the server closes
    /// the stream; throws <see cref="KubernetesApiException"/> with 410 when the version has been compacted.
    /// </summary>
    IAsyncEnumerable<WatchEvent> WatchAsync(string apiVersion, string kind, string? ns, string resourceVersion, CancellationToken ct = default);
}

public enum WatchEventType { Added, Modified, Deleted, Bookmark }

public sealed record WatchEvent(WatchEventType Type, JsonObject Object);
