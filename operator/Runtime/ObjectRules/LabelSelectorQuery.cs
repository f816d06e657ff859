using System.Text.Json.Nodes;

namespace RumOperator.Runtime.ObjectRules;

/// <summary>Evaluates the API server's string label selectors: "a=b", "a==b", "a!=b", "a", "!a", comma = AND.</summary>
public static class LabelSelectorQuery
{
    public static bool Matches(string? selector, JsonObject obj)
    {
        if (string.IsNullOrWhiteSpace(selector)) return true;
        var labels = obj["metadata"]?["labels"] as JsonObject;
        string? Label(string key) => labels?[key] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
        foreach (var raw in selector.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var ok = raw switch
            {
                _ when raw.Contains("!=") => Label(raw[..raw.IndexOf("!=")].Trim()) != raw[(raw.IndexOf("!=") + 2)..].Trim(),
                _ when raw.Contains("==") => Label(raw[..raw.IndexOf("==")].Trim()) == raw[(raw.IndexOf("==") + 2)..].Trim(),
                _ when raw.Contains('=') => Label(raw[..raw.IndexOf('=')].Trim()) == raw[(raw.IndexOf('=') + 1)..].Trim(),
                _ when raw.StartsWith('!') => Label(raw[1..].Trim()) is null,
                _ when raw.Contains(' ') => throw new ArgumentException($"labelSelector: set-based term '{raw}' is not supported here"),
                _ => Label(raw) is not null,
            };
            if (!ok) return false;
        }
        return true;
    }
}
