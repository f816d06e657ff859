namespace RumOperator.Runtime.Hosting;

/// <summary>The <c>--watch-namespaces</c> flag: a comma-separated list, or empty for cluster-wide.</summary>
public static class WatchNamespaces
{
    /// <summary>Empty list means cluster-wide. Names are validated as DNS-1123 labels.</summary>
    public static IReadOnlyList<string> Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return [];
        var names = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().ToList();
        foreach (var name in names)
            if (name.Length > 63 || !System.Text.RegularExpressions.Regex.IsMatch(name, "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$"))
                throw new ArgumentException($"--watch-namespaces: '{name}' is not a valid namespace name (lowercase DNS label, at most 63 characters)");
        return names;
    }
}
