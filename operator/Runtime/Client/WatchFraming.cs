using System.Text.Json.Nodes;

namespace RumOperator.Runtime.Client;

/// <summary>Decodes one line of a watch stream: <c>{"type":"ADDED|MODIFIED|DELETED|BOOKMARK|ERROR","object":{…}}</c>.</summary>
internal static class WatchFraming
{
    public static WatchEvent Parse(string line, ResourceType type, string path)
    {
        var frame = JsonNode.Parse(line) as JsonObject
            ?? throw new KubernetesApiException(500, "BadWatchFrame", $"watch {path}: frame is not a JSON object");
        var obj = frame["object"] as JsonObject
            ?? throw new KubernetesApiException(500, "BadWatchFrame", $"watch {path}: frame has no object");
        return ObjectMeta.Str(frame, "type") switch
        {
            "ADDED" => new WatchEvent(WatchEventType.Added, KubernetesClusterClient.WithTypeMeta(obj, type)),
            "MODIFIED" => new WatchEvent(WatchEventType.Modified, KubernetesClusterClient.WithTypeMeta(obj, type)),
            "DELETED" => new WatchEvent(WatchEventType.Deleted, KubernetesClusterClient.WithTypeMeta(obj, type)),
            "BOOKMARK" => new WatchEvent(WatchEventType.Bookmark, obj),
            // The server reports an expired resourceVersion as an ERROR frame carrying a 410 Status.
            "ERROR" => throw ApiTransport.FromStatus($"watch {path}", 500, obj),
            var other => throw new KubernetesApiException(500, "BadWatchFrame", $"watch {path}: unknown event type '{other}'"),
        };
    }
}
