using RumOperator.LocalStack.Processes;

namespace RumOperator.E2E.Tests.ReleaseGuard;

/// <summary>
/// A real tool (prometheus, prometheus-alertmanager) on loopback, run as the local stack runs it
/// (<see cref="ToolLocator"/>, <see cref="ChildProcess"/>): started, awaited until /-/ready, stopped on dispose.
/// </summary>
internal sealed class ToolProcess : IAsyncDisposable
{
    private readonly ChildProcess _process;

    private ToolProcess(ChildProcess process, string url)
    {
        _process = process;
        Url = url;
    }

    public string Url { get; }

    public string Output => _process.RecentOutput;

    public static async Task<ToolProcess> StartAsync(string tool, int port, IEnumerable<string> args)
    {
        var process = ChildProcess.Start(tool, ToolLocator.Require(tool), args);
        var url = $"http://127.0.0.1:{port}";
        try
        {
            await process.WaitReadyAsync(url + "/-/ready", TimeSpan.FromSeconds(30), CancellationToken.None);
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }
        return new ToolProcess(process, url);
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
