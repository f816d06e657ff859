using System.Diagnostics;

namespace RumTests.Support;

/// <summary>
/// The tests' one way to wait for what runs on its own time (a fake API server over real HTTP, a collector,
/// Prometheus, a browser): probe until done or a deadline, and say what was still missing. The deadline is
/// generous for loaded CI machines; a passing test returns as soon as the condition holds. Code that takes a
/// TimeProvider is driven by a FakeTimeProvider instead, never waited on.
/// </summary>
internal static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(20);

    /// <summary>Between probes: short for in-process conditions, longer for probes that cost a request.</summary>
    private static readonly TimeSpan InProcessInterval = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan ProbeInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>Probes until <paramref name="done"/> holds for the value; the timeout message describes the last value.</summary>
    public static async Task<T> UntilAsync<T>(Func<Task<T>> probe, Func<T, bool> done, Func<T, string> describe,
        TimeSpan? timeout = null, TimeSpan? interval = null)
    {
        var limit = timeout ?? DefaultTimeout;
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var value = await probe();
            if (done(value)) return value;
            if (clock.Elapsed >= limit) throw new TimeoutException($"not reached after {limit.TotalSeconds:0.#} s: {describe(value)}");
            await Task.Delay(interval ?? ProbeInterval);
        }
    }

    public static Task UntilAsync(Func<Task<bool>> done, TimeSpan timeout, Func<string> describe) =>
        UntilAsync(done, d => d, _ => describe(), timeout);

    public static Task UntilAsync(Func<bool> done, TimeSpan timeout, Func<string> describe) =>
        UntilAsync(() => Task.FromResult(done()), d => d, _ => describe(), timeout, InProcessInterval);

    /// <summary>An in-process condition, named for the timeout message.</summary>
    public static Task TrueAsync(Func<bool> condition, string what, TimeSpan? timeout = null) =>
        UntilAsync(() => Task.FromResult(condition()), d => d, _ => what, timeout, InProcessInterval);
}
