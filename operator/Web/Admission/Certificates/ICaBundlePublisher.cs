using System.Security.Cryptography.X509Certificates;

namespace RumOperator.Web.Admission.Certificates;

/// <summary>Makes the API server trust a CA for calls to the webhook.</summary>
public interface ICaBundlePublisher
{
    /// <summary>True once the bundle trusts <paramref name="authority"/>; false when that could not be done now (retried later).</summary>
    Task<bool> PublishAsync(X509Certificate2 authority, DateTimeOffset now, CancellationToken ct);
}
