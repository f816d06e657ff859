using k8s;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using RumOperator.Controllers;
using RumOperator.PrometheusApi;
using RumOperator.Runtime.Client;
using RumOperator.Runtime.Hosting;
using RumOperator.Runtime.Metrics;

namespace RumOperator.Hosting;

/// <summary>The composition root of `run`: one place that builds the client, the manager and the reconcilers' options.</summary>
public static class OperatorServices
{
    public static IServiceCollection AddRumOperator(this IServiceCollection services, OperatorOptions options, Kubernetes kubernetes, PodIdentity identity)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(_ => new RuntimeMetrics());
        if (options.PrometheusUrl is { } url) services.AddPrometheusQuery(url);
        services.AddSingleton(sp =>
        {
            var loggers = sp.GetRequiredService<ILoggerFactory>();
            var metrics = sp.GetRequiredService<RuntimeMetrics>();
            var time = sp.GetRequiredService<TimeProvider>();
            var client = new KubernetesClusterClient(kubernetes, new ClusterClientOptions
            {
                Metrics = metrics, Time = time, LoggerFactory = loggers, ReportingInstance = identity.Name,
                Resources = OperatorResources.Map,
            });
            var manager = new ControllerManager(client, new ManagerOptions
            {
                WatchNamespaces = options.WatchNamespaces,
                Time = time,
                LoggerFactory = loggers,
                Metrics = metrics,
                Resources = OperatorResources.Map,
                LeaderElection = options.LeaderElect ? new LeaderElectionOptions(kubernetes, identity.Namespace, PodIdentity.LeaseName, identity.Name) : null,
            });
            var reconcilers = new ReconcilerOptions
            {
                CollectorImage = options.CollectorImage, PrometheusInterval = options.PrometheusInterval, Time = time, LoggerFactory = loggers,
                Dashboards = options.Dashboards,
            };
            var prometheus = options.PrometheusUrl is null ? null : sp.GetRequiredService<IPrometheusQuery>();
            return new OperatorComponents(client, manager, reconcilers, prometheus);
        });
        services.AddSingleton(sp => sp.GetRequiredService<OperatorComponents>().Manager);
        services.AddSingleton<IClusterClient>(sp => sp.GetRequiredService<OperatorComponents>().Client);
        services.AddSingleton<ManagerService>();
        services.AddHostedService(sp => sp.GetRequiredService<ManagerService>());
        return services;
    }
}
