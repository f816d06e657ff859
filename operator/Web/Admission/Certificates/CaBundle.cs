using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace RumOperator.Web.Admission.Certificates;

/// <summary>
/// The caBundle shared by all operator replicas. Each replica issues its own CA and the Service load-balances the
/// API server's calls over all of them, so the bundle must trust every live replica's CA: a replica adds its own and
/// keeps the others, dropping expired ones and, beyond <see cref="MaxAuthorities"/>, the oldest (replicas that are
/// gone). A replica still alive re-adds itself on its next refresh, so the bundle heals.
/// </summary>
public static class CaBundle
{
    /// <summary>Two replicas plus a surge pod during a rolling update, with room for one more.</summary>
    public const int MaxAuthorities = 4;

    /// <summary>The bundle that trusts <paramref name="own"/>, and whether it differs from <paramref name="existingPem"/>.</summary>
    public static (string Pem, bool Changed) Merge(string? existingPem, X509Certificate2 own, DateTimeOffset now)
    {
        var existing = Parse(existingPem);
        var kept = existing
            .Where(c => c.Thumbprint != own.Thumbprint && c.NotAfter.ToUniversalTime() > now.UtcDateTime)
            .OrderByDescending(c => c.NotBefore)
            .Take(MaxAuthorities - 1)
            .Select(c => c.Thumbprint)
            .Append(own.Thumbprint)
            .ToHashSet();
        var merged = existing.Where(c => kept.Contains(c.Thumbprint)).DistinctBy(c => c.Thumbprint).ToList();
        if (merged.All(c => c.Thumbprint != own.Thumbprint)) merged.Add(own);
        var pem = string.Concat(merged.Select(c => c.ExportCertificatePem() + "\n"));
        // A bundle this method wrote comes back byte for byte, so a steady state makes no writes.
        return (pem, pem != existingPem);
    }

    /// <summary>The certificates in a PEM bundle; unreadable blocks are dropped (the merged bundle no longer carries them).</summary>
    public static IReadOnlyList<X509Certificate2> Parse(string? pem)
    {
        var certificates = new List<X509Certificate2>();
        if (string.IsNullOrWhiteSpace(pem)) return certificates;
        var rest = pem.AsSpan();
        while (PemEncoding.TryFind(rest, out var fields))
        {
            if (rest[fields.Label].SequenceEqual("CERTIFICATE"))
            {
                try { certificates.Add(X509CertificateLoader.LoadCertificate(Convert.FromBase64String(rest[fields.Base64Data].ToString()))); }
                catch (CryptographicException) { }
            }
            rest = rest[fields.Location.End..];
        }
        return certificates;
    }
}
