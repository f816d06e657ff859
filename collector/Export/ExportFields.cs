using System.Text.Json;
using RumCollector.Ingest;

namespace RumCollector.Export;

/// <summary>One exported field: its name in JSON Lines and its attribute key in OTLP (rum.name), encoded once.</summary>
public sealed class ExportField(string name)
{
    public string Name { get; } = name;
    public JsonEncodedText Json { get; } = JsonEncodedText.Encode(name);
    public JsonEncodedText Otlp { get; } = JsonEncodedText.Encode("rum." + name);
}

/// <summary>Receives an event's fields, typed (no boxing); null fields are never passed.</summary>
public interface IFieldWriter
{
    void String(ExportField field, string value);
    void Bool(ExportField field, bool value);
    void Int(ExportField field, int value);
    void Double(ExportField field, double value);
    /// <summary>A field whose name the event carries (context.&lt;key&gt;); encoded per use.</summary>
    void String(string name, string value);
}

/// <summary>
/// The fields of an exported event, the one owner of their names, shared by the JSON Lines and
/// OTLP writers: the event's own (written per event) and its beacon's context (the same for every
/// event of a beacon, so a writer serializes it once per beacon).
/// </summary>
public static class ExportFields
{
    public static readonly ExportField Timestamp = new("timestamp"), ReceivedAt = new("receivedAt"), Type = new("type"),
        App = new("app"), Release = new("release"), Route = new("route"), SessionId = new("session.id"), UserHash = new("user.hash"),
        PageUrl = new("page.url"), PageReferrer = new("page.referrer"), Device = new("device"), Browser = new("browser"), Os = new("os"),
        Country = new("country"), TraceId = new("trace.id"), ClientIp = new("client.ip"), SampleRate = new("session.sampleRate"),
        Consent = new("consent"), ClockAdjusted = new("clientClockAdjusted"), Outcome = new("outcome"), Status = new("status"),
        NavigationType = new("navigationType"), Vital = new("vital"), Value = new("value"), Rating = new("rating"), Kind = new("kind"),
        Message = new("message"), Stack = new("stack"), FirstInSession = new("firstInSession"), Url = new("url"),
        Initiator = new("initiator"), Duration = new("duration"), Party = new("party"), Name = new("name"), Group = new("group");

    /// <summary>Prefix of an event's own context fields (context.&lt;key&gt;).</summary>
    public const string ContextPrefix = "context.";

    /// <summary>type, clientClockAdjusted and the event's own fields.</summary>
    public static void WriteEvent<T>(ExportEvent item, ref T w) where T : struct, IFieldWriter
    {
        var e = item.Event;
        w.String(Type, RumEvent.TypeName(e.Type));
        if (item.ClockAdjusted) w.Bool(ClockAdjusted, true);
        Str(ref w, Outcome, e.Outcome);
        if (e.Status is { } status) w.Int(Status, status);
        Str(ref w, NavigationType, e.NavigationType);
        Str(ref w, Vital, e.VitalLabel);
        if (e.Value is { } value) w.Double(Value, value);
        Str(ref w, Rating, e.Rating);
        Str(ref w, Kind, e.Kind);
        Str(ref w, Message, e.Message);
        Str(ref w, Stack, e.Stack);
        if (e.Type == EventType.Error) w.Bool(FirstInSession, e.FirstInSession);
        Str(ref w, Url, e.Url);
        Str(ref w, Initiator, e.Initiator);
        if (e.Duration is { } duration) w.Double(Duration, duration);
        Str(ref w, Party, e.Party);
        Str(ref w, Name, e.Name);
        Str(ref w, Group, e.Group);
        foreach (var (key, text) in e.Context ?? []) w.String(ContextPrefix + key, text);
    }

    /// <summary>The beacon's fields every one of its events carries.</summary>
    public static void WriteContext<T>(ExportContext c, ref T w) where T : struct, IFieldWriter
    {
        w.String(App, c.App);
        Str(ref w, Release, c.Release);
        w.String(Route, c.Route);
        w.String(SessionId, c.SessionId);
        Str(ref w, UserHash, c.UserIdHash);
        Str(ref w, PageUrl, c.PageUrl);
        Str(ref w, PageReferrer, c.Referrer);
        w.String(Device, c.Device);
        w.String(Browser, c.Browser);
        w.String(Os, c.Os);
        w.String(Country, c.Country);
        Str(ref w, TraceId, c.TraceId);
        Str(ref w, ClientIp, c.ClientIp);
        w.Double(SampleRate, c.SampleRate);
        w.String(Consent, c.Consent);
    }

    private static void Str<T>(ref T w, ExportField field, string? value) where T : struct, IFieldWriter
    {
        if (value is not null) w.String(field, value);
    }
}
