namespace RumOperator.CollectorConfig;

/// <summary>The event types of beacon format v1 (docs/beacon.md) and how many of each one beacon may carry by default.</summary>
public static class BeaconEventTypes
{
    public const string SessionStart = "session_start";
    public const string PageView = "pageview";
    public const string Vital = "vital";
    public const string Error = "error";
    public const string Resource = "resource";
    public const string LongTask = "longtask";
    public const string Transaction = "transaction";

    public static readonly IReadOnlyList<string> All = [SessionStart, PageView, Vital, Error, Resource, LongTask, Transaction];

    /// <summary>
    /// Above what one page sends between two flushes (the SDK flushes every 5 s or 30 events and caps errors at
    /// 50 per page): a beacon beyond them stands for more than one browser and is refused.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, int> DefaultMaxPerBeacon = new Dictionary<string, int>
    {
        [SessionStart] = 2,
        [PageView] = 10,
        [Vital] = 100,
        [Error] = 50,
        [Resource] = 500,
        [LongTask] = 200,
        [Transaction] = 100,
    };

    /// <summary>The configured caps over the defaults, for every type.</summary>
    public static Dictionary<string, int> MaxPerBeacon(IReadOnlyDictionary<string, int>? configured) =>
        All.ToDictionary(t => t, t => configured is not null && configured.TryGetValue(t, out var max) ? max : DefaultMaxPerBeacon[t]);
}
