namespace RumOperator.CollectorConfig;

/// <summary>
/// The event types of beacon format v1 (docs/beacon.md) and how many of each one beacon may carry by default.
/// contracts/Fixtures/event-types.json is the table; the collector's tests check these against it.
/// </summary>
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

/// <summary>
/// The enumerated field values of beacon format v1, as contracts/Fixtures/event-types.json lists them (the
/// collector's tests check these and the parser against it). Closed fields refuse other values; open ones
/// accept any short text and list what senders usually send (the parser hands those out as shared strings).
/// </summary>
public static class BeaconFieldValues
{
    /// <summary><c>pageview.outcome</c> (closed).</summary>
    public static readonly IReadOnlyList<string> PageOutcomes = ["ok", "error"];
    /// <summary><c>pageview.navigationType</c> (open): PerformanceNavigationTiming's types and the SDK's soft navigations.</summary>
    public static readonly IReadOnlyList<string> NavigationTypes = ["navigate", "reload", "back_forward", "prerender", "soft-navigation"];
    /// <summary><c>vital.name</c> (closed); FID comes only from SDKs older than web-vitals 5.</summary>
    public static readonly IReadOnlyList<string> VitalNames = ["LCP", "INP", "CLS", "FCP", "TTFB", "FID"];
    /// <summary><c>vital.rating</c> (closed).</summary>
    public static readonly IReadOnlyList<string> Ratings = ["good", "needs-improvement", "poor"];
    /// <summary><c>error.kind</c> (closed).</summary>
    public static readonly IReadOnlyList<string> ErrorKinds = ["js", "unhandledrejection", "console", "network"];
    /// <summary><c>resource.party</c> and <c>longtask.party</c> (closed).</summary>
    public static readonly IReadOnlyList<string> Parties = ["first", "third"];
    /// <summary><c>resource.initiator</c> (open): the browser's initiatorType.</summary>
    public static readonly IReadOnlyList<string> Initiators = ["script", "link", "img", "css", "fetch", "xmlhttprequest", "beacon", "other", "navigation"];
    /// <summary><c>transaction.outcome</c> (closed).</summary>
    public static readonly IReadOnlyList<string> TransactionOutcomes = ["success", "failure"];
    /// <summary><c>session.consent</c> of the beacon (closed).</summary>
    public static readonly IReadOnlyList<string> Consents = ["granted", "denied", "unknown"];
}
