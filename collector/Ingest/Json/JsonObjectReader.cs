using System.Text;
using System.Text.Json;

namespace RumCollector.Ingest.Json;

/// <summary>Maps a property name to its slot, or -1 for a property the collector does not read.</summary>
public delegate int FieldIndex(ReadOnlySpan<char> name);

/// <summary>Streams one JSON object into slots; unknown properties are skipped (newer SDKs add fields).</summary>
public static class JsonObjectReader
{
    /// <summary>Longer than every property name the collector reads; longer names are unknown by definition.</summary>
    public const int NameBufferLength = 32;

    /// <summary>
    /// Reads from the object's StartObject to its EndObject. A repeated property overwrites the earlier
    /// value (the last one wins, as JsonElement.TryGetProperty finds it). Object and array values are
    /// recorded by kind and span, and skipped. <paramref name="buffer"/> holds names while they are matched.
    /// </summary>
    public static void Read(ref Utf8JsonReader reader, Span<JsonField> slots, FieldIndex index, char[] buffer)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var slot = index(PropertyName(ref reader, buffer));
            reader.Read();
            if (slot >= 0) slots[slot] = JsonField.Capture(ref reader);
            reader.Skip();
            // Containers are kept as their span in the body, read only when a check needs them.
            if (slot >= 0 && slots[slot].Token is JsonTokenType.StartArray or JsonTokenType.StartObject)
                slots[slot].Length = checked((int)(reader.BytesConsumed - slots[slot].Start));
        }
    }

    /// <summary>
    /// The current property name, unescaped; in <paramref name="buffer"/> (<see cref="NameBufferLength"/> chars)
    /// unless escaped (rare). Empty when it cannot be a known name (too long, not ASCII, invalid UTF-8).
    /// </summary>
    public static ReadOnlySpan<char> PropertyName(ref Utf8JsonReader reader, char[] buffer)
    {
        if (reader.ValueIsEscaped)
        {
            try { return reader.GetString(); }
            catch (InvalidOperationException) { return default; }
        }
        var raw = reader.ValueSpan;
        if (raw.Length > buffer.Length) return default;
        return Ascii.ToUtf16(raw, buffer, out var written) == System.Buffers.OperationStatus.Done ? buffer.AsSpan(0, written) : default;
    }
}
