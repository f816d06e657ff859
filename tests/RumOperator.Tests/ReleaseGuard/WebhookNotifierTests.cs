using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using RumOperator.ReleaseGuard;
using static RumOperator.Tests.ReleaseGuard.GuardObjects;

namespace RumOperator.Tests.ReleaseGuard;

public class WebhookNotifierTests
{
    private const string Secret = "s3cr3t-hmac-key";

    private static GuardWorld World(RecordingHandler handler, int retries = 3, string secretKey = "secret",
        string url = "http://ci.example/hooks/rum-rollback", string[]? allowedHosts = null, bool allowHttp = true)
    {
        var world = new GuardWorld(
            new ReleaseGuardOptions
            {
                WebhookRetries = retries, WebhookRetryDelay = TimeSpan.Zero,
                WebhookAllowedHosts = allowedHosts ?? ["ci.example"], WebhookAllowHttp = allowHttp,
            },
            services => services.AddHttpClient(WebhookNotifier.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => handler));
        world.Seed(RollbackSlo($$"""
            target: { kind: webhook }
            webhook: { url: "{{url}}", secretRef: { name: gitops-hook } }
            """));
        world.Cluster.Put(GuardObjects.Secret("gitops-hook", secretKey, Secret));
        return world;
    }

    [Fact]
    public async Task Post_is_signed_with_hmac_of_the_raw_body()
    {
        var endpoint = new RecordingHandler(HttpStatusCode.Accepted);
        using var world = World(endpoint);

        await world.Guard.HandleAsync(Signal(events: 812, burn: 27.5), default);

        var request = Assert.Single(endpoint.Requests);
        Assert.Equal(("POST", "http://ci.example/hooks/rum-rollback", "application/json"), (request.Method, request.Uri!.ToString(), request.Headers["Content-Type"]));
        var expected = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), request.Body));
        Assert.Equal(expected, request.Headers["X-Rum-Signature-256"]);
        Assert.Equal(expected, request.Headers["X-Signature"]);
        var tampered = request.Body.ToArray();
        tampered[^2] ^= 1;
        Assert.NotEqual(expected, "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), tampered)));
        Assert.Equal(world.Time.GetUtcNow().ToUnixTimeSeconds().ToString(), request.Headers["X-Rum-Timestamp"]);

        var body = JsonNode.Parse(request.Body)!;
        Assert.Equal(("checkout-errors", "shop", "2.0", 27.5, 812L),
            (body["slo"]!.GetValue<string>(), body["namespace"]!.GetValue<string>(), body["release"]!.GetValue<string>(),
             body["burnRate"]!.GetValue<double>(), body["events"]!.GetValue<long>()));
        Assert.Equal(world.Time.GetUtcNow(), body["time"]!.GetValue<DateTimeOffset>());
        Assert.Equal(WebhookMessage.IdempotencyKeyFor("shop", "checkout-errors", "2.0"), body["idempotencyKey"]!.GetValue<string>());
        Assert.Equal(("webhook", "Succeeded"), (world.Rollbacks()[0]!["action"]!.GetValue<string>(), world.Rollbacks()[0]!["result"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Retries_after_server_errors_with_the_same_body()
    {
        var endpoint = new RecordingHandler(HttpStatusCode.InternalServerError, HttpStatusCode.BadGateway, HttpStatusCode.OK);
        using var world = World(endpoint);

        await world.Guard.HandleAsync(Signal(), default);

        Assert.Equal(3, endpoint.Requests.Count);
        Assert.Single(endpoint.Requests.Select(r => Convert.ToBase64String(r.Body)).Distinct());
        Assert.Equal("Succeeded", Assert.Single(world.Rollbacks())!["result"]!.GetValue<string>());
    }

    [Fact]
    public async Task Gives_up_after_the_last_retry_and_records_a_failure_that_may_be_retried()
    {
        var endpoint = new RecordingHandler(HttpStatusCode.ServiceUnavailable);
        using var world = World(endpoint, retries: 2);

        var first = await world.Guard.HandleAsync(Signal(), default);
        var again = await world.Guard.HandleAsync(Signal(), default);

        Assert.Equal(6, endpoint.Requests.Count); // 1 + 2 retries, twice: a failure does not count as handled
        Assert.Equal(("rollback", "rollback"), (first.Decision.Reason, again.Decision.Reason));
        Assert.Empty(world.Rollbacks()); // failures live apart, claims are replaced
        var record = world.FailedRollbacks()[0]!;
        Assert.Equal("Failed", record["result"]!.GetValue<string>());
        Assert.Contains("answered 503", record["message"]!.GetValue<string>());
        Assert.Equal("RollbackFailed", world.Cluster.Events[0]["reason"]!.GetValue<string>());
        Assert.Equal(2, world.Metrics.Rollbacks.WithLabels("failed").Value);
    }

    [Fact]
    public async Task Missing_secret_key_fails_naming_the_secret_ref()
    {
        var endpoint = new RecordingHandler(HttpStatusCode.OK);
        using var world = World(endpoint, secretKey: "token");

        await world.Guard.HandleAsync(Signal(), default);

        Assert.Empty(endpoint.Requests);
        Assert.Contains("spec.rollback.webhook.secretRef", world.FailedRollbacks()[0]!["message"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("https://metadata.google.internal/computeMetadata/v1/", "host metadata.google.internal is not in the operator's allowlist")]
    [InlineData("https://ci.example.evil.net/hook", "host ci.example.evil.net is not in the operator's allowlist")]
    [InlineData("https://10.0.0.1/hook", "host 10.0.0.1 is not in the operator's allowlist")]
    [InlineData("http://ci.example/hook", "is plain http; use https")]
    public async Task A_url_outside_the_allowlist_is_refused_without_a_request(string url, string expected)
    {
        var endpoint = new RecordingHandler(HttpStatusCode.OK);
        using var world = World(endpoint, url: url, allowedHosts: ["ci.example", "*.hooks.example"], allowHttp: false);

        var outcome = await world.Guard.HandleAsync(Signal(), default);

        Assert.Empty(endpoint.Requests);
        var record = Assert.Single(world.Rollbacks())!;
        Assert.Equal("Refused", record["result"]!.GetValue<string>());
        Assert.Contains("spec.rollback.webhook.url: ", record["message"]!.GetValue<string>());
        Assert.Contains(expected, record["message"]!.GetValue<string>());
        Assert.Equal("rollback", outcome.Decision.Reason);
        Assert.Equal("RollbackRefused", world.Cluster.Events[0]["reason"]!.GetValue<string>());
    }

    [Fact]
    public void Wildcards_match_subdomains_only()
    {
        Assert.True(WebhookEgress.HostMatches("ci.hooks.example", "*.hooks.example"));
        Assert.False(WebhookEgress.HostMatches("hooks.example", "*.hooks.example"));
        Assert.False(WebhookEgress.HostMatches("evilhooks.example", "*.hooks.example"));
        Assert.Null(WebhookEgress.Refusal("https://CI.example/x", ["ci.example"], allowHttp: false));
        Assert.NotNull(WebhookEgress.Refusal("https://user:pw@ci.example/x", ["ci.example"], allowHttp: false));
    }

    [Fact]
    public async Task The_answer_is_not_reflected_and_the_query_string_is_redacted()
    {
        var endpoint = new RecordingHandler(HttpStatusCode.InternalServerError);
        using var world = World(endpoint, retries: 0, url: "http://ci.example/hooks/rum?token=hunter2");

        await world.Guard.HandleAsync(Signal(), default);

        Assert.Single(endpoint.Requests);
        Assert.Equal(WebhookMessage.IdempotencyKeyFor("shop", "checkout-errors", "2.0"), endpoint.Requests[0].Headers["Idempotency-Key"]);
        var message = world.FailedRollbacks()[0]!["message"]!.GetValue<string>();
        Assert.Equal("webhook http://ci.example/hooks/rum?<redacted> answered 500 after retries", message);
        foreach (var e in world.Cluster.Events)
        {
            var note = e["note"]!.GetValue<string>();
            Assert.DoesNotContain("hunter2", note);
            Assert.DoesNotContain("answer 0", note); // what the endpoint answered
        }
    }

    [Fact]
    public void Idempotency_key_is_stable_per_slo_and_release()
    {
        var at = new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);
        var key = WebhookMessage.For(Signal(), at).IdempotencyKey;

        Assert.Matches("^[0-9a-f]{32}$", key);
        Assert.Equal(key, WebhookMessage.For(Signal(burn: 99, events: 5) with { Source = SignalSource.Prometheus }, at.AddHours(3)).IdempotencyKey);
        Assert.Equal(4, new[]
        {
            key,
            WebhookMessage.For(Signal(release: "2.1"), at).IdempotencyKey,
            WebhookMessage.For(Signal(slo: "checkout-lcp"), at).IdempotencyKey,
            WebhookMessage.For(Signal() with { Namespace = "other" }, at).IdempotencyKey,
        }.Distinct().Count());
    }
}
