using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging.Abstractions;
using RumOperator.Web.Admission.Certificates;

namespace RumOperator.Tests.Admission;

public sealed class DirectoryCertificateProviderTests : IDisposable
{
    private static readonly IReadOnlyList<string> Names = ["rum-operator.rum-system.svc"];
    private readonly string _directory = Directory.CreateTempSubdirectory("rum-webhook-tls-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Serves_the_mounted_certificate_and_reloads_it_when_cert_manager_renews()
    {
        var first = Write(SelfSignedIssuer.Issue(Names, DateTimeOffset.UtcNow, TimeSpan.FromDays(90)));
        var provider = new DirectoryCertificateProvider(_directory, NullLogger<DirectoryCertificateProvider>.Instance);
        Assert.Equal(first.Thumbprint, provider.Current.Thumbprint);
        Assert.True(provider.Current.HasPrivateKey);

        await provider.RefreshAsync(CancellationToken.None);
        var unchanged = provider.Current;
        var renewed = Write(SelfSignedIssuer.Issue(Names, DateTimeOffset.UtcNow, TimeSpan.FromDays(90)));
        await provider.RefreshAsync(CancellationToken.None);

        Assert.Equal(first.Thumbprint, unchanged.Thumbprint);
        Assert.Equal(renewed.Thumbprint, provider.Current.Thumbprint);
    }

    [Fact]
    public async Task A_half_written_renewal_keeps_the_previous_certificate()
    {
        var first = Write(SelfSignedIssuer.Issue(Names, DateTimeOffset.UtcNow, TimeSpan.FromDays(90)));
        var provider = new DirectoryCertificateProvider(_directory, NullLogger<DirectoryCertificateProvider>.Instance);
        var other = SelfSignedIssuer.Issue(Names, DateTimeOffset.UtcNow, TimeSpan.FromDays(90));
        File.WriteAllText(Path.Combine(_directory, "tls.crt"), other.Serving.ExportCertificatePem());

        await provider.RefreshAsync(CancellationToken.None);

        Assert.Equal(first.Thumbprint, provider.Current.Thumbprint);
    }

    [Fact]
    public void A_missing_file_names_it_and_the_flag()
    {
        var e = Assert.Throws<FileNotFoundException>(() => new DirectoryCertificateProvider(_directory, NullLogger<DirectoryCertificateProvider>.Instance));
        Assert.Contains(Path.Combine(_directory, "tls.crt"), e.Message);
        Assert.Contains("--webhook-cert-dir", e.Message);
    }

    private System.Security.Cryptography.X509Certificates.X509Certificate2 Write(IssuedCertificates issued)
    {
        File.WriteAllText(Path.Combine(_directory, "tls.crt"), issued.Serving.ExportCertificatePem());
        File.WriteAllText(Path.Combine(_directory, "tls.key"), issued.Serving.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());
        return issued.Serving;
    }
}
