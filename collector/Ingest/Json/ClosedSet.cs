namespace RumCollector.Ingest.Json;

/// <summary>The allowed values of an enum-like field, as strings (the values handed out) and as UTF-8 (to match without decoding).</summary>
public sealed class ClosedSet(params string[] values)
{
    public string[] Values { get; } = values;
    public byte[][] Utf8 { get; } = JsonField.Utf8(values);
    public string Description { get; } = string.Join(", ", values);
}
