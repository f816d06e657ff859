using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace RumOperator.Web.Admission.Certificates;

/// <summary>A CA certificate (public part only: its key is discarded once it has signed) and the serving certificate it signed.</summary>
public sealed record IssuedCertificates(X509Certificate2 Authority, X509Certificate2 Serving);

/// <summary>Issues a fresh CA and a serving certificate for the webhook Service's DNS names. Pure apart from key generation.</summary>
public static class SelfSignedIssuer
{
    /// <summary>Tolerates API servers whose clock runs a little behind the operator's.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    public static IssuedCertificates Issue(IReadOnlyList<string> dnsNames, DateTimeOffset now, TimeSpan validity)
    {
        if (dnsNames.Count == 0) throw new ArgumentException("at least one DNS name is required", nameof(dnsNames));
        var notBefore = now - ClockSkew;
        var notAfter = now + validity;

        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest($"CN=rum-operator-webhook-ca {now.ToUnixTimeSeconds()}", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        caRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, false));
        using var ca = caRequest.CreateSelfSigned(notBefore, notAfter);

        using var servingKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={dnsNames[0]}", servingKey, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        foreach (var name in dnsNames) san.AddDnsName(name);
        request.CertificateExtensions.Add(san.Build(critical: false));
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1", "serverAuth")], false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, true, false));
        using var signed = request.Create(ca, notBefore, notAfter, SerialNumber());

        return new IssuedCertificates(
            X509CertificateLoader.LoadCertificate(ca.RawData),
            signed.CopyWithPrivateKey(servingKey));
    }

    private static byte[] SerialNumber()
    {
        // RFC 5280: positive, at most 20 octets. A first byte in 0x40..0x7F keeps it positive and its DER encoding minimal.
        var bytes = RandomNumberGenerator.GetBytes(16);
        bytes[0] = (byte)((bytes[0] & 0x3F) | 0x40);
        return bytes;
    }
}
