using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;

namespace RumOperator.Web.Admission.Certificates;

/// <summary>
/// Serves tls.crt / tls.key from a directory: a cert-manager Secret mounted as a volume. The kubelet swaps the files
/// (through a ..data symlink) when cert-manager renews, so they are re-read on every refresh and compared by content;
/// file-change notifications are unreliable across that symlink swap.
/// </summary>
public sealed class DirectoryCertificateProvider : IServingCertificateProvider
{
    public const string CertificateFile = "tls.crt";
    public const string KeyFile = "tls.key";

    private readonly string _directory;
    private readonly ILogger<DirectoryCertificateProvider> _logger;
    private volatile X509Certificate2 _current;
    private string _loadedPem;

    public DirectoryCertificateProvider(string directory, ILogger<DirectoryCertificateProvider> logger)
    {
        _directory = directory;
        _logger = logger;
        var (certificatePem, keyPem) = ReadFiles();
        _current = Load(certificatePem, keyPem);
        _loadedPem = certificatePem + keyPem;
    }

    public X509Certificate2 Current => _current;

    public Task RefreshAsync(CancellationToken ct)
    {
        var (certificatePem, keyPem) = ReadFiles();
        if (certificatePem + keyPem == _loadedPem) return Task.CompletedTask;
        try
        {
            _current = Load(certificatePem, keyPem);
            _loadedPem = certificatePem + keyPem;
            _logger.LogInformation("Reloaded webhook certificate from {Directory}: {Subject}, valid until {NotAfter:u}",
                _directory, _current.Subject, _current.NotAfter.ToUniversalTime());
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            // A renewal caught between the two file writes (a key that does not match the certificate): keep serving the previous pair and read again next time.
            _logger.LogWarning(e, "Webhook certificate in {Directory} does not load yet; still serving the previous one", _directory);
        }
        return Task.CompletedTask;
    }

    private (string Certificate, string Key) ReadFiles()
    {
        var certificate = Path.Combine(_directory, CertificateFile);
        var key = Path.Combine(_directory, KeyFile);
        foreach (var file in new[] { certificate, key })
            if (!File.Exists(file))
                throw new FileNotFoundException($"webhook certificate: {file} not found (is the cert-manager Secret mounted at --webhook-cert-dir?)", file);
        return (File.ReadAllText(certificate), File.ReadAllText(key));
    }

    private static X509Certificate2 Load(string certificatePem, string keyPem) => X509Certificate2.CreateFromPem(certificatePem, keyPem);
}
