namespace RumOperator.Hosting;

/// <summary>Who this replica is (Lease holder identity, Event reportingInstance) and where its Lease lives.</summary>
public sealed record PodIdentity(string Name, string Namespace)
{
    public const string LeaseName = "rum-operator";
    private const string ServiceAccountNamespaceFile = "/var/run/secrets/kubernetes.io/serviceaccount/namespace";

    /// <summary>POD_NAME/POD_NAMESPACE from the downward API; else the host name and the service account's namespace, else "default".</summary>
    public static PodIdentity FromEnvironment()
    {
        var name = Environment.GetEnvironmentVariable("POD_NAME") is { Length: > 0 } pod ? pod : Environment.MachineName;
        var ns = Environment.GetEnvironmentVariable("POD_NAMESPACE") is { Length: > 0 } env ? env
            : File.Exists(ServiceAccountNamespaceFile) ? File.ReadAllText(ServiceAccountNamespaceFile).Trim()
            : "default";
        return new PodIdentity(name, ns);
    }
}
