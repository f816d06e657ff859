using System.Diagnostics;
using System.Text;

namespace RumOperator.E2E.Tests.ReleaseGuard;

/// <summary>A real tool (prometheus, prometheus-alertmanager) on loopback: started, awaited until /-/ready, killed on dispose.</summary>
internal sealed class ToolProcess : IAsyncDisposable
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(2) };
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ToolProcess(Process process, string url)
    {
        _process = process;
        Url = url;
    }

    public string Url { get; }

    public string Output { get { lock (_output) return _output.ToString(); } }

    public static async Task<ToolProcess> StartAsync(string tool, int port, IEnumerable<string> args)
    {
        var psi = new ProcessStartInfo(Locate(tool)) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) psi.ArgumentList.Add(a);
        var process = new Process { StartInfo = psi };
        var tp = new ToolProcess(process, $"http://127.0.0.1:{port}");
        process.OutputDataReceived += (_, e) => tp.Append(e.Data);
        process.ErrorDataReceived += (_, e) => tp.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await Loopback.UntilAsync(async () => !process.HasExited && await ReadyAsync(tp.Url), TimeSpan.FromSeconds(30),
            () => $"{tool} not ready{(process.HasExited ? $" (exited {process.ExitCode})" : "")}:\n{tp.Output}");
        return tp;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }

    private static async Task<bool> ReadyAsync(string url)
    {
        try { return (await Http.GetAsync(url + "/-/ready")).IsSuccessStatusCode; }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { return false; }
    }

    public static string Locate(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Append("/usr/bin").Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException($"{name} is not installed: run scripts/install-tools.sh");
}
