namespace RumOperator.Rendering.Pipeline;

/// <summary>
/// Names of the objects rendered for a pipeline. Other parts rely on them: the SLO engine's job
/// label is the Service name.
/// </summary>
public static class CollectorNames
{
    public const string AppName = "rum-collector";
    public const string ContainerName = "collector";
    public const string PortName = "http";
    public const int ServicePort = 80;
    public const string ConfigHashAnnotation = "rumops.dev/config-hash";

    /// <summary>ServiceAccount, Deployment, Service, HPA, PDB, ServiceMonitor and NetworkPolicy share it.</summary>
    public static string Collector(string pipelineName) => $"{pipelineName}-collector";

    public static string ConfigMap(string pipelineName) => $"{pipelineName}-collector-config";
}
