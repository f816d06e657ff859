using System.Text.Json;
using RumCollector.Ingest.Json;
using RumOperator.Api;
using RumOperator.CollectorConfig;

namespace RumCollector.Ingest;

/// <summary>
/// One element of a beacon's events array → a validated <see cref="RumEvent"/>. Fields are captured while
/// streaming and checked afterwards in a fixed order, so errors come out the same whatever the key order.
/// </summary>
/// <param name="nameScratch">Scratch space for escaped property names, <see cref="JsonObjectReader.NameScratchLength"/> bytes.</param>
public sealed class EventParser(FieldChecks checks, byte[] nameScratch)
{
    private enum F { Type, Ts, Outcome, Status, NavigationType, Name, Value, Rating, Id, Kind, Message, Stack, FirstInSession, Url, Initiator, Duration, Party, Fingerprint, Context, GroupFirstInSession, Count }

    private static readonly ClosedSet Types = new([.. BeaconEventTypes.All]);
    /// <summary>The event type of each of <see cref="Types"/>' values, by name: the enum's order carries no meaning.</summary>
    private static readonly EventType[] TypeAt = [.. BeaconEventTypes.All.Select(t => RumEvent.TypeOf(t) ?? throw new InvalidOperationException($"no event type for {t}"))];
    private static readonly ClosedSet PageOutcomes = new([.. BeaconFieldValues.PageOutcomes]);
    private static readonly ClosedSet VitalNames = new([.. BeaconFieldValues.VitalNames]);
    private static readonly ClosedSet Ratings = new([.. BeaconFieldValues.Ratings]);
    private static readonly ClosedSet ErrorKinds = new([.. BeaconFieldValues.ErrorKinds]);
    private static readonly ClosedSet Parties = new([.. BeaconFieldValues.Parties]);
    private static readonly ClosedSet TransactionOutcomes = new([.. BeaconFieldValues.TransactionOutcomes]);
    // Free-text fields whose usual values need not be copied per event.
    private static readonly ClosedSet NavigationTypes = new([.. BeaconFieldValues.NavigationTypes]);
    private static readonly ClosedSet Initiators = new([.. BeaconFieldValues.Initiators]);

    /// <summary>The property names read: each slot's name in camelCase (name i fills slot i).</summary>
    private static readonly ClosedSet FieldNames = new([.. Enum.GetNames<F>()[..(int)F.Count].Select(JsonNamingPolicy.CamelCase.ConvertName)]);

    private readonly JsonField[] _fields = new JsonField[(int)F.Count];

    /// <summary>
    /// Reads the element at the reader (which it leaves on the element's last token). Valid false when the
    /// element is invalid (errors recorded); a valid null event has an unknown type (counted, not failed).
    /// </summary>
    public (bool Valid, RumEvent? Event) Read(ref Utf8JsonReader reader, int index)
    {
        var at = FieldPath.Event(index);
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            checks.Error(at, "must be an object");
            return (false, null);
        }
        Array.Clear(_fields);
        JsonObjectReader.Read(ref reader, _fields, FieldNames, nameScratch);
        return Validate(at);
    }

    private ref JsonField Field(F f) => ref _fields[(int)f];

    private (bool Valid, RumEvent? Event) Validate(FieldPath at)
    {
        var typeText = checks.StringIn(Field(F.Type), at.In("type"), Types, required: true, maxLength: 64, out var known);
        if (typeText is null) return (false, null);
        if (known < 0) return (true, null);
        var type = TypeAt[known];
        var before = checks.Errors.Count;
        var ts = checks.Number(Field(F.Ts), at.In("ts"), required: true, 0, 1e15);
        var ev = type switch
        {
            EventType.SessionStart => new RumEvent { Type = EventType.SessionStart },
            EventType.PageView => new RumEvent
            {
                Type = EventType.PageView,
                Outcome = checks.OneOf(Field(F.Outcome), at.In("outcome"), PageOutcomes),
                Status = checks.Integer(Field(F.Status), at.In("status"), required: false, 0, 999),
                NavigationType = checks.String(Field(F.NavigationType), at.In("navigationType"), required: false, 32, known: NavigationTypes),
            },
            EventType.Vital => Vital(at),
            EventType.Error => new RumEvent
            {
                Type = EventType.Error,
                Kind = checks.OneOf(Field(F.Kind), at.In("kind"), ErrorKinds, required: true),
                Message = checks.String(Field(F.Message), at.In("message"), required: false, BeaconLimits.MaxMessageLength, cut: true),
                Stack = checks.String(Field(F.Stack), at.In("stack"), required: false, BeaconLimits.MaxStackLength, cut: true),
                FirstInSession = checks.Boolean(Field(F.FirstInSession), at.In("firstInSession")) ?? false,
                Fingerprint = checks.StringList(Field(F.Fingerprint), at.In("fingerprint"), BeaconLimits.MaxFingerprintParts, BeaconLimits.MaxFingerprintPartLength),
                Context = checks.StringMap(Field(F.Context), at.In("context"), BeaconLimits.MaxContextKeys, BeaconLimits.MaxContextValueLength),
                GroupFirstInSession = checks.Boolean(Field(F.GroupFirstInSession), at.In("groupFirstInSession")) ?? false,
            },
            EventType.Resource => new RumEvent
            {
                Type = EventType.Resource,
                Url = checks.String(Field(F.Url), at.In("url"), required: false, BeaconLimits.MaxUrlLength, cut: true),
                Initiator = checks.String(Field(F.Initiator), at.In("initiator"), required: false, 32, known: Initiators),
                Duration = checks.Number(Field(F.Duration), at.In("duration"), required: false, 0, BeaconLimits.MaxDurationMs),
                Status = checks.Integer(Field(F.Status), at.In("status"), required: false, 0, 999),
                Party = checks.OneOf(Field(F.Party), at.In("party"), Parties),
            },
            EventType.LongTask => new RumEvent
            {
                Type = EventType.LongTask,
                Duration = checks.Number(Field(F.Duration), at.In("duration"), required: true, 0, BeaconLimits.MaxDurationMs),
                Party = checks.OneOf(Field(F.Party), at.In("party"), Parties),
            },
            EventType.Transaction => new RumEvent
            {
                Type = EventType.Transaction,
                Name = checks.String(Field(F.Name), at.In("name"), required: true, BeaconLimits.MaxNameLength),
                Outcome = checks.OneOf(Field(F.Outcome), at.In("outcome"), TransactionOutcomes, required: true),
                Duration = checks.Number(Field(F.Duration), at.In("duration"), required: false, 0, BeaconLimits.MaxDurationMs),
            },
            _ => throw new InvalidOperationException($"event type {type} has no reader"),
        };
        if (checks.Errors.Count > before) return (false, null);
        ev.Ts = (long)ts!.Value;
        return (true, ev);
    }

    private RumEvent Vital(FieldPath at)
    {
        var name = checks.OneOf(Field(F.Name), at.In("name"), VitalNames, required: true);
        VitalName? vital = name switch
        {
            "LCP" => VitalName.Lcp, "INP" => VitalName.Inp, "CLS" => VitalName.Cls,
            "FCP" => VitalName.Fcp, "TTFB" => VitalName.Ttfb, _ => null,
        };
        var max = vital == VitalName.Cls ? BeaconLimits.MaxCls : BeaconLimits.MaxDurationMs;
        var value = checks.Number(Field(F.Value), at.In("value"), required: true, 0, max);
        return new RumEvent
        {
            Type = EventType.Vital,
            Vital = vital,
            VitalLabel = name,
            Value = value,
            Rating = checks.OneOf(Field(F.Rating), at.In("rating"), Ratings),
            Name = checks.String(Field(F.Id), at.In("id"), required: false, BeaconLimits.MaxIdLength),
        };
    }
}
