using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;

namespace RumOperator.Web.Admission.Certificates;

/// <summary>
/// Without cert-manager: issues a CA and serving certificate at start, replaces both once less than RenewBefore
/// remains, and keeps the webhook configuration's caBundle trusting the CA it serves with.
/// </summary>
public sealed class SelfSignedCertificateProvider : IServingCertificateProvider
{
    private readonly AdmissionWebhookOptions _options;
    private readonly ICaBundlePublisher _publisher;
    private readonly TimeProvider _time;
    private readonly ILogger<SelfSignedCertificateProvider> _logger;
    private volatile IssuedCertificates _issued;

    public SelfSignedCertificateProvider(AdmissionWebhookOptions options, ICaBundlePublisher publisher, TimeProvider time, ILogger<SelfSignedCertificateProvider> logger)
    {
        _options = options;
        _publisher = publisher;
        _time = time;
        _logger = logger;
        _issued = Issue();
    }

    public X509Certificate2 Current => _issued.Serving;

    /// <summary>The CA the current serving certificate chains to.</summary>
    public X509Certificate2 Authority => _issued.Authority;

    public async Task RefreshAsync(CancellationToken ct)
    {
        var current = _issued;
        var now = _time.GetUtcNow();
        var next = now >= RenewAt(current) ? Issue() : current;
        // The new CA goes into the bundle before the new certificate is served: the other way round, the API server
        // would meet a certificate it cannot verify. Only an expired certificate is replaced regardless.
        var published = await _publisher.PublishAsync(next.Authority, now, ct).ConfigureAwait(false);
        if (ReferenceEquals(next, current)) return;
        if (published || now >= current.Serving.NotAfter.ToUniversalTime())
        {
            _issued = next;
            _logger.LogInformation("Rotated the webhook certificate: valid until {NotAfter:u}, caBundle {State}",
                next.Serving.NotAfter.ToUniversalTime(), published ? "updated" : "NOT updated yet (calls fail until it is)");
        }
    }

    private DateTimeOffset RenewAt(IssuedCertificates issued) => new DateTimeOffset(issued.Serving.NotAfter.ToUniversalTime()) - _options.RenewBefore;

    private IssuedCertificates Issue()
    {
        var issued = SelfSignedIssuer.Issue(_options.DnsNames, _time.GetUtcNow(), _options.CertificateValidity);
        _logger.LogInformation("Issued a webhook certificate for {DnsNames}, valid until {NotAfter:u}",
            string.Join(", ", _options.DnsNames), issued.Serving.NotAfter.ToUniversalTime());
        return issued;
    }
}
