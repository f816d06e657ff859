using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RumOperator.Controllers;

namespace RumOperator.Hosting;

/// <summary>
/// Runs the controller manager for the life of the host: discovery, controller wiring, caches, controllers. When
/// the host stops (SIGTERM) the manager stops taking keys and lets in-flight reconciles finish. A lost Lease or a
/// failed start stops the process with exit code 1, so Kubernetes restarts it cleanly.
/// </summary>
public sealed class ManagerService(OperatorComponents components, IEnumerable<IControllerExtension> extensions, IHostApplicationLifetime lifetime,
    ILogger<ManagerService> logger) : BackgroundService
{
    private volatile bool _failed;

    /// <summary>True once the manager has stopped on an error; /healthz reports it.</summary>
    public bool Failed => _failed;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var crds = await ServedCrds.DiscoverAsync(components.Client, stoppingToken).ConfigureAwait(false);
            logger.LogInformation("Prometheus Operator CRDs: servicemonitors {ServiceMonitors}, prometheusrules {PrometheusRules}",
                crds.ServiceMonitors ? "served" : "absent", crds.PrometheusRules ? "served" : "absent");
            ControllerWiring.Register(components.Manager, components.Client, components.Reconcilers, crds, components.Prometheus);
            foreach (var extension in extensions) extension.Register(components.Manager, components.Client, crds);
            await components.Manager.RunAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
        catch (Exception e)
        {
            _failed = true;
            logger.LogCritical(e, "Controller manager stopped: {Reason}", e.Message);
            Environment.ExitCode = 1;
            lifetime.StopApplication();
        }
    }
}
