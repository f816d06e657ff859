using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using RumOperator.Runtime.Client;
using RumOperator.Runtime.Informers;
using RumOperator.Runtime.Queue;
using RumOperator.Runtime.ApiServer;
using static RumOperator.Runtime.Tests.InMemory.InMemoryClusterTests;
using Fake = RumOperator.Runtime.ApiServer.EmbeddedApiServer;

namespace RumOperator.Runtime.Tests.Informers;

/// <summary>The informer against the fake API server over HTTP: list+watch, resume, bookmarks, 410 relist, backoff.</summary>
public sealed class InformerTests : IAsyncLifetime
{
    private static readonly InformerOptions FastRetry = new()
    {
        ResyncPeriod = null,
        Backoff = new ExponentialBackoff(TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(2)),
    };

    private Fake _server = null!;
    private readonly List<InformerEvent> _events = [];
    private readonly CancellationTokenSource _stop = new();

    public async Task InitializeAsync() => _server = await Fake.StartAsync(resources: ExampleKinds.Resources);

    public async Task DisposeAsync()
    {
        _stop.Cancel();
        await _server.DisposeAsync();
    }

    private Informer NewInformer(TimeProvider? time = null)
    {
        // Request timeouts run on real time: the only timers on a fake clock are then the informer's own waits.
        var client = new KubernetesClusterClient(_server.CreateKubernetes(), new ClusterClientOptions { Time = TimeProvider.System, Resources = ExampleKinds.Resources });
        var informer = new Informer(client, "v1", "ConfigMap", "ns", time ?? TimeProvider.System, NullLogger.Instance, FastRetry);
        informer.AddHandler(ev => { lock (_events) _events.Add(ev); });
        return informer;
    }

    private IReadOnlyList<ServedRequest> Lists => [.. _server.Requests.Where(r => r.Method == "GET" && !r.IsWatch)];
    private IReadOnlyList<ServedRequest> Watches => [.. _server.Requests.Where(r => r.IsWatch)];
    private string[] EventLog() { lock (_events) return [.. _events.Select(e => $"{e.Type} {ObjectMeta.Name(e.Object)}")]; }

    [Fact]
    public async Task Lists_then_watches_from_the_list_version_and_keeps_the_cache_current()
    {
        _server.Store.Put(ConfigMap("a", "1"));
        var listedAt = _server.Store.ResourceVersion.ToString();
        var informer = NewInformer();
        _ = informer.RunAsync(_stop.Token);
        await informer.Synced.WaitAsync(TimeSpan.FromSeconds(5));
        await Eventually.TrueAsync(() => _server.Store.OpenWatches == 1, "watch open");

        _server.Store.Put(ConfigMap("b", "1"));
        _server.Store.Delete(ApiPath.Parse("/api/v1/namespaces/ns/configmaps/a")!);
        await Eventually.TrueAsync(() => informer.Store.Count == 1 && informer.Store.Get(new ObjectKey("ns", "b")) is not null, "cache follows");

        Assert.Equal(["Added a", "Added b", "Deleted a"], EventLog());
        Assert.Equal("/api/v1/namespaces/ns/configmaps", Lists.Single().Path);
        var watch = Watches.Single();
        Assert.Equal((listedAt, "true"), (watch.QueryValue("resourceVersion"), watch.QueryValue("allowWatchBookmarks")));
    }

    [Fact]
    public async Task A_dropped_watch_resumes_from_the_last_bookmark_without_relisting()
    {
        var informer = NewInformer();
        _ = informer.RunAsync(_stop.Token);
        await Eventually.TrueAsync(() => _server.Store.OpenWatches == 1, "watch open");
        _server.Store.Put(ConfigMap("a", "1"));
        await Eventually.TrueAsync(() => informer.Store.Count == 1, "a cached");

        // Changes elsewhere advance the server's version; only a bookmark tells this watch about it.
        var other = ConfigMap("x", "1");
        other["metadata"]!["namespace"] = "other";
        _server.Store.Put(other);
        var bookmarked = _server.Store.ResourceVersion.ToString();
        _server.Store.SendBookmarks();
        await Eventually.TrueAsync(() => informer.ResourceVersion == bookmarked, "bookmark applied");

        _server.Store.DropWatches();
        await Eventually.TrueAsync(() => Watches.Count == 2 && _server.Store.OpenWatches == 1, "re-watch");
        _server.Store.Put(ConfigMap("b", "1"));
        await Eventually.TrueAsync(() => informer.Store.Count == 2, "b cached after resume");

        Assert.Equal(bookmarked, Watches[1].QueryValue("resourceVersion"));
        Assert.Single(Lists);
        Assert.Equal(["Added a", "Added b"], EventLog());
    }

    [Fact]
    public async Task Gone_relists_and_reconciles_the_cache_with_what_was_missed()
    {
        _server.Store.Put(ConfigMap("a", "1"));
        var informer = NewInformer();
        using (var firstRun = new CancellationTokenSource())
        {
            var run = informer.RunAsync(firstRun.Token);
            await informer.Synced.WaitAsync(TimeSpan.FromSeconds(5));
            firstRun.Cancel();
            await run.WaitAsync(TimeSpan.FromSeconds(5));
        }
        // While nobody watched: a is deleted, b created, and the history compacted away.
        _server.Store.Delete(ApiPath.Parse("/api/v1/namespaces/ns/configmaps/a")!);
        _server.Store.Put(ConfigMap("b", "1"));
        _server.Store.Compact();

        _ = informer.RunAsync(_stop.Token);
        await Eventually.TrueAsync(() => Lists.Count == 2 && _server.Store.OpenWatches == 1, "relisted and watching");

        Assert.Equal(["b"], informer.Store.List().Select(ObjectMeta.Name));
        Assert.Equal(["Added a", "Deleted a", "Added b"], EventLog());
        Assert.Equal(_server.Store.ResourceVersion.ToString(), Watches.Last().QueryValue("resourceVersion"));
    }

    [Fact]
    public async Task Failing_lists_back_off_exponentially_instead_of_hot_looping()
    {
        var time = new WaitedOnClock();
        _server.Fail(new ApiFault(500, "GET", "/configmaps"), times: 3);
        var informer = NewInformer(time);
        _ = informer.RunAsync(_stop.Token);

        await Eventually.TrueAsync(() => Lists.Count == 1, "first attempt");
        await AssertStaysAsync(time, () => Lists.Count == 1); // no retry until time passes
        await AdvanceAsync(time, TimeSpan.FromMilliseconds(200));
        await Eventually.TrueAsync(() => Lists.Count == 2, "retry after 200 ms");
        await AdvanceAsync(time, TimeSpan.FromMilliseconds(399));
        await AssertStaysAsync(time, () => Lists.Count == 2); // the second delay doubled to 400 ms
        await AdvanceAsync(time, TimeSpan.FromMilliseconds(1));
        await Eventually.TrueAsync(() => Lists.Count == 3, "retry after 400 ms");
        await AdvanceAsync(time, TimeSpan.FromMilliseconds(800));
        await Eventually.TrueAsync(() => Lists.Count == 4, "retry after 800 ms");
        await informer.Synced.WaitAsync(TimeSpan.FromSeconds(5));
    }

    /// <summary>The informer is waiting on the fake clock, so nothing changes until the test advances it.</summary>
    private static async Task AssertStaysAsync(WaitedOnClock time, Func<bool> condition)
    {
        await Eventually.TrueAsync(() => time.Waiting > 0, "the informer waits on the clock");
        Assert.True(condition());
    }

    /// <summary>Moves fake time once the informer (doing real I/O) is waiting on it.</summary>
    private static async Task AdvanceAsync(WaitedOnClock time, TimeSpan by)
    {
        await Eventually.TrueAsync(() => time.Waiting > 0, "the informer waits on the clock");
        time.Advance(by);
    }

    /// <summary>A fake clock that tells how many of its timers are still waiting (neither fired nor disposed).</summary>
    private sealed class WaitedOnClock : FakeTimeProvider
    {
        private int _waiting;

        public int Waiting => Volatile.Read(ref _waiting);

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = new CountedTimer(this);
            Interlocked.Increment(ref _waiting);
            timer.Inner = base.CreateTimer(s => { timer.Done(); callback(s); }, state, dueTime, period);
            return timer;
        }

        private sealed class CountedTimer(WaitedOnClock clock) : ITimer
        {
            private int _done;
            public ITimer Inner { get; set; } = null!;

            public void Done()
            {
                if (Interlocked.Exchange(ref _done, 1) == 0) Interlocked.Decrement(ref clock._waiting);
            }

            public bool Change(TimeSpan dueTime, TimeSpan period) => Inner.Change(dueTime, period);

            public void Dispose()
            {
                Done();
                Inner.Dispose();
            }

            public ValueTask DisposeAsync()
            {
                Done();
                return Inner.DisposeAsync();
            }
        }
    }
}
