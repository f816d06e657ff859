using RumOperator.Runtime.InMemory;

namespace RumOperator.Tests.Chart;

/// <summary>
/// One API call as RBAC sees it: verb, API group, resource, subresource, namespace and name. Built from the HTTP
/// request a fake API server recorded (method, path, query, content type) or from an in-memory cluster's RecordedCall.
/// </summary>
public sealed record ApiRequest(string Verb, string Group, string Resource, string? Subresource, string? Namespace, string? Name)
{
    public string GroupResource => (Group.Length == 0 ? "" : Group + "/") + Resource + (Subresource is null ? "" : "/" + Subresource);

    public override string ToString() =>
        $"{Verb} {GroupResource}{(Name is null ? "" : " " + Name)} in {Namespace ?? "(cluster)"}";

    /// <summary>
    /// The RBAC checks one HTTP request needs. A server-side apply is a PATCH that creates the object when it is
    /// absent, which the API server authorises as create as well. Discovery (/api, /apis/g/v) is not a resource
    /// request: every authenticated user may read it (system:discovery), so it yields nothing.
    /// </summary>
    public static IReadOnlyList<ApiRequest> FromHttp(string method, string path, string? query = null, string? contentType = null)
    {
        if (Parse(path) is not { } target) return [];
        var (group, ns, resource, name, subresource) = target;
        var watch = (query ?? "").TrimStart('?').Split('&').Contains("watch=true");
        var verbs = method.ToUpperInvariant() switch
        {
            "GET" when name is not null => ["get"],
            "GET" => watch ? ["watch"] : ["list"],
            "POST" => ["create"],
            "PUT" => ["update"],
            "PATCH" when contentType?.StartsWith("application/apply-patch", StringComparison.Ordinal) == true => ["patch", "create"],
            "PATCH" => ["patch"],
            "DELETE" => name is null ? ["deletecollection"] : new[] { "delete" },
            _ => throw new ArgumentException($"method: {method} is not an API verb", nameof(method)),
        };
        return [.. verbs.Select(v => new ApiRequest(v, group, resource, subresource, ns, name))];
    }

    /// <summary>The same for a call the in-memory cluster recorded (verbs get, list, apply, patch, update, delete, create).</summary>
    public static IReadOnlyList<ApiRequest> FromRecordedCall(RecordedCall call) => call.Verb switch
    {
        "get" => FromHttp("GET", call.Path),
        "list" => FromHttp("GET", call.Path),
        "watch" => FromHttp("GET", call.Path, "watch=true"),
        "apply" => FromHttp("PATCH", call.Path, contentType: "application/apply-patch+yaml"),
        "patch" => FromHttp("PATCH", call.Path),
        "update" => FromHttp("PUT", call.Path),
        "create" => FromHttp("POST", call.Path),
        "delete" => FromHttp("DELETE", call.Path),
        _ => throw new ArgumentException($"verb: {call.Verb} is not a recorded verb", nameof(call)),
    };

    /// <summary>/api/v1/namespaces/ns/plural/name/sub or /apis/group/version/…; null for discovery paths.</summary>
    private static (string Group, string? Namespace, string Resource, string? Name, string? Subresource)? Parse(string path)
    {
        var parts = path.Split('?')[0].Trim('/').Split('/').Select(Uri.UnescapeDataString).ToArray();
        string group;
        string[] rest;
        if (parts is ["api", _, ..]) (group, rest) = ("", parts[2..]);
        else if (parts is ["apis", var g, _, ..]) (group, rest) = (g, parts[3..]);
        else return null;
        string? ns = null;
        // "namespaces/x/plural…" is a namespaced request; "namespaces" or "namespaces/x" alone addresses Namespace objects.
        if (rest.Length >= 3 && rest[0] == "namespaces") (ns, rest) = (rest[1], rest[2..]);
        return rest switch
        {
            [] => null,
            [var plural] => (group, ns, plural, null, null),
            [var plural, var name] => (group, ns, plural, name, null),
            [var plural, var name, var sub] => (group, ns, plural, name, sub),
            _ => throw new ArgumentException($"path: {path} is not an API resource path", nameof(path)),
        };
    }
}
