using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using RumCollector.Config;
using RumCollector.Tests.Support;
using RumOperator.Metrics;

namespace RumCollector.Tests;

public sealed class ConfigTests
{
    [Fact]
    public void Manifests_build_the_config_keys_and_salt()
    {
        var snapshot = ManifestConfigLoader.Load(Repo.Examples, null);

        Assert.Equal("web", snapshot.Config.Pipeline);
        Assert.Equal(["pk-storefront-2f9a1c", "pk-storefront-old-77b0"], snapshot.KeysByApp["storefront"]);
        Assert.Equal("change-me-to-a-long-random-string", Encoding.UTF8.GetString(snapshot.Salt!));
        Assert.Equal(2, snapshot.Config.Sampling.Rules.Count);
        Assert.Equal(4, snapshot.Config.Sampling.AlwaysKeepSlowerThan["lcp"]);
    }

    [Fact]
    public void Secrets_in_base64_data_form_are_read()
    {
        using var dir = new TempDir();
        var pipeline = File.ReadAllText(Path.Combine(Repo.Examples, "pipeline.yaml"))
            .Replace("stringData:\n  storefront: \"pk-storefront-2f9a1c,pk-storefront-old-77b0\"",
                $"data:\n  storefront: {Convert.ToBase64String("pk-a, pk-b"u8)}");
        File.WriteAllText(Path.Combine(dir.Path, "pipeline.yaml"), pipeline);

        var snapshot = ManifestConfigLoader.Load(dir.Path, "web");

        Assert.Equal(["pk-a", "pk-b"], snapshot.KeysByApp["storefront"]);
    }

    [Theory]
    [InlineData("nope", "no RumPipeline named 'nope'")]
    public void An_unknown_pipeline_name_is_a_clear_error(string name, string message)
    {
        var error = Assert.Throws<ConfigException>(() => ManifestConfigLoader.Load(Repo.Examples, name));
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void A_missing_keys_secret_names_the_field()
    {
        using var dir = new TempDir();
        var pipeline = File.ReadAllText(Path.Combine(Repo.Examples, "pipeline.yaml")).Replace("keysSecretRef: { name: web-rum-keys }", "keysSecretRef: { name: other-keys }");
        File.WriteAllText(Path.Combine(dir.Path, "pipeline.yaml"), pipeline);

        var error = Assert.Throws<ConfigException>(() => ManifestConfigLoader.Load(dir.Path, null));
        Assert.Contains("spec.ingest.keysSecretRef: Secret/other-keys not found", error.Message);
    }

    [Fact]
    public void Mounted_config_reads_keys_per_app_file_and_salt()
    {
        using var dir = new TempDir();
        var path = TestConfig.WriteMounted(dir.Path, TestConfig.Example());

        var snapshot = FileConfigLoader.Load(path);

        Assert.Equal(["pk-storefront-2f9a1c", "pk-storefront-old-77b0"], snapshot.KeysByApp["storefront"]);
        Assert.NotNull(snapshot.Salt);
        Assert.Equal(RumMetrics.BucketsFor(RumOperator.Api.VitalName.Lcp, null), snapshot.Config.Metrics.Buckets["lcp"]);
    }

    [Fact]
    public async Task Config_reload_under_load_loses_no_accepted_beacon_and_keeps_counters()
    {
        using var dir = new TempDir();
        // One loopback client stands for many browsers here: 1,600 events at once would exceed one address's bucket.
        var snapshot = TestConfig.Example(c => c.Ingest.ClientRateLimit.EventsPerSecond = 0);
        await using var server = await CollectorServer.StartMountedAsync(dir, snapshot, "--reload-interval-seconds", "3600");
        var reloader = server.Services.GetRequiredService<ConfigReloader>();
        var holder = server.Services.GetRequiredService<StateHolder>();
        var registry = holder.Current!.Metrics.Registry;

        async Task<int> Send(int n)
        {
            var accepted = 0;
            for (var i = 0; i < n; i++)
                if ((await server.PostAsync(Beacons.Example)).StatusCode == HttpStatusCode.Accepted) accepted++;
            return accepted;
        }
        var senders = Enumerable.Range(0, 4).Select(_ => Task.Run(() => Send(50))).ToList();
        for (var round = 0; round < 5; round++)
        {
            // Rotate in a new key and another origin while beacons flow.
            File.WriteAllText(Path.Combine(dir.Path, "keys", "storefront"), $"pk-storefront-2f9a1c,pk-new-{round}");
            Assert.True(reloader.CheckOnce());
            await Task.Yield();
        }
        var accepted = (await Task.WhenAll(senders)).Sum();

        Assert.Equal(200, accepted);
        Assert.Same(registry, holder.Current!.Metrics.Registry);
        Assert.Equal(200 * 8, (await server.MetricsAsync()).Sum(RumMetrics.EventsReceived));
        Assert.Equal(HttpStatusCode.Accepted, (await server.PostAsync(Beacons.Example, key: "pk-new-4")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await server.PostAsync(Beacons.Example, key: Beacons.OldKey)).StatusCode);
    }

    [Fact]
    public async Task A_broken_config_file_keeps_the_previous_config()
    {
        using var dir = new TempDir();
        await using var server = await CollectorServer.StartMountedAsync(dir, TestConfig.Example(), "--reload-interval-seconds", "3600");
        var reloader = server.Services.GetRequiredService<ConfigReloader>();

        File.WriteAllText(Path.Combine(dir.Path, "collector.json"), "{ not json");

        Assert.False(reloader.CheckOnce());
        Assert.Contains("collector.json", reloader.LastError);
        Assert.Equal(HttpStatusCode.OK, (await server.Http.GetAsync("/readyz")).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await server.PostAsync(Beacons.Example)).StatusCode);
    }

    [Fact]
    public async Task Without_a_config_the_collector_is_alive_but_not_ready()
    {
        using var dir = new TempDir();
        await using var server = await CollectorServer.StartAsync("--config", Path.Combine(dir.Path, "missing.json"));

        Assert.Equal(HttpStatusCode.OK, (await server.Http.GetAsync("/healthz")).StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await server.Http.GetAsync("/readyz")).StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await server.PostAsync(Beacons.Example)).StatusCode);
    }
}
