using System.Text.Json;
using RumCollector.Privacy;
using RumOperator.Api;

namespace RumCollector.Ingest;

/// <summary>
/// Pure: bytes → a validated <see cref="Beacon"/> or the list of bad fields. Unknown properties are
/// ignored (newer SDKs add fields); unknown event types are counted, not failed.
/// </summary>
public static class BeaconParser
{
    public const int SupportedVersion = 1;
    private const int MaxErrors = 20;

    public sealed record Result(Beacon? Beacon, IReadOnlyList<FieldError> Errors, int EventCount);

    public static Result Parse(ReadOnlyMemory<byte> body)
    {
        if (body.Span.StartsWith("\uFEFF"u8)) body = body[3..];
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = BeaconLimits.MaxDepth });
        }
        catch (JsonException e)
        {
            var reason = e.Message.Contains("depth", StringComparison.OrdinalIgnoreCase)
                ? $"nesting deeper than {BeaconLimits.MaxDepth} levels"
                : $"is not valid JSON ({e.Message.Split(". ")[0]})";
            return new Result(null, [new FieldError("body", reason)], 0);
        }
        using (doc) return new Reader().Read(doc.RootElement);
    }

    private sealed class Reader
    {
        private readonly List<FieldError> _errors = [];

        public Result Read(JsonElement root)
        {
            if (root.ValueKind != JsonValueKind.Object) return Fail("body", "must be a JSON object");
            var version = Int(root, "v", "v", required: true, 1, int.MaxValue);
            if (version is not null and not SupportedVersion) Error("v", $"version {version} is not supported (supported: {SupportedVersion})");
            var app = Str(root, "app", "app", required: true, BeaconLimits.MaxNameLength);
            var release = Str(root, "release", "release", required: false, BeaconLimits.MaxNameLength);
            if (release is not null && !release.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' or '+'))
            {
                Error("release", "may hold only letters, digits and . _ - +");
                release = null;
            }

            var session = Obj(root, "session", "session", required: true);
            string? sessionId = null; double? sampleRate = null; ConsentState? consent = null;
            if (session is { } s)
            {
                sessionId = Str(s, "id", "session.id", required: true, BeaconLimits.MaxIdLength);
                sampleRate = Num(s, "sampleRate", "session.sampleRate", required: false, BeaconLimits.MinSampleRate, 1);
                consent = Enum(s, "consent", "session.consent", ["granted", "denied", "unknown"]) switch
                {
                    "granted" => ConsentState.Granted,
                    "denied" => ConsentState.Denied,
                    "unknown" => ConsentState.Unknown,
                    _ => null,
                };
            }
            var page = Obj(root, "page", "page", required: false);
            var pageUrl = page is { } p ? Str(p, "url", "page.url", required: false, BeaconLimits.MaxUrlLength, cut: true) : null;
            var pageRoute = page is { } p2 ? Str(p2, "route", "page.route", required: false, BeaconLimits.MaxUrlLength, cut: true) : null;
            var referrer = page is { } p3 ? Str(p3, "referrer", "page.referrer", required: false, BeaconLimits.MaxUrlLength, cut: true) : null;
            var trace = Obj(root, "trace", "trace", required: false);
            var traceparent = trace is { } t ? Str(t, "traceparent", "trace.traceparent", required: false, 64, cut: true) : null;
            var user = Obj(root, "user", "user", required: false);
            var userId = user is { } u ? Str(u, "id", "user.id", required: false, BeaconLimits.MaxIdLength) : null;

            var events = new List<RumEvent>();
            var unknown = 0;
            var count = 0;
            if (!root.TryGetProperty("events", out var list)) Error("events", "is required");
            else if (list.ValueKind != JsonValueKind.Array) Error("events", "must be an array");
            else
            {
                count = list.GetArrayLength();
                if (count > BeaconLimits.MaxEvents) Error("events", $"holds {count} events; at most {BeaconLimits.MaxEvents} per beacon");
                else
                {
                    var i = 0;
                    foreach (var item in list.EnumerateArray())
                    {
                        var (valid, parsed) = Event(item, $"events[{i++}]");
                        if (!valid) continue;
                        if (parsed is not null) events.Add(parsed); else unknown++;
                    }
                }
            }

            if (_errors.Count > 0) return new Result(null, _errors.Take(MaxErrors).ToList(), count);
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
                Events = events,
                UnknownEvents = unknown,
            }, [], count);
        }

        /// <summary>Valid false when the event is invalid (errors recorded); a valid null event has an unknown type.</summary>
        private (bool Valid, RumEvent? Event) Event(JsonElement e, string at)
        {
            if (e.ValueKind != JsonValueKind.Object) { Error(at, "must be an object"); return (false, null); }
            var typeText = Str(e, "type", $"{at}.type", required: true, 64);
            if (typeText is null) return (false, null);
            EventType? type = typeText switch
            {
                "session_start" => EventType.SessionStart,
                "pageview" => EventType.PageView,
                "vital" => EventType.Vital,
                "error" => EventType.Error,
                "resource" => EventType.Resource,
                "longtask" => EventType.LongTask,
                "transaction" => EventType.Transaction,
                _ => null,
            };
            if (type is null) return (true, null);
            var before = _errors.Count;
            var ts = Num(e, "ts", $"{at}.ts", required: true, 0, 1e15);
            RumEvent? ev = type switch
            {
                EventType.SessionStart => new RumEvent { Type = EventType.SessionStart },
                EventType.PageView => new RumEvent
                {
                    Type = EventType.PageView,
                    Outcome = Enum(e, "outcome", $"{at}.outcome", ["ok", "error"]),
                    Status = Int(e, "status", $"{at}.status", required: false, 0, 999),
                    NavigationType = Str(e, "navigationType", $"{at}.navigationType", required: false, 32),
                },
                EventType.Vital => Vital(e, at),
                EventType.Error => new RumEvent
                {
                    Type = EventType.Error,
                    Kind = Enum(e, "kind", $"{at}.kind", ["js", "unhandledrejection", "console", "network"], required: true),
                    Message = Str(e, "message", $"{at}.message", required: false, BeaconLimits.MaxMessageLength, cut: true),
                    Stack = Str(e, "stack", $"{at}.stack", required: false, BeaconLimits.MaxStackLength, cut: true),
                    FirstInSession = Bool(e, "firstInSession", $"{at}.firstInSession") ?? false,
                },
                EventType.Resource => new RumEvent
                {
                    Type = EventType.Resource,
                    Url = Str(e, "url", $"{at}.url", required: false, BeaconLimits.MaxUrlLength, cut: true),
                    Initiator = Str(e, "initiator", $"{at}.initiator", required: false, 32),
                    Duration = Num(e, "duration", $"{at}.duration", required: false, 0, BeaconLimits.MaxDurationMs),
                    Status = Int(e, "status", $"{at}.status", required: false, 0, 999),
                    Party = Enum(e, "party", $"{at}.party", ["first", "third"]),
                },
                EventType.LongTask => new RumEvent
                {
                    Type = EventType.LongTask,
                    Duration = Num(e, "duration", $"{at}.duration", required: true, 0, BeaconLimits.MaxDurationMs),
                    Party = Enum(e, "party", $"{at}.party", ["first", "third"]),
                },
                _ => new RumEvent
                {
                    Type = EventType.Transaction,
                    Name = Str(e, "name", $"{at}.name", required: true, BeaconLimits.MaxNameLength),
                    Outcome = Enum(e, "outcome", $"{at}.outcome", ["success", "failure"], required: true),
                    Duration = Num(e, "duration", $"{at}.duration", required: false, 0, BeaconLimits.MaxDurationMs),
                },
            };
            if (_errors.Count > before || ev is null) return (false, null);
            ev.Ts = (long)ts!.Value;
            return (true, ev);
        }

        private RumEvent? Vital(JsonElement e, string at)
        {
            var name = Enum(e, "name", $"{at}.name", ["LCP", "INP", "CLS", "FCP", "TTFB", "FID"], required: true);
            VitalName? vital = name switch
            {
                "LCP" => VitalName.Lcp, "INP" => VitalName.Inp, "CLS" => VitalName.Cls,
                "FCP" => VitalName.Fcp, "TTFB" => VitalName.Ttfb, _ => null,
            };
            var max = vital == VitalName.Cls ? BeaconLimits.MaxCls : BeaconLimits.MaxDurationMs;
            var value = Num(e, "value", $"{at}.value", required: true, 0, max);
            return new RumEvent
            {
                Type = EventType.Vital,
                Vital = vital,
                VitalLabel = name,
                Value = value,
                Rating = Enum(e, "rating", $"{at}.rating", ["good", "needs-improvement", "poor"]),
                Name = Str(e, "id", $"{at}.id", required: false, BeaconLimits.MaxIdLength),
            };
        }

        private Result Fail(string field, string reason) { Error(field, reason); return new Result(null, _errors, 0); }

        private void Error(string field, string reason) => _errors.Add(new FieldError(field, reason));

        private JsonElement? Obj(JsonElement parent, string name, string field, bool required)
        {
            if (!parent.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
            {
                if (required) Error(field, "is required");
                return null;
            }
            if (v.ValueKind == JsonValueKind.Object) return v;
            Error(field, "must be an object");
            return null;
        }

        private string? Str(JsonElement parent, string name, string field, bool required, int maxLength, bool cut = false)
        {
            if (!parent.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
            {
                if (required) Error(field, "is required");
                return null;
            }
            if (v.ValueKind != JsonValueKind.String) { Error(field, "must be a string"); return null; }
            string text;
            try { text = v.GetString()!; }
            catch (InvalidOperationException) { Error(field, "is not valid UTF-8"); return null; }
            if (required && text.Length == 0) { Error(field, "must not be empty"); return null; }
            if (text.Length <= maxLength) return text;
            if (cut) return text[..maxLength];
            Error(field, $"is longer than {maxLength} characters");
            return null;
        }

        private string? Enum(JsonElement parent, string name, string field, string[] allowed, bool required = false)
        {
            var text = Str(parent, name, field, required, 64);
            if (text is null) return null;
            if (allowed.Contains(text, StringComparer.Ordinal)) return text;
            Error(field, $"must be one of {string.Join(", ", allowed)}");
            return null;
        }

        private double? Num(JsonElement parent, string name, string field, bool required, double min, double max)
        {
            if (!parent.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
            {
                if (required) Error(field, "is required");
                return null;
            }
            if (v.ValueKind != JsonValueKind.Number || !v.TryGetDouble(out var d) || !double.IsFinite(d))
            {
                Error(field, "must be a finite number");
                return null;
            }
            if (d < min || d > max) { Error(field, $"must be between {min} and {max}"); return null; }
            return d;
        }

        private int? Int(JsonElement parent, string name, string field, bool required, int min, int max)
        {
            var d = Num(parent, name, field, required, min, max);
            if (d is null) return null;
            if (d != Math.Floor(d.Value)) { Error(field, "must be an integer"); return null; }
            return (int)d.Value;
        }

        private bool? Bool(JsonElement parent, string name, string field)
        {
            if (!parent.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null) return null;
            if (v.ValueKind is JsonValueKind.True or JsonValueKind.False) return v.GetBoolean();
            Error(field, "must be true or false");
            return null;
        }
    }
}
