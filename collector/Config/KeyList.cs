namespace RumCollector.Config;

/// <summary>Parses the comma-separated key list a Secret holds per app (several keys during rotation).</summary>
public static class KeyList
{
    public static IReadOnlyList<string> Parse(string text) =>
        text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal).ToList();
}
