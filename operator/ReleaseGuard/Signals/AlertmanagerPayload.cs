using System.Text.Json.Serialization;

namespace RumOperator.ReleaseGuard;

/// <summary>Alertmanager's webhook body, version 4 (only the fields the guard reads).</summary>
public sealed class AlertmanagerPayload
{
    [JsonPropertyName("version")] public string? Version { get; set; }
    [JsonPropertyName("status")] public string? Status { get; set; }
    [JsonPropertyName("receiver")] public string? Receiver { get; set; }
    [JsonPropertyName("groupKey")] public string? GroupKey { get; set; }
    [JsonPropertyName("alerts")] public List<AlertmanagerAlert?>? Alerts { get; set; }
}

public sealed class AlertmanagerAlert
{
    [JsonPropertyName("status")] public string? Status { get; set; }
    [JsonPropertyName("labels")] public Dictionary<string, string>? Labels { get; set; }
    [JsonPropertyName("annotations")] public Dictionary<string, string>? Annotations { get; set; }
    [JsonPropertyName("startsAt")] public DateTimeOffset? StartsAt { get; set; }
    [JsonPropertyName("fingerprint")] public string? Fingerprint { get; set; }
}
