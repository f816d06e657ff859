using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using RumOperator.PrometheusApi;

namespace RumOperator.ReleaseGuard;

public static class ReleaseGuardServiceCollectionExtensions
{
    /// <summary>
    /// The release guard: signal queue and its worker, decision path, actions, audit, the webhook's HttpClient
    /// (retries with exponential backoff and jitter) and, with <see cref="ReleaseGuardOptions.PrometheusUrl"/>,
    /// the polling fallback. Needs an <c>IClusterClient</c> in the container; map the receiver with
    /// <see cref="AlertReceiverEndpoint.MapAlertReceiver"/>.
    /// </summary>
    public static IServiceCollection AddReleaseGuard(this IServiceCollection services, ReleaseGuardOptions options)
    {
        services.AddSingleton(options);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(_ => new ReleaseGuardMetrics(options.MetricsRegistry));
        services.AddSingleton<SignalQueue>();
        services.AddSingleton<AlertTokenSource>();
        services.AddSingleton<RollbackAudit>();
        services.AddSingleton<SignalEvidence>();
        services.TryAddSingleton<IGuardLeadership, AlwaysLeader>();
        services.AddSingleton<ReleaseGuardService>();
        services.AddSingleton<IRollbackAction, DeploymentUndo>();
        services.AddSingleton<IRollbackAction, RolloutAbort>();
        services.AddSingleton<IRollbackAction, WebhookNotifier>();
        services.AddSingleton<WebhookNotifier>(); // also fired by GitRevert after its push
        services.AddSingleton<IRollbackAction, GitRevert>();
        services.AddHttpClient(WebhookNotifier.HttpClientName)
            // A redirect would take the request to a host the allowlist never saw.
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false })
            .AddResilienceHandler("rollback-webhook", (pipeline, context) =>
            {
                pipeline.TimeProvider = context.ServiceProvider.GetRequiredService<TimeProvider>();
                if (options.WebhookRetries > 0)
                    pipeline.AddRetry(new HttpRetryStrategyOptions
                    {
                        MaxRetryAttempts = options.WebhookRetries,
                        BackoffType = DelayBackoffType.Exponential,
                        UseJitter = true,
                        Delay = options.WebhookRetryDelay,
                    });
                pipeline.AddTimeout(options.WebhookAttemptTimeout);
            });
        services.AddHostedService<ReleaseGuardWorker>();

        if (options.PrometheusUrl is { } url)
        {
            services.AddPrometheusQuery(url);
            services.AddSingleton<BurnRatePoller>();
            services.AddHostedService(sp => sp.GetRequiredService<BurnRatePoller>());
        }
        return services;
    }
}
