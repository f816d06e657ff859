using System.Text.Json;

namespace RumCollector.Ingest.Faro;

/// <summary>
/// Pure: a Grafana Faro payload (meta, exceptions, measurements, events, logs, traces; Alloy's
/// faro.receiver payload types) → the same validated <see cref="Beacon"/> our SDK's beacons become, or
/// the list of bad fields. Items with no RUM event to become are counted in <see cref="Beacon.Unmapped"/>.
/// The body is bounded before it gets here (maxBeaconBytes, after decompression), so a document tree is affordable.
/// </summary>
public static class FaroParser
{
    private const int MaxErrors = 20;
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = BeaconLimits.MaxDepth };

    public static BeaconParser.Result Parse(ReadOnlyMemory<byte> body)
    {
        if (body.Span.StartsWith("\uFEFF"u8)) body = body[3..];
        JsonDocument document;
        try { document = JsonDocument.Parse(body, Options); }
        catch (JsonException e) { return new BeaconParser.Result(null, [BeaconParser.SyntaxError(e)], 0); }
        using (document) return Map(document.RootElement);
    }

    private static BeaconParser.Result Map(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object) return new BeaconParser.Result(null, [new FieldError("body", "must be a JSON object")], 0);
        var fields = new FaroFields([]);
        var items = new FaroItems(fields);
        items.Read(root);
        var meta = ReadMeta(root, fields);

        if (items.Count > BeaconLimits.MaxEvents)
            return new BeaconParser.Result(null, [new FieldError("body", $"holds {items.Count} items; at most {BeaconLimits.MaxEvents} per payload")], items.Count);
        if (fields.Errors.Count > 0 || meta is null)
            return new BeaconParser.Result(null, fields.Errors.Take(MaxErrors).ToList(), items.Count);
        return new BeaconParser.Result(new Beacon
        {
            Version = BeaconParser.SupportedVersion,
            App = meta.App,
            Release = meta.Release,
            SessionId = meta.SessionId,
            UserId = meta.UserId,
            PageUrl = meta.PageUrl,
            Traceparent = items.Traceparent,
            Events = items.Events,
            Unmapped = items.Unmapped,
        }, [], items.Count);
    }

    private sealed record Meta(string App, string? Release, string SessionId, string? UserId, string? PageUrl);

    /// <summary>
    /// meta.app.name is the app (it must match the key's app, as ours); meta.app.release, else meta.app.version, is
    /// the release label. The session id is required: sampling and consent work per session.
    /// </summary>
    private static Meta? ReadMeta(JsonElement root, FaroFields fields)
    {
        if (fields.Object(root, "meta", "meta", required: true) is not { } meta) return null;
        string? name = null, release = null, sessionId = null, userId = null, pageUrl = null;
        if (fields.Object(meta, "app", "meta.app", required: true) is { } app)
        {
            name = fields.String(app, "name", "meta.app.name", BeaconLimits.MaxNameLength, required: true);
            var releaseField = FaroFields.Get(app, "release") is not null ? "release" : "version";
            release = fields.String(app, releaseField, $"meta.app.{releaseField}", BeaconLimits.MaxNameLength);
            if (release is { Length: 0 }) release = null;
            if (release is not null && !BeaconParser.IsReleaseText(release))
            {
                fields.Error($"meta.app.{releaseField}", "may hold only letters, digits and . _ - +");
                release = null;
            }
        }
        if (fields.Object(meta, "session", "meta.session", required: true) is { } session)
            sessionId = fields.String(session, "id", "meta.session.id", BeaconLimits.MaxIdLength, required: true);
        if (fields.Object(meta, "page", "meta.page") is { } page)
            pageUrl = fields.String(page, "url", "meta.page.url", BeaconLimits.MaxUrlLength, cut: true);
        if (fields.Object(meta, "user", "meta.user") is { } user)
            userId = fields.String(user, "id", "meta.user.id", BeaconLimits.MaxIdLength);
        return name is null || sessionId is null ? null : new Meta(name, release, sessionId, userId, pageUrl);
    }
}
