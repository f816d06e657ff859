using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace RumOperator.Tests.Admission;

/// <summary>Chain checks the way the API server makes them: trust only the given CA(s), verify the DNS name.</summary>
public static class TestCertificates
{
    public static bool ChainsTo(X509Certificate2 serving, IEnumerable<X509Certificate2> authorities, DateTime at)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(authorities.ToArray());
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = at;
        chain.ChainPolicy.VerificationTimeIgnored = false;
        chain.ChainPolicy.ApplicationPolicy.Add(new System.Security.Cryptography.Oid("1.3.6.1.5.5.7.3.1"));
        return chain.Build(serving);
    }

    /// <summary>A TLS callback that accepts the server only when it chains to <paramref name="authorities"/> and matches the host.</summary>
    public static RemoteCertificateValidationCallback TrustOnly(Func<IEnumerable<X509Certificate2>> authorities) =>
        (_, certificate, _, errors) =>
            certificate is not null
            && (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) == SslPolicyErrors.None
            && ChainsTo(X509CertificateLoader.LoadCertificate(certificate.GetRawCertData()), authorities(), DateTime.Now);
}
