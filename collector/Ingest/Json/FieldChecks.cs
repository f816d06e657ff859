using System.Text.Json;

namespace RumCollector.Ingest.Json;

/// <summary>
/// Type, range and length checks of captured fields; each failure is recorded as a <see cref="FieldError"/>
/// naming the field and the reason, and the field's value is then null.
/// </summary>
public sealed class FieldChecks(ReadOnlyMemory<byte> body, List<FieldError> errors)
{
    public List<FieldError> Errors => errors;

    /// <summary>Checks fields of another body (a reused parser's next beacon).</summary>
    internal void Rebind(ReadOnlyMemory<byte> newBody) => body = newBody;

    public void Error(FieldPath field, string reason) => errors.Add(new FieldError(field.ToString(), reason));

    /// <summary>True when the field holds an object; absent/null is an error only when required.</summary>
    public bool Object(in JsonField f, FieldPath field, bool required)
    {
        if (f.IsAbsentOrNull)
        {
            if (required) Error(field, "is required");
            return false;
        }
        if (f.Token == JsonTokenType.StartObject) return true;
        Error(field, "must be an object");
        return false;
    }

    /// <summary>A string of at most maxLength chars; longer text is cut when <paramref name="cut"/>, else an error.</summary>
    /// <param name="known">Frequent values handed out as shared strings instead of decoded copies.</param>
    public string? String(in JsonField f, FieldPath field, bool required, int maxLength, bool cut = false, ClosedSet? known = null)
    {
        if (f.IsAbsentOrNull)
        {
            if (required) Error(field, "is required");
            return null;
        }
        if (f.Token != JsonTokenType.String) { Error(field, "must be a string"); return null; }
        if (known is not null && f.IndexIn(body.Span, known) is var i and >= 0) return known.Values[i];
        string text;
        try { text = f.Text(body.Span); }
        catch (InvalidOperationException) { Error(field, "is not valid UTF-8"); return null; }
        if (TextLimit.Apply(ref text, required, maxLength, cut) is not { } refused) return text;
        Error(field, refused);
        return null;
    }

    /// <summary>A string as <see cref="String"/> checks it; a value of the set comes back shared, with its index (else -1).</summary>
    public string? StringIn(in JsonField f, FieldPath field, ClosedSet set, bool required, int maxLength, out int index)
    {
        index = f.Token == JsonTokenType.String ? f.IndexIn(body.Span, set) : -1;
        return index >= 0 ? set.Values[index] : String(f, field, required, maxLength);
    }

    /// <summary>One of the set's values (the shared string), checked like a string of at most 64 chars first.</summary>
    public string? OneOf(in JsonField f, FieldPath field, ClosedSet allowed, bool required = false)
    {
        if (f.Token == JsonTokenType.String && f.IndexIn(body.Span, allowed) is var i and >= 0) return allowed.Values[i];
        var text = String(f, field, required, 64);
        if (text is null) return null;
        Error(field, $"must be one of {allowed.Description}");
        return null;
    }

    public double? Number(in JsonField f, FieldPath field, bool required, double min, double max)
    {
        if (f.IsAbsentOrNull)
        {
            if (required) Error(field, "is required");
            return null;
        }
        if (f.Token != JsonTokenType.Number || !f.IsFiniteNumber)
        {
            Error(field, "must be a finite number");
            return null;
        }
        var d = f.Number;
        if (d < min || d > max) { Error(field, $"must be between {min} and {max}"); return null; }
        return d;
    }

    public int? Integer(in JsonField f, FieldPath field, bool required, int min, int max)
    {
        var d = Number(f, field, required, min, max);
        if (d is null) return null;
        if (d != Math.Floor(d.Value)) { Error(field, "must be an integer"); return null; }
        return (int)d.Value;
    }

    public bool? Boolean(in JsonField f, FieldPath field)
    {
        if (f.IsAbsentOrNull) return null;
        if (f.Token is JsonTokenType.True or JsonTokenType.False) return f.Token == JsonTokenType.True;
        Error(field, "must be true or false");
        return null;
    }
    /// <summary>An array of at most <paramref name="maxItems"/> strings of at most <paramref name="maxLength"/> chars; absent or empty is null.</summary>
    public List<string>? StringList(in JsonField f, FieldPath field, int maxItems, int maxLength)
    {
        if (f.IsAbsentOrNull) return null;
        if (f.Token != JsonTokenType.StartArray) { Error(field, "must be an array of strings"); return null; }
        var reader = f.Container(body.Span);
        var list = new List<string>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.String) { Error(field, "must be an array of strings"); return null; }
            if (list.Count == maxItems) { Error(field, $"must have at most {maxItems} items"); return null; }
            if (!TryText(ref reader, field, out var text)) return null;
            if (text.Length > maxLength) { Error(field, $"items must be at most {maxLength} characters"); return null; }
            list.Add(text);
        }
        return list.Count == 0 ? null : list;
    }

    /// <summary>
    /// An object of at most <paramref name="maxKeys"/> entries; keys of 1-32 letters, digits, '_', '-', '.';
    /// values strings (cut at <paramref name="maxValueLength"/>), numbers or booleans, kept as text.
    /// </summary>
    public Dictionary<string, string>? StringMap(in JsonField f, FieldPath field, int maxKeys, int maxValueLength)
    {
        if (f.IsAbsentOrNull) return null;
        if (f.Token != JsonTokenType.StartObject) { Error(field, "must be an object"); return null; }
        var reader = f.Container(body.Span);
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (!TryText(ref reader, field, out var key)) return null;
            if (key.Length is 0 or > 32 || !key.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.'))
            {
                Error(field, "keys must be 1-32 letters, digits, '_', '-' or '.'");
                return null;
            }
            reader.Read();
            string? value;
            switch (reader.TokenType)
            {
                case JsonTokenType.String:
                    if (!TryText(ref reader, field, out var text)) return null;
                    value = text.Length <= maxValueLength ? text : text[..maxValueLength];
                    break;
                case JsonTokenType.Number or JsonTokenType.True or JsonTokenType.False:
                    value = System.Text.Encoding.UTF8.GetString(reader.ValueSpan);
                    break;
                default:
                    Error(field, "values must be strings, numbers or booleans");
                    return null;
            }
            map[key] = value;
            if (map.Count > maxKeys) { Error(field, $"must have at most {maxKeys} keys"); return null; }
        }
        return map.Count == 0 ? null : map;
    }

    private bool TryText(ref Utf8JsonReader reader, FieldPath field, out string text)
    {
        try
        {
            text = reader.GetString()!;
            return true;
        }
        catch (InvalidOperationException)
        {
            Error(field, "is not valid UTF-8");
            text = "";
            return false;
        }
    }
}
