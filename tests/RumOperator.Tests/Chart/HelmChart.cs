using System.Text.Json.Nodes;
using RumOperator.Serialization;
using RumOperator.Tests.Support;

namespace RumOperator.Tests.Chart;

/// <summary>Runs the real helm (scripts/install-tools.sh puts it in .tools/bin) on charts/rum-operator.</summary>
public static class HelmChart
{
    public const string Release = "rum-operator";
    public const string Namespace = "rum-system";

    public static string Directory => Path.Combine(Repo.Root, "charts", "rum-operator");

    /// <summary>`helm template` with the given values (YAML); the rendered objects, or a failure with helm's output.</summary>
    public static IReadOnlyList<JsonObject> Template(string valuesYaml = "")
    {
        var result = Run("template", valuesYaml);
        Assert.True(result.ExitCode == 0, $"helm template failed:\n{result.Output}");
        return [.. Yaml.ParseAll(result.Output).Select(d => d.Node).OfType<JsonObject>()];
    }

    public static ExternalTool.Result Run(string command, string valuesYaml = "")
    {
        var values = Path.GetTempFileName();
        try
        {
            File.WriteAllText(values, valuesYaml);
            string[] args = command == "lint"
                ? ["lint", Directory, "--strict", "--namespace", Namespace, "-f", values]
                : ["template", Release, Directory, "--namespace", Namespace, "-f", values];
            return ExternalTool.Run("helm", args, Repo.Root);
        }
        finally { File.Delete(values); }
    }

    public static JsonObject Single(this IReadOnlyList<JsonObject> objects, string kind) =>
        Assert.Single(objects, o => o["kind"]!.GetValue<string>() == kind);

    public static IEnumerable<JsonObject> OfKind(this IReadOnlyList<JsonObject> objects, string kind) =>
        objects.Where(o => o["kind"]!.GetValue<string>() == kind);

    /// <summary>Value sets the tests render with: the defaults and every switch flipped.</summary>
    public static readonly TheoryData<string, string> Scenarios = new()
    {
        { "defaults", "" },
        { "watched namespaces, cert-manager, network policy, service monitor", """
            watchNamespaces: [shop, web]
            certManager: { enabled: true }
            networkPolicy: { enabled: true, metricsFrom: [{ namespaceSelector: { matchLabels: { kubernetes.io/metadata.name: monitoring } } }] }
            serviceMonitor: { enabled: true, labels: { release: kube-prometheus-stack } }
            prometheusUrl: http://prometheus.monitoring:9090
            releaseGuard: { alertTokenSecret: { name: alertmanager-token } }
            """ },
        { "webhook off, no leader election, one replica", """
            webhook: { enabled: false }
            leaderElection: { enabled: false }
            replicas: 1
            """ },
        { "cert-manager with an existing ClusterIssuer", """
            certManager: { enabled: true, issuerRef: { name: company-ca, kind: ClusterIssuer } }
            """ },
        { "watched namespaces with a self-issued certificate", """
            watchNamespaces: [shop]
            webhook: { failurePolicy: Ignore, timeoutSeconds: 10 }
            """ },
    };
}
