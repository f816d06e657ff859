namespace RumOperator.Runtime.Tests;

/// <summary>Waits for a condition that depends on real network I/O (fake API server) to become true; the deadline is generous for loaded CI machines, a passing test returns as soon as the condition holds.</summary>
internal static class Eventually
{
    public static async Task TrueAsync(Func<bool> condition, string what, int timeoutMs = 20000)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"timed out waiting for: {what}");
            await Task.Delay(10);
        }
    }
}
