using System.Text.Json.Nodes;

namespace RumOperator.Tests.Chart;

/// <summary>One rule of a Role or ClusterRole, and where it applies: everywhere (ClusterRoleBinding) or in one namespace.</summary>
public sealed record RbacGrant(string Source, string? Namespace, IReadOnlyList<string> ApiGroups, IReadOnlyList<string> Resources,
    IReadOnlyList<string> Verbs, IReadOnlyList<string> ResourceNames)
{
    public bool Matches(ApiRequest request) =>
        (Namespace is null || Namespace == request.Namespace)
        && ApiGroups.Any(g => g == "*" || g == request.Group)
        && Resources.Any(r => ResourceMatches(r, request))
        && Verbs.Any(v => v == "*" || v == request.Verb)
        && (ResourceNames.Count == 0 || request.Name is not null && ResourceNames.Contains(request.Name));

    private static bool ResourceMatches(string rule, ApiRequest request)
    {
        var wanted = request.Subresource is null ? request.Resource : $"{request.Resource}/{request.Subresource}";
        return rule == "*" || rule == wanted || (request.Subresource is not null && rule == $"*/{request.Subresource}");
    }

    /// <summary>Every single permission this grant gives: one per group, resource, verb and name.</summary>
    public IEnumerable<ApiRequest> Atoms() =>
        from g in ApiGroups
        from r in Resources
        from v in Verbs
        from n in ResourceNames.Count == 0 ? [null] : ResourceNames.Select(n => (string?)n)
        let slash = r.IndexOf('/')
        select new ApiRequest(v, g, slash < 0 ? r : r[..slash], slash < 0 ? null : r[(slash + 1)..], Namespace, n);
}

/// <summary>
/// What a chart's RBAC lets one ServiceAccount do, read from `helm template` output the way the API server's RBAC
/// authorizer reads it: ClusterRoleBindings grant a ClusterRole everywhere, RoleBindings grant a Role or ClusterRole
/// in their own namespace.
/// </summary>
public sealed class RbacPolicy(IReadOnlyList<RbacGrant> grants)
{
    public IReadOnlyList<RbacGrant> Grants { get; } = grants;

    public static RbacPolicy For(IEnumerable<JsonObject> objects, string serviceAccount, string serviceAccountNamespace)
    {
        var all = objects.ToList();
        var clusterRoles = all.Where(o => Kind(o) == "ClusterRole").ToDictionary(o => Name(o));
        var roles = all.Where(o => Kind(o) == "Role").ToDictionary(o => (Namespace(o), Name(o)));
        var grants = new List<RbacGrant>();
        foreach (var binding in all.Where(o => Kind(o) is "ClusterRoleBinding" or "RoleBinding" && BindsTo(o, serviceAccount, serviceAccountNamespace)))
        {
            var roleRef = binding["roleRef"]!;
            var (refKind, refName) = (roleRef["kind"]!.GetValue<string>(), roleRef["name"]!.GetValue<string>());
            var bindingNs = Kind(binding) == "RoleBinding" ? Namespace(binding) : null;
            var role = refKind == "ClusterRole" ? clusterRoles.GetValueOrDefault(refName) : roles.GetValueOrDefault((bindingNs, refName));
            if (role is null) throw new InvalidOperationException($"{Kind(binding)} {Name(binding)}: roleRef {refKind} {refName} is not in the chart");
            foreach (var rule in role["rules"]?.AsArray().OfType<JsonObject>() ?? [])
                grants.Add(new RbacGrant($"{refKind} {refName}", bindingNs, Strings(rule["apiGroups"]), Strings(rule["resources"]),
                    Strings(rule["verbs"]), Strings(rule["resourceNames"])));
        }
        return new RbacPolicy(grants);
    }

    public bool Allows(ApiRequest request) => Grants.Any(g => g.Matches(request));

    public bool Allows(string verb, string group, string resource, string? subresource, string? ns, string? name = null) =>
        Allows(new ApiRequest(verb, group, resource, subresource, ns, name));

    /// <summary>The requests the chart refuses.</summary>
    public IReadOnlyList<ApiRequest> Denied(IEnumerable<ApiRequest> requests) => [.. requests.Where(r => !Allows(r)).Distinct()];

    /// <summary>
    /// Permissions no request used: the "nothing more" half of least privilege. <paramref name="exempt"/> covers
    /// permissions the API server checks without a call of their own (e.g. finalizers for blockOwnerDeletion).
    /// </summary>
    public IReadOnlyList<ApiRequest> Unused(IEnumerable<ApiRequest> requests, Func<ApiRequest, bool>? exempt = null)
    {
        var used = requests.ToList();
        return [.. Grants.SelectMany(g => g.Atoms().Select(atom => (Grant: g, Atom: atom)))
            .Where(x => exempt?.Invoke(x.Atom) != true && !used.Any(r => x.Grant.Matches(r) && Covers(x.Atom, r)))
            .Select(x => x.Atom)
            .Distinct()];
    }

    /// <summary>The request exercises exactly this atom (the grant as a whole matching is not enough: one verb of many).</summary>
    private static bool Covers(ApiRequest atom, ApiRequest request) =>
        atom.Verb == request.Verb && atom.Group == request.Group && atom.Resource == request.Resource
        && atom.Subresource == request.Subresource && (atom.Name is null || atom.Name == request.Name);

    private static bool BindsTo(JsonObject binding, string serviceAccount, string ns) =>
        binding["subjects"]?.AsArray().OfType<JsonObject>().Any(s =>
            s["kind"]?.GetValue<string>() == "ServiceAccount" && s["name"]?.GetValue<string>() == serviceAccount
            && s["namespace"]?.GetValue<string>() == ns) == true;

    private static string Kind(JsonObject o) => o["kind"]!.GetValue<string>();
    private static string Name(JsonObject o) => o["metadata"]!["name"]!.GetValue<string>();
    private static string? Namespace(JsonObject o) => o["metadata"]!["namespace"]?.GetValue<string>();
    private static IReadOnlyList<string> Strings(JsonNode? node) => node?.AsArray().Select(n => n!.GetValue<string>()).ToList() ?? [];
}
