namespace RumOperator.Tests.Schemas;

/// <summary>
/// Names of the kubernetes-json-schema "standalone-strict" files: <c>&lt;kind&gt;-&lt;group&gt;-&lt;version&gt;.json</c>,
/// the group cut at its first dot (networking.k8s.io → networking), no group for the core API.
/// </summary>
public static class KubernetesSchemaFiles
{
    public static string FileName(string apiVersion, string kind)
    {
        var slash = apiVersion.IndexOf('/');
        var kindPart = kind.ToLowerInvariant();
        if (slash < 0) return $"{kindPart}-{apiVersion}.json";
        var group = apiVersion[..slash].Split('.')[0];
        return $"{kindPart}-{group}-{apiVersion[(slash + 1)..]}.json";
    }
}
