namespace RumCollector.Enrichment;

/// <summary>Country from the CDN's geo header: the first configured header holding an ISO 3166 alpha-2 code.</summary>
public static class CountryResolver
{
    public const string Unknown = "unknown";

    public static string Resolve(IReadOnlyList<string> headerNames, Func<string, string?> header)
    {
        foreach (var name in headerNames)
        {
            var value = header(name)?.Trim();
            if (value is not { Length: 2 } || !char.IsAsciiLetter(value[0]) || !char.IsAsciiLetter(value[1])) continue;
            var code = value.ToUpperInvariant();
            // XX and T1 are the CDNs' "unknown" and "Tor" markers, not countries: try the next header.
            if (code is not ("XX" or "T1")) return code;
        }
        return Unknown;
    }
}
