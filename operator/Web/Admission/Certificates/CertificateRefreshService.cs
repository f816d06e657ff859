using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace RumOperator.Web.Admission.Certificates;

/// <summary>Refreshes the webhook certificate at start and then every CheckInterval, on the TimeProvider's clock.</summary>
public sealed class CertificateRefreshService(IServingCertificateProvider provider, AdmissionWebhookOptions options, TimeProvider time,
    ILogger<CertificateRefreshService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.CheckInterval, time);
        do
        {
            try { await provider.RefreshAsync(stoppingToken).ConfigureAwait(false); }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Webhook certificate refresh failed; serving the current certificate and retrying in {Interval}", options.CheckInterval);
            }
        }
        while (await WaitAsync(timer, stoppingToken).ConfigureAwait(false));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken ct)
    {
        try { return await timer.WaitForNextTickAsync(ct).ConfigureAwait(false); }
        catch (OperationCanceledException) { return false; }
    }
}
