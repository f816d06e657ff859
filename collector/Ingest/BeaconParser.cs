using System.Text.Json;
using RumCollector.Ingest.Json;
using RumCollector.Privacy;
using RumOperator.CollectorConfig;

namespace RumCollector.Ingest;

/// <summary>
/// Pure: bytes → a validated <see cref="Beacon"/> or the list of bad fields. Unknown properties are
/// ignored (newer SDKs add fields); unknown event types are counted, not failed. Streams the body
/// with a Utf8JsonReader (no document tree); a syntax error anywhere makes the whole body invalid,
/// whatever field errors were found before it.
/// </summary>
public static class BeaconParser
{
    public const int SupportedVersion = 1;
    private const int MaxErrors = 20;

    public sealed record Result(Beacon? Beacon, IReadOnlyList<FieldError> Errors, int EventCount);

    /// <summary>The thread's reader, reused: its slots, lists and event parser are scratch space, not per beacon.</summary>
    [ThreadStatic] private static Reader? t_reader;

    public static Result Parse(ReadOnlyMemory<byte> body)
    {
        if (body.Span.StartsWith("\uFEFF"u8)) body = body[3..];
        var reader = t_reader ?? new Reader();
        t_reader = null; // taken: a parse that re-entered (none does) would build its own
        try
        {
            return reader.Read(body);
        }
        catch (JsonException e)
        {
            return new Result(null, [SyntaxError(e)], 0);
        }
        finally
        {
            reader.Release();
            t_reader = reader;
        }
    }

    /// <summary>A body that is not JSON, or nested too deep, named as the field "body".</summary>
    internal static FieldError SyntaxError(JsonException e) =>
        new("body", e.Message.Contains("depth", StringComparison.OrdinalIgnoreCase)
            ? $"nesting deeper than {BeaconLimits.MaxDepth} levels"
            : $"is not valid JSON ({e.Message.Split(". ")[0]})");

    internal static bool IsReleaseText(string release)
    {
        foreach (var c in release)
            if (!(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' or '+')) return false;
        return true;
    }

    private sealed class Reader
    {
        private enum F { V, App, Release, Session, Page, Trace, User, Events, SessionId, SampleRate, Consent, PageUrl, PageRoute, Referrer, Traceparent, UserId, Count }

        private static readonly ClosedSet Consents = new([.. BeaconFieldValues.Consents]);
        // Property names in slot order: the root's fill F.V.., a nested object's the slots from its first on.
        private static readonly ClosedSet RootNames = new("v", "app", "release", "session", "page", "trace", "user", "events");
        private static readonly ClosedSet SessionNames = new("id", "sampleRate", "consent");
        private static readonly ClosedSet PageNames = new("url", "route", "referrer");
        private static readonly ClosedSet TraceNames = new("traceparent");
        private static readonly ClosedSet UserNames = new("id");

        private readonly JsonField[] _fields = new JsonField[(int)F.Count];
        private readonly List<FieldError> _errors = [];
        private readonly byte[] _name = new byte[JsonObjectReader.NameScratchLength];
        private readonly List<FieldError> _eventErrors = [];
        /// <summary>Scratch: the beacon gets a list of exactly its events.</summary>
        private readonly List<RumEvent> _events = [];
        private readonly FieldChecks _checks;
        private readonly FieldChecks _eventChecks;
        private readonly EventParser _eventParser;
        private ReadOnlyMemory<byte> body;
        private int _unknownEvents;
        private int _eventCount;

        public Reader()
        {
            _checks = new FieldChecks(default, _errors);
            _eventChecks = new FieldChecks(default, _eventErrors);
            _eventParser = new EventParser(_eventChecks, _name);
        }

        /// <summary>Forgets the last body and everything read from it (the reader is kept for the thread's next beacon).</summary>
        public void Release()
        {
            body = default;
            _checks.Rebind(default);
            _eventChecks.Rebind(default);
            Array.Clear(_fields);
            _errors.Clear();
            _eventErrors.Clear();
            _events.Clear();
            _unknownEvents = 0;
            _eventCount = 0;
        }

        private ref JsonField Field(F f) => ref _fields[(int)f];

        public Result Read(ReadOnlyMemory<byte> beaconBody)
        {
            body = beaconBody;
            _checks.Rebind(body);
            _eventChecks.Rebind(body);
            var reader = new Utf8JsonReader(body.Span, new JsonReaderOptions { MaxDepth = BeaconLimits.MaxDepth });
            reader.Read();
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                EnsureEnd(ref reader);
                return new Result(null, [new FieldError("body", "must be a JSON object")], 0);
            }
            ReadRoot(ref reader);
            EnsureEnd(ref reader);
            return Validate();
        }

        /// <summary>Trailing content after the object is a syntax error (the reader throws).</summary>
        private static void EnsureEnd(ref Utf8JsonReader reader) => reader.Read();

        private void ReadRoot(ref Utf8JsonReader reader)
        {
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var index = JsonObjectReader.PropertyIndex(ref reader, RootNames, _name);
                var slot = index < 0 ? F.Count : (F)index;
                reader.Read();
                if (slot == F.Count) { reader.Skip(); continue; }
                Field(slot) = JsonField.Capture(ref reader);
                switch (slot)
                {
                    case F.Session: Nested(ref reader, F.SessionId, SessionNames); break;
                    case F.Page: Nested(ref reader, F.PageUrl, PageNames); break;
                    case F.Trace: Nested(ref reader, F.Traceparent, TraceNames); break;
                    case F.User: Nested(ref reader, F.UserId, UserNames); break;
                    case F.Events: ReadEvents(ref reader); break;
                    default: reader.Skip(); break;
                }
            }
        }

        /// <summary>The fields of a nested object (its names fill the slots from first on); a repeated object replaces the earlier one whole.</summary>
        private void Nested(ref Utf8JsonReader reader, F first, ClosedSet names)
        {
            var slots = _fields.AsSpan((int)first, names.Values.Length);
            slots.Clear();
            if (reader.TokenType == JsonTokenType.StartObject) JsonObjectReader.Read(ref reader, slots, names, _name);
            else reader.Skip();
        }

        /// <summary>Events are checked as they stream by; past <see cref="BeaconLimits.MaxEvents"/> they are only counted.</summary>
        private void ReadEvents(ref Utf8JsonReader reader)
        {
            _events.Clear();
            _eventErrors.Clear();
            _unknownEvents = 0;
            _eventCount = 0;
            if (reader.TokenType != JsonTokenType.StartArray) { reader.Skip(); return; }
            var parser = _eventParser;
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                var index = _eventCount++;
                if (index >= BeaconLimits.MaxEvents) { reader.Skip(); continue; }
                var (valid, parsed) = parser.Read(ref reader, index);
                if (!valid) continue;
                if (parsed is not null) _events.Add(parsed); else _unknownEvents++;
            }
        }

        private Result Validate()
        {
            var checks = _checks;
            var version = checks.Integer(Field(F.V), new("v"), required: true, 1, int.MaxValue);
            if (version is not null and not SupportedVersion) checks.Error(new("v"), $"version {version} is not supported (supported: {SupportedVersion})");
            var app = checks.String(Field(F.App), new("app"), required: true, BeaconLimits.MaxNameLength);
            var release = checks.String(Field(F.Release), new("release"), required: false, BeaconLimits.MaxNameLength);
            if (release is not null && !IsReleaseText(release))
            {
                checks.Error(new("release"), "may hold only letters, digits and . _ - +");
                release = null;
            }

            string? sessionId = null; double? sampleRate = null; ConsentState? consent = null;
            if (checks.Object(Field(F.Session), new("session"), required: true))
            {
                sessionId = checks.String(Field(F.SessionId), new("session.id"), required: true, BeaconLimits.MaxIdLength);
                sampleRate = checks.Number(Field(F.SampleRate), new("session.sampleRate"), required: false, BeaconLimits.MinSampleRate, 1);
                consent = checks.OneOf(Field(F.Consent), new("session.consent"), Consents) switch
                {
                    "granted" => ConsentState.Granted,
                    "denied" => ConsentState.Denied,
                    "unknown" => ConsentState.Unknown,
                    _ => null,
                };
            }
            string? pageUrl = null, pageRoute = null, referrer = null, traceparent = null, userId = null;
            if (checks.Object(Field(F.Page), new("page"), required: false))
            {
                pageUrl = checks.String(Field(F.PageUrl), new("page.url"), required: false, BeaconLimits.MaxUrlLength, cut: true);
                pageRoute = checks.String(Field(F.PageRoute), new("page.route"), required: false, BeaconLimits.MaxUrlLength, cut: true);
                referrer = checks.String(Field(F.Referrer), new("page.referrer"), required: false, BeaconLimits.MaxUrlLength, cut: true);
            }
            if (checks.Object(Field(F.Trace), new("trace"), required: false))
                traceparent = checks.String(Field(F.Traceparent), new("trace.traceparent"), required: false, 64, cut: true);
            if (checks.Object(Field(F.User), new("user"), required: false))
                userId = checks.String(Field(F.UserId), new("user.id"), required: false, BeaconLimits.MaxIdLength);

            var events = Field(F.Events).Token;
            if (events == JsonTokenType.None) checks.Error(new("events"), "is required");
            else if (events != JsonTokenType.StartArray) checks.Error(new("events"), "must be an array");
            else if (_eventCount > BeaconLimits.MaxEvents) checks.Error(new("events"), $"holds {_eventCount} events; at most {BeaconLimits.MaxEvents} per beacon");
            else _errors.AddRange(_eventErrors);

            if (_errors.Count > 0) return new Result(null, _errors.Take(MaxErrors).ToList(), _eventCount);
            return new Result(new Beacon
            {
                Version = version!.Value,
                App = app!,
                Release = release,
                SessionId = sessionId!,
                SampleRate = sampleRate ?? 1,
                Consent = consent,
                UserId = userId,
                PageUrl = pageUrl,
                PageRoute = pageRoute,
                Referrer = referrer,
                Traceparent = traceparent,
                Events = [.. _events],
                UnknownEvents = _unknownEvents,
            }, [], _eventCount);
        }
    }
}
