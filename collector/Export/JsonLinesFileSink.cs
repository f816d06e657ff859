using System.Text.Json;

namespace RumCollector.Export;

/// <summary>Appends one JSON object per event to a file (JSON Lines), for local use and tests.</summary>
public sealed class JsonLinesFileSink : IEventSink
{
    private readonly FileStream _file;

    public JsonLinesFileSink(string path)
    {
        Path = path;
        var directory = System.IO.Path.GetDirectoryName(path);
        if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
        _file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
    }

    public string Name => "file";
    public string Path { get; }

    public async Task WriteAsync(IReadOnlyList<ExportEvent> batch, CancellationToken cancellationToken)
    {
        try
        {
            using var buffer = new MemoryStream();
            foreach (var item in batch)
            {
                using (var writer = new Utf8JsonWriter(buffer))
                {
                    writer.WriteStartObject();
                    writer.WriteString("timestamp", item.Timestamp);
                    writer.WriteString("receivedAt", item.Context.ReceivedAt);
                    foreach (var (name, value) in item.Fields()) WriteField(writer, name, value);
                    writer.WriteEndObject();
                }
                buffer.WriteByte((byte)'\n');
            }
            buffer.Position = 0;
            await buffer.CopyToAsync(_file, cancellationToken);
            await _file.FlushAsync(cancellationToken);
        }
        catch (IOException e) { throw new RetryableExportException($"writing {Path}: {e.Message}", e); }
    }

    internal static void WriteField(Utf8JsonWriter writer, string name, object value)
    {
        switch (value)
        {
            case string s: writer.WriteString(name, s); break;
            case bool b: writer.WriteBoolean(name, b); break;
            case int i: writer.WriteNumber(name, i); break;
            case double d: writer.WriteNumber(name, d); break;
            default: writer.WriteString(name, value.ToString()); break;
        }
    }

    public ValueTask DisposeAsync() => _file.DisposeAsync();
}
