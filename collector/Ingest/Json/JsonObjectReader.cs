using System.Text.Json;

namespace RumCollector.Ingest.Json;

/// <summary>Streams one JSON object into slots; unknown properties are skipped (newer SDKs add fields).</summary>
public static class JsonObjectReader
{
    /// <summary>
    /// Scratch for unescaping a property name. An escape spells at most one UTF-8 byte per six bytes of text,
    /// so a name whose escaped form is longer than this cannot be one of the names the collector reads.
    /// </summary>
    public const int NameScratchLength = 256;

    /// <summary>
    /// Reads from the object's StartObject to its EndObject into <paramref name="slots"/>, the value of
    /// <c>names.Values[i]</c> going to slot i. A repeated property overwrites the earlier value (the last one
    /// wins, as JsonElement.TryGetProperty finds it). Object and array values are recorded by kind and span,
    /// and skipped.
    /// </summary>
    public static void Read(ref Utf8JsonReader reader, Span<JsonField> slots, ClosedSet names, byte[] scratch)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var slot = PropertyIndex(ref reader, names, scratch);
            reader.Read();
            if (slot >= 0) slots[slot] = JsonField.Capture(ref reader);
            reader.Skip();
            // Containers are kept as their span in the body, read only when a check needs them.
            if (slot >= 0 && slots[slot].Token is JsonTokenType.StartArray or JsonTokenType.StartObject)
                slots[slot].Length = checked((int)(reader.BytesConsumed - slots[slot].Start));
        }
    }

    /// <summary>
    /// The index in <paramref name="names"/> of the current property name, unescaped, matched on its UTF-8 bytes;
    /// -1 for any other name (and for an escape that is not valid text).
    /// </summary>
    public static int PropertyIndex(ref Utf8JsonReader reader, ClosedSet names, byte[] scratch)
    {
        if (!reader.ValueIsEscaped) return names.IndexOf(reader.ValueSpan);
        if (reader.ValueSpan.Length > Math.Min(scratch.Length, names.MaxLength * 6)) return -1;
        try { return names.IndexOf(scratch.AsSpan(0, reader.CopyString(scratch))); }
        catch (InvalidOperationException) { return -1; }
    }
}
