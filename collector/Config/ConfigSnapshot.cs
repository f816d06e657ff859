namespace RumCollector.Config;

/// <summary>
/// Everything the collector is configured from at one moment: the operator-rendered config plus the
/// secret material read next to it. Keys map app name to its accepted ingest keys.
/// </summary>
public sealed record ConfigSnapshot(
    CollectorConfigType Config,
    IReadOnlyDictionary<string, IReadOnlyList<string>> KeysByApp,
    byte[]? Salt,
    string Source);
