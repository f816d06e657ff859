using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RumOperator.Runtime.Client;
using RumOperator.Web.Admission;
using RumOperator.Web.Admission.Certificates;

namespace RumOperator.Tests.Admission;

/// <summary>The webhook as the API server meets it: HTTPS on its own port, trusted through the caBundle the operator published.</summary>
public sealed class WebhookHttpsTests : IAsyncLifetime
{
    private const string Host = "rum-operator.rum-system.svc";
    private readonly WebhookFixture _fixture = new();
    private readonly int _port = FreePort();
    private readonly int _plainPort = FreePort();
    private WebApplication _app = null!;

    public async Task InitializeAsync()
    {
        _fixture.Cluster.Put(JsonNode.Parse("""
            {"apiVersion": "admissionregistration.k8s.io/v1", "kind": "ValidatingWebhookConfiguration", "metadata": {"name": "rum-operator"},
             "webhooks": [{"name": "validate.rumops.dev", "clientConfig": {"service": {"name": "rum-operator", "namespace": "rum-system", "path": "/validate", "port": 443}}}]}
            """)!.AsObject());
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        // As the run host does: its plain-HTTP ports (health, metrics) configured in code beside the webhook's listener.
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ListenLocalhost(_plainPort));
        builder.Services.AddSingleton<IClusterClient>(_fixture.Cluster);
        builder.Services.AddAdmissionWebhook(new AdmissionWebhookOptions
        {
            Port = _port,
            ServiceName = "rum-operator",
            ServiceNamespace = "rum-system",
            WebhookConfigurationName = "rum-operator",
        });
        _app = builder.Build();
        _app.MapAdmissionWebhook();
        await _app.StartAsync();
        // The refresh loop publishes at start; one more refresh makes sure it has, without waiting on the loop.
        await _app.Services.GetRequiredService<IServingCertificateProvider>().RefreshAsync(CancellationToken.None);
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Answers_over_tls_trusted_through_the_published_ca_bundle()
    {
        using var client = Client(PublishedAuthorities);

        var allowed = await PostAsync(client, AdmissionReviews.Request(AdmissionReviews.Object("slo-page-load.yaml"), uid: "a-1"));
        var denied = await PostAsync(client, AdmissionReviews.Request(AdmissionReviews.Object("invalid/objective-out-of-range.yaml"), uid: "d-1"));
        var malformed = await client.PostAsync($"https://{Host}:{_port}{AdmissionWebhookExtensions.Path}", new StringContent("{", Encoding.UTF8, "application/json"));

        Assert.Equal((HttpStatusCode.OK, "a-1", true), (allowed.Status, allowed.Response["uid"]!.GetValue<string>(), allowed.Response["allowed"]!.GetValue<bool>()));
        Assert.Equal((HttpStatusCode.OK, "d-1", false), (denied.Status, denied.Response["uid"]!.GetValue<string>(), denied.Response["allowed"]!.GetValue<bool>()));
        Assert.Contains("spec.objective: 100 is not in (0, 100)", denied.Response["status"]!["message"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task An_oversized_review_is_refused_however_it_is_framed(bool chunked)
    {
        using var client = Client(PublishedAuthorities);
        var review = AdmissionReviews.Request(AdmissionReviews.Object("slo-page-load.yaml"), uid: "big-1");
        review["request"]!["object"]!["metadata"]!["annotations"] = new JsonObject { ["padding"] = new string('x', (int)AdmissionWebhookExtensions.MaxBodyBytes) };
        HttpContent content = chunked ? new Support.ChunkedContent(review.ToJsonString()) : new StringContent(review.ToJsonString(), Encoding.UTF8, "application/json");

        using var response = await client.PostAsync($"https://{Host}:{_port}{AdmissionWebhookExtensions.Path}", content);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Contains("body: larger than 4194304 bytes", answer["response"]!["status"]!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_plain_http_ports_do_not_serve_the_webhook()
    {
        using var client = new HttpClient();
        using var response = await client.PostAsync($"http://localhost:{_plainPort}{AdmissionWebhookExtensions.Path}",
            new StringContent(AdmissionReviews.Request(AdmissionReviews.Object("slo-page-load.yaml")).ToJsonString(), Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task A_client_that_does_not_trust_the_operators_ca_is_refused()
    {
        var stranger = SelfSignedIssuer.Issue([Host], DateTimeOffset.UtcNow, TimeSpan.FromDays(1)).Authority;
        using var client = Client(() => [stranger]);

        var e = await Assert.ThrowsAsync<HttpRequestException>(() =>
            PostAsync(client, AdmissionReviews.Request(AdmissionReviews.Object("slo-page-load.yaml"))));
        Assert.IsType<AuthenticationException>(e.InnerException);
    }

    private IReadOnlyList<X509Certificate2> PublishedAuthorities()
    {
        // The in-memory cluster answers synchronously; the TLS callback that asks cannot await.
        var configuration = _fixture.Cluster.GetAsync("admissionregistration.k8s.io/v1", "ValidatingWebhookConfiguration", null, "rum-operator").GetAwaiter().GetResult()!;
        var bundle = configuration["webhooks"]![0]!["clientConfig"]!["caBundle"]!.GetValue<string>();
        return CaBundle.Parse(Encoding.ASCII.GetString(Convert.FromBase64String(bundle)));
    }

    private async Task<(HttpStatusCode Status, JsonObject Response)> PostAsync(HttpClient client, JsonObject review)
    {
        using var response = await client.PostAsync($"https://{Host}:{_port}{AdmissionWebhookExtensions.Path}",
            new StringContent(review.ToJsonString(), Encoding.UTF8, "application/json"));
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        return (response.StatusCode, body["response"]!.AsObject());
    }

    /// <summary>Dials loopback but verifies the certificate for the Service's DNS name, as the API server does.</summary>
    private HttpClient Client(Func<IEnumerable<X509Certificate2>> trusted) => new(new SocketsHttpHandler
    {
        ConnectCallback = async (_, ct) =>
        {
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            await socket.ConnectAsync(IPAddress.Loopback, _port, ct);
            return new NetworkStream(socket, ownsSocket: true);
        },
        SslOptions = { RemoteCertificateValidationCallback = TestCertificates.TrustOnly(trusted) },
    });

    private static int FreePort() => RumOperator.LocalStack.Processes.FreePort.Next();
}
