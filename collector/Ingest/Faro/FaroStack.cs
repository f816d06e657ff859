using System.Globalization;
using System.Text;
using System.Text.Json;

namespace RumCollector.Ingest.Faro;

/// <summary>
/// Faro's parsed stack frames back into the V8 text form our SDK sends (<c>    at fn (file:line:col)</c>),
/// so the error event's stack reads, groups and is redacted the same whichever SDK sent it.
/// </summary>
internal static class FaroStack
{
    private const int MaxFrames = 100;

    public static string? Render(JsonElement? stacktrace, string message, string field, FaroFields fields)
    {
        if (stacktrace is not { } trace) return null;
        if (trace.ValueKind != JsonValueKind.Object) { fields.Error(field, "must be an object"); return null; }
        var frames = FaroFields.Get(trace, "frames");
        if (frames is null) return null;
        if (frames.Value.ValueKind != JsonValueKind.Array) { fields.Error($"{field}.frames", "must be an array"); return null; }

        var text = new StringBuilder(message);
        var index = 0;
        foreach (var frame in frames.Value.EnumerateArray())
        {
            var at = $"{field}.frames[{index}]";
            if (index++ >= MaxFrames) break;
            if (frame.ValueKind != JsonValueKind.Object) { fields.Error(at, "must be an object"); return null; }
            var function = fields.String(frame, "function", $"{at}.function", BeaconLimits.MaxNameLength, cut: true);
            var module = fields.String(frame, "module", $"{at}.module", BeaconLimits.MaxNameLength, cut: true);
            var file = fields.String(frame, "filename", $"{at}.filename", BeaconLimits.MaxUrlLength, cut: true);
            var line = LineNumber(frame, "lineno", $"{at}.lineno", fields);
            var column = LineNumber(frame, "colno", $"{at}.colno", fields);
            text.Append("\n    at ");
            var location = new StringBuilder();
            if (module is { Length: > 0 }) location.Append(module).Append('|');
            location.Append(file is { Length: > 0 } ? file : "<anonymous>");
            if (line is not null) location.Append(':').Append(line.Value.ToString(CultureInfo.InvariantCulture));
            if (column is not null) location.Append(':').Append(column.Value.ToString(CultureInfo.InvariantCulture));
            if (function is { Length: > 0 }) text.Append(function).Append(" (").Append(location).Append(')');
            else text.Append(location);
            if (text.Length >= BeaconLimits.MaxStackLength) break;
        }
        return text.Length > BeaconLimits.MaxStackLength ? text.ToString(0, BeaconLimits.MaxStackLength) : text.ToString();
    }

    private static long? LineNumber(JsonElement frame, string name, string field, FaroFields fields) =>
        FaroFields.Get(frame, name) is { } value ? (long?)fields.Number(value, field, 0, int.MaxValue) : null;
}
