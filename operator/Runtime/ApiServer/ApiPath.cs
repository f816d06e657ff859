namespace RumOperator.Runtime.ApiServer;

/// <summary>A parsed API server URL path: /api/v1/… or /apis/{group}/{version}/…, namespaced or not, with optional subresource.</summary>
public sealed record ApiPath(string Group, string Version, string? Namespace, string? Plural, string? Name, string? Subresource)
{
    public string GroupVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";
    public string Collection => $"{GroupVersion}/{Plural}";
    public bool IsDiscovery => Plural is null;

    public static ApiPath? Parse(string path)
    {
        var parts = path.Trim('/').Split('/');
        string group, version;
        ArraySegment<string> rest;
        if (parts is ["api", var v, ..]) (group, version, rest) = ("", v, parts[2..]);
        else if (parts is ["apis", var g, var v2, ..]) (group, version, rest) = (g, v2, parts[3..]);
        else return null;

        string? ns = null;
        if (rest.Count >= 3 && rest[0] == "namespaces")
        {
            ns = rest[1];
            rest = rest[2..];
        }
        return rest.Count switch
        {
            0 => new ApiPath(group, version, ns, null, null, null),
            1 => new ApiPath(group, version, ns, rest[0], null, null),
            2 => new ApiPath(group, version, ns, rest[0], rest[1], null),
            3 => new ApiPath(group, version, ns, rest[0], rest[1], rest[2]),
            _ => null,
        };
    }
}
