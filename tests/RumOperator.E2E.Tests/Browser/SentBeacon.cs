using System.Text.Json;

namespace RumOperator.E2E.Tests.Browser;

/// <summary>A beacon as it left the browser: what the network saw, before the collector touched it.</summary>
public sealed record SentBeacon(string Body, string Url = "")
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;

    public string? Release => Json.Text("release");

    public IEnumerable<JsonElement> Events => Json.GetProperty("events").EnumerateArray();

    public bool HasEvent(string type, string? field = null, string? value = null) =>
        Events.Any(e => e.Text("type") == type && (field is null || e.Text(field) == value));
}

internal static class JsonFields
{
    /// <summary>A string property, or null when it is absent or not a string.</summary>
    public static string? Text(this JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String
            ? v.GetString()
            : null;
}
