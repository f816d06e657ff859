using System.Net;
using RumCollector.Tests.Support;
using RumOperator.CollectorConfig;

namespace RumCollector.Tests;

/// <summary>Personal data sent in every place a beacon can carry it must reach neither /metrics nor the exported events.</summary>
public sealed class PiiCorpusTests
{
    private static readonly string[] Secrets =
    [
        "jane.doe@example.com", "jane.doe%40example.com", "4111 1111 1111 1111", "4111111111111111",
        "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U",
        "s3cr3t-bearer-value", "+44 20 7946 0958", "203.0.113.42", "user-jane-42", "127.0.0.1", "sessiontoken",
    ];

    private static string PiiBeacon(string consent) => Beacons.With(b =>
    {
        b["session"]!["consent"] = consent;
        b["user"] = new System.Text.Json.Nodes.JsonObject { ["id"] = "user-jane-42" };
        b["page"]!["url"] = "https://shop.example.com/account/jane.doe%40example.com?email=jane.doe@example.com&utm_source=mail&sessiontoken=abc";
        b["page"]!["route"] = "/account/jane.doe@example.com";
        b["page"]!["referrer"] = "https://mail.example.com/?to=jane.doe@example.com";
        b["events"]![4]!["message"] = "card 4111 1111 1111 1111 rejected for jane.doe@example.com, call +44 20 7946 0958";
        b["events"]![4]!["stack"] = "at pay (https://shop.example.com/pay?jwt=eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U) Authorization: Bearer s3cr3t-bearer-value from 203.0.113.42";
        b["events"]![5]!["url"] = "https://api.example.com/users/4111111111111111?sessiontoken=abc";
        b["events"]![7]!["name"] = "checkout-jane.doe@example.com";
    });

    [Fact]
    public async Task No_personal_data_reaches_metrics_or_exported_events()
    {
        using var dir = new TempDir();
        var exportPath = Path.Combine(dir.Path, "events.jsonl");
        var snapshot = TestConfig.Example(c =>
        {
            c.Export.FilePath = exportPath;
            c.Sampling = new CollectorSampling(); // export everything, so every field is inspected
            c.Metrics.Labels = [.. RumOperator.Metrics.RumMetrics.CommonLabels];
            // Consent required: the second beacon's unknown consent is processed anonymously.
            c.Privacy.Consent = new RumOperator.Api.ConsentSpec { Required = true, WhenMissing = RumOperator.Api.MissingConsent.Anonymous };
        });
        string metrics;
        await using (var server = await CollectorServer.StartMountedAsync(dir, snapshot))
        {
            Assert.Equal(HttpStatusCode.Accepted, (await server.PostAsync(PiiBeacon("granted"))).StatusCode);
            Assert.Equal(HttpStatusCode.Accepted, (await server.PostAsync(PiiBeacon("unknown"))).StatusCode);
            metrics = await server.Http.GetStringAsync("/metrics");
        } // graceful shutdown flushes the export queue

        var exported = File.ReadAllLines(exportPath);
        Assert.Equal(16, exported.Length);
        foreach (var secret in Secrets)
        {
            Assert.DoesNotContain(secret, metrics);
            Assert.All(exported, line => Assert.DoesNotContain(secret, line));
        }
        Assert.Contains("\"user.hash\":", exported[0]);
        Assert.Contains("\"client.ip\":\"127.0.0.0\"", exported[0]);
        Assert.Contains("utm_source=mail", exported[0]);
        Assert.Contains("\"consent\":\"unknown\"", exported[15]);
        Assert.DoesNotContain("user.hash", exported[15]);
        Assert.DoesNotContain("client.ip", exported[15]);
        Assert.Contains("route=\"__other__\"", metrics);
    }
}
