using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace RumOperator.E2E.Tests.ReleaseGuard;

/// <summary>A GitOps hook on loopback: checks X-Rum-Signature-256 against its own HMAC of the raw body and keeps every call.</summary>
internal sealed class SignedWebhookEndpoint : IAsyncDisposable
{
    public sealed record Call(bool SignatureValid, JsonObject Body, DateTimeOffset At);

    private readonly WebApplication _app;
    private readonly byte[] _secret;
    private readonly List<Call> _calls = [];

    private SignedWebhookEndpoint(WebApplication app, byte[] secret, string url)
    {
        _app = app;
        _secret = secret;
        Url = url;
    }

    public string Url { get; }

    public IReadOnlyList<Call> Calls { get { lock (_calls) return [.. _calls]; } }

    public static async Task<SignedWebhookEndpoint> StartAsync(string secret)
    {
        var port = Loopback.FreePort();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        var endpoint = new SignedWebhookEndpoint(app, Encoding.UTF8.GetBytes(secret), $"http://127.0.0.1:{port}/hooks/rum-rollback");
        app.MapPost("/hooks/rum-rollback", (Func<HttpContext, Task<IResult>>)endpoint.ReceiveAsync);
        await app.StartAsync();
        return endpoint;
    }

    private async Task<IResult> ReceiveAsync(HttpContext http)
    {
        using var buffer = new MemoryStream();
        await http.Request.Body.CopyToAsync(buffer);
        var body = buffer.ToArray();
        var expected = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(_secret, body));
        var presented = http.Request.Headers["X-Rum-Signature-256"].ToString();
        var valid = CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(presented));
        lock (_calls) _calls.Add(new Call(valid, JsonNode.Parse(body)!.AsObject(), DateTimeOffset.UtcNow));
        return valid ? Results.Accepted() : Results.Unauthorized();
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
