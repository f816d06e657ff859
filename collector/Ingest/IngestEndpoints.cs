using System.Globalization;
using System.Text.Json;
using RumCollector.Config;

namespace RumCollector.Ingest;

/// <summary>HTTP edge of ingest: translate the request, call <see cref="IngestService"/>, write the answer.</summary>
public static class IngestEndpoints
{
    public const string Path = "/v1/rum";
    public const string KeyHeader = "X-Rum-Key";
    private const string ProblemType = "https://rumops.dev/problems/";

    public static void MapIngest(this WebApplication app)
    {
        app.MapPost(Path, HandlePostAsync);
        app.MapMethods(Path, ["OPTIONS"], HandlePreflight);
    }

    private static async Task HandlePostAsync(HttpContext http, IngestService service, StateHolder holder, TimeProvider time)
    {
        var request = http.Request;
        var origin = request.Headers.Origin.FirstOrDefault();
        var key = request.Headers[KeyHeader].FirstOrDefault() ?? request.Query["key"].FirstOrDefault();
        var client = new ClientContext(request.Headers.UserAgent.FirstOrDefault(), http.Connection.RemoteIpAddress,
            name => request.Headers[name].FirstOrDefault(), time.GetUtcNow());
        var answer = await service.HandleAsync(new IngestRequest(origin, request.ContentType, request.Headers.ContentEncoding.FirstOrDefault(),
            request.ContentLength, key, request.Body, client), http.RequestAborted);

        if (origin is not null && holder.Current?.OriginAllowed(origin) == true) AddCors(http.Response, origin);
        await WriteAsync(http.Response, answer);
    }

    /// <summary>Preflight answers only for allowed origins, and lets the browser cache the answer for a day.</summary>
    private static IResult HandlePreflight(HttpContext http, StateHolder holder)
    {
        var origin = http.Request.Headers.Origin.FirstOrDefault();
        if (origin is null || holder.Current?.OriginAllowed(origin) != true) return Results.StatusCode(403);
        AddCors(http.Response, origin);
        http.Response.Headers.AccessControlAllowMethods = "POST, OPTIONS";
        http.Response.Headers.AccessControlAllowHeaders = $"Content-Type, Content-Encoding, {KeyHeader}";
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
