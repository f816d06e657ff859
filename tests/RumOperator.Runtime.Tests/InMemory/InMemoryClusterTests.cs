using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using RumOperator.Runtime.Client;
using RumOperator.Runtime.InMemory;

namespace RumOperator.Runtime.Tests.InMemory;

public class InMemoryClusterTests
{
    private readonly InMemoryCluster _cluster = new(new FakeTimeProvider(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero)), ExampleKinds.Resources);

    internal static JsonObject ConfigMap(string name, string value, JsonObject? metadataExtra = null)
    {
        var metadata = new JsonObject { ["name"] = name, ["namespace"] = "ns" };
        foreach (var (k, v) in metadataExtra ?? []) metadata[k] = v?.DeepClone();
        return new JsonObject { ["apiVersion"] = "v1", ["kind"] = "ConfigMap", ["metadata"] = metadata, ["data"] = new JsonObject { ["k"] = value } };
    }

    private static JsonObject Pipeline(string name, int replicas) => new()
    {
        ["apiVersion"] = "rumops.dev/v1alpha1",
        ["kind"] = "RumPipeline",
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = "ns" },
        ["spec"] = new JsonObject { ["replicas"] = replicas },
    };

    [Fact]
    public async Task Applying_an_unchanged_object_makes_zero_writes()
    {
        await _cluster.ApplyAsync(ConfigMap("c", "1"));
        var rv = ObjectMeta.ResourceVersion(_cluster.Peek("v1", "ConfigMap", "ns", "c")!);
        _cluster.ClearCalls();

        await _cluster.ApplyAsync(ConfigMap("c", "1"));

        Assert.Single(_cluster.Calls);
        Assert.Empty(_cluster.Writes);
        Assert.Equal(rv, ObjectMeta.ResourceVersion(_cluster.Peek("v1", "ConfigMap", "ns", "c")!));
    }

    [Fact]
    public async Task Apply_assigns_identity_and_a_changed_apply_is_a_write()
    {
        var created = await _cluster.ApplyAsync(ConfigMap("c", "1"));
        Assert.False(string.IsNullOrEmpty(ObjectMeta.Uid(created)));
        Assert.Equal(1, ObjectMeta.Generation(created));

        var updated = await _cluster.ApplyAsync(ConfigMap("c", "2"));

        Assert.Equal(2, _cluster.Writes.Count);
        Assert.Equal(ObjectMeta.Uid(created), ObjectMeta.Uid(updated));
        Assert.NotEqual(ObjectMeta.ResourceVersion(created), ObjectMeta.ResourceVersion(updated));
        Assert.Equal("2", updated["data"]!["k"]!.GetValue<string>());
    }

    [Fact]
    public async Task Generation_bumps_on_spec_changes_only()
    {
        _cluster.Put(Pipeline("p", 1));
        await _cluster.PatchStatusAsync("rumops.dev/v1alpha1", "RumPipeline", "ns", "p", new JsonObject { ["readyReplicas"] = 1 });
        await _cluster.PatchAsync("rumops.dev/v1alpha1", "RumPipeline", "ns", "p",
            new JsonObject { ["metadata"] = new JsonObject { ["labels"] = new JsonObject { ["a"] = "b" } } });
        Assert.Equal(1, ObjectMeta.Generation(_cluster.Peek("rumops.dev/v1alpha1", "RumPipeline", "ns", "p")!));

        _cluster.Put(Pipeline("p", 3));
        var live = _cluster.Peek("rumops.dev/v1alpha1", "RumPipeline", "ns", "p")!;
        Assert.Equal(2, ObjectMeta.Generation(live));
        Assert.Equal(1, live["status"]!["readyReplicas"]!.GetValue<int>());
    }

    [Fact]
    public async Task Status_is_ignored_by_apply_and_written_through_the_subresource()
    {
        var withStatus = Pipeline("p", 1);
        _cluster.Put(withStatus);
        var desired = Pipeline("p", 1);
        desired["status"] = new JsonObject { ["x"] = 1 };
        await _cluster.ApplyAsync(desired);
        Assert.Null(_cluster.Peek("rumops.dev/v1alpha1", "RumPipeline", "ns", "p")!["status"]);

        var live = _cluster.Peek("rumops.dev/v1alpha1", "RumPipeline", "ns", "p")!;
        live["status"] = new JsonObject { ["x"] = 2 };
        await _cluster.ReplaceStatusAsync(live);
        Assert.Equal(2, _cluster.Peek("rumops.dev/v1alpha1", "RumPipeline", "ns", "p")!["status"]!["x"]!.GetValue<int>());

        // The same (now stale) resourceVersion again is a conflict.
        await Assert.ThrowsAsync<KubernetesApiException>(() => _cluster.ReplaceStatusAsync(live));
    }

    [Fact]
    public async Task Apply_removes_fields_it_stopped_sending_but_keeps_fields_others_set()
    {
        var first = ConfigMap("c", "1");
        first["data"]!["dropped"] = "x";
        await _cluster.ApplyAsync(first);
        await _cluster.PatchAsync("v1", "ConfigMap", "ns", "c", new JsonObject { ["data"] = new JsonObject { ["theirs"] = "y" } });

        await _cluster.ApplyAsync(ConfigMap("c", "1"));

        var data = _cluster.Peek("v1", "ConfigMap", "ns", "c")!["data"]!.AsObject();
        Assert.Equal(["k", "theirs"], data.Select(p => p.Key).Order());
    }

    [Fact]
    public async Task Apply_repairs_drift_of_fields_it_owns()
    {
        await _cluster.ApplyAsync(ConfigMap("c", "1"));
        await _cluster.PatchAsync("v1", "ConfigMap", "ns", "c", new JsonObject { ["data"] = new JsonObject { ["k"] = "tampered" } });
        _cluster.ClearCalls();

        await _cluster.ApplyAsync(ConfigMap("c", "1"));

        Assert.Single(_cluster.Writes);
        Assert.Equal("1", _cluster.Peek("v1", "ConfigMap", "ns", "c")!["data"]!["k"]!.GetValue<string>());
    }

    [Fact]
    public async Task Deleting_an_owner_collects_its_dependents_transitively()
    {
        var owner = _cluster.Put(Pipeline("p", 1));
        var ownerRef = new JsonArray(new JsonObject
        {
            ["apiVersion"] = "rumops.dev/v1alpha1", ["kind"] = "RumPipeline", ["name"] = "p", ["uid"] = ObjectMeta.Uid(owner), ["controller"] = true,
        });
        var owned = await _cluster.ApplyAsync(ConfigMap("owned", "1", new JsonObject { ["ownerReferences"] = ownerRef }));
        var grandchildRef = new JsonArray(new JsonObject { ["apiVersion"] = "v1", ["kind"] = "ConfigMap", ["name"] = "owned", ["uid"] = ObjectMeta.Uid(owned) });
        await _cluster.ApplyAsync(ConfigMap("grandchild", "1", new JsonObject { ["ownerReferences"] = grandchildRef }));
        await _cluster.ApplyAsync(ConfigMap("unrelated", "1"));

        Assert.True(await _cluster.DeleteAsync("rumops.dev/v1alpha1", "RumPipeline", "ns", "p"));

        Assert.Equal(["unrelated"], _cluster.Objects("v1", "ConfigMap").Select(ObjectMeta.Name));
    }

    [Fact]
    public async Task Finalizers_hold_deletion_until_removed()
    {
        var obj = _cluster.Put(Pipeline("p", 1));
        obj = await _cluster.PatchAsync("rumops.dev/v1alpha1", "RumPipeline", "ns", "p", Finalizers(obj, "rumops.dev/cleanup"));
        await _cluster.DeleteAsync("rumops.dev/v1alpha1", "RumPipeline", "ns", "p");
        obj = _cluster.Peek("rumops.dev/v1alpha1", "RumPipeline", "ns", "p")!;
        Assert.True(ObjectMeta.IsBeingDeleted(obj));

        await _cluster.PatchAsync("rumops.dev/v1alpha1", "RumPipeline", "ns", "p", Finalizers(obj));

        Assert.Null(_cluster.Peek("rumops.dev/v1alpha1", "RumPipeline", "ns", "p"));
    }

    [Fact]
    public async Task A_patch_conditional_on_a_stale_resource_version_conflicts()
    {
        var stale = _cluster.Put(Pipeline("p", 1));
        _cluster.Put(Pipeline("p", 2));
        var e = await Assert.ThrowsAsync<KubernetesApiException>(() => _cluster.PatchAsync("rumops.dev/v1alpha1", "RumPipeline", "ns", "p", Finalizers(stale, "f")));
        Assert.True(e.IsConflict);
    }

    /// <summary>A merge patch that sets the finalizers, conditional on obj's resourceVersion (as a controller would write it).</summary>
    private static JsonObject Finalizers(JsonObject obj, params string[] finalizers) => new()
    {
        ["metadata"] = new JsonObject
        {
            ["finalizers"] = new JsonArray([.. finalizers.Select(f => (JsonNode)f)]),
            ["resourceVersion"] = ObjectMeta.ResourceVersion(obj),
        },
    };

    [Fact]
    public async Task Injected_faults_fail_matching_calls_the_given_number_of_times()
    {
        _cluster.Faults.Add(Fault.Conflict, verb: "apply", times: 1);
        _cluster.Faults.Add(Fault.Timeout, verb: "get", pathContains: "/configmaps/c");

        Assert.True((await Assert.ThrowsAsync<KubernetesApiException>(() => _cluster.ApplyAsync(ConfigMap("c", "1")))).IsConflict);
        await _cluster.ApplyAsync(ConfigMap("c", "1"));
        await Assert.ThrowsAsync<TimeoutException>(() => _cluster.GetAsync("v1", "ConfigMap", "ns", "c"));
        Assert.NotNull(await _cluster.GetAsync("v1", "ConfigMap", "ns", "c"));

        Assert.Equal([Fault.Conflict, null, Fault.Timeout, null], _cluster.Calls.Select(c => c.Fault));
    }

    [Fact]
    public async Task Discovery_reflects_installed_crds()
    {
        Assert.True(await _cluster.HasResourceAsync("monitoring.coreos.com", "v1", "servicemonitors"));
        _cluster.SetResourceAvailable("monitoring.coreos.com", "v1", "servicemonitors", false);
        Assert.False(await _cluster.HasResourceAsync("monitoring.coreos.com", "v1", "ServiceMonitor"));
    }

    [Fact]
    public async Task Events_are_recorded_with_the_reporting_controller()
    {
        var owner = _cluster.Put(Pipeline("p", 1));
        await _cluster.RecordEventAsync(owner, EventType.Warning, "ConfigInvalid", "Reconcile", "bad config");
        var ev = Assert.Single(_cluster.Events);
        Assert.Equal("rum-operator", ev["reportingController"]!.GetValue<string>());
        Assert.Equal("Warning", ev["type"]!.GetValue<string>());
        Assert.Equal(ObjectMeta.Uid(owner), ev["regarding"]!["uid"]!.GetValue<string>());
    }

    [Fact]
    public async Task Apply_without_a_namespace_names_the_missing_field()
    {
        var noNamespace = ConfigMap("c", "1");
        noNamespace["metadata"]!.AsObject().Remove("namespace");
        var e = await Assert.ThrowsAsync<ArgumentException>(() => _cluster.ApplyAsync(noNamespace));
        Assert.Contains("metadata.namespace", e.Message);
    }
}
