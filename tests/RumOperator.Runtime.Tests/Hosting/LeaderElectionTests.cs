using Microsoft.Extensions.Logging.Abstractions;
using RumOperator.Runtime.Hosting;
using Fake = RumOperator.Runtime.ApiServer.EmbeddedApiServer;

namespace RumOperator.Runtime.Tests.Hosting;

/// <summary>
/// Two replicas elect a leader on a coordination.k8s.io Lease served by the fake API server. KubernetesClient's
/// LeaderElector runs on wall-clock time (no TimeProvider), so durations are short: about 6 s in total.
/// </summary>
public sealed class LeaderElectionTests : IAsyncLifetime
{
    private Fake _server = null!;

    public async Task InitializeAsync() => _server = await Fake.StartAsync(resources: ExampleKinds.Resources);
    public async Task DisposeAsync() => await _server.DisposeAsync();

    private LeaderElectionOptions Options(string identity) => new(_server.CreateKubernetes(), "rum-system", "rum-operator", identity)
    {
        // Long enough that a loaded CI machine still renews in time (a 1 s lease lost its leader under load).
        LeaseDuration = TimeSpan.FromSeconds(4),
        RenewDeadline = TimeSpan.FromSeconds(3),
        RetryPeriod = TimeSpan.FromMilliseconds(200),
    };

    [Fact]
    public async Task Only_one_replica_leads_and_the_other_takes_over_when_it_stops()
    {
        var leading = new HashSet<string>();
        var everLed = new List<string>();
        Func<CancellationToken, Task> Lead(string id) => async ct =>
        {
            lock (leading) { leading.Add(id); everLed.Add(id); }
            try { await Task.Delay(Timeout.Infinite, ct); }
            catch (OperationCanceledException) { }
            lock (leading) leading.Remove(id);
        };
        using var stopA = new CancellationTokenSource();
        using var stopB = new CancellationTokenSource();
        var a = LeaderElection.RunAsLeaderAsync(Options("a"), Lead("a"), NullLogger.Instance, stopA.Token);
        await Eventually.TrueAsync(() => { lock (leading) return leading.Contains("a"); }, "a leads");
        var b = LeaderElection.RunAsLeaderAsync(Options("b"), Lead("b"), NullLogger.Instance, stopB.Token);

        await Task.Delay(4500); // longer than the lease: b must keep seeing a's renewals
        lock (leading) Assert.Equal(["a"], leading);

        stopA.Cancel();
        await a.WaitAsync(TimeSpan.FromSeconds(5));
        await Eventually.TrueAsync(() => { lock (leading) return leading.Contains("b"); }, "b takes over", TimeSpan.FromSeconds(10));

        stopB.Cancel();
        await b.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(["a", "b"], everLed);
        Assert.Equal("b", _server.Store.Get("coordination.k8s.io/v1/leases", "rum-system", "rum-operator")!["spec"]!["holderIdentity"]!.GetValue<string>());
        Assert.Contains(_server.Requests, r => r.Method == "PUT" && r.Path == "/apis/coordination.k8s.io/v1/namespaces/rum-system/leases/rum-operator");
    }
}
