using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using RumOperator.Controllers;
using RumOperator.ReleaseGuard;
using RumOperator.Runtime.Client;
using RumOperator.Runtime.InMemory;
using static RumOperator.Tests.ReleaseGuard.GuardObjects;

namespace RumOperator.Tests.ReleaseGuard;

/// <summary>POST /alerts over real HTTP. The worker is not started, so the queue shows exactly what the receiver let through.</summary>
public sealed class AlertReceiverTests : IAsyncLifetime
{
    private const string Token = "t0ken-from-secret";
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly InMemoryCluster _cluster;
    private readonly List<WebApplication> _apps = [];

    public AlertReceiverTests() => _cluster = new InMemoryCluster(_time, OperatorResources.Map);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var app in _apps) await app.DisposeAsync();
    }

    private async Task<(HttpClient Http, SignalQueue Queue, ReleaseGuardMetrics Metrics)> StartAsync(ReleaseGuardOptions options)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddSingleton<TimeProvider>(_time);
        builder.Services.AddSingleton<IClusterClient>(_cluster);
        builder.Services.AddReleaseGuard(options with { MetricsRegistry = Prometheus.Metrics.NewCustomRegistry() });
        builder.Services.RemoveAll<IHostedService>();
        var app = builder.Build();
        app.MapAlertReceiver();
        await app.StartAsync();
        _apps.Add(app);
        var url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return (new HttpClient { BaseAddress = new Uri(url) }, app.Services.GetRequiredService<SignalQueue>(), app.Services.GetRequiredService<ReleaseGuardMetrics>());
    }

    private Task<(HttpClient, SignalQueue, ReleaseGuardMetrics)> StartWithSecretToken()
    {
        _cluster.Put(Secret("alertmanager-token", "token", Token));
        return StartAsync(new ReleaseGuardOptions { AlertTokenSecret = new SecretKeyReference(Ns, "alertmanager-token") });
    }

    private static JsonObject Alert(string status = "firing", string alertname = "RumSLOPageBurn", string? release = "2.0") => new()
    {
        ["status"] = status,
        ["labels"] = new JsonObject
        {
            ["alertname"] = alertname, ["slo"] = "checkout-errors", ["namespace"] = Ns, ["severity"] = "page",
            ["release"] = release,
        },
        ["annotations"] = new JsonObject { ["burn_rate"] = "27.46", ["events"] = "812", ["summary"] = "burns" },
        ["startsAt"] = "2025-06-01T11:59:58Z",
    };

    private static string Payload(params JsonObject[] alerts) => new JsonObject
    {
        ["version"] = "4", ["status"] = "firing", ["receiver"] = "rum-operator", ["groupKey"] = "{}:{}",
        ["alerts"] = new JsonArray([.. alerts]),
    }.ToJsonString();

    private static async Task<(HttpStatusCode Code, JsonObject Body)> PostAsync(HttpClient http, string body, string? authorization = "Bearer " + Token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/alerts") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (authorization is not null) request.Headers.TryAddWithoutValidation("Authorization", authorization);
        using var response = await http.SendAsync(request);
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject());
    }

    [Fact]
    public async Task Firing_page_alert_becomes_a_signal()
    {
        var (http, queue, _) = await StartWithSecretToken();

        var (code, body) = await PostAsync(http, Payload(Alert()));

        Assert.Equal(HttpStatusCode.Accepted, code);
        Assert.Equal(1, body["accepted"]!.GetValue<int>());
        Assert.Equal(1, queue.Count);
        var signal = await queue.TakeAsync(CancellationToken.None);
        Assert.Equal(new BurnSignal(Ns, "checkout-errors", "2.0", 27.46, 812, SignalSource.Alertmanager), signal with { Labels = null });
        Assert.Equal("page", signal.Labels!["severity"]);
    }

    public static TheoryData<string, string?> BadAuthorization => new()
    {
        { "no header", null },
        { "wrong token", "Bearer not-the-token" },
        { "token with a suffix", $"Bearer {Token}x" },
        { "other scheme", $"Basic {Token}" },
    };

    [Theory]
    [MemberData(nameof(BadAuthorization))]
    public async Task Bad_token_is_refused_and_nothing_is_enqueued(string why, string? authorization)
    {
        var (http, queue, metrics) = await StartWithSecretToken();

        var (code, body) = await PostAsync(http, Payload(Alert()), authorization);

        Assert.True(code == HttpStatusCode.Unauthorized, why);
        Assert.Contains("Authorization", body["error"]!.GetValue<string>());
        Assert.Equal(0, queue.Count);
        Assert.Equal(1, metrics.Signals.WithLabels("alertmanager", "unauthorized").Value);
    }

    [Fact]
    public async Task Without_a_configured_token_every_alert_is_refused()
    {
        var (http, queue, _) = await StartAsync(new ReleaseGuardOptions());

        var (code, _) = await PostAsync(http, Payload(Alert()), "Bearer ");

        Assert.Equal(HttpStatusCode.Unauthorized, code);
        Assert.Equal(0, queue.Count);
    }

    [Fact]
    public async Task Resolved_other_and_incomplete_alerts_yield_no_signal()
    {
        var (http, queue, metrics) = await StartWithSecretToken();
        var noEvents = Alert();
        noEvents["annotations"]!.AsObject().Remove("events");

        var (code, body) = await PostAsync(http, Payload(Alert(status: "resolved"), Alert(alertname: "RumSLOTicketBurn"), Alert(release: ""), noEvents, null!));

        Assert.Equal(HttpStatusCode.Accepted, code);
        Assert.Equal(0, body["accepted"]!.GetValue<int>());
        Assert.Equal(["not_firing", "other_alert", "missing_label", "missing_annotation", "bad_alert"], body["skipped"]!.AsArray().Select(s => s!["reason"]!.GetValue<string>()));
        Assert.Contains("alerts[3].annotations.events", body["skipped"]![3]!["detail"]!.GetValue<string>());
        Assert.Equal(0, queue.Count);
        Assert.Equal(1, metrics.Signals.WithLabels("alertmanager", "not_firing").Value);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task An_oversized_body_is_refused_however_it_is_framed(bool chunked)
    {
        var (http, queue, metrics) = await StartWithSecretToken();
        // Valid JSON with a real alert, padded past the limit: only counting the bytes read catches a chunked one.
        var payload = JsonNode.Parse(Payload(Alert()))!.AsObject();
        payload["padding"] = new string('x', (int)AlertReceiverEndpoint.MaxBodyBytes);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/alerts")
        {
            Content = chunked ? new Support.ChunkedContent(payload.ToJsonString()) : new StringContent(payload.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("body: larger than 1048576 bytes", await response.Content.ReadAsStringAsync());
        Assert.Equal(0, queue.Count);
        Assert.Equal(1, metrics.Signals.WithLabels("alertmanager", "too_large").Value);
    }

    [Fact]
    public async Task A_chunked_body_within_the_limit_is_read()
    {
        var (http, queue, _) = await StartWithSecretToken();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/alerts") { Content = new Support.ChunkedContent(Payload(Alert())) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(1, queue.Count);
    }

    public static TheoryData<string, string> BadPayloads => new()
    {
        { "{not json", "body" },
        { """{"version":"3","alerts":[]}""", "version: '3' is not supported" },
        { """{"version":"4"}""", "alerts: required" },
        { """{"version":"4","alerts":[{"labels":"x"}]}""", "body.alerts[0].labels" },
    };

    [Theory]
    [MemberData(nameof(BadPayloads))]
    public async Task Bad_payload_is_400_naming_the_field(string payload, string expected)
    {
        var (http, queue, _) = await StartWithSecretToken();

        var (code, body) = await PostAsync(http, payload);

        Assert.Equal(HttpStatusCode.BadRequest, code);
        Assert.Contains(expected, body["error"]!.GetValue<string>());
        Assert.Equal(0, queue.Count);
    }

    [Fact]
    public async Task Rotated_secret_token_takes_over_after_the_cache_ttl()
    {
        var (http, _, _) = await StartWithSecretToken();
        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync(http, Payload())).Code);

        _cluster.Put(Secret("alertmanager-token", "token", "rotated"));
        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync(http, Payload())).Code);
        _time.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync(http, Payload())).Code);
        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync(http, Payload(), "Bearer rotated")).Code);
    }

    [Fact]
    public async Task Token_file_is_read()
    {
        var file = Path.GetTempFileName();
        await File.WriteAllTextAsync(file, "from-file\n");
        try
        {
            var (http, _, _) = await StartAsync(new ReleaseGuardOptions { AlertTokenFile = file });
            Assert.Equal(HttpStatusCode.Accepted, (await PostAsync(http, Payload(), "Bearer from-file")).Code);
            Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync(http, Payload())).Code);
        }
        finally { File.Delete(file); }
    }
}
