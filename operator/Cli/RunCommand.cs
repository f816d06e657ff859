using System.CommandLine;
using RumOperator.Rendering.Pipeline;
using RumOperator.SloConsole;
using RumOperator.Hosting;
using RumOperator.ReleaseGuard;
using RumOperator.Web.Admission;

namespace RumOperator.Cli;

/// <summary>`rum-operator run`: the operator itself, reconciling until SIGTERM.</summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var kubeconfig = new Option<string?>("--kubeconfig") { Description = "Kubeconfig file; default: in-cluster service account, else $KUBECONFIG or ~/.kube/config" };
        var namespaces = new Option<string?>("--watch-namespaces") { Description = "Comma-separated namespaces to watch; empty: cluster-wide" };
        var image = new Option<string>("--collector-image") { Description = "Collector image for pipelines that name none", DefaultValueFactory = _ => PipelineRenderOptions.DefaultCollectorImage };
        var prometheus = new Option<string?>("--prometheus-url") { Description = "Prometheus base URL (e.g. http://prometheus.monitoring:9090); fills RumSLO status with the current SLI, budget and burn rates" };
        var interval = new Option<string>("--prometheus-interval") { Description = "How often RumSLO figures are read from Prometheus (a duration: 30s, 1m)", DefaultValueFactory = _ => "1m" };
        var leaderElect = new Option<bool>("--leader-elect") { Description = "Run controllers only while holding the rum-operator Lease (for more than one replica)" };
        var metricsPort = new Option<int>("--metrics-port") { Description = "Port of /metrics", DefaultValueFactory = _ => 8080 };
        var healthPort = new Option<int>("--health-port") { Description = "Port of /healthz and /readyz", DefaultValueFactory = _ => 8081 };
        var consoleAddress = new Option<string?>("--console-address") { Description = "Serve the read-only SLO console on host:port (e.g. 127.0.0.1:9095; :9095 for all interfaces); off when empty. See docs/console.md" };
        var command = new Command("run", "Run the operator: reconcile RumPipelines, SamplingPolicies and RumSLOs until SIGTERM")
        {
            kubeconfig, namespaces, image, prometheus, interval, leaderElect, metricsPort, healthPort, consoleAddress,
        };
        var webhook = new AdmissionWebhookFlags();
        webhook.AddTo(command);
        var dashboards = new DashboardFlags();
        dashboards.AddTo(command);
        var guard = new ReleaseGuardFlags();
        guard.AddTo(command);
        // A synchronous action on purpose: System.CommandLine gives asynchronous actions only a couple of seconds
        // after SIGTERM, while the host's own handler drains in-flight reconciles for up to 30 s.
        command.SetAction(parse =>
        {
            var options = OperatorOptions.Parse(parse.GetValue(kubeconfig), parse.GetValue(namespaces), parse.GetValue(image)!,
                parse.GetValue(prometheus), parse.GetValue(interval)!, parse.GetValue(leaderElect), parse.GetValue(metricsPort), parse.GetValue(healthPort)) with
            {
                Webhook = webhook.Read(parse),
                Console = parse.GetValue(consoleAddress) is { Length: > 0 } address ? ConsoleFlag(address, parse.GetValue(metricsPort), parse.GetValue(healthPort)) : null,
                Dashboards = dashboards.Read(parse),
                ReleaseGuard = guard.Read(parse),
            };
            return OperatorHost.Run(options.Checked());
        });
        return command;
    }

    private static ConsoleOptions ConsoleFlag(string address, int metricsPort, int healthPort)
    {
        var console = ConsoleOptions.Parse("--console-address", address);
        if (console.Port == metricsPort || console.Port == healthPort)
            throw new ArgumentException($"--console-address: port {console.Port} is already the metrics or health port; the console needs its own");
        return console;
    }
}
