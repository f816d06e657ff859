using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using RumOperator.Web.Admission;
using RumOperator.Web.Admission.Certificates;

namespace RumOperator.Tests.Admission;

public class SelfSignedCertificateTests
{
    private static readonly DateTimeOffset Start = new(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly AdmissionWebhookOptions Options = new()
    {
        ServiceName = "rum-operator",
        ServiceNamespace = "rum-system",
        CertificateValidity = TimeSpan.FromDays(90),
        RenewBefore = TimeSpan.FromDays(30),
    };

    [Fact]
    public void The_serving_certificate_names_the_service_and_chains_to_its_ca()
    {
        var issued = SelfSignedIssuer.Issue(Options.DnsNames, Start, Options.CertificateValidity);

        var san = issued.Serving.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single();
        Assert.Equal(["rum-operator.rum-system.svc", "rum-operator.rum-system.svc.cluster.local"], san.EnumerateDnsNames());
        Assert.True(issued.Serving.HasPrivateKey);
        Assert.False(issued.Authority.HasPrivateKey);
        Assert.True(issued.Authority.Extensions.OfType<X509BasicConstraintsExtension>().Single().CertificateAuthority);
        Assert.Equal(Start.UtcDateTime.AddDays(90), issued.Serving.NotAfter.ToUniversalTime());
        Assert.True(TestCertificates.ChainsTo(issued.Serving, [issued.Authority], Start.UtcDateTime));
        var other = SelfSignedIssuer.Issue(Options.DnsNames, Start, Options.CertificateValidity);
        Assert.False(TestCertificates.ChainsTo(issued.Serving, [other.Authority], Start.UtcDateTime));
    }

    [Fact]
    public async Task Rotates_before_expiry_and_publishes_the_new_ca_first()
    {
        var time = new FakeTimeProvider(Start);
        var publisher = new RecordingPublisher();
        var provider = new SelfSignedCertificateProvider(Options, publisher, time, NullLogger<SelfSignedCertificateProvider>.Instance);
        var first = provider.Current;

        await provider.RefreshAsync(CancellationToken.None);
        time.Advance(TimeSpan.FromDays(59));
        await provider.RefreshAsync(CancellationToken.None);
        Assert.Same(first, provider.Current);
        Assert.All(publisher.Published, ca => Assert.Equal(publisher.Published[0].Thumbprint, ca.Thumbprint));

        time.Advance(TimeSpan.FromDays(1) + TimeSpan.FromSeconds(1));
        publisher.OnPublish = ca => Assert.Same(first, provider.Current);
        await provider.RefreshAsync(CancellationToken.None);

        Assert.NotSame(first, provider.Current);
        Assert.Equal(time.GetUtcNow().UtcDateTime.AddDays(90), provider.Current.NotAfter.ToUniversalTime(), TimeSpan.FromSeconds(1));
        Assert.Equal(provider.Authority.Thumbprint, publisher.Published[^1].Thumbprint);
        Assert.True(TestCertificates.ChainsTo(provider.Current, [publisher.Published[^1]], time.GetUtcNow().UtcDateTime));
    }

    [Fact]
    public async Task Keeps_serving_the_old_certificate_until_the_new_ca_is_published_unless_it_expired()
    {
        var time = new FakeTimeProvider(Start);
        var publisher = new RecordingPublisher { Succeeds = false };
        var provider = new SelfSignedCertificateProvider(Options, publisher, time, NullLogger<SelfSignedCertificateProvider>.Instance);
        var first = provider.Current;

        time.Advance(TimeSpan.FromDays(70));
        await provider.RefreshAsync(CancellationToken.None);
        Assert.Same(first, provider.Current);

        time.Advance(TimeSpan.FromDays(21));
        await provider.RefreshAsync(CancellationToken.None);
        Assert.NotSame(first, provider.Current);
        Assert.True(provider.Current.NotAfter.ToUniversalTime() > time.GetUtcNow().UtcDateTime);
    }

    [Fact]
    public async Task The_refresh_service_runs_at_start_and_on_every_interval()
    {
        var time = new FakeTimeProvider(Start);
        var publisher = new RecordingPublisher();
        var options = Options with { CheckInterval = TimeSpan.FromMinutes(1) };
        var provider = new SelfSignedCertificateProvider(options, publisher, time, NullLogger<SelfSignedCertificateProvider>.Instance);
        using var service = new CertificateRefreshService(provider, options, time, NullLogger<CertificateRefreshService>.Instance);

        await service.StartAsync(CancellationToken.None);
        await publisher.WaitForAsync(1);
        time.Advance(TimeSpan.FromMinutes(1));
        await publisher.WaitForAsync(2);
        await service.StopAsync(CancellationToken.None);

        Assert.Equal(2, publisher.Published.Count);
    }

    private sealed class RecordingPublisher : ICaBundlePublisher
    {
        private readonly List<X509Certificate2> _published = [];
        private readonly SemaphoreSlim _calls = new(0);

        public bool Succeeds { get; init; } = true;
        public Action<X509Certificate2>? OnPublish { get; set; }
        public IReadOnlyList<X509Certificate2> Published { get { lock (_published) return [.. _published]; } }

        public Task<bool> PublishAsync(X509Certificate2 authority, DateTimeOffset now, CancellationToken ct)
        {
            OnPublish?.Invoke(authority);
            lock (_published) _published.Add(authority);
            _calls.Release();
            return Task.FromResult(Succeeds);
        }

        public async Task WaitForAsync(int count)
        {
            while (Published.Count < count)
                Assert.True(await _calls.WaitAsync(TimeSpan.FromSeconds(10)), $"expected {count} publications, saw {Published.Count}");
        }
    }
}
