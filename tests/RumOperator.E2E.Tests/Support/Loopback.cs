using System.Diagnostics;

namespace RumOperator.E2E.Tests;

/// <summary>Free loopback ports and bounded waits for processes that run on their own time.</summary>
internal static class Loopback
{
    /// <summary>A port free right now; a process that loses the race fails to start with a clear error.</summary>
    public static int FreePort() => RumOperator.LocalStack.Processes.FreePort.Next();

    /// <summary>Polls every 100 ms until <paramref name="done"/> or the deadline; the message says what was still missing.</summary>
    public static async Task UntilAsync(Func<Task<bool>> done, TimeSpan timeout, Func<string> describe)
    {
        var clock = Stopwatch.StartNew();
        while (!await done())
        {
            if (clock.Elapsed > timeout) throw new TimeoutException($"after {timeout.TotalSeconds:0} s: {describe()}");
            await Task.Delay(100);
        }
    }

    public static Task UntilAsync(Func<bool> done, TimeSpan timeout, Func<string> describe) =>
        UntilAsync(() => Task.FromResult(done()), timeout, describe);
}
