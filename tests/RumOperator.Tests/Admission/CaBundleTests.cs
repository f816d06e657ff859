using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using RumOperator.Controllers;
using RumOperator.Runtime.InMemory;
using RumOperator.Web.Admission;
using RumOperator.Web.Admission.Certificates;

namespace RumOperator.Tests.Admission;

public class CaBundleTests
{
    private static readonly DateTimeOffset Now = new(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly IReadOnlyList<string> Names = ["rum-operator.rum-system.svc"];

    private static System.Security.Cryptography.X509Certificates.X509Certificate2 Ca(int daysAgo, int validDays = 365) =>
        SelfSignedIssuer.Issue(Names, Now.AddDays(-daysAgo), TimeSpan.FromDays(validDays)).Authority;

    [Fact]
    public void Adds_its_own_ca_keeps_the_other_replicas_and_is_stable_once_merged()
    {
        var other = Ca(daysAgo: 3);
        var own = Ca(daysAgo: 1);

        var (pem, changed) = CaBundle.Merge(other.ExportCertificatePem(), own, Now);
        var (again, changedAgain) = CaBundle.Merge(pem, own, Now);

        Assert.True(changed);
        Assert.Equal([other.Thumbprint, own.Thumbprint], CaBundle.Parse(pem).Select(c => c.Thumbprint));
        Assert.False(changedAgain);
        Assert.Equal(pem, again);
    }

    [Fact]
    public void Drops_expired_cas_and_unreadable_blocks()
    {
        var expired = Ca(daysAgo: 40, validDays: 30);
        var own = Ca(daysAgo: 0);
        var existing = expired.ExportCertificatePem() + "\n-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydA==\n-----END CERTIFICATE-----\n";

        var (pem, _) = CaBundle.Merge(existing, own, Now);

        Assert.Equal([own.Thumbprint], CaBundle.Parse(pem).Select(c => c.Thumbprint));
    }

    [Fact]
    public void Keeps_at_most_four_cas_dropping_the_oldest_others()
    {
        var others = Enumerable.Range(1, 5).Select(d => Ca(daysAgo: d)).ToList();
        var own = Ca(daysAgo: 10);

        var (pem, _) = CaBundle.Merge(string.Concat(others.Select(c => c.ExportCertificatePem() + "\n")), own, Now);

        var kept = CaBundle.Parse(pem).Select(c => c.Thumbprint).ToList();
        Assert.Equal(CaBundle.MaxAuthorities, kept.Count);
        Assert.Contains(own.Thumbprint, kept);
        Assert.Equal(others.Take(3).Select(c => c.Thumbprint), kept.Where(t => t != own.Thumbprint));
    }

    [Fact]
    public async Task The_publisher_writes_the_bundle_into_every_webhook_once_and_then_makes_no_writes()
    {
        var cluster = new InMemoryCluster(resources: OperatorResources.Map);
        cluster.Put(Configuration("rum-operator", webhooks: 2));
        var publisher = new WebhookCaBundlePublisher(cluster, new AdmissionWebhookOptions { WebhookConfigurationName = "rum-operator" }, NullLogger<WebhookCaBundlePublisher>.Instance);
        var own = Ca(daysAgo: 0);

        Assert.True(await publisher.PublishAsync(own, Now, CancellationToken.None));
        var writes = cluster.Writes.Count;
        Assert.True(await publisher.PublishAsync(own, Now, CancellationToken.None));

        Assert.Equal(1, writes);
        Assert.Equal(writes, cluster.Writes.Count);
        Assert.Equal("patch", cluster.Writes.Single().Verb);
        var stored = await cluster.GetAsync("admissionregistration.k8s.io/v1", "ValidatingWebhookConfiguration", null, "rum-operator");
        foreach (var webhook in stored!["webhooks"]!.AsArray())
        {
            var bundle = Encoding.ASCII.GetString(Convert.FromBase64String(webhook!["clientConfig"]!["caBundle"]!.GetValue<string>()));
            Assert.Equal([own.Thumbprint], CaBundle.Parse(bundle).Select(c => c.Thumbprint));
            Assert.Equal("rum-system", webhook["clientConfig"]!["service"]!["namespace"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task The_publisher_merges_again_after_a_conflict_and_reports_a_missing_configuration()
    {
        var cluster = new InMemoryCluster(resources: OperatorResources.Map);
        var options = new AdmissionWebhookOptions { WebhookConfigurationName = "rum-operator" };
        var publisher = new WebhookCaBundlePublisher(cluster, options, NullLogger<WebhookCaBundlePublisher>.Instance);

        Assert.False(await publisher.PublishAsync(Ca(0), Now, CancellationToken.None));

        cluster.Put(Configuration("rum-operator", webhooks: 1));
        cluster.Faults.Add(Fault.Conflict, verb: "patch", times: 1);
        Assert.True(await publisher.PublishAsync(Ca(0), Now, CancellationToken.None));
        Assert.Equal(2, cluster.Calls.Count(c => c.Verb == "patch"));
    }

    private static JsonObject Configuration(string name, int webhooks) => new()
    {
        ["apiVersion"] = "admissionregistration.k8s.io/v1",
        ["kind"] = "ValidatingWebhookConfiguration",
        ["metadata"] = new JsonObject { ["name"] = name },
        ["webhooks"] = new JsonArray([.. Enumerable.Range(0, webhooks).Select(i => (JsonNode)new JsonObject
        {
            ["name"] = $"validate{i}.rumops.dev",
            ["clientConfig"] = new JsonObject { ["service"] = new JsonObject { ["name"] = "rum-operator", ["namespace"] = "rum-system", ["path"] = "/validate" } },
        })]),
    };
}
