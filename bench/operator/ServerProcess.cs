using System.Diagnostics;
using System.Text.Json.Nodes;

namespace RumOperator.Bench;

/// <summary>This program again in serve mode, driven over its stdin/stdout.</summary>
internal sealed class ServerProcess : IDisposable
{
    private readonly Process _process;

    private ServerProcess(Process process) => _process = process;

    public static ServerProcess Start(string examples, int pipelines, int slos, int namespaces)
    {
        var psi = new ProcessStartInfo(Environment.ProcessPath!)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
        };
        var entry = typeof(ServerProcess).Assembly.Location;
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet") psi.ArgumentList.Add(entry);
        foreach (var arg in new[] { "serve", examples, pipelines.ToString(), slos.ToString(), namespaces.ToString() }) psi.ArgumentList.Add(arg);
        return new ServerProcess(Process.Start(psi)!);
    }

    public async Task<string> ReadUrlAsync()
    {
        var line = await _process.StandardOutput.ReadLineAsync() ?? throw new InvalidOperationException("the fake API server exited before printing its URL");
        return line.StartsWith("URL ", StringComparison.Ordinal) ? line[4..] : throw new InvalidOperationException($"unexpected line from the fake API server: {line}");
    }

    public async Task ClearAsync() => await _process.StandardInput.WriteLineAsync("clear");

    public async Task<JsonObject> StatsAsync()
    {
        await _process.StandardInput.WriteLineAsync("stats");
        return JsonNode.Parse(await _process.StandardOutput.ReadLineAsync() ?? "{}")!.AsObject();
    }

    public void Dispose()
    {
        _process.StandardInput.Close();
        if (!_process.WaitForExit(5000)) _process.Kill();
        _process.Dispose();
    }
}
