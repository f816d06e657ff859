using System.Text.Json;
using System.Text.Json.Nodes;
using RumOperator.Api;
using RumOperator.PrometheusApi;
using RumOperator.Serialization;
using RumOperator.SloConsole.Data;

namespace RumOperator.Tests.SloConsole;

/// <summary>The objects a console reads, set by the test.</summary>
internal sealed class ListedObjects : IConsoleObjects
{
    public List<RumSlo> SloList { get; } = [];
    public List<RumPipeline> PipelineList { get; } = [];
    public IReadOnlyList<RumSlo> Slos() => SloList;
    public IReadOnlyList<RumPipeline> Pipelines() => PipelineList;
}

/// <summary>Prometheus that answers every query with the configured samples, counts and remembers the queries.</summary>
internal sealed class CountingPrometheus : IPrometheusQuery, IPrometheusRangeQuery
{
    public List<PromSample> Samples { get; } = [];
    public List<PromSeries> Series { get; } = [];
    public bool Fail { get; set; }
    public List<string> Queries { get; } = [];

    public Task<IReadOnlyList<PromSample>> QueryAsync(string promql, CancellationToken ct)
    {
        lock (Queries) Queries.Add(promql);
        return Fail ? throw new PrometheusQueryException("connection refused") : Task.FromResult<IReadOnlyList<PromSample>>(Samples);
    }

    public Task<IReadOnlyList<PromSeries>> QueryRangeAsync(string promql, DateTimeOffset start, DateTimeOffset end, TimeSpan step, CancellationToken ct)
    {
        lock (Queries) Queries.Add(promql);
        return Fail ? throw new PrometheusQueryException("connection refused") : Task.FromResult<IReadOnlyList<PromSeries>>(Series);
    }
}

internal static class ConsoleManifests
{
    public static RumSlo SloManifest(string ns, string name, string extra = "", string labels = "{}") => JsonNode.Parse($$"""
        {
          "apiVersion": "rumops.dev/v1alpha1", "kind": "RumSLO",
          "metadata": { "name": "{{name}}", "namespace": "{{ns}}", "labels": {{labels}} },
          "spec": {
            "pipelineRef": { "name": "web" }, "app": "storefront", "sli": { "errors": { "kind": "pageLoad" } },
            "objective": 99, "window": "28d"{{extra}}
          }
        }
        """)!.Deserialize<RumSlo>(RumJson.Strict)!;

    public static RumPipeline Pipeline(string ns, string name) => JsonNode.Parse($$"""
        { "apiVersion": "rumops.dev/v1alpha1", "kind": "RumPipeline", "metadata": { "name": "{{name}}", "namespace": "{{ns}}" },
          "spec": { "ingest": { "allowedOrigins": ["https://shop.example"] }, "apps": [{ "name": "storefront" }] } }
        """)!.Deserialize<RumPipeline>(RumJson.Strict)!;

    public static PromSample Sample(string name, double value, string slo, string ns, params (string Key, string Value)[] labels)
    {
        var all = new Dictionary<string, string> { ["__name__"] = name, ["slo"] = slo, ["namespace"] = ns };
        foreach (var (k, v) in labels) all[k] = v;
        return new PromSample(all, value);
    }
}
