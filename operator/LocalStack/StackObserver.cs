using System.Globalization;
using System.Text.Json.Nodes;
using RumOperator.LocalStack.Demo;
using RumOperator.Metrics;
using RumOperator.PrometheusApi;
using RumOperator.Runtime.ApiServer;
using RumOperator.Slo;

namespace RumOperator.LocalStack;

/// <summary>A rollback the guard recorded in a RumSLO's status.</summary>
public sealed record ObservedRollback(string Namespace, string Slo, string Release, string Action, string Result, string? Message, TimeSpan At, string? Commit = null);

/// <summary>
/// Watches the chain from outside and writes the timeline: page alerts that start and stop firing (Prometheus's
/// ALERTS), rollbacks the guard records in RumSLO status, and the release each demo Deployment runs.
/// </summary>
public sealed class StackObserver(EmbeddedObjectStore store, IPrometheusQuery prometheus, Timeline timeline, IReadOnlyList<DemoRollout> workloads)
{
    private readonly HashSet<string> _firing = [];
    private readonly Dictionary<string, TimeSpan> _firstPage = [];
    private readonly List<ObservedRollback> _rollbacks = [];
    private readonly Dictionary<string, string?> _releases = [];
    private readonly HashSet<string> _seenRecords = [];

    public IReadOnlyList<ObservedRollback> Rollbacks { get { lock (_rollbacks) return [.. _rollbacks]; } }

    /// <summary>When a page alert first fired for slo/release ("namespace/slo/release").</summary>
    public TimeSpan? FirstPage(string ns, string slo, string release) { lock (_firstPage) return _firstPage.TryGetValue($"{ns}/{slo}/{release}", out var at) ? at : null; }

    public bool IsPaging(string release) { lock (_firing) return _firing.Any(f => f.EndsWith("/" + release, StringComparison.Ordinal)); }

    public async Task ObserveOnceAsync(CancellationToken ct)
    {
        await ObserveAlertsAsync(ct).ConfigureAwait(false);
        ObserveRollbacks();
        foreach (var workload in workloads)
        {
            var key = $"{workload.Target.Namespace}/{workload.Target.Name}";
            var release = workload.Release;
            if (_releases.TryGetValue(key, out var before) && before == release) continue;
            _releases[key] = release;
            timeline.Add($"Deployment {key} runs release {release}");
        }
    }

    private async Task ObserveAlertsAsync(CancellationToken ct)
    {
        IReadOnlyList<PromSample> alerts;
        try { alerts = await prometheus.QueryAsync($"ALERTS{{alertname=\"{RuleNames.PageAlert}\",alertstate=\"firing\"}}", ct).ConfigureAwait(false); }
        catch (PrometheusQueryException) { return; }
        var now = alerts.Select(a => $"{Label(a, "namespace")}/{Label(a, "slo")}/{Label(a, RumLabels.Release)}").ToHashSet();
        lock (_firing)
        {
            foreach (var started in now.Except(_firing).Order())
            {
                timeline.Add($"page: {RuleNames.PageAlert} firing for {started}");
                lock (_firstPage) _firstPage.TryAdd(started, timeline.Now);
            }
            foreach (var stopped in _firing.Except(now).Order()) timeline.Add($"page resolved for {stopped}");
            _firing.Clear();
            _firing.UnionWith(now);
        }
    }

    private void ObserveRollbacks()
    {
        foreach (var slo in store.All("rumops.dev/v1alpha1/rumslos"))
        {
            var ns = slo["metadata"]?["namespace"]?.GetValue<string>() ?? "";
            var name = slo["metadata"]?["name"]?.GetValue<string>() ?? "";
            foreach (var record in slo["status"]?["rollbacks"]?.AsArray().OfType<JsonObject>() ?? [])
            {
                var id = $"{ns}/{name}/{record.ToJsonString()}";
                if (!_seenRecords.Add(id)) continue;
                var rollback = new ObservedRollback(ns, name, Text(record, "release"), Text(record, "action"), Text(record, "result"),
                    record["message"]?.GetValue<string>(), timeline.Now, record["commit"]?.GetValue<string>());
                lock (_rollbacks) _rollbacks.Add(rollback);
                timeline.Add(string.Create(CultureInfo.InvariantCulture,
                    $"release guard: {rollback.Action} for {ns}/{name} release {rollback.Release}: {rollback.Result}{(rollback.Message is { } m ? $" ({m})" : "")}"));
            }
        }
    }

    private static string Label(PromSample sample, string name) => sample.Labels.TryGetValue(name, out var value) ? value : "";

    private static string Text(JsonObject record, string field) => record[field]?.GetValue<string>() ?? "";
}
