using System.Diagnostics;
using RumOperator.LocalStack.Processes;

namespace RumOperator.Tests.Support;

/// <summary>Runs a real tool (promtool, helm) and captures its output; a missing tool is a failure that says how to install it (found by the local stack's ToolLocator).</summary>
public static class ExternalTool
{
    public sealed record Result(int ExitCode, string Output);

    public static Result Run(string tool, IEnumerable<string> args, string workingDirectory, TimeSpan? timeout = null)
    {
        var psi = new ProcessStartInfo(ToolLocator.Require(tool))
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout ?? TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{tool} {string.Join(' ', args)} did not finish");
        }
        return new Result(process.ExitCode, stdout.Result + stderr.Result);
    }
}
