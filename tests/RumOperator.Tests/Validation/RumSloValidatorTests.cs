using RumOperator.Tests.Support;
using RumOperator.Validation;

namespace RumOperator.Tests.Validation;

/// <summary>Each RumSLO rule both ways: a valid spec passes, one change makes it fail naming the field.</summary>
public class RumSloValidatorTests
{
    private const string Valid = """
        pipelineRef: { name: web }
        app: storefront
        sli: { errors: { kind: pageLoad } }
        objective: 99.5
        window: 28d
        groupBy: [release]
        """;

    [Fact]
    public void The_base_spec_is_valid() => Assert.Empty(Validators.Validate(TestManifests.Slo(Valid)));

    public static TheoryData<string, string, string> Invalid => new()
    {
        // replace this line of the valid spec, with this, expect this field
        { "objective: 99.5", "objective: 100", "spec.objective" },
        { "objective: 99.5", "objective: 0", "spec.objective" },
        { "objective: 99.5", "objective: -3", "spec.objective" },
        { "window: 28d", "window: 4 weeks", "spec.window" },
        { "window: 28d", "window: 10m", "spec.window" },
        { "window: 28d", "window: 400d", "spec.window" },
        { "sli: { errors: { kind: pageLoad } }", "sli: {}", "spec.sli" },
        { "sli: { errors: { kind: pageLoad } }", "sli: { errors: { kind: pageLoad }, transaction: { name: checkout } }", "spec.sli" },
        { "sli: { errors: { kind: pageLoad } }", "sli: { vital: { name: lcp, threshold: -2s } }", "spec.sli.vital.threshold" },
        { "sli: { errors: { kind: pageLoad } }", "sli: { vital: { name: cls, threshold: \"0\" } }", "spec.sli.vital.threshold" },
        { "sli: { errors: { kind: pageLoad } }", "sli: { errors: { kind: pageLoad, party: first } }", "spec.sli.errors.party" },
        { "sli: { errors: { kind: pageLoad } }", "sli: { transaction: { name: \"check out\" } }", "spec.sli.transaction.name" },
        { "sli: { errors: { kind: pageLoad } }", "sli: { raw: { errorQuery: \"sum(x)\", totalQuery: \"sum(rate(y[{{.window}}]))\" } }", "spec.sli.raw.errorQuery" },
        { "groupBy: [release]", "groupBy: [release-tag]", "spec.groupBy[0]" },
        { "groupBy: [release]", "groupBy: [release, release]", "spec.groupBy" },
        { "groupBy: [release]", "groupBy: [app]", "spec.groupBy[0]" },
        { "pipelineRef: { name: web }", "pipelineRef: { name: Web_Pipeline }", "spec.pipelineRef.name" },
        { "pipelineRef: { name: web }", "pipelineRef: { name: \"\" }", "spec.pipelineRef.name" },
        { "app: storefront", "app: Store_Front", "spec.app" },
        { "app: storefront", "filter: { route: /checkout }", "spec.app" },
        { "window: 28d", "window: 28d\nfilter: { route: \"checkout\" }", "spec.filter" },
        { "window: 28d", "window: 28d\nfilter: { pod: x }", "spec.filter[0].key" },
        { "window: 28d", "window: 28d\nminEvents: -1", "spec.minEvents" },
        { "window: 28d", "window: 1h\nscrapeInterval: 1m", "spec.scrapeInterval" },
        { "window: 28d", "window: 28d\nalerting: { runbookUrl: \"runbooks/x\" }", "spec.alerting.runbookUrl" },
        { "window: 28d", "window: 28d\nalerting: { page: { labels: { \"team-name\": x } } }", "spec.alerting.page.labels.team-name" },
        { "window: 28d", "window: 28d\nalerting: { ticket: { labels: { release: x } } }", "spec.alerting.ticket.labels.release" },
        // A RumSLO in shop must not relabel its alerts into another namespace (or SLO, or release) for the release guard.
        { "window: 28d", "window: 28d\nalerting: { page: { labels: { namespace: payments } } }", "spec.alerting.page.labels.namespace" },
        { "window: 28d", "window: 28d\nalerting: { page: { labels: { slo: other } } }", "spec.alerting.page.labels.slo" },
        { "window: 28d", "window: 28d\nalerting: { noData: { labels: { alertname: RumSLOPageBurn } } }", "spec.alerting.noData.labels.alertname" },
        { "window: 28d", "window: 28d\nalerting: { page: { labels: { route: /checkout } } }", "spec.alerting.page.labels.route" },
        { "window: 28d", "window: 28d\nrollback: { enabled: true, target: { kind: Deployment } }", "spec.rollback.target.name" },
        { "window: 28d", "window: 28d\nrollback: { enabled: true, target: { kind: webhook } }", "spec.rollback.webhook" },
        { "window: 28d", "window: 28d\nrollback: { enabled: true, target: { kind: webhook }, webhook: { url: \"ftp://x\", secretRef: { name: s } } }", "spec.rollback.webhook.url" },
        { "window: 28d", "window: 28d\nrollback: { enabled: true, target: { kind: Deployment, name: web }, cooldown: soon }", "spec.rollback.cooldown" },
        { "window: 28d", "window: 28d\nrollback: { enabled: true, target: { kind: Deployment, name: web }, minEvents: 0 }", "spec.rollback.minEvents" },
        { "window: 28d", "window: 28d\nrollback: { enabled: true, target: { kind: Deployment, name: web }, releaseLabel: \"bad label\" }", "spec.rollback.releaseLabel" },
        { "groupBy: [release]", "groupBy: []\nrollback: { enabled: true, target: { kind: Deployment, name: web } }", "spec.groupBy" },
        { "window: 28d", "window: 28d\nalerting: { page: { enabled: false } }\nrollback: { enabled: true, target: { kind: Deployment, name: web } }", "spec.alerting.page.enabled" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Each_rule_rejects_naming_the_field(string line, string replacement, string field)
        => TestManifests.AssertSloRuleRejects(Valid, line, replacement, field);

    [Theory]
    [InlineData("0")]
    [InlineData("100")]
    [InlineData("-3")]
    public void An_objective_out_of_range_says_what_the_range_is(string objective)
    {
        var error = Assert.Single(Validators.Validate(TestManifests.Slo(Valid.Replace("objective: 99.5", $"objective: {objective}"))));
        Assert.Equal($"{objective} is not in (0, 100): an objective is a percentage of good events such as 99.5", error.Reason);
    }

    public static TheoryData<string, string> AlsoValid => new()
    {
        { "sli: { errors: { kind: pageLoad } }", "sli: { vital: { name: inp, threshold: 200ms } }" },
        { "sli: { errors: { kind: pageLoad } }", "sli: { vital: { name: cls, threshold: 0.1 } }" },
        { "sli: { errors: { kind: pageLoad } }", "sli: { errors: { kind: resource, party: third } }" },
        { "sli: { errors: { kind: pageLoad } }", "sli: { raw: { errorQuery: \"sum(rate(e[{{.window}}]))\", totalQuery: \"sum(rate(t[{{.window}}]))\" } }" },
        { "window: 28d", "window: 1h\nscrapeInterval: 15s" },
        { "window: 28d", "window: 7d\nfilter: { route: /checkout, device: mobile }" },
        { "window: 28d", "window: 28d\nrollback: { enabled: true, target: { kind: Rollout, name: web } }" },
        { "window: 28d", "window: 28d\nrollback: { enabled: false, target: { kind: Deployment, name: web } }\nalerting: { page: { enabled: false } }" },
    };

    [Theory]
    [MemberData(nameof(AlsoValid))]
    public void Variants_that_must_pass(string line, string replacement)
    {
        Assert.Contains(line, Valid);
        Assert.Empty(Validators.Validate(TestManifests.Slo(Valid.Replace(line, replacement))));
    }
}
