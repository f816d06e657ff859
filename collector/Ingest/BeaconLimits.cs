namespace RumCollector.Ingest;

/// <summary>Bounds on what a beacon may carry; beyond them a field is rejected (ids, names) or cut (free text).</summary>
public static class BeaconLimits
{
    public const int MaxEvents = 1000;
    public const int MaxDepth = 16;
    public const int MaxIdLength = 128;
    public const int MaxNameLength = 128;
    public const int MaxUrlLength = 4096;
    public const int MaxMessageLength = 2048;
    public const int MaxStackLength = 8192;
    /// <summary>error(err, { fingerprint, context }): a few short parts, a few short values.</summary>
    public const int MaxFingerprintParts = 8;
    public const int MaxFingerprintPartLength = 128;
    public const int MaxContextKeys = 16;
    public const int MaxContextValueLength = 256;
    /// <summary>A weight of 1/sampleRate above 1000 would let one beacon stand for too many users.</summary>
    public const double MinSampleRate = 0.001;
    /// <summary>One hour: no real page load, interaction or task lasts longer; larger is garbage.</summary>
    public const double MaxDurationMs = 3_600_000;
    public const double MaxCls = 100;
    /// <summary>Client clocks drift; beyond these bounds the event keeps the receive time instead.</summary>
    public static readonly TimeSpan MaxClockAhead = TimeSpan.FromHours(1);
    public static readonly TimeSpan MaxAge = TimeSpan.FromDays(1);
}
