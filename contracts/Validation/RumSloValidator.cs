using System.Text.RegularExpressions;
using FluentValidation;
using RumOperator.Api;
using RumOperator.Metrics;

namespace RumOperator.Validation;

/// <summary>
/// What a user can get wrong in a RumSLO on its own. Checks that need the pipeline (bucket
/// boundaries, exported labels) are made by the SLO engine, which the same callers run.
/// </summary>
public sealed partial class RumSloValidator : AbstractValidator<RumSlo>
{
    public static readonly TimeSpan MinWindow = TimeSpan.FromHours(1);
    public static readonly TimeSpan MaxWindow = TimeSpan.FromDays(365);

    /// <summary>
    /// Alert labels a tier's labels may not set: the identity the rules render (alertname, slo, namespace) and every
    /// collector label an alert can carry through groupBy (release, route, ...). Rule labels override the series'
    /// labels in Prometheus, so without this a RumSLO could claim another namespace's SLO or another release.
    /// </summary>
    public static bool IsReservedAlertLabel(string key) =>
        key is "alertname" or "slo" or "namespace" or RumLabels.App || key.StartsWith("__", StringComparison.Ordinal) || SeriesLabels.Contains(key);

    /// <summary>Labels an SLO may filter or group on: the collector's common labels but app (set by spec.app).</summary>
    public static readonly IReadOnlyList<string> SeriesLabels = RumMetrics.CommonLabels.Where(l => l != RumLabels.App).ToList();

    [GeneratedRegex(@"^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$")]
    private static partial Regex KubernetesLabelKey();

    public RumSloValidator()
    {
        ValidationPaths.Configure();
        RuleFor(x => x.Metadata.Name).MustBeObjectName()
            .MaximumLength(200).WithMessage("must be at most 200 characters (it names the PrometheusRule)");
        RuleFor(x => x.Spec.PipelineRef.Name).MustBeObjectName();
        RuleFor(x => x.Spec.App).NotEmpty().WithMessage("is required for vital, errors and transaction SLIs")
            .When(x => x.Spec.Sli.Raw is null);
        RuleFor(x => x.Spec.App).Must(a => a is null || ValidationRules.DnsLabel().IsMatch(a))
            .WithMessage((_, a) => $"'{a}' must be a DNS label (a-z, 0-9, '-')");

        RuleFor(x => x.Spec.Sli).Must(s => s.SetCount == 1)
            .WithMessage(s => s.Spec.Sli.SetCount == 0
                ? "one of vital, errors, transaction or raw is required"
                : "exactly one of vital, errors, transaction or raw must be set");
        RuleFor(x => x.Spec.Sli.Vital!.Threshold).Custom((threshold, ctx) =>
        {
            var vital = RumMetrics.ForVital(ctx.InstanceToValidate.Spec.Sli.Vital!.Name);
            if (!RumMetrics.TryParseVitalValue(vital, threshold, out _))
                ctx.AddFailure(vital.IsDuration
                    ? $"'{threshold}' is not a positive duration such as 2.5s or 200ms"
                    : $"'{threshold}' is not a positive number such as 0.1");
        }).When(x => x.Spec.Sli.Vital is not null);
        RuleFor(x => x.Spec.Sli.Errors!.Party).Must(p => p is null or "first" or "third")
            .WithMessage((_, p) => $"'{p}' is not one of first, third").When(x => x.Spec.Sli.Errors is not null);
        RuleFor(x => x.Spec.Sli.Errors!.Party).Null().WithMessage("applies only to kind resource")
            .When(x => x.Spec.Sli.Errors is { Kind: not ErrorsSliKind.Resource });
        RuleFor(x => x.Spec.Sli.Transaction!.Name).NotEmpty().WithMessage("is required")
            .Matches("^[A-Za-z0-9_.:-]{1,100}$").WithMessage((_, n) => $"'{n}' may hold letters, digits, _ . : - (at most 100)")
            .When(x => x.Spec.Sli.Transaction is not null);
        RuleFor(x => x.Spec.Sli.Raw!.ErrorQuery).NotEmpty().WithMessage("is required")
            .Must(q => q.Contains("{{.window}}")).WithMessage("must contain {{.window}} where the range goes, e.g. rate(x[{{.window}}])")
            .When(x => x.Spec.Sli.Raw is not null);
        RuleFor(x => x.Spec.Sli.Raw!.TotalQuery).NotEmpty().WithMessage("is required")
            .Must(q => q.Contains("{{.window}}")).WithMessage("must contain {{.window}} where the range goes, e.g. rate(x[{{.window}}])")
            .When(x => x.Spec.Sli.Raw is not null);

        RuleFor(x => x.Spec.Objective).Must(o => o > 0 && o < 100)
            .WithMessage((_, o) => $"{o} is not in (0, 100): an objective is a percentage of good events such as 99.5");
        RuleFor(x => x.Spec.Window).MustBeDuration()
            .Must(w => !PromDuration.TryParse(w, out var d) || d >= MinWindow && d <= MaxWindow)
            .WithMessage((_, w) => $"'{w}' must be between {PromDuration.Format(MinWindow)} and {PromDuration.Format(MaxWindow)}");
        RuleFor(x => x.Spec.ScrapeInterval).MustBeDuration()
            .Must((x, s) => s is null || !PromDuration.TryParse(s, out var scrape) || !PromDuration.TryParse(x.Spec.Window, out var window) || scrape * 100 <= window)
            .WithMessage("must be at most 1/100 of the window, or the alert windows cannot span several scrapes");
        RuleFor(x => x.Spec.MinEvents).GreaterThanOrEqualTo(0).WithMessage("must not be negative");

        RuleFor(x => x.Spec.GroupBy).Must(g => g.Distinct().Count() == g.Count).WithMessage("labels must be unique");
        RuleForEach(x => x.Spec.GroupBy).Must(l => SeriesLabels.Contains(l))
            .WithMessage((_, l) => $"'{l}' is not a collector label; use one of {string.Join(", ", SeriesLabels)}");
        RuleForEach(x => x.Spec.Filter).ChildRules(kv =>
        {
            kv.RuleFor(e => e.Key).Must(k => SeriesLabels.Contains(k)).WithName("key")
                .WithMessage((_, k) => $"'{k}' is not a collector label; use one of {string.Join(", ", SeriesLabels)}");
            kv.RuleFor(e => e.Value).NotEmpty().WithName("value").WithMessage("must not be empty");
        });
        RuleFor(x => x.Spec.Filter).Must(f => f is null || !f.TryGetValue("route", out var r) || r.StartsWith('/') || r == RumMetrics.Other)
            .WithMessage("route must be a route template such as /checkout (the route label never holds raw paths)");
        RuleForEach(x => x.Spec.SeriesLabels).ChildRules(kv =>
            kv.RuleFor(e => e.Key).MustBeLabelName().WithName("key"));

        RuleFor(x => x.Spec.Alerting.RunbookUrl).MustBeHttpUrl();
        foreach (var (name, tier) in new (string, Func<RumSlo, AlertTierSpec>)[]
                 { ("page", x => x.Spec.Alerting.Page), ("ticket", x => x.Spec.Alerting.Ticket), ("noData", x => x.Spec.Alerting.NoData) })
        {
            RuleFor(x => tier(x).Labels).Custom((labels, ctx) =>
            {
                foreach (var key in labels?.Keys ?? Enumerable.Empty<string>())
                    if (!ValidationRules.LabelName().IsMatch(key))
                        ctx.AddFailure(new FluentValidation.Results.ValidationFailure($"spec.alerting.{name}.labels.{key}", $"'{key}' is not a valid Prometheus label name"));
                    else if (IsReservedAlertLabel(key))
                        ctx.AddFailure(new FluentValidation.Results.ValidationFailure($"spec.alerting.{name}.labels.{key}",
                            $"'{key}' is reserved: the operator sets it and the release guard reads it (alertname, slo, namespace and the collector's labels: {string.Join(", ", SeriesLabels)})"));
            });
        }

        When(x => x.Spec.Rollback is not null, () =>
        {
            RuleFor(x => x.Spec.Rollback!.Target.Name).MustBeObjectName()
                .When(x => x.Spec.Rollback!.Target.Kind is RollbackTargetKind.Deployment or RollbackTargetKind.Rollout);
            RuleFor(x => x.Spec.Rollback!.Webhook).NotNull().WithMessage("is required when target.kind is webhook")
                .When(x => x.Spec.Rollback!.Target.Kind is RollbackTargetKind.Webhook);
            RuleFor(x => x.Spec.Rollback!.Webhook!.Url).NotEmpty().WithMessage("is required").MustBeHttpUrl()
                .When(x => x.Spec.Rollback!.Webhook is not null);
            RuleFor(x => x.Spec.Rollback!.Webhook!.SecretRef.Name).MustBeObjectName()
                .When(x => x.Spec.Rollback!.Webhook is not null);
            RuleFor(x => x.Spec.Rollback!.Target.Name).MustBeObjectName()
                .When(x => x.Spec.Rollback!.Target is { Kind: RollbackTargetKind.Git, Name: not null });
            RuleFor(x => x.Spec.Rollback!.Git).NotNull().WithMessage("is required when target.kind is git")
                .When(x => x.Spec.Rollback!.Target.Kind is RollbackTargetKind.Git);
            RuleFor(x => x.Spec.Rollback!.Git!).SetValidator(new GitRollbackValidator())
                .When(x => x.Spec.Rollback!.Git is not null);
            RuleFor(x => x.Spec.Rollback!.Webhook).NotNull().WithMessage("is required when git.notifyWebhook is true")
                .When(x => x.Spec.Rollback!.Git is { NotifyWebhook: true });
            RuleFor(x => x.Spec.Rollback!.Cooldown).MustBeDuration();
            RuleFor(x => x.Spec.Rollback!.MinEvents).GreaterThan(0).WithMessage("must be positive: a verdict needs traffic");
            RuleFor(x => x.Spec.Rollback!.ReleaseLabel).Must(l => KubernetesLabelKey().IsMatch(l ?? ""))
                .WithMessage((_, l) => $"'{l}' is not a Kubernetes label key");
            RuleFor(x => x.Spec.GroupBy).Must(g => g.Contains("release"))
                .WithMessage("must contain release when rollback is enabled: each release burns its own budget")
                .When(x => x.Spec.Rollback!.Enabled);
            RuleFor(x => x.Spec.Alerting.Page.Enabled).Equal(true)
                .WithMessage("must be true when rollback is enabled: rollback acts on page-level burn")
                .When(x => x.Spec.Rollback!.Enabled);
        });
    }
}
