using RumCollector.Config;
using RumCollector.Errors.SourceMaps;
using RumCollector.Export;
using RumCollector.Ingest;
using RumCollector.Ingest.Faro;
using RumOperator.Api;

namespace RumCollector;

/// <summary>Composes the collector: services, the initial config, and the HTTP endpoints.</summary>
public static class CollectorApp
{
    public static WebApplication Build(string[] args, Action<IServiceCollection>? overrides = null)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        builder.WebHost.ConfigureKestrel(k => k.AddServerHeader = false);
        if (builder.Configuration["urls"] is null && builder.Configuration["ASPNETCORE_URLS"] is null)
            builder.WebHost.UseUrls($"http://0.0.0.0:{RumOperator.CollectorConfig.CollectorPaths.HttpPort}");
        builder.Logging.ClearProviders();
        // Per-request framework logs would cost more than the beacons; keep ours and framework warnings.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        // Hosting starts an Activity and a log scope for every request while its logger is enabled at any level;
        // it logs nothing above Information for the collector (startup errors are not captured: they throw).
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.None);
        if (builder.Configuration["log-format"] == "text") builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        else builder.Logging.AddJsonConsole();

        var options = CollectorOptions.From(builder.Configuration);
        var services = builder.Services;
        services.AddSingleton(options);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<StateHolder>();
        services.AddSingleton(new LoadShedder(options.MaxInFlight));
        services.AddSingleton(sp => sp.GetRequiredService<StateHolder>().Current?.Config.Export is { } export
            ? new ExportQueue(export.QueueSize, export.MaxQueueBytes)
            : new ExportQueue(ExportSpec.DefaultQueueSize, ExportSpec.DefaultMaxQueueBytes));
        services.AddSingleton(sp => new IngestPipeline(sp.GetRequiredService<ExportQueue>(), sp.GetRequiredService<SourceMapStore>()));
        services.AddSingleton(sp => new IdempotencyKeys(sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IngestService>();
        services.AddSingleton(new HttpClient { Timeout = TimeSpan.FromSeconds(10) });
        services.AddSingleton<SinkProvider>();
        services.AddSingleton<ISinkSource>(sp => sp.GetRequiredService<SinkProvider>());
        services.AddSingleton<ConfigReloader>();
        services.AddHostedService(sp => sp.GetRequiredService<ConfigReloader>());
        services.AddHostedService<ExportWorker>();
        services.AddSingleton<SourceMapStore>();
        services.AddSingleton(_ => new SourceMapLoader());
        services.AddHostedService<SourceMapResolver>();
        overrides?.Invoke(services);

        var app = builder.Build();
        // The first load happens before serving, so /readyz is true from the first request when the config is good.
        var reloader = app.Services.GetRequiredService<ConfigReloader>();
        // Standalone users get the manifest error at once instead of a collector that never becomes ready.
        if (!reloader.CheckOnce() && options.Source is ManifestConfigSource)
            throw new ConfigException(reloader.LastError ?? "config could not be loaded");
        app.MapIngest();
        app.MapFaro();
        app.MapHealth();
        return app;
    }
}
