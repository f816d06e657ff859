using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using RumOperator.Controllers;
using RumOperator.PrometheusApi;
using RumOperator.Crds;
using RumOperator.Runtime.Client;
using RumOperator.Runtime.Controllers;
using RumOperator.Runtime.InMemory;
using RumOperator.Runtime.Informers;
using RumOperator.Runtime.Status;
using RumOperator.Serialization;
using RumOperator.Tests.Schemas;
using RumOperator.Tests.Support;

namespace RumOperator.Tests.Controllers;

/// <summary>The three reconcilers over one in-memory cluster and a fake clock, seeded from the repository's examples.</summary>
internal sealed class ControllerHarness
{
    public const string Ns = "shop";
    public const string Image = "ghcr.io/rumops/collector:test";

    public ControllerHarness(IPrometheusQuery? prometheus = null, global::RumOperator.Rendering.Dashboards.DashboardOptions? dashboards = null)
    {
        Cluster = new InMemoryCluster(Time, OperatorResources.Map);
        Options = new ReconcilerOptions { CollectorImage = Image, Time = Time, Dashboards = dashboards ?? new() };
        var reader = new ClientObjectReader(Cluster);
        Pipelines = new RumPipelineReconciler(Cluster, reader, Options);
        Policies = new SamplingPolicyReconciler(Cluster, reader, Options);
        Slos = new RumSloReconciler(Cluster, reader, Options, prometheus);
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero));
    public InMemoryCluster Cluster { get; }
    public ReconcilerOptions Options { get; }
    public RumPipelineReconciler Pipelines { get; }
    public SamplingPolicyReconciler Policies { get; }
    public RumSloReconciler Slos { get; }

    /// <summary>The raw JSON of one example document, as a user's kubectl apply would send it.</summary>
    public static JsonObject Example(string file, string kind, string? name = null)
    {
        var set = Manifests.Load(Path.Combine(Repo.Examples, file));
        var docs = set.Pipelines.Select(p => p.Doc).Concat(set.Policies.Select(p => p.Doc)).Concat(set.Slos.Select(s => s.Doc));
        return docs.Single(d => d.Kind == kind && (name is null || d.Name == name)).Json.DeepClone().AsObject();
    }

    public JsonObject PutPipeline(Action<JsonObject>? edit = null) => Put(Example("pipeline.yaml", "RumPipeline"), edit);
    public JsonObject PutPolicy(Action<JsonObject>? edit = null) => Put(Example("sampling-policy.yaml", "SamplingPolicy"), edit);
    public JsonObject PutSlo(Action<JsonObject>? edit = null) => Put(Example("slo-checkout-lcp.yaml", "RumSLO"), edit);

    public JsonObject Put(JsonObject obj, Action<JsonObject>? edit = null)
    {
        edit?.Invoke(obj);
        return Cluster.Put(obj);
    }

    public Task<ReconcileResult> ReconcilePipelineAsync(string name = "web") => Pipelines.ReconcileAsync(new ObjectKey(Ns, name), CancellationToken.None);
    public Task<ReconcileResult> ReconcilePolicyAsync(string name = "web-default") => Policies.ReconcileAsync(new ObjectKey(Ns, name), CancellationToken.None);
    public Task<ReconcileResult> ReconcileSloAsync(string name = "checkout-lcp") => Slos.ReconcileAsync(new ObjectKey(Ns, name), CancellationToken.None);

    public JsonObject Get(KindRef kind, string name) => Cluster.Peek(kind.ApiVersion, kind.Kind, Ns, name) ?? throw new Xunit.Sdk.XunitException($"{kind} {name} does not exist");
    public JsonObject? Find(KindRef kind, string name) => Cluster.Peek(kind.ApiVersion, kind.Kind, Ns, name);
    public JsonObject Status(KindRef kind, string name) => Get(kind, name)["status"]!.AsObject();

    public static JsonObject Condition(JsonObject status, string type) =>
        Conditions.Get(status, type) ?? throw new Xunit.Sdk.XunitException($"no {type} condition in {status.ToJsonString()}");

    public static string Str(JsonNode? node) => node!.GetValue<string>();

    /// <summary>Calls that would write to the API server (apply, patch, update, create, delete), whether or not they changed anything.</summary>
    public IReadOnlyList<RecordedCall> WriteRequests => [.. Cluster.Calls.Where(c => c.Verb is "apply" or "patch" or "update" or "create" or "delete")];

    /// <summary>A stored custom resource, status included, checked against the CRD the repository ships.</summary>
    public static IReadOnlyList<string> ValidateAgainstCrd(JsonObject resource) =>
        SchemaValidator.ValidateWithCrd(resource, CrdGenerator.Generate(CrdGenerator.All.Single(d => d.Kind == resource["kind"]!.GetValue<string>())));
}

/// <summary>An informer cache stand-in that reads the in-memory cluster, for the enqueue mappings.</summary>
internal sealed class ClusterCache(InMemoryCluster cluster, KindRef kind) : IObjectCache
{
    public JsonObject? Get(ObjectKey key) => cluster.Peek(kind.ApiVersion, kind.Kind, key.Namespace, key.Name);

    public IReadOnlyList<JsonObject> List(string? ns = null) =>
        [.. cluster.Objects(kind.ApiVersion, kind.Kind).Where(o => ns is null || ObjectMeta.Namespace(o) == ns)];
}
