using System.Globalization;
using System.Text.Json.Nodes;
using RumOperator.LocalStack;
using RumOperator.PrometheusApi;
using Microsoft.Playwright;
using RumOperator.E2E.Tests.Browser;
using Xunit.Abstractions;
using Stack = RumOperator.LocalStack.LocalStack;

namespace RumOperator.E2E.Tests.LocalStack;

/// <summary>
/// The whole chain, as `rum-operator dev --scenario regression` runs it: headless Chromium with the real SDK and
/// the load generator → the real collector (configured from the operator's ConfigMap) → Prometheus with the
/// operator's rules → Alertmanager → the operator's receiver → the release guard's Deployment undo on the
/// embedded cluster. Only the failing release is rolled back.
/// </summary>
public sealed class FullChainTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(DemoRollbackTarget.Deployment, "Deployment")]
    [InlineData(DemoRollbackTarget.Git, "git")]
    public async Task A_failing_release_pages_and_is_rolled_back_while_the_stable_release_is_left_alone(DemoRollbackTarget via, string action)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(6));
        var log = new StringWriter(CultureInfo.InvariantCulture);
        ScenarioResult result;
        await using (var stack = await Stack.StartAsync(new LocalStackOptions
        {
            Manifests = [Path.Combine(SourceTree.Root, "examples")], Rollback = via, ConsoleAddress = $"127.0.0.1:{Loopback.FreePort()}",
        }, TextWriter.Synchronized(log), timeout.Token))
        {
            result = await RegressionScenario.RunAsync(stack, timeout.Token);
            output.WriteLine(log.ToString());
            Assert.True(result.Ok, result.Verdict);

            var slo = stack.GuardedSlo;
            var status = stack.ApiServer.Store.Get("rumops.dev/v1alpha1/rumslos", slo.Namespace, slo.Name)!["status"]!;
            var record = Assert.Single(status["rollbacks"]!.AsArray())!;
            Assert.Equal((stack.Releases.Failing, action), (record["release"]!.GetValue<string>(), record["action"]!.GetValue<string>()));
            Assert.StartsWith("Succeeded", record["result"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.True(record["events"]!.GetValue<long>() >= slo.Spec.Rollback!.MinEvents, record.ToJsonString());
            Assert.Equal(stack.Releases.Stable, stack.Workload.Release);
            Assert.All(stack.Observer.Rollbacks, r => Assert.Equal(stack.Releases.Failing, r.Release));
            foreach (var other in stack.ApiServer.Store.All("rumops.dev/v1alpha1/rumslos").Where(s => s["metadata"]!["name"]!.GetValue<string>() != slo.Name))
                Assert.Empty(other["status"]?["rollbacks"]?.AsArray() ?? []);

            if (stack.GitOps is { } gitops)
            {
                // The revert is the branch's newest commit, and the sync rolled the Deployment back from it.
                var commit = record["commit"]!.GetValue<string>();
                Assert.StartsWith(commit, await gitops.HeadAsync(timeout.Token), StringComparison.Ordinal);
                Assert.Equal(stack.Releases.Stable, await gitops.PinnedReleaseAsync(timeout.Token));
                Assert.EndsWith($"(commit {commit[..7]})", result.Verdict, StringComparison.Ordinal);
            }

            // The browser's own beacons went the whole way: only the SDK in Chromium sends FCP (the load generator sends LCP).
            var fcp = await stack.Prometheus.QueryAsync($"sum(rum_fcp_seconds_count{{job=\"{stack.Collectors[0].Job}\"}})", timeout.Token);
            Assert.True(fcp.Count == 1 && fcp[0].Value > 0, "no FCP from headless Chromium reached Prometheus");
            Assert.True(stack.Load.Answers.GetValueOrDefault("202") > 0, string.Join(", ", stack.Load.Answers));

            await ConsoleShowsTheRollbackAsync(stack, action);
        }
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"regression → page {result.ToPage?.TotalSeconds:0.0} s → rollback {result.ToRollback?.TotalSeconds:0.0} s"));
    }

    /// <summary>The stack's console lists the guarded SLO with the guard's action and shows the rollback in its history.</summary>
    private static async Task ConsoleShowsTheRollbackAsync(Stack stack, string action)
    {
        var health = await stack.HealthAsync(CancellationToken.None);
        var (_, console, healthy) = health.Single(h => h.Part == "SLO console");
        Assert.True(healthy, console);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = BrowserFixture.ChromiumPath, Headless = true, Args = BrowserFixture.ChromiumArgs,
        });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1360, Height = 900 } });
        var slo = stack.GuardedSlo;
        // The console reads status from the operator's cache and figures from Prometheus: both follow the rollback within seconds.
        await Eventually.UntilAsync(async () =>
        {
            await page.GotoAsync($"{console.TrimEnd('/')}/slos/{slo.Namespace}/{slo.Name}");
            return (await page.Locator("#rollback-table").InnerTextAsync()).Contains(stack.Releases.Failing, StringComparison.Ordinal);
        }, TimeSpan.FromSeconds(60), () => "the console's rollback history does not show the rollback");
        var history = await page.Locator("#rollback-table").InnerTextAsync();
        Assert.Contains(action, history, StringComparison.Ordinal);
        Assert.Contains("Succeeded", history, StringComparison.Ordinal);
        var shots = Environment.GetEnvironmentVariable("RUM_UPDATE_SCREENSHOTS") == "1"
            ? Path.Combine(SourceTree.Root, "docs", "img")
            : Path.Combine(AppContext.BaseDirectory, "screenshots");
        // The list: the guarded SLO's release rows and the guard's last action.
        await page.GotoAsync(console.TrimEnd('/') + "/");
        Assert.Contains(stack.Releases.Failing, await page.Locator($"tr.slo[data-slo='{slo.Namespace}/{slo.Name}'] td").Last.InnerTextAsync(), StringComparison.Ordinal);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(shots, $"quickstart-console-{action.ToLowerInvariant()}.png"), FullPage = false });
    }
}
