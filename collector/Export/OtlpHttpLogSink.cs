using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace RumCollector.Export;

/// <summary>
/// Sends events as OTLP logs over HTTP (JSON encoding, POST {endpoint}/v1/logs). Hand-written because
/// the OpenTelemetry .NET SDK exports logs only through ILogger, whose records cannot carry a raw
/// event's own timestamp, trace id and attributes without the experimental Logs Bridge API.
/// </summary>
public sealed class OtlpHttpLogSink(HttpClient http, string endpoint) : IEventSink
{
    private readonly Uri _url = new(endpoint.TrimEnd('/') + "/v1/logs");

    public string Name => "otlp";

    public async Task WriteAsync(IReadOnlyList<ExportEvent> batch, CancellationToken cancellationToken)
    {
        using var content = new ByteArrayContent(Encode(batch));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        HttpResponseMessage response;
        try { response = await http.PostAsync(_url, content, cancellationToken); }
        catch (HttpRequestException e) { throw new RetryableExportException($"POST {_url}: {e.Message}", e); }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested) { throw new RetryableExportException($"POST {_url}: timed out", e); }
        using (response)
        {
            if (response.IsSuccessStatusCode) return;
            var message = $"POST {_url}: {(int)response.StatusCode} {response.ReasonPhrase}";
            // OTLP/HTTP: 429, 502, 503 and 504 are retryable; other failures will not get better.
            if (response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout)
                throw new RetryableExportException(message);
            throw new InvalidOperationException(message);
        }
    }

    public static byte[] Encode(IReadOnlyList<ExportEvent> batch)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteStartArray("resourceLogs");
            w.WriteStartObject();
            w.WriteStartObject("resource");
            w.WriteStartArray("attributes");
            Attribute(w, "service.name", "rum-collector");
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteStartArray("scopeLogs");
            w.WriteStartObject();
            w.WriteStartObject("scope");
            w.WriteString("name", "rumops.dev/collector");
            w.WriteEndObject();
            w.WriteStartArray("logRecords");
            foreach (var item in batch) Record(w, item);
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return buffer.ToArray();
    }

    private static void Record(Utf8JsonWriter w, ExportEvent item)
    {
        w.WriteStartObject();
        w.WriteString("timeUnixNano", UnixNanos(item.Timestamp));
        w.WriteString("observedTimeUnixNano", UnixNanos(item.Context.ReceivedAt));
        w.WriteNumber("severityNumber", item.IsError ? 17 : 9);
        w.WriteString("severityText", item.IsError ? "ERROR" : "INFO");
        w.WriteStartObject("body");
        w.WriteString("stringValue", Ingest.RumEvent.TypeName(item.Event.Type));
        w.WriteEndObject();
        if (item.Context.TraceId is { } traceId) w.WriteString("traceId", traceId);
        w.WriteStartArray("attributes");
        foreach (var (name, value) in item.Fields()) Attribute(w, "rum." + name, value);
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void Attribute(Utf8JsonWriter w, string key, object value)
    {
        w.WriteStartObject();
        w.WriteString("key", key);
        w.WriteStartObject("value");
        switch (value)
        {
            case bool b: w.WriteBoolean("boolValue", b); break;
            case int i: w.WriteString("intValue", i.ToString(System.Globalization.CultureInfo.InvariantCulture)); break;
            case double d: w.WriteNumber("doubleValue", d); break;
            default: w.WriteString("stringValue", value.ToString()); break;
        }
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static string UnixNanos(DateTimeOffset t) =>
        ((t.ToUnixTimeMilliseconds()) * 1_000_000L).ToString(System.Globalization.CultureInfo.InvariantCulture);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
