using System.Diagnostics;
using RumOperator.LocalStack;
using Xunit.Abstractions;

namespace RumOperator.E2E.Tests.LocalStack;

/// <summary>`rum-operator dev` as a user runs it: its own process, stopped with Ctrl-C (SIGINT), leaves no process behind.</summary>
public sealed class DevProcessTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Ctrl_C_stops_every_child_and_leaves_no_orphan()
    {
        var work = Directory.CreateTempSubdirectory("rum-dev-sigint-").FullName;
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            ArgumentList = { SourceTree.OperatorDll(), "dev", "-f", Path.Combine(SourceTree.Root, "examples"), "--no-browser", "--work-dir", work },
        };
        using var dev = Process.Start(info)!;
        var lines = new List<string>();
        var ready = new TaskCompletionSource();
        dev.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (lines) lines.Add(e.Data);
            if (e.Data.Contains("Ctrl-C stops every part", StringComparison.Ordinal)) ready.TrySetResult();
        };
        dev.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (lines) lines.Add("stderr: " + e.Data); };
        dev.BeginOutputReadLine();
        dev.BeginErrorReadLine();
        try
        {
            await ready.Task.WaitAsync(TimeSpan.FromSeconds(120));
            var children = ProcessesMentioning(work);
            Assert.True(children.Count >= 3, $"expected collector, Prometheus and Alertmanager under {work}: {string.Join("; ", children)}");
            lock (lines) Assert.Contains(lines, l => l.Contains("prometheus", StringComparison.Ordinal) && l.TrimEnd().EndsWith("ok", StringComparison.Ordinal));
            lock (lines) Assert.Contains(lines, l => l.Contains("SLO console", StringComparison.Ordinal) && l.TrimEnd().EndsWith("ok", StringComparison.Ordinal));

            // Ctrl-C is SIGINT. A process started from a background job inherits SIGINT ignored (POSIX), and so would
            // this child; then SIGTERM, which `dev` handles the same way, stands in for it.
            Assert.Equal(0, Signal(dev.Id, Ignores(dev.Id, signal: 2) ? "TERM" : "INT"));
            await dev.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));

            Assert.Equal(0, dev.ExitCode);
            Assert.Empty(ProcessesMentioning(work));
            lock (lines) Assert.Equal("stopped", lines.Last(l => !l.StartsWith("stderr:", StringComparison.Ordinal)));
        }
        finally
        {
            lock (lines) output.WriteLine(string.Join('\n', lines));
            if (!dev.HasExited) dev.Kill(entireProcessTree: true);
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>Processes whose command line names the folder: the children the local stack started for it.</summary>
    private static List<string> ProcessesMentioning(string folder) =>
        [.. Directory.EnumerateDirectories("/proc")
            .Where(d => int.TryParse(Path.GetFileName(d), out _))
            .Select(d => { try { return File.ReadAllText(Path.Combine(d, "cmdline")).Replace('\0', ' '); } catch (IOException) { return ""; } catch (UnauthorizedAccessException) { return ""; } })
            .Where(cmd => cmd.Contains(folder, StringComparison.Ordinal) && !cmd.Contains(" dev -f ", StringComparison.Ordinal))];

    /// <summary>Whether the process ignores a signal (SigIgn in /proc/pid/status, a hex bit mask).</summary>
    private static bool Ignores(int pid, int signal)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("SigIgn:", StringComparison.Ordinal));
        var mask = Convert.ToUInt64(line["SigIgn:".Length..].Trim(), 16);
        return (mask & (1UL << (signal - 1))) != 0;
    }

    private static int Signal(int pid, string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", $"-{signal} {pid}"))!;
        kill.WaitForExit();
        return kill.ExitCode;
    }
}
