using System.Text.Json.Nodes;
using RumOperator.Controllers;
using RumOperator.Rendering.Pipeline;
using RumOperator.Runtime.Client;
using RumOperator.Tests.Schemas;
using static RumOperator.Tests.Controllers.ControllerHarness;

namespace RumOperator.Tests.Controllers;

public sealed class RumPipelineReconcilerTests
{
    private static readonly KindRef[] FleetKinds =
        [KindRef.ServiceAccount, KindRef.ConfigMap, KindRef.Deployment, KindRef.Service, KindRef.HorizontalPodAutoscaler, KindRef.PodDisruptionBudget, KindRef.ServiceMonitor];

    private static string ObjectName(KindRef kind) => kind == KindRef.ConfigMap ? CollectorNames.ConfigMap("web") : CollectorNames.Collector("web");

    [Fact]
    public async Task Creates_the_fleet_owned_by_the_pipeline_and_valid_against_the_schemas()
    {
        var h = new ControllerHarness();
        var pipeline = h.PutPipeline();
        h.PutPolicy();

        await h.ReconcilePipelineAsync();

        foreach (var kind in FleetKinds)
        {
            var obj = h.Get(kind, ObjectName(kind));
            var owner = Assert.Single(ObjectMeta.OwnerReferences(obj));
            Assert.Equal(ObjectMeta.Uid(pipeline), Str(owner["uid"]));
            Assert.Equal("RumPipeline", Str(owner["kind"]));
            Assert.True(owner["controller"]!.GetValue<bool>());
            Assert.Empty(SchemaValidator.Validate(obj));
        }
        Assert.Null(h.Find(KindRef.NetworkPolicy, "web-collector"));

        var status = h.Status(KindRef.RumPipeline, "web");
        Assert.Equal(1, status["observedGeneration"]!.GetValue<long>());
        Assert.Equal("http://web-collector.shop.svc/v1/rum", Str(status["ingestEndpoint"]));
        var podHash = h.Get(KindRef.Deployment, "web-collector")["spec"]!["template"]!["metadata"]!["annotations"]![CollectorNames.ConfigHashAnnotation];
        Assert.Equal(Str(podHash), Str(status["configHash"]));
        Assert.Equal(["web-default"], status["appliedPolicies"]!.AsArray().Select(Str));
        // A new Deployment has no ready replicas yet.
        Assert.Equal("False", Str(Condition(status, "Ready")["status"]));
        Assert.Equal("True", Str(Condition(status, "Progressing")["status"]));
        Assert.Equal("False", Str(Condition(status, "Degraded")["status"]));
        Assert.Empty(ValidateAgainstCrd(h.Get(KindRef.RumPipeline, "web")));
    }

    [Fact]
    public async Task Reconciling_an_unchanged_pipeline_sends_no_write_at_all()
    {
        var h = new ControllerHarness();
        h.PutPipeline();
        h.PutPolicy();
        await h.ReconcilePipelineAsync();
        var eventsAfterFirst = h.Cluster.Events.Count;
        h.Cluster.ClearCalls();

        h.Time.Advance(TimeSpan.FromMinutes(5));
        await h.ReconcilePipelineAsync();

        Assert.Empty(h.Cluster.Writes);
        Assert.Empty(h.WriteRequests);
        Assert.Equal(eventsAfterFirst, h.Cluster.Events.Count);
    }

    [Fact]
    public async Task Repairs_an_edit_to_an_owned_field_and_keeps_fields_others_added()
    {
        var h = new ControllerHarness();
        h.PutPipeline();
        await h.ReconcilePipelineAsync();

        var edited = h.Get(KindRef.Deployment, "web-collector");
        var container = edited["spec"]!["template"]!["spec"]!["containers"]![0]!.AsObject();
        var image = Str(container["image"]);
        container["image"] = "evil/collector:latest";
        container["securityContext"]!["runAsNonRoot"] = false;
        edited["metadata"]!["labels"]!["team"] = "storefront"; // someone else's label
        h.Cluster.Put(edited);
        h.Cluster.ClearCalls();

        await h.ReconcilePipelineAsync();

        var repaired = h.Get(KindRef.Deployment, "web-collector");
        var repairedContainer = repaired["spec"]!["template"]!["spec"]!["containers"]![0]!;
        Assert.Equal(image, Str(repairedContainer["image"]));
        Assert.True(repairedContainer["securityContext"]!["runAsNonRoot"]!.GetValue<bool>());
        Assert.Equal("storefront", Str(repaired["metadata"]!["labels"]!["team"]));
        Assert.Equal(["/apis/apps/v1/namespaces/shop/deployments/web-collector"], h.WriteRequests.Select(c => c.Path));
    }

    [Theory]
    [InlineData("apps", "spec.apps")]
    [InlineData("replicas", "spec.collector.replicas")]
    [InlineData("wrongType", "spec.ingest.maxBeaconBytes")]
    public async Task An_invalid_spec_touches_nothing_and_reports_the_field(string breakage, string field)
    {
        var h = new ControllerHarness();
        h.PutPipeline(p =>
        {
            var spec = p["spec"]!.AsObject();
            switch (breakage)
            {
                case "apps": spec["apps"] = new JsonArray(); break;
                case "replicas": spec["collector"]!["replicas"] = new JsonObject { ["min"] = 5, ["max"] = 2 }; break;
                default: spec["ingest"]!["maxBeaconBytes"] = "lots"; break;
            }
        });

        await h.ReconcilePipelineAsync();

        // The status patch (and the Event) only.
        Assert.Equal(["/apis/rumops.dev/v1alpha1/namespaces/shop/rumpipelines/web/status"],
            h.WriteRequests.Where(c => !c.Path.Contains("/events", StringComparison.Ordinal)).Select(c => c.Path));
        Assert.Empty(h.Cluster.Objects("apps/v1", "Deployment"));
        var status = h.Status(KindRef.RumPipeline, "web");
        var ready = Condition(status, "Ready");
        Assert.Equal("False", Str(ready["status"]));
        Assert.Equal("InvalidSpec", Str(ready["reason"]));
        Assert.Contains(field, Str(ready["message"]));
        Assert.Equal("True", Str(Condition(status, "Degraded")["status"]));
        var ev = Assert.Single(h.Cluster.Events);
        Assert.Equal(("Warning", "InvalidSpec"), (Str(ev["type"]), Str(ev["reason"])));
        Assert.Contains(field, Str(ev["note"]));

        // Still invalid on the next pass: no second Event, no write.
        h.Cluster.ClearCalls();
        await h.ReconcilePipelineAsync();
        Assert.Empty(h.Cluster.Writes);
        Assert.Single(h.Cluster.Events);
    }

    [Fact]
    public async Task Objects_no_longer_rendered_are_deleted()
    {
        var h = new ControllerHarness();
        var pipeline = h.PutPipeline(p => p["spec"]!["networkPolicy"] = new JsonObject { ["enabled"] = true });
        await h.ReconcilePipelineAsync();
        Assert.NotNull(h.Find(KindRef.NetworkPolicy, "web-collector"));
        Assert.Empty(SchemaValidator.Validate(h.Get(KindRef.NetworkPolicy, "web-collector")));

        pipeline["spec"]!["networkPolicy"]!["enabled"] = false;
        pipeline["spec"]!["metrics"]!["serviceMonitor"]!["enabled"] = false;
        h.Cluster.Put(pipeline);
        await h.ReconcilePipelineAsync();

        Assert.Null(h.Find(KindRef.NetworkPolicy, "web-collector"));
        Assert.Null(h.Find(KindRef.ServiceMonitor, "web-collector"));
        Assert.NotNull(h.Find(KindRef.Deployment, "web-collector"));
        Assert.Equal(2, h.Cluster.Events.Count(e => Str(e["reason"]) == "Deleted"));
    }

    [Fact]
    public async Task Prune_never_deletes_an_object_it_does_not_control_even_with_the_owner_label()
    {
        var h = new ControllerHarness();
        h.PutPipeline();
        h.Cluster.Put(new JsonObject
        {
            ["apiVersion"] = "v1", ["kind"] = "ConfigMap",
            ["metadata"] = new JsonObject { ["name"] = "copied", ["namespace"] = Ns, ["labels"] = new JsonObject { ["rumops.dev/owner"] = "RumPipeline.web" } },
        });

        await h.ReconcilePipelineAsync();

        Assert.NotNull(h.Find(KindRef.ConfigMap, "copied"));
    }

    [Fact]
    public async Task Without_the_Prometheus_Operator_there_is_no_ServiceMonitor()
    {
        var h = new ControllerHarness();
        h.Cluster.SetResourceAvailable("monitoring.coreos.com", "v1", "servicemonitors", available: false);
        h.PutPipeline();

        await h.ReconcilePipelineAsync();

        Assert.NotNull(h.Find(KindRef.Deployment, "web-collector"));
        Assert.DoesNotContain(h.Cluster.Calls, c => c.Path.Contains("servicemonitors", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Ready_follows_the_Deployment_and_each_transition_is_one_Event()
    {
        var h = new ControllerHarness();
        h.PutPipeline();
        await h.ReconcilePipelineAsync();
        Assert.Equal("CollectorsNotReady", Str(Condition(h.Status(KindRef.RumPipeline, "web"), "Ready")["reason"]));

        var deployment = h.Get(KindRef.Deployment, "web-collector");
        deployment["spec"]!["replicas"] = 2; // what the HPA sets
        deployment = h.Cluster.Put(deployment);
        deployment["status"] = new JsonObject
        {
            ["observedGeneration"] = ObjectMeta.Generation(deployment), ["replicas"] = 2, ["readyReplicas"] = 2, ["updatedReplicas"] = 2,
        };
        h.Cluster.Put(deployment);
        h.Time.Advance(TimeSpan.FromMinutes(1));
        await h.ReconcilePipelineAsync();
        await h.ReconcilePipelineAsync();

        var status = h.Status(KindRef.RumPipeline, "web");
        Assert.Equal((2, 2), (status["replicas"]!.GetValue<int>(), status["readyReplicas"]!.GetValue<int>()));
        Assert.Equal(("True", "CollectorsReady"), (Str(Condition(status, "Ready")["status"]), Str(Condition(status, "Ready")["reason"])));
        Assert.Equal("False", Str(Condition(status, "Progressing")["status"]));
        Assert.Equal(["CollectorsNotReady", "CollectorsReady"], h.Cluster.Events.Select(e => Str(e["reason"])));
        Assert.All(h.Cluster.Events, e => Assert.Equal("Normal", Str(e["type"])));
    }

    [Fact]
    public async Task Deleting_the_pipeline_garbage_collects_its_objects_without_a_finalizer()
    {
        var h = new ControllerHarness();
        h.PutPipeline();
        await h.ReconcilePipelineAsync();
        Assert.Empty(ObjectMeta.Finalizers(h.Get(KindRef.RumPipeline, "web")));

        await h.Cluster.DeleteAsync(KindRef.RumPipeline.ApiVersion, KindRef.RumPipeline.Kind, Ns, "web");
        h.Cluster.ClearCalls();
        await h.ReconcilePipelineAsync();

        foreach (var kind in FleetKinds) Assert.Empty(h.Cluster.Objects(kind.ApiVersion, kind.Kind));
        Assert.Empty(h.WriteRequests);
    }
}
