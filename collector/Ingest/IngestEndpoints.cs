using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Primitives;
using RumCollector.Config;

namespace RumCollector.Ingest;

/// <summary>HTTP edge of ingest: translate the request, call <see cref="IngestService"/>, write the answer.</summary>
public static class IngestEndpoints
{
    public const string Path = "/v1/rum";
    public const string KeyHeader = "X-Rum-Key";
    public const string IdempotencyKeyHeader = "Idempotency-Key";
    private const string ProblemType = "https://rumops.dev/problems/";

    public static void MapIngest(this WebApplication app) =>
        app.MapFormat(Path, request => First(request.Headers[KeyHeader]) ?? First(request.Query["key"]), IngestFormat.Beacon,
            $"Content-Type, Content-Encoding, {KeyHeader}");

    /// <summary>POST and the CORS preflight of one wire format on its path; the admission is the same for all.</summary>
    internal static void MapFormat(this WebApplication app, string path, Func<HttpRequest, string?> key, IngestFormat format, string allowedHeaders)
    {
        // Singletons, resolved once: binding them as handler parameters would open a DI scope per beacon.
        var service = app.Services.GetRequiredService<IngestService>();
        var holder = app.Services.GetRequiredService<StateHolder>();
        var time = app.Services.GetRequiredService<TimeProvider>();
        app.MapPost(path, (HttpContext http) => HandlePostAsync(http, key, format, service, holder, time));
        app.MapMethods(path, ["OPTIONS"], (HttpContext http) => HandlePreflight(http, holder, allowedHeaders));
    }

    private static async Task HandlePostAsync(HttpContext http, Func<HttpRequest, string?> key, IngestFormat format,
        IngestService service, StateHolder holder, TimeProvider time)
    {
        var request = http.Request;
        var origin = First(request.Headers.Origin);
        var forwardedFor = request.Headers[IngestService.ForwardedForHeader];
        var client = new ClientContext(First(request.Headers.UserAgent), http.Connection.RemoteIpAddress,
            name => First(request.Headers[name]), time.GetUtcNow(), forwardedFor.Count > 0 ? forwardedFor.ToString() : null);
        var answer = await service.HandleAsync(new IngestRequest(origin, request.ContentType, First(request.Headers.ContentEncoding),
            request.ContentLength, key(request), request.BodyReader, client, First(request.Headers[IdempotencyKeyHeader])), format, http.RequestAborted);

        if (origin is not null && holder.Current?.OriginAllowed(origin) == true) AddCors(http.Response, origin);
        await WriteAsync(http.Response, answer);
    }

    /// <summary>The first value of a header or query parameter, without LINQ's boxing of StringValues.</summary>
    private static string? First(StringValues values) => values.Count > 0 ? values[0] : null;

    /// <summary>Preflight answers only for allowed origins, and lets the browser cache the answer for a day.</summary>
    private static IResult HandlePreflight(HttpContext http, StateHolder holder, string allowedHeaders)
    {
        var origin = First(http.Request.Headers.Origin);
        if (origin is null || holder.Current?.OriginAllowed(origin) != true) return Results.StatusCode(403);
        AddCors(http.Response, origin);
        http.Response.Headers.AccessControlAllowMethods = "POST, OPTIONS";
        http.Response.Headers.AccessControlAllowHeaders = allowedHeaders;
        http.Response.Headers.AccessControlMaxAge = "86400";
        return Results.NoContent();
    }

    private static void AddCors(HttpResponse response, string origin)
    {
        response.Headers.AccessControlAllowOrigin = origin;
        response.Headers.Vary = "Origin";
    }

    private static async Task WriteAsync(HttpResponse response, IngestResponse answer)
    {
        response.StatusCode = answer.Status;
        if (answer.RetryAfter is { } retry)
            response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retry.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        if (answer.Title is null) return;
        response.ContentType = "application/problem+json";
        await using var writer = new Utf8JsonWriter(response.Body);
        writer.WriteStartObject();
        writer.WriteString("type", ProblemType + answer.Title.ToLowerInvariant().Replace(' ', '-'));
        writer.WriteString("title", answer.Title);
        writer.WriteNumber("status", answer.Status);
        if (answer.Detail is not null) writer.WriteString("detail", answer.Detail);
        if (answer.Errors is { Count: > 0 } errors)
        {
            writer.WriteStartArray("errors");
            foreach (var e in errors)
            {
                writer.WriteStartObject();
                writer.WriteString("field", e.Field);
                writer.WriteString("reason", e.Reason);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
        }
        writer.WriteEndObject();
        await writer.FlushAsync();
    }
}
