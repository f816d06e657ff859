using FluentValidation;
using FluentValidation.Results;
using RumOperator.Api;
using RumOperator.CollectorConfig;
using RumOperator.Metrics;

namespace RumOperator.Validation;

public sealed class RumPipelineValidator : AbstractValidator<RumPipeline>
{
    /// <summary>The collector refuses beacons of more than 1000 events whatever their types.</summary>
    public const int MaxEventsPerBeaconCap = 1000;

    public RumPipelineValidator()
    {
        ValidationPaths.Configure();
        RuleFor(x => x.Metadata.Name).MustBeObjectName();

        RuleFor(x => x.Spec.Collector.Replicas.Min).InclusiveBetween(1, 1000).WithMessage("must be between 1 and 1000");
        RuleFor(x => x.Spec.Collector.Replicas.Max).InclusiveBetween(1, 1000).WithMessage("must be between 1 and 1000")
            .GreaterThanOrEqualTo(x => x.Spec.Collector.Replicas.Min).WithMessage("must be at least replicas.min");
        RuleFor(x => x.Spec.Collector.Autoscaling.TargetCPUUtilizationPercentage).InclusiveBetween(1, 100).WithMessage("must be between 1 and 100");

        RuleFor(x => x.Spec.Ingest.KeysSecretRef.Name).MustBeObjectName();
        RuleFor(x => x.Spec.Ingest.MaxBeaconBytes).InclusiveBetween(1024, 1048576).WithMessage("must be between 1024 and 1048576 bytes");
        RuleFor(x => x.Spec.Ingest.RateLimit.EventsPerSecondPerKey).GreaterThan(0).WithMessage("must be positive");
        RuleFor(x => x.Spec.Ingest.RateLimit.Burst).GreaterThanOrEqualTo(x => x.Spec.Ingest.RateLimit.EventsPerSecondPerKey)
            .WithMessage("must be at least eventsPerSecondPerKey");
        RuleFor(x => x.Spec.Ingest.RateLimit.BytesPerSecondPerKey).GreaterThanOrEqualTo(0).WithMessage("must not be negative");
        RuleFor(x => x.Spec.Ingest.ClientRateLimit.EventsPerSecond).GreaterThanOrEqualTo(0).WithMessage("must not be negative (0 turns the per-client limit off)");
        RuleFor(x => x.Spec.Ingest.ClientRateLimit.Burst).GreaterThanOrEqualTo(x => x.Spec.Ingest.ClientRateLimit.EventsPerSecond)
            .WithMessage("must be at least eventsPerSecond");
        RuleFor(x => x.Spec.Ingest.ClientRateLimit.MaxClients).InclusiveBetween(100, 1000000).WithMessage("must be between 100 and 1000000");
        RuleForEach(x => x.Spec.Ingest.TrustedProxies).Must(p => ClientAddressRange.TryParse(p, out _))
            .WithMessage((_, p) => $"'{p}' is not an IP address or CIDR range such as 10.0.0.0/8 or fd00::/8");
        RuleFor(x => x.Spec.Ingest.MaxEventsPerBeacon).Custom((map, ctx) =>
        {
            foreach (var (type, max) in map ?? [])
            {
                if (!BeaconEventTypes.All.Contains(type))
                    ctx.AddFailure(new ValidationFailure($"spec.ingest.maxEventsPerBeacon.{type}", $"'{type}' is not one of {string.Join(", ", BeaconEventTypes.All)}"));
                else if (max is < 1 or > MaxEventsPerBeaconCap)
                    ctx.AddFailure(new ValidationFailure($"spec.ingest.maxEventsPerBeacon.{type}", $"must be between 1 and {MaxEventsPerBeaconCap}"));
            }
        });
        RuleForEach(x => x.Spec.Ingest.AllowedOrigins)
            .Must(o => o == "*" || Uri.TryCreate(o, UriKind.Absolute, out var u) && (u.Scheme is "http" or "https") && u.AbsolutePath == "/" && !o.EndsWith('/'))
            .WithMessage((_, o) => $"'{o}' is not an origin such as https://shop.example.com (scheme and host, no path) or *");

        RuleFor(x => x.Spec.Apps).NotEmpty().WithMessage("at least one app is required");
        RuleFor(x => x.Spec.Apps).Must(a => a.Select(x => x.Name).Distinct().Count() == a.Count).WithMessage("app names must be unique");
        RuleForEach(x => x.Spec.Apps).ChildRules(app =>
        {
            app.RuleFor(a => a.Name).NotEmpty().WithMessage("is required")
                .Must(n => ValidationRules.DnsLabel().IsMatch(n ?? "")).WithMessage((_, n) => $"'{n}' must be a DNS label (a-z, 0-9, '-')");
            app.RuleFor(a => a.SampleRate).InclusiveBetween(0.001, 1).WithMessage("must be between 0.001 and 1 (the share of sessions the SDK sends)")
                .When(a => a.SampleRate is not null);
            app.RuleForEach(a => a.Routes).Must(r => ValidationRules.RouteTemplate().IsMatch(r ?? ""))
                .WithMessage((_, r) => $"'{r}' is not a route template: start with '/', use literal segments or :param, no query string");
        });

        RuleFor(x => x.Spec.Metrics.Labels).Must(l => l.Distinct().Count() == l.Count).WithMessage("labels must be unique");
        RuleForEach(x => x.Spec.Metrics.Labels).Must(l => RumMetrics.CommonLabels.Contains(l))
            .WithMessage((_, l) => $"'{l}' is not one of {string.Join(", ", RumMetrics.CommonLabels)}");
        RuleForEach(x => x.Spec.Metrics.MaxValuesPerLabel).ChildRules(kv =>
        {
            kv.RuleFor(e => e.Key).Must(k => RumMetrics.CommonLabels.Contains(k)).WithName("key")
                .WithMessage((_, k) => $"'{k}' is not one of {string.Join(", ", RumMetrics.CommonLabels)}");
            kv.RuleFor(e => e.Value).InclusiveBetween(1, 100000).WithName("value").WithMessage("must be between 1 and 100000");
        });
        RuleFor(x => x.Spec.Metrics.MaxSeries).InclusiveBetween(100, 1000000).WithMessage("must be between 100 and 1000000");
        RuleFor(x => x.Spec.Metrics.ServiceMonitor.Interval).MustBeDuration();
        RuleFor(x => x.Spec.Metrics.ExtraBuckets).Custom((map, ctx) =>
        {
            foreach (var (key, values) in map ?? [])
            {
                if (!Enum.TryParse<VitalName>(key, ignoreCase: true, out var name))
                {
                    ctx.AddFailure(new ValidationFailure($"spec.metrics.extraBuckets.{key}", $"'{key}' is not one of lcp, fcp, inp, ttfb, cls"));
                    continue;
                }
                var vital = RumMetrics.ForVital(name);
                foreach (var b in values.Where(b => !RumMetrics.TryParseVitalValue(vital, b, out _)))
                    ctx.AddFailure(new ValidationFailure($"spec.metrics.extraBuckets.{key}", $"'{b}' is not a positive {(vital.IsDuration ? "duration such as 3s or 300ms" : "number")}"));
            }
        });
        RuleFor(x => x.Spec.Export!.QueueSize).InclusiveBetween(100, 1000000).WithMessage("must be between 100 and 1000000 events")
            .When(x => x.Spec.Export is not null);
        RuleFor(x => x.Spec.Export!.MaxQueueBytes).InclusiveBetween(ExportSpec.MinQueueBytes, ExportSpec.MaxQueueBytesLimit)
            .WithMessage($"must be between {ExportSpec.MinQueueBytes} (1 MiB) and {ExportSpec.MaxQueueBytesLimit} (1 GiB) bytes")
            .When(x => x.Spec.Export is not null);
        RuleFor(x => x.Spec.Export!.Otlp!.Endpoint).MustBeHttpUrl().When(x => x.Spec.Export?.Otlp is not null);
        RuleFor(x => x.Spec.Export!.File!.Path).Must(p => p.StartsWith('/')).WithMessage("must be an absolute path").When(x => x.Spec.Export?.File is not null);
        RuleFor(x => x.Spec.Privacy.UserIdHashSecretRef!.Name).MustBeObjectName().When(x => x.Spec.Privacy.UserIdHashSecretRef is not null);
        RuleForEach(x => x.Spec.Privacy.QueryParamAllowlist).NotEmpty().WithMessage("must not be empty");
        RuleForEach(x => x.Spec.Enrichment.GeoHeaders).Matches("^[A-Za-z0-9-]+$").WithMessage((_, h) => $"'{h}' is not an HTTP header name");
        RuleFor(x => x.Spec.SamplingPolicySelector).MustBeSelector();
        RuleFor(x => x.Spec.Errors.MaxGroupsPerApp).InclusiveBetween(1, 1000).WithMessage("must be between 1 and 1000");
        RuleFor(x => x.Spec.Errors.SourceMaps).SetValidator(new SourceMapsValidator()!).When(x => x.Spec.Errors.SourceMaps is not null);
    }
}
