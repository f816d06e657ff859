using System.Security.Cryptography.X509Certificates;

namespace RumOperator.Web.Admission.Certificates;

/// <summary>The webhook's TLS certificate. Kestrel asks for <see cref="Current"/> on every handshake, so a swap takes effect at once.</summary>
public interface IServingCertificateProvider
{
    X509Certificate2 Current { get; }

    /// <summary>Called on an interval: reload a changed certificate, or rotate one that is close to expiry.</summary>
    Task RefreshAsync(CancellationToken ct);
}
