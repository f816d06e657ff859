using System.Globalization;
using System.Text.Json;
using RumCollector.Ingest.Json;

namespace RumCollector.Ingest.Faro;

/// <summary>
/// Type, range and length checks on a Faro payload's JSON values; each failure is recorded as a
/// <see cref="FieldError"/> naming the field by its path in the payload (meta.app.name, exceptions[0].value).
/// </summary>
internal sealed class FaroFields(List<FieldError> errors)
{
    public List<FieldError> Errors => errors;

    public void Error(string field, string reason) => errors.Add(new FieldError(field, reason));

    /// <summary>The property when present and not null.</summary>
    public static JsonElement? Get(JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null ? v : null;

    /// <summary>An object, or null (with an error when it is required or of another kind).</summary>
    public JsonElement? Object(JsonElement parent, string name, string field, bool required = false)
    {
        var value = Get(parent, name);
        if (value is null)
        {
            if (required) Error(field, "is required");
            return null;
        }
        if (value.Value.ValueKind == JsonValueKind.Object) return value;
        Error(field, "must be an object");
        return null;
    }

    /// <summary>A string of at most maxLength chars; longer text is cut when <paramref name="cut"/>, else an error.</summary>
    public string? String(JsonElement parent, string name, string field, int maxLength, bool required = false, bool cut = false)
    {
        var value = Get(parent, name);
        if (value is null)
        {
            if (required) Error(field, "is required");
            return null;
        }
        if (value.Value.ValueKind != JsonValueKind.String) { Error(field, "must be a string"); return null; }
        string text;
        try { text = value.Value.GetString()!; }
        catch (InvalidOperationException) { Error(field, "is not valid UTF-8"); return null; }
        if (TextLimit.Apply(ref text, required, maxLength, cut) is not { } refused) return text;
        Error(field, refused);
        return null;
    }

    /// <summary>A finite JSON number in [min, max].</summary>
    public double? Number(JsonElement value, string field, double min, double max)
    {
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var d) || !double.IsFinite(d))
        {
            Error(field, "must be a finite number");
            return null;
        }
        if (d < min || d > max) { Error(field, $"must be between {min} and {max}"); return null; }
        return d;
    }

    /// <summary>Faro sends event attributes as strings, numbers among them ("653"): a number in [min, max] written as text.</summary>
    public double? NumberText(JsonElement attributes, string name, string field, double min, double max)
    {
        var text = String(attributes, name, field, 64);
        if (text is null) return null;
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) || !double.IsFinite(d))
        {
            Error(field, "must be a number written as text");
            return null;
        }
        if (d < min || d > max) { Error(field, $"must be between {min} and {max}"); return null; }
        return d;
    }

    /// <summary>An RFC 3339 time (as Faro and Alloy write it) in Unix milliseconds; absent is 0, which the pipeline replaces by the receive time.</summary>
    public long Timestamp(JsonElement item, string field)
    {
        var text = String(item, "timestamp", field, 64);
        if (text is null) return 0;
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time))
            return Math.Max(0, time.ToUnixTimeMilliseconds());
        Error(field, "must be an RFC 3339 time");
        return 0;
    }

    /// <summary>The elements of an optional array property; an error when it is of another kind.</summary>
    public JsonElement.ArrayEnumerator? Array(JsonElement parent, string name, string field)
    {
        var value = Get(parent, name);
        if (value is null) return null;
        if (value.Value.ValueKind == JsonValueKind.Array) return value.Value.EnumerateArray();
        Error(field, "must be an array");
        return null;
    }
}
