namespace RumOperator.Runtime.Client;

/// <summary>How one kind is addressed on the API server: its group/version, REST plural and scope.</summary>
public sealed record ResourceType(string Group, string Version, string Kind, string Plural, bool Namespaced)
{
    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    /// <summary>The legacy core group lives under /api, every other group under /apis.</summary>
    public string GroupVersionPath => Group.Length == 0 ? $"/api/{Version}" : $"/apis/{Group}/{Version}";

    /// <summary>The collection path; a null namespace on a namespaced kind means "across all namespaces" (list/watch only).</summary>
    public string CollectionPath(string? ns) =>
        Namespaced && !string.IsNullOrEmpty(ns)
            ? $"{GroupVersionPath}/namespaces/{Uri.EscapeDataString(ns)}/{Plural}"
            : $"{GroupVersionPath}/{Plural}";

    public string ObjectPath(string? ns, string name)
    {
        if (string.IsNullOrEmpty(name))
            throw new ArgumentException($"metadata.name: required to address a {Kind}", nameof(name));
        if (Namespaced && string.IsNullOrEmpty(ns))
            throw new ArgumentException($"metadata.namespace: required for namespaced kind {Kind} ({name})", nameof(ns));
        return $"{CollectionPath(Namespaced ? ns : null)}/{Uri.EscapeDataString(name)}";
    }

    public static (string Group, string Version) SplitApiVersion(string apiVersion)
    {
        var slash = apiVersion.IndexOf('/');
        return slash < 0 ? ("", apiVersion) : (apiVersion[..slash], apiVersion[(slash + 1)..]);
    }
}
