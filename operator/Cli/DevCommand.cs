using System.CommandLine;
using System.Runtime.InteropServices;
using RumOperator.LocalStack;
using RumOperator.LocalStack.Processes;

namespace RumOperator.Cli;

/// <summary>`rum-operator dev`: the whole chain on this machine, optionally with the regression scenario.</summary>
internal static class DevCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var file = RootCommandFactory.FileOption();
        var scenario = new Option<string?>("--scenario") { Description = "regression: roll out a failing release and exit 0 once the guard rolled it back" };
        scenario.AcceptOnlyFromAmong("regression");
        var timeScale = new Option<double>("--time-scale") { Description = "Divide SLO windows and cooldowns by this (168: a 28d SLO becomes 4h, its 1h page window 21 s)", DefaultValueFactory = _ => LocalStackOptions.DefaultTimeScale };
        var rollback = new Option<string>("--rollback") { Description = "What the guarded RumSLO rolls back: deployment (the demo Deployment) or git (a revert commit in a GitOps repository served on loopback, which a sync follows)", DefaultValueFactory = _ => "deployment" };
        rollback.AcceptOnlyFromAmong("deployment", "git");
        var noBrowser = new Option<bool>("--no-browser") { Description = "No headless Chromium; the load generator alone sends traffic" };
        var rate = new Option<double>("--beacons-per-second") { Description = "Load generator rate", DefaultValueFactory = _ => LocalStackOptions.DefaultBeaconsPerSecond };
        var workDir = new Option<string?>("--work-dir") { Description = "Keep configs, logs and data here (default: a temporary folder removed on exit)" };
        var console = new Option<string?>("--console-address") { Description = "The SLO console's address, host:port (docs/console.md); default a free loopback port; off turns it off" };
        var command = new Command("dev", "Run the whole chain on this machine: embedded cluster, operator, collector, Prometheus, Alertmanager, demo shop")
        {
            file, scenario, rollback, timeScale, noBrowser, rate, workDir, console,
        };
        // Synchronous on purpose (see RunCommand): Ctrl-C cancels the token, and every child is stopped before exit.
        command.SetAction(parse =>
        {
            var options = new LocalStackOptions
            {
                Manifests = parse.GetValue(file)!,
                TimeScale = TimeScale.Parse("--time-scale", parse.GetValue(timeScale)),
                Browser = !parse.GetValue(noBrowser),
                Rollback = parse.GetValue(rollback) == "git" ? DemoRollbackTarget.Git : DemoRollbackTarget.Deployment,
                BeaconsPerSecond = parse.GetValue(rate) is > 0 and <= 5000 and var r ? r : throw new ArgumentException("--beacons-per-second: must be between 0 and 5000"),
                WorkDirectory = parse.GetValue(workDir),
                KeepWorkDirectory = parse.GetValue(workDir) is not null,
                ConsoleAddress = parse.GetValue(console) switch
                {
                    "off" => null,
                    { Length: > 0 } address => address,
                    _ => $"127.0.0.1:{FreePort.Next()}",
                },
            };
            using var stop = new CancellationTokenSource();
            using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; stop.Cancel(); });
            using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stop.Cancel(); });
            return RunAsync(options, parse.GetValue(scenario), stdout, stderr, stop.Token).GetAwaiter().GetResult();
        });
        return command;
    }

    private static async Task<int> RunAsync(LocalStackOptions options, string? scenario, TextWriter stdout, TextWriter stderr, CancellationToken stop)
    {
        LocalStack.LocalStack stack;
        try
        {
            stack = await LocalStack.LocalStack.StartAsync(options, stdout, stop);
        }
        catch (Exception e) when (e is MissingToolException or FileNotFoundException or ArgumentException or TimeoutException or InvalidOperationException)
        {
            await stderr.WriteLineAsync($"error: {e.Message}");
            return 2;
        }
        catch (OperationCanceledException)
        {
            return 130;
        }
        string verdict;
        int code;
        await using (stack)
        {
            stdout.WriteLine();
            foreach (var (part, url, healthy) in await stack.HealthAsync(stop))
                stdout.WriteLine($"  {part,-28} {url,-34} {(healthy ? "ok" : "NOT READY")}");
            stdout.WriteLine($"  {"work directory",-28} {stack.WorkDirectory}");
            stdout.WriteLine();
            stdout.Flush();
            try
            {
                if (scenario is null)
                {
                    stack.Timeline.Say("Open the demo shop above; Ctrl-C stops every part.");
                    await Task.Delay(Timeout.Infinite, stop);
                }
                var result = await RegressionScenario.RunAsync(stack, stop);
                (verdict, code) = (result.Verdict, result.Ok ? 0 : 1);
            }
            catch (OperationCanceledException)
            {
                stack.Timeline.Say("stopping every part…");
                (verdict, code) = ("stopped", scenario is null ? 0 : 130);
            }
        }
        // Last, after every part has stopped: scripts read the verdict from the final line.
        stdout.WriteLine(verdict);
        return code;
    }
}
