using System.Text.Json.Nodes;
using RumOperator.Api;
using RumOperator.Metrics;
using RumOperator.Objects;
using RumOperator.Validation;

namespace RumOperator.Slo;

/// <summary>The rules of one RumSLO, or why there are none.</summary>
public sealed record SloRenderResult(DesiredObject? PrometheusRule, IReadOnlyList<FieldError> Errors, int RecordingRules, int AlertingRules, AlertWindowPlan? Plan)
{
    public bool Ok => Errors.Count == 0 && PrometheusRule is not null;

    /// <summary>The page alert's condition and its event count, for readers that poll Prometheus instead of receiving the alert.</summary>
    public PageQueries? Page { get; init; }
}

/// <summary>
/// Burning: the page alert's expression (one series per group that pages, valued at its burn rate).
/// Events: the events per group over the window the low-traffic guard counts.
/// </summary>
public sealed record PageQueries(string Burning, string Events, IReadOnlyList<string> GroupBy)
{
    /// <summary>The labels the page alert rule sets (alertname included): an alert that differs on one was not produced by this rule.</summary>
    public IReadOnlyDictionary<string, string> AlertLabels { get; init; } = new Dictionary<string, string>();

    /// <summary>The longest page window: how long a release must have served to become the last known good release.</summary>
    public TimeSpan LongestWindow { get; init; }

    /// <summary>Events per group over <see cref="LongestWindow"/>.</summary>
    public string EventsOverLongestWindow { get; init; } = "";

    /// <summary>
    /// Per group, the fewest events in any <see cref="Events"/> window over the last <see cref="LongestWindow"/>: above
    /// zero when the group served throughout it.
    /// </summary>
    public string ServedThroughoutLongestWindow { get; init; } = "";
}

/// <summary>
/// Pure: RumSLO (and its RumPipeline, when known) → PrometheusRule with burn-rate recording
/// rules per alert window, SLI and error-budget series, and page / ticket / no-data alerts.
/// </summary>
public static class SloEngine
{
    /// <summary>A total failure pages on the short window alone once this fraction of events fails.</summary>
    public const decimal OutageErrorRatio = 0.5m;

    /// <summary>The low-traffic guard when the spec names no minEvents.</summary>
    public const long DefaultMinEvents = 100;

    public static readonly TimeSpan DefaultScrapeInterval = TimeSpan.FromSeconds(30);

    public static SloRenderResult Render(RumSlo slo, RumPipeline? pipeline, Owner? owner = null)
    {
        var errors = Validators.Validate(slo).ToList();
        if (errors.Count > 0) return new SloRenderResult(null, errors, 0, 0, null);

        var spec = slo.Spec;
        var context = PipelineChecks(slo, pipeline, errors);
        var scrape = PromDuration.TryParse(spec.ScrapeInterval ?? pipeline?.Spec.Metrics.ServiceMonitor.Interval, out var s) ? s : DefaultScrapeInterval;
        var plan = AlertWindows.Plan(PromDuration.Parse(spec.Window), scrape);
        if (AlertWindows.Inconsistency(plan) is { } why) errors.Add(new FieldError("spec.window", why));
        if (errors.Count > 0) return new SloRenderResult(null, errors, 0, 0, plan);

        var groupBy = spec.GroupBy;
        var baseLabels = BaseSeriesLabels(slo);
        var selector = baseLabels.Concat(SloLabels(slo)).ToList();
        var budget = (100m - spec.Objective) / 100m;
        var identity = new JsonObject { [RuleNames.SloLabel] = slo.Name, [RuleNames.NamespaceLabel] = slo.Namespace };
        var own = PromQl.Selector([KeyValuePair.Create(RuleNames.SloLabel, slo.Name), KeyValuePair.Create(RuleNames.NamespaceLabel, slo.Namespace)]);
        var evaluation = Clamp(scrape, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));
        var query = new RecordedSli(SliQuery.For(spec.Sli, selector, groupBy, context.VitalThreshold), plan.Floor, own, groupBy);

        var baseRules = query.BaseRecordings.Select(r => Record(r.Record, r.Expr, identity)).ToList();
        var burnRules = plan.Windows.Select(w => Record(RuleNames.BurnRate(w), $"(\n{Indent(query.ErrorRatio(w), "  ")}\n)\n/ {PromQl.Number(budget)}", identity)).ToList();
        var sloWindow = plan.SloWindow;
        var budgetRules = new List<JsonObject>
        {
            Record(RuleNames.Sli(sloWindow), $"1 - (\n{Indent(query.ErrorRatio(sloWindow), "  ")}\n)", identity),
            Record(RuleNames.ErrorBudgetRemaining, $"1 - (1 - {RuleNames.Sli(sloWindow)}{own}) / {PromQl.Number(budget)}", identity),
        };

        var alerts = new List<JsonObject>();
        var minEvents = spec.Rollback?.MinEvents ?? spec.MinEvents ?? DefaultMinEvents;
        var guard = (TimeSpan window) => $"and {PromQl.On(groupBy)}\n(\n{Indent(query.Events(window), "  ")}\n) >= {minEvents}";
        var describe = new AlertText(slo, budget, plan.SloWindow);
        PageQueries? pageQueries = null;
        if (spec.Alerting.Page.Enabled)
        {
            var page = plan.Conditions.Where(c => c.Tier == AlertTier.Page).ToList();
            var fast = plan.FastestPage;
            var outageBurn = Math.Max(fast.Factor, OutageErrorRatio / budget);
            var terms = page.Select(c => BurnTerm(c, own))
                .Append($"{RuleNames.BurnRate(fast.Short)}{own} > {PromQl.Number(outageBurn)}");
            var annotations = describe.Burn("page", page, fast.Short, outageBurn, minEvents);
            foreach (var (k, v) in describe.Signal(query.Events(fast.Long))) annotations[k] = v!.DeepClone();
            var longest = page.Max(c => c.Long);
            var burning = Combine(terms) + "\n" + guard(fast.Long);
            var rule = Alert(RuleNames.PageAlert, burning, "page", spec.Alerting.Page, identity, annotations);
            var ruleLabels = ((JsonObject)rule["labels"]!).ToDictionary(kv => kv.Key, kv => kv.Value!.GetValue<string>());
            ruleLabels["alertname"] = RuleNames.PageAlert;
            pageQueries = new PageQueries(burning, query.Events(fast.Long), groupBy)
            {
                AlertLabels = ruleLabels, LongestWindow = longest, EventsOverLongestWindow = query.Events(longest),
                ServedThroughoutLongestWindow = $"min_over_time((\n{Indent(query.Events(fast.Long), "  ")}\n)[{PromQl.Duration(longest)}:{PromQl.Duration(fast.Long)}])",
            };
            alerts.Add(rule);
        }
        if (spec.Alerting.Ticket.Enabled)
        {
            var ticket = plan.Conditions.Where(c => c.Tier == AlertTier.Ticket).ToList();
            alerts.Add(Alert(RuleNames.TicketAlert, Combine(ticket.Select(c => BurnTerm(c, own))) + "\n" + guard(ticket[0].Long), "ticket", spec.Alerting.Ticket, identity, describe.Burn("ticket", ticket, null, null, minEvents)));
        }
        if (spec.Alerting.NoData.Enabled)
        {
            var fast = plan.FastestPage;
            var up = $"up{PromQl.Selector(baseLabels)}";
            var expr = $"absent(\n  sum(\n{Indent(query.Events(fast.Long), "    ")}\n  ) > 0\n)\nand on()\nsum({up}) > 0";
            var rule = Alert(RuleNames.NoDataAlert, expr, "ticket", spec.Alerting.NoData, identity, describe.NoData(fast.Long));
            rule["for"] = PromQl.Duration(fast.Short);
            alerts.Add(rule);
        }

        var budgetInterval = Clamp(sloWindow / 100, evaluation, TimeSpan.FromMinutes(5));
        var groups = new JsonArray
        {
            Group($"rumslo-{slo.Namespace}-{slo.Name}-burn", evaluation, baseRules.Concat(burnRules).Concat(alerts)),
            Group($"rumslo-{slo.Namespace}-{slo.Name}-budget", budgetInterval, budgetRules),
        };
        var desired = DesiredObject.Create(OperatorKinds.PrometheusRule, slo.Namespace, RuleNames.PrometheusRuleName(slo.Name), ObjectLabels.Standard(RumSlo.KindName, slo.Name), owner,
            new JsonObject { ["spec"] = new JsonObject { ["groups"] = groups } });
        return new SloRenderResult(desired, [], baseRules.Count + burnRules.Count + budgetRules.Count, alerts.Count, plan) { Page = pageQueries };
    }

    /// <summary>Series of this SLO's pipeline: its collectors' job in the SLO's namespace, unless the spec says otherwise.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> BaseSeriesLabels(RumSlo slo) =>
        slo.Spec.SeriesLabels is { Count: > 0 } custom
            ? custom.OrderBy(kv => kv.Key, StringComparer.Ordinal).ToList()
            : [KeyValuePair.Create("namespace", slo.Namespace), KeyValuePair.Create("job", $"{slo.Spec.PipelineRef.Name}-collector")];

    private static IEnumerable<KeyValuePair<string, string>> SloLabels(RumSlo slo)
    {
        if (slo.Spec.App is { Length: > 0 } app) yield return KeyValuePair.Create(RumLabels.App, app);
        foreach (var kv in (slo.Spec.Filter ?? []).OrderBy(kv => kv.Key, StringComparer.Ordinal)) yield return kv;
    }

    private sealed record PipelineContext(double? VitalThreshold);

    /// <summary>Checks that need the pipeline: bucket boundaries, exported labels, known apps.</summary>
    private static PipelineContext PipelineChecks(RumSlo slo, RumPipeline? pipeline, List<FieldError> errors)
    {
        var spec = slo.Spec;
        double? threshold = null;
        if (spec.Sli.Vital is { } vital)
        {
            var info = RumMetrics.ForVital(vital.Name);
            RumMetrics.TryParseVitalValue(info, vital.Threshold, out var value);
            var buckets = RumMetrics.BucketsFor(vital.Name, pipeline?.Spec.Metrics);
            if (buckets.Any(b => Math.Abs(b - value) < 1e-9)) threshold = buckets.First(b => Math.Abs(b - value) < 1e-9);
            else
                errors.Add(new FieldError("spec.sli.vital.threshold",
                    $"'{vital.Threshold}' is not a bucket boundary of {info.Metric}{(pipeline is null ? "" : $" in pipeline {pipeline.Name}")}; " +
                    $"valid thresholds: {RumMetrics.Describe(info, buckets)} (add one with spec.metrics.extraBuckets on the pipeline)"));
        }
        if (pipeline is null) return new PipelineContext(threshold);

        var exported = pipeline.Spec.Metrics.Labels;
        foreach (var label in spec.GroupBy.Where(l => !exported.Contains(l)))
            errors.Add(new FieldError("spec.groupBy", $"'{label}' is not exported by pipeline {pipeline.Name} (its labels: {string.Join(", ", exported)})"));
        foreach (var label in (spec.Filter ?? []).Keys.Where(l => !exported.Contains(l)))
            errors.Add(new FieldError($"spec.filter.{label}", $"'{label}' is not exported by pipeline {pipeline.Name} (its labels: {string.Join(", ", exported)})"));
        if (spec.App is { Length: > 0 } app && pipeline.Spec.Apps.All(a => a.Name != app))
            errors.Add(new FieldError("spec.app", $"'{app}' is not an app of pipeline {pipeline.Name} (its apps: {string.Join(", ", pipeline.Spec.Apps.Select(a => a.Name))})"));
        if (spec.Filter?.TryGetValue(RumLabels.Route, out var route) == true && route != RumMetrics.Other && spec.App is { } appName
            && pipeline.Spec.Apps.FirstOrDefault(a => a.Name == appName) is { Routes.Count: > 0 } routed && !routed.Routes.Contains(route))
            errors.Add(new FieldError("spec.filter.route", $"'{route}' is not a route template of app {appName} (its routes: {string.Join(", ", routed.Routes)})"));
        return new PipelineContext(threshold);
    }

    private static string BurnTerm(BurnCondition c, string own) =>
        $"{RuleNames.BurnRate(c.Long)}{own} > {PromQl.Number(c.Factor)}\nand\n{RuleNames.BurnRate(c.Short)}{own} > {PromQl.Number(c.Factor)}";

    private static string Combine(IEnumerable<string> terms) =>
        "(\n" + string.Join("\n  or\n", terms.Select(t => "  (\n" + Indent(t, "    ") + "\n  )")) + "\n)";

    private static string Indent(string text, string pad) => string.Join("\n", text.Split('\n').Select(l => pad + l));

    private static JsonObject Record(string name, string expr, JsonObject labels) => new()
    {
        ["record"] = name,
        ["expr"] = expr + "\n",
        ["labels"] = labels.DeepClone(),
    };

    private static JsonObject Alert(string name, string expr, string defaultSeverity, AlertTierSpec tier, JsonObject identity, JsonObject annotations)
    {
        var labels = (JsonObject)identity.DeepClone();
        labels["severity"] = defaultSeverity;
        foreach (var (k, v) in (tier.Labels ?? []).OrderBy(kv => kv.Key, StringComparer.Ordinal)) labels[k] = v;
        return new JsonObject
        {
            ["alert"] = name,
            ["expr"] = expr + "\n",
            ["labels"] = labels,
            ["annotations"] = annotations,
        };
    }

    private static JsonObject Group(string name, TimeSpan interval, IEnumerable<JsonObject> rules) => new()
    {
        ["name"] = name,
        ["interval"] = PromQl.Duration(interval),
        ["rules"] = new JsonArray(rules.Select(r => (JsonNode)r).ToArray()),
    };

    private static TimeSpan Clamp(TimeSpan value, TimeSpan min, TimeSpan max) => value < min ? min : value > max ? max : value;
}
