using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

using RumOperator.Web;

namespace RumOperator.ReleaseGuard;

/// <summary>
/// POST /alerts: Alertmanager's webhook. Thin: authenticate, parse, enqueue, answer 202. Alertmanager signs
/// nothing, so without the configured bearer token nothing happens (401).
/// </summary>
public static class AlertReceiverEndpoint
{
    public const string Path = "/alerts";
    public const long MaxBodyBytes = 1 << 20;
    private const string Source = "alertmanager";

    /// <param name="port">The listener /alerts is served on (its own, see --alerts-port); null serves it on every listener (tests).</param>
    public static WebApplication MapAlertReceiver(this WebApplication app, int? port = null)
    {
        var endpoint = app.MapPost(Path, HandleAsync);
        if (port is { } p) endpoint.RequireListenerPort(p);
        return app;
    }

    private static async Task<IResult> HandleAsync(HttpContext http, AlertTokenSource tokens, SignalQueue queue, ReleaseGuardMetrics metrics, ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger(typeof(AlertReceiverEndpoint).FullName!);
        var ct = http.RequestAborted;
        var expected = await tokens.GetAsync(ct).ConfigureAwait(false);
        if (!BearerToken.Matches(http.Request.Headers.Authorization.ToString() is { Length: > 0 } h ? h : null, expected))
        {
            metrics.Signal(Source, "unauthorized");
            logger.LogWarning("Alert webhook from {Remote} refused: {Why}", http.Connection.RemoteIpAddress,
                expected is null ? "no alert token is configured (--alert-token-file or --alert-token-secret)" : "missing or wrong bearer token");
            http.Response.Headers.WWWAuthenticate = "Bearer";
            return Results.Json(new JsonObject { ["error"] = "Authorization: a valid bearer token is required" }, statusCode: 401);
        }
        if (await BoundedBody.ReadAsync(http.Request.Body, http.Request.ContentLength, MaxBodyBytes, ct).ConfigureAwait(false) is not { } body)
            return BadRequest(metrics, $"body: larger than {MaxBodyBytes} bytes", 413, "too_large");

        AlertmanagerPayload? payload;
        try { payload = JsonSerializer.Deserialize<AlertmanagerPayload>(body); }
        catch (JsonException e) { return BadRequest(metrics, $"body{e.Path?.TrimStart('$')}: {e.Message}"); }
        if (AlertSignalReader.Invalid(payload) is { } invalid) return BadRequest(metrics, invalid);

        var reading = AlertSignalReader.Read(payload!);
        foreach (var skip in reading.Skipped)
        {
            metrics.Signal(Source, skip.Reason);
            logger.LogDebug("Alert skipped ({Reason}): {Detail}", skip.Reason, skip.Detail);
        }
        var dropped = reading.Signals.Count(s => !queue.TryEnqueue(s));
        if (dropped > 0)
        {
            metrics.Signals.WithLabels(Source, "queue_full").Inc(dropped);
            logger.LogWarning("Release guard queue full: {Dropped} signal(s) dropped; Alertmanager will retry", dropped);
            return Results.Json(new JsonObject { ["error"] = $"{dropped} signal(s) dropped: the release guard is busy" }, statusCode: 503);
        }
        return Results.Json(new JsonObject
        {
            ["accepted"] = reading.Signals.Count,
            ["skipped"] = new JsonArray([.. reading.Skipped.Select(s => (JsonNode)new JsonObject { ["index"] = s.Index, ["reason"] = s.Reason, ["detail"] = s.Detail })]),
        }, statusCode: 202);
    }

    private static IResult BadRequest(ReleaseGuardMetrics metrics, string error, int code = 400, string outcome = "bad_payload")
    {
        metrics.Signal(Source, outcome);
        return Results.Json(new JsonObject { ["error"] = error }, statusCode: code);
    }
}
