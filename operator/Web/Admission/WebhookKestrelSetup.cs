using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using RumOperator.Web.Admission.Certificates;

namespace RumOperator.Web.Admission;

/// <summary>
/// Adds the webhook's HTTPS listener to Kestrel. The certificate is chosen per handshake, so rotation and reload
/// need no restart. Other listeners (health, metrics) stay plain HTTP and must be added with Listen* too: Kestrel
/// ignores URL settings once any endpoint is configured in code.
/// </summary>
internal sealed class WebhookKestrelSetup(AdmissionWebhookOptions options, IServingCertificateProvider certificates)
    : IConfigureOptions<KestrelServerOptions>
{
    public void Configure(KestrelServerOptions kestrel) =>
        kestrel.ListenAnyIP(options.Port, listen =>
        {
            listen.Protocols = HttpProtocols.Http1AndHttp2;
            listen.UseHttps(https => https.ServerCertificateSelector = (_, _) => certificates.Current);
        });
}
