using k8s;

namespace RumOperator.Hosting;

/// <summary>Finds the cluster: --kubeconfig, else the pod's service account, else $KUBECONFIG or ~/.kube/config.</summary>
public static class KubeConfigLoader
{
    public static KubernetesClientConfiguration Load(string? kubeconfig)
    {
        if (kubeconfig is not null)
            return File.Exists(kubeconfig)
                ? KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig)
                : throw new ArgumentException($"--kubeconfig: {kubeconfig} does not exist");
        if (KubernetesClientConfiguration.IsInCluster()) return KubernetesClientConfiguration.InClusterConfig();
        var fromEnv = Environment.GetEnvironmentVariable("KUBECONFIG")?.Split(Path.PathSeparator).FirstOrDefault(File.Exists);
        var home = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".kube", "config");
        var file = fromEnv ?? (File.Exists(home) ? home : null);
        return file is not null
            ? KubernetesClientConfiguration.BuildConfigFromConfigFile(file)
            : throw new InvalidOperationException("no cluster to talk to: pass --kubeconfig, run in a pod, or create ~/.kube/config");
    }
}
