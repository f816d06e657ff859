using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace RumCollector.Export;

/// <summary>
/// Sends events as OTLP logs over HTTP (JSON encoding, POST {endpoint}/v1/logs). Hand-written because
/// the OpenTelemetry .NET SDK exports logs only through ILogger, whose records cannot carry a raw
/// event's own timestamp, trace id and attributes without the experimental Logs Bridge API.
/// A batch is one request, encoded into a reused buffer; a beacon's shared attributes are encoded
/// once per beacon and spliced into each of its records.
/// </summary>
public sealed class OtlpHttpLogSink(HttpClient http, string endpoint) : IEventSink
{
    private readonly Uri _url = new(endpoint.TrimEnd('/') + "/v1/logs");
    private readonly OtlpLogEncoder _encoder = new();

    public string Name => "otlp";

    public async Task WriteAsync(IReadOnlyList<ExportEvent> batch, CancellationToken cancellationToken)
    {
        using var content = new ReadOnlyMemoryContent(_encoder.Encode(batch));
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

    public static byte[] Encode(IReadOnlyList<ExportEvent> batch) => new OtlpLogEncoder().Encode(batch).ToArray();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

/// <summary>An ExportLogsServiceRequest (OTLP JSON) for a batch, in a buffer reused from batch to batch.</summary>
public sealed class OtlpLogEncoder
{
    private static readonly byte[] Head =
        """{"resourceLogs":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"rum-collector"}}]},"scopeLogs":[{"scope":{"name":"rumops.dev/collector"},"logRecords":["""u8.ToArray();
    private static readonly byte[] Tail = "]}]}]}"u8.ToArray();

    private readonly ByteBuffer _buffer = new();
    private readonly ByteBuffer _scratch = new(4096);
    private readonly Utf8JsonWriter _writer;
    private readonly Utf8JsonWriter _contextWriter;
    private ExportContext? _context;
    private byte[] _contextAttributes = [];

    public OtlpLogEncoder()
    {
        _writer = new Utf8JsonWriter(_buffer);
        _contextWriter = new Utf8JsonWriter(_scratch);
    }

    public ReadOnlyMemory<byte> Encode(IReadOnlyList<ExportEvent> batch)
    {
        _buffer.Clear();
        _buffer.Append(Head);
        for (var i = 0; i < batch.Count; i++)
        {
            if (i > 0) _buffer.Append((byte)',');
            Record(batch[i]);
        }
        _buffer.Append(Tail);
        return _buffer.Written;
    }

    private void Record(ExportEvent item)
    {
        var w = _writer;
        w.Reset(_buffer);
        w.WriteStartObject();
        w.WriteString("timeUnixNano"u8, UnixNanos(item.Timestamp));
        w.WriteString("observedTimeUnixNano"u8, UnixNanos(item.Context.ReceivedAt));
        w.WriteNumber("severityNumber"u8, item.IsError ? 17 : 9);
        w.WriteString("severityText"u8, item.IsError ? "ERROR"u8 : "INFO"u8);
        w.WriteStartObject("body"u8);
        w.WriteString("stringValue"u8, Ingest.RumEvent.TypeName(item.Event.Type));
        w.WriteEndObject();
        if (item.Context.TraceId is { } traceId) w.WriteString("traceId"u8, traceId);
        w.WriteStartArray("attributes"u8);
        var attributes = new Attributes(w);
        ExportFields.WriteEvent(item, ref attributes);
        w.WriteEndArray();
        w.WriteEndObject();
        w.Flush();
        _buffer.Truncate(2); // reopen the attributes for the context's
        _buffer.Append((byte)',');
        _buffer.Append(ContextAttributes(item.Context));
        _buffer.Append("]}"u8);
    }

    private byte[] ContextAttributes(ExportContext context)
    {
        if (ReferenceEquals(context, _context)) return _contextAttributes;
        _scratch.Clear();
        _contextWriter.Reset(_scratch);
        _contextWriter.WriteStartArray();
        var attributes = new Attributes(_contextWriter);
        ExportFields.WriteContext(context, ref attributes);
        _contextWriter.WriteEndArray();
        _contextWriter.Flush();
        (_context, _contextAttributes) = (context, _scratch.Written.Span[1..^1].ToArray());
        return _contextAttributes;
    }

    private readonly struct Attributes(Utf8JsonWriter w) : IFieldWriter
    {
        public void String(ExportField field, string value) { Start(field); w.WriteString("stringValue"u8, value); End(); }
        public void Bool(ExportField field, bool value) { Start(field); w.WriteBoolean("boolValue"u8, value); End(); }
        public void Int(ExportField field, int value) { Start(field); w.WriteString("intValue"u8, value.ToString(CultureInfo.InvariantCulture)); End(); }
        public void Double(ExportField field, double value) { Start(field); w.WriteNumber("doubleValue"u8, value); End(); }
        public void String(string name, string value)
        {
            w.WriteStartObject();
            w.WriteString("key"u8, "rum." + name);
            w.WriteStartObject("value"u8);
            w.WriteString("stringValue"u8, value);
            End();
        }

        private void Start(ExportField field)
        {
            w.WriteStartObject();
            w.WriteString("key"u8, field.Otlp);
            w.WriteStartObject("value"u8);
        }

        private void End()
        {
            w.WriteEndObject();
            w.WriteEndObject();
        }
    }

    private static string UnixNanos(DateTimeOffset t) =>
        (t.ToUnixTimeMilliseconds() * 1_000_000L).ToString(CultureInfo.InvariantCulture);
}
