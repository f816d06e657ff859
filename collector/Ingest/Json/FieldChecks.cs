using System.Text.Json;

namespace RumCollector.Ingest.Json;

/// <summary>
/// Type, range and length checks of captured fields; each failure is recorded as a <see cref="FieldError"/>
/// naming the field and the reason, and the field's value is then null.
/// </summary>
public sealed class FieldChecks(ReadOnlyMemory<byte> body, List<FieldError> errors)
{
    public List<FieldError> Errors => errors;

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
        if (known is not null && f.IndexIn(body.Span, known.Utf8) is var i and >= 0) return known.Values[i];
        string text;
        try { text = f.Text(body.Span); }
        catch (InvalidOperationException) { Error(field, "is not valid UTF-8"); return null; }
        if (required && text.Length == 0) { Error(field, "must not be empty"); return null; }
        if (text.Length <= maxLength) return text;
        if (cut) return text[..maxLength];
        Error(field, $"is longer than {maxLength} characters");
        return null;
    }

    /// <summary>A string as <see cref="String"/> checks it; a value of the set comes back shared, with its index (else -1).</summary>
    public string? StringIn(in JsonField f, FieldPath field, ClosedSet set, bool required, int maxLength, out int index)
    {
        index = f.Token == JsonTokenType.String ? f.IndexIn(body.Span, set.Utf8) : -1;
        return index >= 0 ? set.Values[index] : String(f, field, required, maxLength);
    }

    /// <summary>One of the set's values (the shared string), checked like a string of at most 64 chars first.</summary>
    public string? OneOf(in JsonField f, FieldPath field, ClosedSet allowed, bool required = false)
    {
        if (f.Token == JsonTokenType.String && f.IndexIn(body.Span, allowed.Utf8) is var i and >= 0) return allowed.Values[i];
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
}
