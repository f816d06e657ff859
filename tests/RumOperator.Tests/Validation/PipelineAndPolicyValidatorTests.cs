using RumOperator.Api;
using RumOperator.Tests.Support;
using RumOperator.Validation;

namespace RumOperator.Tests.Validation;

public class PipelineAndPolicyValidatorTests
{
    private const string Pipeline = """
        apiVersion: rumops.dev/v1alpha1
        kind: RumPipeline
        metadata: { name: web, namespace: shop }
        spec:
          ingest:
            allowedOrigins: ["https://shop.example.com"]
            keysSecretRef: { name: web-rum-keys }
          apps:
            - name: storefront
              routes: ["/", "/product/:id"]
        """;

    [Fact]
    public void The_example_pipeline_and_minimal_pipeline_are_valid()
    {
        Assert.Empty(Validators.Validate(TestManifests.ExamplePipeline()));
        Assert.Empty(Validators.Validate(TestManifests.Parse<RumPipeline>(Pipeline)));
    }

    public static TheoryData<string, string, string> InvalidPipelines => new()
    {
        { "routes: [\"/\", \"/product/:id\"]", "routes: [\"product\"]", "spec.apps[0].routes[0]" },
        { "routes: [\"/\", \"/product/:id\"]", "routes: [\"/search?q=1\"]", "spec.apps[0].routes[0]" },
        { "- name: storefront", "- name: Store_Front", "spec.apps[0].name" },
        { "allowedOrigins: [\"https://shop.example.com\"]", "allowedOrigins: [\"https://shop.example.com/path\"]", "spec.ingest.allowedOrigins[0]" },
        { "keysSecretRef: { name: web-rum-keys }", "keysSecretRef: { name: \"\" }", "spec.ingest.keysSecretRef.name" },
        { "keysSecretRef: { name: web-rum-keys }", "keysSecretRef: { name: k }\n    maxBeaconBytes: 10", "spec.ingest.maxBeaconBytes" },
        { "keysSecretRef: { name: web-rum-keys }", "keysSecretRef: { name: k }\n    rateLimit: { eventsPerSecondPerKey: 100, burst: 10 }", "spec.ingest.rateLimit.burst" },
        { "  apps:", "  collector: { replicas: { min: 5, max: 2 } }\n  apps:", "spec.collector.replicas.max" },
        { "  apps:", "  metrics: { labels: [app, pod] }\n  apps:", "spec.metrics.labels[1]" },
        { "  apps:", "  export: { maxQueueBytes: 1000 }\n  apps:", "spec.export.maxQueueBytes" },
        { "  apps:", "  export: { maxQueueBytes: 8589934592 }\n  apps:", "spec.export.maxQueueBytes" },
        { "  apps:", "  export: { queueSize: 5 }\n  apps:", "spec.export.queueSize" },
        { "  apps:", "  metrics: { extraBuckets: { lcp: [fast] } }\n  apps:", "spec.metrics.extraBuckets.lcp" },
        { "  apps:", "  errors: { maxGroupsPerApp: 0 }\n  apps:", "spec.errors.maxGroupsPerApp" },
        { "  apps:", "  errors: { sourceMaps: { download: true } }\n  apps:", "spec.errors.sourceMaps.origins" },
        { "  apps:", "  errors: { sourceMaps: { download: true, origins: [\"https://cdn.example/maps\"] } }\n  apps:", "spec.errors.sourceMaps.origins[0]" },
        { "  apps:", "  errors: { sourceMaps: { download: true, origins: [\"*\"] } }\n  apps:", "spec.errors.sourceMaps.origins[0]" },
        { "  apps:", "  errors: { sourceMaps: { directory: \"/maps/../etc\" } }\n  apps:", "spec.errors.sourceMaps.directory" },
        { "  apps:", "  errors: { sourceMaps: { directory: /maps, timeout: 5m } }\n  apps:", "spec.errors.sourceMaps.timeout" },
        { "  apps:", "  errors: { sourceMaps: { directory: /maps, maxCacheBytes: 10 } }\n  apps:", "spec.errors.sourceMaps.maxCacheBytes" },
        { "  apps:", "  export: { otlp: { endpoint: \"otel:4318\" } }\n  apps:", "spec.export.otlp.endpoint" },
        { "  apps:", "  samplingPolicySelector: { matchExpressions: [{ key: a, operator: In }] }\n  apps:", "spec.samplingPolicySelector.matchExpressions[0].values" },
        { "routes: [\"/\", \"/product/:id\"]", "routes: [\"/\"]\n      sampleRate: 0.0001", "spec.apps[0].sampleRate" },
        { "keysSecretRef: { name: web-rum-keys }", "keysSecretRef: { name: k }\n    trustedProxies: [\"10.0.0.0/33\"]", "spec.ingest.trustedProxies[0]" },
        { "keysSecretRef: { name: web-rum-keys }", "keysSecretRef: { name: k }\n    trustedProxies: [\"ingress.local\"]", "spec.ingest.trustedProxies[0]" },
        { "keysSecretRef: { name: web-rum-keys }", "keysSecretRef: { name: k }\n    clientRateLimit: { eventsPerSecond: 100, burst: 10 }", "spec.ingest.clientRateLimit.burst" },
        { "keysSecretRef: { name: web-rum-keys }", "keysSecretRef: { name: k }\n    clientRateLimit: { maxClients: 5 }", "spec.ingest.clientRateLimit.maxClients" },
        { "keysSecretRef: { name: web-rum-keys }", "keysSecretRef: { name: k }\n    maxEventsPerBeacon: { pageviews: 5 }", "spec.ingest.maxEventsPerBeacon.pageviews" },
        { "keysSecretRef: { name: web-rum-keys }", "keysSecretRef: { name: k }\n    maxEventsPerBeacon: { error: 5000 }", "spec.ingest.maxEventsPerBeacon.error" },
    };

    [Fact]
    public void Trusted_proxies_accept_cidr_ranges_and_single_addresses()
    {
        var pipeline = TestManifests.Parse<RumPipeline>(Pipeline.Replace("keysSecretRef: { name: web-rum-keys }",
            "keysSecretRef: { name: k }\n    trustedProxies: [\"10.0.0.0/8\", \"fd00::/8\", \"192.0.2.1\"]\n    maxEventsPerBeacon: { pageview: 3 }\n    clientRateLimit: { eventsPerSecond: 0 }"));

        Assert.Empty(Validators.Validate(pipeline));
    }

    [Theory]
    [MemberData(nameof(InvalidPipelines))]
    public void Pipeline_rules_name_the_field(string line, string replacement, string field)
    {
        Assert.Contains(line, Pipeline);
        var errors = Validators.Validate(TestManifests.Parse<RumPipeline>(Pipeline.Replace(line, replacement)));
        Assert.True(errors.Any(e => e.Field == field), $"expected an error on {field}, got: {string.Join("; ", errors)}");
    }

    private const string Policy = """
        apiVersion: rumops.dev/v1alpha1
        kind: SamplingPolicy
        metadata: { name: p, namespace: shop }
        spec:
          rules:
            - match: { route: "/checkout*" }
              sessionSampleRate: 0.5
          alwaysKeep: { errors: true, slowerThan: { lcp: 4s } }
        """;

    public static TheoryData<string, string, string> InvalidPolicies => new()
    {
        { "sessionSampleRate: 0.5", "sessionSampleRate: 1.5", "spec.rules[0].sessionSampleRate" },
        { "match: { route: \"/checkout*\" }", "match: { route: \"checkout\" }", "spec.rules[0].match.route" },
        { "slowerThan: { lcp: 4s }", "slowerThan: { speed: 4s }", "spec.alwaysKeep.slowerThan.speed" },
        { "slowerThan: { lcp: 4s }", "slowerThan: { lcp: slow }", "spec.alwaysKeep.slowerThan.lcp" },
        { "  alwaysKeep:", "  adaptive: { targetEventsPerSecond: 0 }\n  alwaysKeep:", "spec.adaptive.targetEventsPerSecond" },
    };

    [Fact]
    public void The_base_policy_is_valid() => Assert.Empty(Validators.Validate(TestManifests.Parse<SamplingPolicy>(Policy)));

    [Theory]
    [MemberData(nameof(InvalidPolicies))]
    public void Policy_rules_name_the_field(string line, string replacement, string field)
    {
        Assert.Contains(line, Policy);
        var errors = Validators.Validate(TestManifests.Parse<SamplingPolicy>(Policy.Replace(line, replacement)));
        Assert.True(errors.Any(e => e.Field == field), $"expected an error on {field}, got: {string.Join("; ", errors)}");
    }
}
