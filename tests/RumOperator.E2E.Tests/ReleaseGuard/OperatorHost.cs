using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RumOperator.ReleaseGuard;
using RumOperator.Runtime.Client;

namespace RumOperator.E2E.Tests.ReleaseGuard;

/// <summary>The operator's web host reduced to the release guard, wired as the run command wires it.</summary>
internal sealed class OperatorHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private OperatorHost(WebApplication app)
    {
        _app = app;
        Url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
    }

    public string Url { get; }
    public IServiceProvider Services => _app.Services;

    public static async Task<OperatorHost> StartAsync(IClusterClient cluster, ReleaseGuardOptions options)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddSingleton(cluster);
        builder.Services.AddReleaseGuard(options);
        var app = builder.Build();
        app.MapAlertReceiver();
        await app.StartAsync();
        return new OperatorHost(app);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
