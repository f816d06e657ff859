using RumOperator.Api;
using RumOperator.Metrics;

namespace RumOperator.CollectorConfig;

/// <summary>The result of merging a pipeline and the SamplingPolicies that select it.</summary>
public sealed record CollectorConfigResult(CollectorConfig Config, IReadOnlyList<string> AppliedPolicies, IReadOnlyList<string> Conflicts);

/// <summary>Pure: RumPipeline + SamplingPolicies → collector config. Used by the operator and the standalone collector.</summary>
public static class CollectorConfigBuilder
{
    /// <summary>The policies a pipeline applies: same namespace, selected by its samplingPolicySelector.</summary>
    public static IReadOnlyList<SamplingPolicy> SelectPolicies(RumPipeline pipeline, IEnumerable<SamplingPolicy> policies) =>
        policies
            .Where(p => p.Namespace == pipeline.Namespace)
            .Where(p => LabelSelectorMatcher.Matches(pipeline.Spec.SamplingPolicySelector, p.Metadata.Labels))
            .OrderByDescending(p => p.Spec.Priority)
            .ThenBy(p => p.Name, StringComparer.Ordinal)
            .ToList();

    /// <summary>Live releases beyond this many are not pinned (they still get label values, evictable): the list must not grow /metrics without bound.</summary>
    public const int MaxLiveReleases = 100;

    /// <param name="liveReleases">The releases the pipeline's rollback targets run (see <see cref="CollectorMetrics.LiveReleases"/>).</param>
    public static CollectorConfigResult Build(RumPipeline pipeline, IEnumerable<SamplingPolicy> allPolicies, IEnumerable<string>? liveReleases = null)
    {
        var spec = pipeline.Spec;
        var policies = SelectPolicies(pipeline, allPolicies);
        var config = new CollectorConfig
        {
            Pipeline = pipeline.Name,
            Namespace = pipeline.Namespace,
            Apps = spec.Apps.Select(a => new AppSpec { Name = a.Name, Routes = [.. a.Routes], SampleRate = a.SampleRate }).ToList(),
            Ingest = new CollectorIngest
            {
                AllowedOrigins = [.. spec.Ingest.AllowedOrigins],
                MaxBeaconBytes = spec.Ingest.MaxBeaconBytes,
                RateLimit = spec.Ingest.RateLimit,
                ClientRateLimit = spec.Ingest.ClientRateLimit,
                TrustedProxies = [.. spec.Ingest.TrustedProxies],
                MaxEventsPerBeacon = BeaconEventTypes.MaxPerBeacon(spec.Ingest.MaxEventsPerBeacon),
            },
            Privacy = new CollectorPrivacy
            {
                QueryParamAllowlist = [.. spec.Privacy.QueryParamAllowlist],
                Redact = [.. spec.Privacy.Redact],
                IpAddress = spec.Privacy.IpAddress,
                SaltPath = spec.Privacy.UserIdHashSecretRef is null ? null : $"{CollectorPaths.SaltDirectory}/{CollectorPaths.SaltKey}",
                Consent = spec.Privacy.Consent,
            },
            Enrichment = spec.Enrichment,
            Metrics = new CollectorMetrics
            {
                Labels = [.. spec.Metrics.Labels],
                MaxValuesPerLabel = new(spec.Metrics.MaxValuesPerLabel),
                MaxSeries = spec.Metrics.MaxSeries,
                LiveReleases = (liveReleases ?? []).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Take(MaxLiveReleases).ToList(),
                MaxErrorGroupsPerApp = spec.Errors.MaxGroupsPerApp,
                Buckets = RumMetrics.Vitals.Keys.ToDictionary(RumMetrics.VitalKey, v => RumMetrics.BucketsFor(v, spec.Metrics)),
            },
            Export = new CollectorExport
            {
                OtlpEndpoint = spec.Export?.Otlp?.Endpoint,
                FilePath = spec.Export?.File?.Path,
                QueueSize = spec.Export?.QueueSize ?? ExportSpec.DefaultQueueSize,
                MaxQueueBytes = spec.Export?.MaxQueueBytes ?? ExportSpec.DefaultMaxQueueBytes,
            },
            Sampling = MergeSampling(policies),
            Errors = CollectorErrors.From(spec.Errors),
        };
        return new CollectorConfigResult(config, policies.Select(p => p.Name).ToList(), FindConflicts(policies));
    }

    private static CollectorSampling MergeSampling(IReadOnlyList<SamplingPolicy> policies)
    {
        var sampling = new CollectorSampling
        {
            Rules = policies.SelectMany(p => p.Spec.Rules.Select(r => new CollectorSamplingRule
            {
                Policy = p.Name,
                Match = r.Match,
                SessionSampleRate = r.SessionSampleRate,
            })).ToList(),
            AlwaysKeepErrors = policies.Count == 0 || policies.Any(p => p.Spec.AlwaysKeep.Errors),
            Adaptive = policies.FirstOrDefault(p => p.Spec.Adaptive is not null)?.Spec.Adaptive,
        };
        // Keeping is a union: the strictest (lowest) "slower than" of any policy wins.
        foreach (var policy in policies)
        foreach (var (key, text) in policy.Spec.AlwaysKeep.SlowerThan ?? [])
        {
            if (!Enum.TryParse<VitalName>(key, ignoreCase: true, out var name)) continue;
            if (!RumMetrics.TryParseVitalValue(RumMetrics.ForVital(name), text, out var value)) continue;
            var vitalKey = RumMetrics.VitalKey(name);
            sampling.AlwaysKeepSlowerThan[vitalKey] = sampling.AlwaysKeepSlowerThan.TryGetValue(vitalKey, out var prior) ? Math.Min(prior, value) : value;
        }
        return sampling;
    }

    /// <summary>Policies with equal priority apply in name order, which nobody chose: a conflict to report.</summary>
    private static IReadOnlyList<string> FindConflicts(IReadOnlyList<SamplingPolicy> policies) =>
        policies.GroupBy(p => p.Spec.Priority)
            .Where(g => g.Count() > 1)
            .Select(g => $"policies {string.Join(", ", g.Select(p => p.Name))} share priority {g.Key}; applied in name order")
            .ToList();
}
