using System.Text;
using System.Text.Json;
using RumCollector.Ingest;
using RumCollector.Privacy;
using RumCollector.Tests.Support;
using RumOperator.CollectorConfig;

namespace RumCollector.Tests;

/// <summary>
/// contracts/Fixtures/event-types.json is the one table of beacon event types and field values: the
/// collector's constants and parser accept exactly it, and docs/beacon.md's table is generated from it
/// (UPDATE_DOCS=1 rewrites it). The SDK's tests (sdk/test/event-types.test.ts) read the same file.
/// </summary>
public sealed class EventTypeContractTests
{
    private sealed record Field(string Type, string Name, bool Open, string[] Values)
    {
        public string Key => Type.Length == 0 ? Name : $"{Type}.{Name}";
    }

    private static readonly Lazy<(string[] Types, Field[] Fields)> Table = new(() =>
    {
        using var fixture = JsonDocument.Parse(File.ReadAllText(Path.Combine(Repo.Root, "contracts", "Fixtures", "event-types.json")));
        var root = fixture.RootElement;
        static Field Read(string type, JsonElement f) => new(type, f.GetProperty("field").GetString()!,
            f.TryGetProperty("open", out var open) && open.GetBoolean(), [.. f.GetProperty("values").EnumerateArray().Select(v => v.GetString()!)]);
        var types = root.GetProperty("eventTypes").EnumerateArray().ToArray();
        Field[] fields =
        [
            .. types.SelectMany(t => t.GetProperty("fields").EnumerateArray().Select(f => Read(t.GetProperty("type").GetString()!, f))),
            .. root.GetProperty("beaconFields").EnumerateArray().Select(f => Read("", f)),
        ];
        return ([.. types.Select(t => t.GetProperty("type").GetString()!)], fields);
    });

    /// <summary>The collector's constant for each field of the table.</summary>
    private static readonly Dictionary<string, IReadOnlyList<string>> Constants = new()
    {
        ["pageview.outcome"] = BeaconFieldValues.PageOutcomes,
        ["pageview.navigationType"] = BeaconFieldValues.NavigationTypes,
        ["vital.name"] = BeaconFieldValues.VitalNames,
        ["vital.rating"] = BeaconFieldValues.Ratings,
        ["error.kind"] = BeaconFieldValues.ErrorKinds,
        ["resource.party"] = BeaconFieldValues.Parties,
        ["resource.initiator"] = BeaconFieldValues.Initiators,
        ["longtask.party"] = BeaconFieldValues.Parties,
        ["transaction.outcome"] = BeaconFieldValues.TransactionOutcomes,
        ["session.consent"] = BeaconFieldValues.Consents,
    };

    /// <summary>The least an event of each type needs to be valid.</summary>
    private static readonly Dictionary<string, Dictionary<string, object>> Minimal = new()
    {
        [BeaconEventTypes.SessionStart] = [],
        [BeaconEventTypes.PageView] = new() { ["outcome"] = "ok" },
        [BeaconEventTypes.Vital] = new() { ["name"] = "LCP", ["value"] = 1 },
        [BeaconEventTypes.Error] = new() { ["kind"] = "js" },
        [BeaconEventTypes.Resource] = [],
        [BeaconEventTypes.LongTask] = new() { ["duration"] = 1 },
        [BeaconEventTypes.Transaction] = new() { ["name"] = "checkout", ["outcome"] = "success" },
    };

    private static BeaconParser.Result ParseEvent(string type, string? field = null, string? value = null)
    {
        var ev = new Dictionary<string, object>(Minimal.GetValueOrDefault(type, [])) { ["type"] = type, ["ts"] = 1764070000000 };
        if (field is not null) ev[field] = value!;
        return BeaconParser.Parse(Encoding.UTF8.GetBytes(Beacons.Events("s1", JsonSerializer.Serialize(ev))));
    }

    private static string? Read(RumEvent e, string field) => field switch
    {
        "outcome" => e.Outcome,
        "navigationType" => e.NavigationType,
        "name" => e.VitalLabel,
        "rating" => e.Rating,
        "kind" => e.Kind,
        "party" => e.Party,
        "initiator" => e.Initiator,
        _ => throw new ArgumentException($"no reader for {field}", nameof(field)),
    };

    [Fact]
    public void The_event_types_are_the_tables()
    {
        Assert.Equal(Table.Value.Types, BeaconEventTypes.All);
        Assert.Equal(Table.Value.Types.Order(), BeaconEventTypes.DefaultMaxPerBeacon.Keys.Order());
        Assert.Equal(Table.Value.Types.Order(), Minimal.Keys.Order());
    }

    public static TheoryData<string, EventType> WireNames() => new()
    {
        { "session_start", EventType.SessionStart },
        { "pageview", EventType.PageView },
        { "vital", EventType.Vital },
        { "error", EventType.Error },
        { "resource", EventType.Resource },
        { "longtask", EventType.LongTask },
        { "transaction", EventType.Transaction },
    };

    /// <summary>Each wire name reads as its event type by name, whatever order the enum or the table lists them in.</summary>
    [Theory]
    [MemberData(nameof(WireNames))]
    public void Each_wire_name_parses_to_its_event_type_and_back(string wire, EventType type)
    {
        Assert.Contains(wire, Table.Value.Types);
        var result = ParseEvent(wire);
        Assert.Empty(result.Errors);
        Assert.Equal(type, Assert.Single(result.Beacon!.Events).Type);
        Assert.Equal(type, RumEvent.TypeOf(wire));
        Assert.Equal(wire, RumEvent.TypeName(type));
    }

    [Fact]
    public void Every_event_type_has_a_wire_name_in_the_table()
    {
        Assert.Equal(Table.Value.Types.Order(), Enum.GetValues<EventType>().Select(RumEvent.TypeName).Order());
        Assert.Equal(WireNames().Select(row => (string)row[0]).Order(), Table.Value.Types.Order());
        Assert.Null(RumEvent.TypeOf("hologram"));
    }

    [Fact]
    public void The_collectors_field_values_are_the_tables()
    {
        Assert.Equal(Table.Value.Fields.Select(f => f.Key).Order(), Constants.Keys.Order());
        foreach (var field in Table.Value.Fields) Assert.Equal(field.Values, Constants[field.Key]);
    }

    public static TheoryData<string> FieldKeys()
    {
        var data = new TheoryData<string>();
        foreach (var field in Table.Value.Fields) data.Add(field.Key);
        return data;
    }

    /// <summary>
    /// The parser accepts every value of the table; a closed field refuses any other value and names the
    /// table's values, an open field takes it as text and hands the table's values out as shared strings.
    /// </summary>
    [Theory]
    [MemberData(nameof(FieldKeys))]
    public void The_parser_accepts_exactly_the_tables_values(string key)
    {
        var field = Table.Value.Fields.Single(f => f.Key == key);
        foreach (var value in field.Values)
        {
            var result = Parse(field, value);
            Assert.Empty(result.Errors);
            if (field.Type.Length == 0)
            {
                Assert.Equal(value, ConsentGate.Label(result.Beacon!.Consent!.Value));
                continue;
            }
            var read = Read(Assert.Single(result.Beacon!.Events), field.Name);
            Assert.Equal(value, read);
            Assert.Same(Constants[key].Single(v => v == value), read);
        }

        var other = Parse(field, "not-in-the-table");
        if (field.Open)
        {
            Assert.Empty(other.Errors);
            Assert.Equal("not-in-the-table", Read(Assert.Single(other.Beacon!.Events), field.Name));
        }
        else
        {
            var error = Assert.Single(other.Errors);
            Assert.EndsWith(field.Name, error.Field);
            Assert.Equal($"must be one of {string.Join(", ", field.Values)}", error.Reason);
        }
    }

    private static BeaconParser.Result Parse(Field field, string value) => field.Type.Length == 0
        ? BeaconParser.Parse(Encoding.UTF8.GetBytes(Beacons.With(b => b["session"]!["consent"] = value)))
        : ParseEvent(field.Type, field.Name, value);

    [Fact]
    public void The_docs_table_is_generated_from_the_fixture()
    {
        var path = Path.Combine(Repo.Root, "docs", "beacon.md");
        var doc = File.ReadAllText(path);
        const string begin = "<!-- event-types:begin -->", end = "<!-- event-types:end -->";
        var start = doc.IndexOf(begin, StringComparison.Ordinal);
        var stop = doc.IndexOf(end, StringComparison.Ordinal);
        Assert.True(start >= 0 && stop > start, $"{path} lacks the {begin} … {end} markers");
        var table = DocTable();
        if (Environment.GetEnvironmentVariable("UPDATE_DOCS") == "1")
            File.WriteAllText(path, doc[..(start + begin.Length)] + "\n" + table + "\n" + doc[stop..]);
        else
            Assert.True(doc[(start + begin.Length)..stop].Trim() == table,
                $"docs/beacon.md's event table differs from contracts/Fixtures/event-types.json; run UPDATE_DOCS=1 dotnet test tests/RumCollector.Tests --filter EventTypeContract. Generated:\n{table}");
    }

    private static string DocTable()
    {
        static string Code(IEnumerable<string> values) => string.Join(", ", values.Select(v => $"`{v}`"));
        var sb = new StringBuilder();
        sb.AppendLine("| event type | field | values |");
        sb.AppendLine("|---|---|---|");
        foreach (var type in Table.Value.Types)
        {
            var fields = Table.Value.Fields.Where(f => f.Type == type).ToList();
            if (fields.Count == 0) sb.AppendLine($"| `{type}` | | |");
            foreach (var f in fields)
                sb.AppendLine($"| `{type}` | `{f.Name}` | {Code(f.Values)}{(f.Open ? " (open: other text accepted)" : "")} |");
        }
        foreach (var f in Table.Value.Fields.Where(f => f.Type.Length == 0))
            sb.AppendLine($"| (beacon) | `{f.Name}` | {Code(f.Values)}{(f.Open ? " (open: other text accepted)" : "")} |");
        return sb.ToString().TrimEnd();
    }
}
