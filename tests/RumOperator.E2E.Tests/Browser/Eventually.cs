using System.Diagnostics;

namespace RumOperator.E2E.Tests.Browser;

/// <summary>Bounded waits for what a browser and a collector do on their own time: poll until done or a deadline.</summary>
internal static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    public static async Task<T> UntilAsync<T>(Func<Task<T>> probe, Func<T, bool> done, Func<T, string> describe, TimeSpan? timeout = null)
    {
        var limit = timeout ?? DefaultTimeout;
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var value = await probe();
            if (done(value)) return value;
            if (clock.Elapsed >= limit) throw new TimeoutException($"not reached after {limit.TotalSeconds} s: {describe(value)}");
            await Task.Delay(PollInterval);
        }
    }
}
