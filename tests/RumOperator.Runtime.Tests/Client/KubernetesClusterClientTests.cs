using System.Text.Json.Nodes;
using RumOperator.Runtime.Client;
using RumOperator.Runtime.Metrics;
using RumOperator.Runtime.ApiServer;
using Fake = RumOperator.Runtime.ApiServer.EmbeddedApiServer;

namespace RumOperator.Runtime.Tests.Client;

/// <summary>The real client, through KubernetesClient's HttpClient, against the fake API server over HTTP.</summary>
public sealed class KubernetesClusterClientTests : IAsyncLifetime
{
    private Fake _server = null!;
    private KubernetesClusterClient _client = null!;
    private readonly RuntimeMetrics _metrics = new(Prometheus.Metrics.NewCustomRegistry());

    public async Task InitializeAsync()
    {
        _server = await Fake.StartAsync(resources: ExampleKinds.Resources);
        _client = new KubernetesClusterClient(_server.CreateKubernetes(),
            new ClusterClientOptions { Metrics = _metrics, ReportingInstance = "pod-1", Resources = ExampleKinds.Resources });
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static JsonObject Deployment(int replicas) => new()
    {
        ["apiVersion"] = "apps/v1",
        ["kind"] = "Deployment",
        ["metadata"] = new JsonObject { ["name"] = "web-collector", ["namespace"] = "rum" },
        ["spec"] = new JsonObject { ["replicas"] = replicas },
    };

    [Fact]
    public async Task Apply_is_a_server_side_apply_patch_with_our_field_manager_and_force()
    {
        var desired = Deployment(2);
        var applied = await _client.ApplyAsync(desired);

        var request = Assert.Single(_server.Requests);
        Assert.Equal("PATCH", request.Method);
        Assert.Equal("/apis/apps/v1/namespaces/rum/deployments/web-collector", request.Path);
        Assert.Equal("application/apply-patch+yaml", request.ContentType);
        Assert.Equal("rum-operator", request.QueryValue("fieldManager"));
        Assert.Equal("true", request.QueryValue("force"));
        Assert.True(JsonNode.DeepEquals(desired, JsonNode.Parse(request.Body)));
        Assert.Equal(1, ObjectMeta.Generation(applied));
        Assert.Equal(1, _metrics.ApiRequests.WithLabels("apply", "deployments", "201").Value);
    }

    [Fact]
    public async Task Reads_use_core_and_group_paths_and_missing_objects_are_null()
    {
        _server.Store.Put(InMemory.InMemoryClusterTests.ConfigMap("cfg", "v"));

        var cm = await _client.GetAsync("v1", "ConfigMap", "ns", "cfg");
        var missing = await _client.GetAsync("apps/v1", "Deployment", "ns", "nope");

        Assert.Equal("v", cm!["data"]!["k"]!.GetValue<string>());
        Assert.Null(missing);
        Assert.Equal(["GET /api/v1/namespaces/ns/configmaps/cfg", "GET /apis/apps/v1/namespaces/ns/deployments/nope"],
            _server.Requests.Select(r => $"{r.Method} {r.Path}"));
    }

    [Fact]
    public async Task List_passes_the_label_selector_and_restores_type_metadata()
    {
        _server.Store.Put(InMemory.InMemoryClusterTests.ConfigMap("a", "1", new JsonObject { ["labels"] = new JsonObject { ["app"] = "rum" } }));
        _server.Store.Put(InMemory.InMemoryClusterTests.ConfigMap("b", "1"));

        var list = await _client.ListAsync("v1", "ConfigMap", "ns", "app=rum");

        var item = Assert.Single(list.Items);
        Assert.Equal("a", ObjectMeta.Name(item));
        Assert.Equal("ConfigMap", ObjectMeta.Kind(item));
        Assert.Equal(_server.Store.ResourceVersion.ToString(), list.ResourceVersion);
        Assert.Equal("app=rum", _server.Requests.Single().QueryValue("labelSelector"));
    }

    [Fact]
    public async Task Status_writes_go_to_the_status_subresource()
    {
        await _client.ApplyAsync(Deployment(1));
        await _client.PatchStatusAsync("apps/v1", "Deployment", "rum", "web-collector", new JsonObject { ["readyReplicas"] = 1 });
        var live = (await _client.GetAsync("apps/v1", "Deployment", "rum", "web-collector"))!;
        live["status"] = new JsonObject { ["readyReplicas"] = 2 };
        var stale = live.DeepClone().AsObject();
        await _client.ReplaceStatusAsync(live);

        var patch = _server.Requests[1];
        Assert.Equal(("PATCH", "/apis/apps/v1/namespaces/rum/deployments/web-collector/status", "application/merge-patch+json"),
            (patch.Method, patch.Path, patch.ContentType));
        Assert.Equal("""{"status":{"readyReplicas":1}}""", patch.Body);
        Assert.Equal(("PUT", "/apis/apps/v1/namespaces/rum/deployments/web-collector/status"), (_server.Requests[3].Method, _server.Requests[3].Path));
        var stored = _server.Store.Get("apps/v1/deployments", "rum", "web-collector")!;
        Assert.Equal(2, stored["status"]!["readyReplicas"]!.GetValue<int>());
        Assert.Equal(1, ObjectMeta.Generation(stored));

        // The stale copy was already used once: its resourceVersion no longer matches.
        stale["status"] = new JsonObject { ["readyReplicas"] = 3 };
        var conflict = await Assert.ThrowsAsync<KubernetesApiException>(() => _client.ReplaceStatusAsync(stale));
        Assert.True(conflict.IsConflict);
        Assert.Contains("Operation cannot be fulfilled", conflict.Message);
    }

    [Fact]
    public async Task Merge_patch_and_delete()
    {
        await _client.ApplyAsync(Deployment(1));
        await _client.PatchAsync("apps/v1", "Deployment", "rum", "web-collector", new JsonObject { ["spec"] = new JsonObject { ["paused"] = true } });
        Assert.True(await _client.DeleteAsync("apps/v1", "Deployment", "rum", "web-collector"));
        Assert.False(await _client.DeleteAsync("apps/v1", "Deployment", "rum", "web-collector"));

        Assert.Equal("application/merge-patch+json", _server.Requests[1].ContentType);
        Assert.Equal("DELETE", _server.Requests[2].Method);
        Assert.Equal("Background", _server.Requests[2].QueryValue("propagationPolicy"));
    }

    [Fact]
    public async Task Events_are_posted_to_events_k8s_io()
    {
        var owner = await _client.ApplyAsync(Deployment(1));
        await _client.RecordEventAsync(owner, EventType.Normal, "ConfigUpdated", "Reconcile", "config hash changed");

        var post = _server.Requests.Last();
        Assert.Equal(("POST", "/apis/events.k8s.io/v1/namespaces/rum/events"), (post.Method, post.Path));
        var ev = JsonNode.Parse(post.Body)!;
        Assert.Equal("rum-operator", ev["reportingController"]!.GetValue<string>());
        Assert.Equal("pod-1", ev["reportingInstance"]!.GetValue<string>());
        Assert.Equal("ConfigUpdated", ev["reason"]!.GetValue<string>());
        Assert.Equal("Reconcile", ev["action"]!.GetValue<string>());
        Assert.Equal(ObjectMeta.Uid(owner), ev["regarding"]!["uid"]!.GetValue<string>());
        Assert.StartsWith("web-collector.", ev["metadata"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Discovery_answers_whether_a_crd_is_served()
    {
        Assert.True(await _client.HasResourceAsync("monitoring.coreos.com", "v1", "servicemonitors"));
        Assert.True(await _client.HasResourceAsync("monitoring.coreos.com", "v1", "PrometheusRule"));
        Assert.False(await _client.HasResourceAsync("example.com", "v1", "widgets"));
        Assert.Equal(["/apis/monitoring.coreos.com/v1", "/apis/example.com/v1"], _server.Requests.Select(r => r.Path));
    }

    [Theory]
    [InlineData(409, "Injected")]
    [InlineData(500, "Injected")]
    public async Task Error_codes_surface_with_their_status(int code, string reason)
    {
        _server.Fail(new ApiFault(code, "PATCH"));
        var e = await Assert.ThrowsAsync<KubernetesApiException>(() => _client.ApplyAsync(Deployment(1)));
        Assert.Equal((code, reason), (e.StatusCode, e.Reason));
        Assert.Equal(1, _metrics.ApiRequests.WithLabels("apply", "deployments", code.ToString()).Value);
    }

    [Fact]
    public async Task Too_many_requests_carries_retry_after()
    {
        _server.Fail(new ApiFault(429, RetryAfter: TimeSpan.FromSeconds(3)));
        var e = await Assert.ThrowsAsync<KubernetesApiException>(() => _client.GetAsync("v1", "ConfigMap", "ns", "x"));
        Assert.Equal(TimeSpan.FromSeconds(3), e.RetryAfter);
    }

    [Fact]
    public async Task A_request_the_server_never_answers_times_out()
    {
        var impatient = new KubernetesClusterClient(_server.CreateKubernetes(),
            new ClusterClientOptions { Metrics = _metrics, RequestTimeout = TimeSpan.FromMilliseconds(300), Resources = ExampleKinds.Resources });
        _server.Fail(new ApiFault(0, Hang: true));
        await Assert.ThrowsAsync<TimeoutException>(() => impatient.GetAsync("v1", "ConfigMap", "ns", "x"));
        Assert.Equal(1, _metrics.ApiRequests.WithLabels("get", "configmaps", "timeout").Value);
    }

    [Fact]
    public async Task Watch_requests_resume_from_a_version_with_bookmarks_and_parse_each_line()
    {
        var rv = _server.Store.ResourceVersion.ToString();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var events = new List<WatchEvent>();
        var watching = Task.Run(async () =>
        {
            await foreach (var ev in _client.WatchAsync("v1", "ConfigMap", "ns", rv, cts.Token))
            {
                events.Add(ev);
                if (events.Count == 3) break;
            }
        });
        await Eventually.TrueAsync(() => _server.Store.OpenWatches == 1, "watch open");
        _server.Store.Put(InMemory.InMemoryClusterTests.ConfigMap("a", "1"));
        _server.Store.Put(InMemory.InMemoryClusterTests.ConfigMap("a", "2"));
        _server.Store.SendBookmarks();
        await watching.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal([WatchEventType.Added, WatchEventType.Modified, WatchEventType.Bookmark], events.Select(e => e.Type));
        Assert.Equal(_server.Store.ResourceVersion.ToString(), ObjectMeta.ResourceVersion(events[2].Object));
        var watch = _server.Requests.Single();
        Assert.Equal("/api/v1/namespaces/ns/configmaps", watch.Path);
        Assert.Equal(("true", rv, "true"), (watch.QueryValue("watch"), watch.QueryValue("resourceVersion"), watch.QueryValue("allowWatchBookmarks")));
    }

    [Fact]
    public async Task A_watch_from_a_compacted_version_fails_with_gone()
    {
        _server.Store.Put(InMemory.InMemoryClusterTests.ConfigMap("a", "1"));
        _server.Store.Compact();
        var e = await Assert.ThrowsAsync<KubernetesApiException>(async () =>
        {
            await foreach (var _ in _client.WatchAsync("v1", "ConfigMap", "ns", "0")) { }
        });
        Assert.True(e.IsGone);
    }
}
