using System.Text.Json;

namespace RumCollector.Export;

/// <summary>
/// Appends one JSON object per event to a file (JSON Lines), for local use and tests. A batch is
/// serialized into one reused buffer and written with one call; the beacon's shared fields are
/// serialized once per beacon and spliced into each of its events' lines.
/// </summary>
public sealed class JsonLinesFileSink : IEventSink
{
    private readonly FileStream _file;
    private readonly ByteBuffer _buffer = new();
    private readonly ByteBuffer _scratch = new(4096);
    private readonly Utf8JsonWriter _writer;
    private readonly Utf8JsonWriter _contextWriter;
    private ExportContext? _context;
    private byte[] _contextFields = [];

    public JsonLinesFileSink(string path)
    {
        Path = path;
        var directory = System.IO.Path.GetDirectoryName(path);
        if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
        _file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite, bufferSize: 0);
        _writer = new Utf8JsonWriter(_buffer);
        _contextWriter = new Utf8JsonWriter(_scratch);
    }

    public string Name => "file";
    public string Path { get; }

    public async Task WriteAsync(IReadOnlyList<ExportEvent> batch, CancellationToken cancellationToken)
    {
        Encode(batch);
        try
        {
            await _file.WriteAsync(_buffer.Written, cancellationToken);
            await _file.FlushAsync(cancellationToken);
        }
        catch (IOException e) { throw new RetryableExportException($"writing {Path}: {e.Message}", e); }
    }

    /// <summary>The batch as JSON Lines in the reused buffer: {"timestamp", event fields, "receivedAt", context fields}.</summary>
    internal ReadOnlyMemory<byte> Encode(IReadOnlyList<ExportEvent> batch)
    {
        _buffer.Clear();
        foreach (var item in batch)
        {
            _writer.Reset(_buffer);
            _writer.WriteStartObject();
            _writer.WriteString(ExportFields.Timestamp.Json, item.Timestamp);
            var fields = new JsonFields(_writer);
            ExportFields.WriteEvent(item, ref fields);
            _writer.WriteEndObject();
            _writer.Flush();
            _buffer.Truncate(1); // reopen the object for the context's fields
            _buffer.Append((byte)',');
            _buffer.Append(ContextFields(item.Context));
            _buffer.Append("}\n"u8);
        }
        return _buffer.Written;
    }

    /// <summary>"receivedAt":…,"app":…,… for the beacon's context; cached while the batch stays within one beacon.</summary>
    private byte[] ContextFields(ExportContext context)
    {
        if (ReferenceEquals(context, _context)) return _contextFields;
        _scratch.Clear();
        _contextWriter.Reset(_scratch);
        _contextWriter.WriteStartObject();
        _contextWriter.WriteString(ExportFields.ReceivedAt.Json, context.ReceivedAt);
        var fields = new JsonFields(_contextWriter);
        ExportFields.WriteContext(context, ref fields);
        _contextWriter.WriteEndObject();
        _contextWriter.Flush();
        (_context, _contextFields) = (context, _scratch.Written.Span[1..^1].ToArray());
        return _contextFields;
    }

    private readonly struct JsonFields(Utf8JsonWriter writer) : IFieldWriter
    {
        public void String(ExportField field, string value) => writer.WriteString(field.Json, value);
        public void Bool(ExportField field, bool value) => writer.WriteBoolean(field.Json, value);
        public void Int(ExportField field, int value) => writer.WriteNumber(field.Json, value);
        public void Double(ExportField field, double value) => writer.WriteNumber(field.Json, value);
        public void String(string name, string value) => writer.WriteString(name, value);
    }

    public async ValueTask DisposeAsync()
    {
        await _writer.DisposeAsync();
        await _contextWriter.DisposeAsync();
        await _file.DisposeAsync();
    }
}
