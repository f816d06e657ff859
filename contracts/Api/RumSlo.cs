using System.ComponentModel;
using System.Text.Json.Serialization;

namespace RumOperator.Api;

[Description("A service-level objective over real-user metrics, rendered into Prometheus recording rules and multi-window multi-burn-rate alerts.")]
public sealed class RumSlo : CustomResource<RumSloSpec, RumSloStatus>
{
    public const string KindName = "RumSLO";
    public RumSlo() => Kind = KindName;
}

[CelRule("has(self.app) || has(self.sli.raw)", "app is required for vital, errors and transaction SLIs", FieldPath = ".app")]
[CelRule("!has(self.rollback) || !self.rollback.enabled || (has(self.groupBy) && self.groupBy.exists(l, l == 'release'))",
    "groupBy must contain release when rollback is enabled: each release burns its own budget", FieldPath = ".groupBy")]
public sealed class RumSloSpec
{
    [Description("The RumPipeline whose collectors produce the metrics.")]
    [RequiredField]
    public LocalObjectReference PipelineRef { get; set; } = new();

    [Description("The application (the app label). Required for every SLI but raw.")]
    [StringFormat(Patterns.DnsLabel)]
    public string? App { get; set; }

    [Description("Equality matchers on collector labels (route, device, country, browser, ...).")]
    public Dictionary<string, string>? Filter { get; set; }

    [Description("The service-level indicator: exactly one of vital, errors, transaction, raw.")]
    [RequiredField]
    public SliSpec Sli { get; set; } = new();

    [Description("Percent of good events, in (0, 100), e.g. 99.5.")]
    [RequiredField, Bounds(Minimum = 0, Maximum = 100, ExclusiveMinimum = true, ExclusiveMaximum = true)]
    public decimal Objective { get; set; }

    [Description("The SLO window; alert windows scale with it (28d gives the SRE workbook's 1h/5m, 6h/30m, 1d/2h, 3d/6h).")]
    [StringFormat(Patterns.Duration), SchemaDefault("28d")]
    public string Window { get; set; } = "28d";

    [Description("Labels that each burn their own budget, e.g. [release].")]
    [ListSet, Limits(MaxItems = 5)]
    public List<string> GroupBy { get; set; } = [];

    [Description("No alert while an alert's long window holds fewer events than this (overridden by rollback.minEvents when set).")]
    [Bounds(Minimum = 0)]
    public long? MinEvents { get; set; }

    [Description("Labels selecting the pipeline's series; default {namespace: <ns>, job: <pipeline>-collector}.")]
    public Dictionary<string, string>? SeriesLabels { get; set; }

    [Description("Scrape interval the alert windows must span several times; default the pipeline's ServiceMonitor interval.")]
    [StringFormat(Patterns.Duration)]
    public string? ScrapeInterval { get; set; }

    [Description("Alert tiers.")]
    public AlertingSpec Alerting { get; set; } = new();

    [Description("Roll back a release that burns its budget too fast.")]
    public RollbackSpec? Rollback { get; set; }
}

[CelRule("[has(self.vital), has(self.errors), has(self.transaction), has(self.raw)].filter(x, x).size() == 1",
    "exactly one of vital, errors, transaction or raw must be set")]
public sealed class SliSpec
{
    [Description("Good = page views whose vital is at most threshold.")]
    public VitalSli? Vital { get; set; }
    [Description("Good = page loads, sessions or resources without errors.")]
    public ErrorsSli? Errors { get; set; }
    [Description("Good = transactions whose outcome is success.")]
    public TransactionSli? Transaction { get; set; }
    [Description("Escape hatch: PromQL for errors and totals; {{.window}} is replaced by each window.")]
    public RawSli? Raw { get; set; }

    [JsonIgnore]
    public string Kind => Vital is not null ? "vital" : Errors is not null ? "errors" : Transaction is not null ? "transaction" : Raw is not null ? "raw" : "";

    [JsonIgnore]
    public int SetCount => (Vital is null ? 0 : 1) + (Errors is null ? 0 : 1) + (Transaction is null ? 0 : 1) + (Raw is null ? 0 : 1);
}

public enum VitalName
{
    [JsonStringEnumMemberName("lcp")] Lcp,
    [JsonStringEnumMemberName("inp")] Inp,
    [JsonStringEnumMemberName("cls")] Cls,
    [JsonStringEnumMemberName("fcp")] Fcp,
    [JsonStringEnumMemberName("ttfb")] Ttfb,
}

public sealed class VitalSli
{
    [Description("lcp, inp, cls, fcp or ttfb.")]
    [RequiredField] public VitalName Name { get; set; }
    [Description("Good when the value is at most this: a duration (2.5s, 200ms) or, for cls, a number (\"0.1\"). Must be a bucket boundary of the pipeline.")]
    [RequiredField, StringFormat("^([0-9]+(\\.[0-9]+)?(ms|s)?)$")]
    public string Threshold { get; set; } = "";
}

public enum ErrorsSliKind
{
    [JsonStringEnumMemberName("pageLoad")] PageLoad,
    [JsonStringEnumMemberName("jsErrorSession")] JsErrorSession,
    [JsonStringEnumMemberName("resource")] Resource,
}

public sealed class ErrorsSli
{
    [Description("pageLoad: page views with outcome error; jsErrorSession: sessions with a JS error; resource: failed resource requests.")]
    [RequiredField] public ErrorsSliKind Kind { get; set; }
    [Description("For resource: only first- or third-party requests.")]
    [OneOfValues("first", "third")] public string? Party { get; set; }
}

public sealed class TransactionSli
{
    [Description("Transaction name, e.g. checkout.")]
    [RequiredField, StringFormat("^[A-Za-z0-9_.:-]+$"), Limits(MaxLength = 100)]
    public string Name { get; set; } = "";
}

public sealed class RawSli
{
    [Description("PromQL for bad events over {{.window}}.")]
    [RequiredField] public string ErrorQuery { get; set; } = "";
    [Description("PromQL for all events over {{.window}}.")]
    [RequiredField] public string TotalQuery { get; set; } = "";
}

public sealed class AlertingSpec
{
    [Description("Page: 14.4x over 1h and 5m, 6x over 6h and 30m (scaled to the window), plus the outage fast path.")]
    public AlertTierSpec Page { get; set; } = new();
    [Description("Ticket: 3x over 1d and 2h, 1x over 3d and 6h (scaled to the window).")]
    public AlertTierSpec Ticket { get; set; } = new();
    [Description("No beacons for the SLO's series while the collectors are up.")]
    public AlertTierSpec NoData { get; set; } = new();
    [Description("Runbook linked from every alert.")]
    [StringFormat("^https?://.+")] public string? RunbookUrl { get; set; }
}

public sealed class AlertTierSpec
{
    [Description("Create this alert.")]
    [SchemaDefault(true)] public bool Enabled { get; set; } = true;
    [Description("Labels added to the alert (severity defaults to the tier name).")]
    public Dictionary<string, string>? Labels { get; set; }
}

public enum RollbackTargetKind
{
    [JsonStringEnumMemberName("Deployment")] Deployment,
    [JsonStringEnumMemberName("Rollout")] Rollout,
    [JsonStringEnumMemberName("webhook")] Webhook,
    [JsonStringEnumMemberName("git")] Git,
}

[CelRule("self.target.kind != 'webhook' || has(self.webhook)", "rollback.webhook is required when target.kind is webhook")]
[CelRule("self.target.kind == 'webhook' || self.target.kind == 'git' || has(self.target.name)", "rollback.target.name is required for Deployment and Rollout")]
[CelRule("self.target.kind != 'git' || has(self.git)", "rollback.git is required when target.kind is git")]
public sealed class RollbackSpec
{
    [Description("Act on page-level burn.")] public bool Enabled { get; set; }
    [Description("Record Events and status only.")] public bool DryRun { get; set; }
    [Description("What to roll back.")] [RequiredField] public RollbackTarget Target { get; set; } = new();
    [Description("Pod-template label that carries the release tag.")]
    [SchemaDefault("app.kubernetes.io/version")] public string ReleaseLabel { get; set; } = "app.kubernetes.io/version";
    [Description("No verdict on fewer events than this in the alert's long window.")]
    [Bounds(Minimum = 1), SchemaDefault(500)] public long MinEvents { get; set; } = 500;
    [Description("Minimum time between two rollbacks of this SLO.")]
    [StringFormat(Patterns.Duration), SchemaDefault("30m")] public string Cooldown { get; set; } = "30m";
    [Description("Signed webhook for GitOps pipelines; with target.kind git, fired after the push when git.notifyWebhook is set.")] public RollbackWebhook? Webhook { get; set; }
    [Description("Revert the release in a GitOps repository (target.kind git).")] public GitRollback? Git { get; set; }
}

public sealed class RollbackTarget
{
    [Description("Deployment, Rollout (Argo Rollouts), webhook or git.")]
    [RequiredField] public RollbackTargetKind Kind { get; set; }
    [Description("Name of the Deployment or Rollout in the SLO's namespace; for git, the optional Deployment whose previous revision gives the release to restore when status.lastKnownGoodRelease is unset.")]
    [StringFormat(Patterns.DnsSubdomain)] public string? Name { get; set; }
}

public sealed class RollbackWebhook
{
    [Description("URL that receives the signed POST.")]
    [RequiredField, StringFormat("^https?://.+")] public string Url { get; set; } = "";
    [Description("Secret whose key 'secret' signs the body (HMAC-SHA256).")]
    [RequiredField] public LocalObjectReference SecretRef { get; set; } = new();
}

public sealed class RumSloStatus : ICustomResourceStatus
{
    [Description("The metadata.generation last reconciled.")] public long? ObservedGeneration { get; set; }
    [Description("Ready, Progressing and Degraded.")] [ListMap("type")] public List<Condition> Conditions { get; set; } = [];
    [Description("The SLI kind, for printing.")] public string? SliKind { get; set; }
    [Description("Recording rules rendered.")] public int? RecordingRules { get; set; }
    [Description("Alerting rules rendered.")] public int? AlertingRules { get; set; }
    [Description("Current SLI over the window, percent (from Prometheus).")] public string? CurrentSli { get; set; }
    [Description("Error budget remaining, percent (from Prometheus).")] public string? ErrorBudgetRemaining { get; set; }
    [Description("Burn rate per alert window (from Prometheus).")] public Dictionary<string, string>? BurnRates { get; set; }
    [Description("When the Prometheus figures were read.")] public DateTime? LastEvaluated { get; set; }
    [Description("Release that served at least the longest page window with at least rollback.minEvents events and no page burn (written by the release guard's poller); never rolled back.")] public string? LastKnownGoodRelease { get; set; }
    [Description("Rollbacks taken, refused or in progress, newest last: what the once-per-release and cooldown rules read.")] public List<RollbackRecord> Rollbacks { get; set; } = [];
    [Description("Failed rollback attempts, newest last, kept apart so failures never push rollbacks out of the history.")] public List<RollbackRecord> FailedRollbacks { get; set; } = [];
}

public sealed class RollbackRecord
{
    [Description("The release rolled back.")] [RequiredField] public string Release { get; set; } = "";
    [Description("When.")] [RequiredField] public DateTime Time { get; set; }
    [Description("Burn rate at the decision.")] public string BurnRate { get; set; } = "";
    [Description("Events in the alert's long window.")] public long Events { get; set; }
    [Description("Deployment, Rollout, webhook, git or dryRun.")] public string Action { get; set; } = "";
    [Description("Succeeded, Failed, Refused, or InProgress while the action runs.")] public string Result { get; set; } = "";
    [Description("Detail of the result.")] public string? Message { get; set; }
    [Description("git: the revert commit (or the commit that already held the release).")] public string? Commit { get; set; }
    [Description("git: the branch the commit is on.")] public string? Branch { get; set; }
}
