namespace RumOperator.E2E.Tests;

/// <summary>Free loopback ports for the processes the tests start.</summary>
internal static class Loopback
{
    /// <summary>A port free right now; a process that loses the race fails to start with a clear error.</summary>
    public static int FreePort() => RumOperator.LocalStack.Processes.FreePort.Next();
}
