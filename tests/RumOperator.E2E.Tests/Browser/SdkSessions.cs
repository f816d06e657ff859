namespace RumOperator.E2E.Tests.Browser;

/// <summary>
/// The SDK's session sampling (sdk/src/sampling.ts and docs/beacon.md "Session hash": FNV-1a 32 over the
/// id's UTF-8 bytes, then fmix32, scaled to [0, 1)) and its stored session (sdk/src/session.ts: "id.lastActivityMs.erred" in rum_s), so a
/// test can put the browser into a session known to be sampled in or out before the SDK starts.
/// </summary>
internal static class SdkSessions
{
    public const string StorageKey = "rum_s";

    public static double SamplePoint(string sessionId)
    {
        var h = 0x811c9dc5u;
        foreach (var b in System.Text.Encoding.UTF8.GetBytes(sessionId)) h = unchecked((h ^ b) * 16777619u);
        unchecked { h ^= h >> 16; h *= 0x85ebca6b; h ^= h >> 13; h *= 0xc2b2ae35; h ^= h >> 16; }
        return h / 4294967296.0;
    }

    /// <summary>The first id of a fixed series whose sample point satisfies <paramref name="wanted"/>: the same id every run.</summary>
    public static string FindId(Func<double, bool> wanted) =>
        Enumerable.Range(0, 10_000).Select(i => $"e2e{i:x8}").First(id => wanted(SamplePoint(id)));

    /// <summary>Page script that stores <paramref name="sessionId"/> as the session active right now.</summary>
    public static string SeedScript(string sessionId) =>
        $"localStorage.setItem('{StorageKey}', '{sessionId}.' + Date.now() + '.0');";
}
