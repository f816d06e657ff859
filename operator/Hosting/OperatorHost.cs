using k8s;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RumOperator.SloConsole;
using RumOperator.ReleaseGuard;
using RumOperator.Web;
using RumOperator.Web.Admission;
using RumOperator.Web.Admission.Certificates;

namespace RumOperator.Hosting;

/// <summary>
/// The `run` process: an ASP.NET Core host (Kestrel) serving /metrics and /healthz, /readyz on their ports while
/// the controller manager runs as a hosted service. Other features plug in at the two marked spots.
/// </summary>
public static class OperatorHost
{
    /// <summary>Longer than the manager's 30 s grace for in-flight reconciles, so SIGTERM never cuts one short.</summary>
    public static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(40);

    public static WebApplication Build(OperatorOptions options, Kubernetes kubernetes, PodIdentity identity, Action<ILoggingBuilder>? logging = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        if (logging is not null) logging(builder.Logging);
        else builder.Logging.AddJsonConsole(json => json.UseUtcTimestamp = true);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            foreach (var port in new[] { options.MetricsPort, options.HealthPort }.Distinct()) kestrel.Listen(options.ListenAddress, port);
            kestrel.Listen(options.ListenAddress, options.ReleaseGuard.AlertsPort, listen =>
            {
                if (!options.ReleaseGuard.AlertsTls) return;
                var certificates = kestrel.ApplicationServices.GetRequiredService<IServingCertificateProvider>();
                listen.UseHttps(https => https.ServerCertificateSelector = (_, _) => certificates.Current);
            });
            if (options.Console is { } console) kestrel.Listen(console.Address, console.Port);
        });
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = ShutdownTimeout);
        builder.Services.AddRumOperator(options, kubernetes, identity);

        // Features with their own services register here, one line each; controllers of their own
        // go in as builder.Services.AddSingleton<IControllerExtension, …>().
        if (options.Webhook is { } webhook) builder.Services.AddAdmissionWebhook(webhook);
        builder.Services.AddSingleton<IGuardLeadership, ManagerLeadership>();
        if (options.Console is { } consoleOptions) builder.Services.AddConsole(consoleOptions);
        builder.Services.AddReleaseGuard(options.ReleaseGuard with { PrometheusUrl = options.PrometheusUrl, Namespaces = options.WatchNamespaces });

        var app = builder.Build();
        app.UseListenerPorts();
        app.MapHealthEndpoints(options.HealthPort);
        app.MapOperatorMetrics(options.MetricsPort);

        // Their endpoints map here, one line each.
        if (options.Webhook is not null) app.MapAdmissionWebhook();
        if (options.Console is { } console) app.MapConsole(console.Port);
        app.MapAlertReceiver(options.ReleaseGuard.AlertsPort);

        return app;
    }

    /// <summary>Blocks until SIGTERM/SIGINT (graceful) or a fatal manager error; returns the process exit code.</summary>
    public static int Run(OperatorOptions options)
    {
        using var kubernetes = new Kubernetes(KubeConfigLoader.Load(options.Kubeconfig));
        using var app = Build(options, kubernetes, PodIdentity.FromEnvironment());
        app.Run();
        return Environment.ExitCode;
    }
}
