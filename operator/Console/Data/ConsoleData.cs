using RumOperator.Api;
using RumOperator.Metrics;
using RumOperator.PrometheusApi;
using RumOperator.Slo;

namespace RumOperator.SloConsole.Data;

/// <summary>
/// Builds the console's view models from the cached objects and a fixed set of cached Prometheus queries per page:
/// list 3, detail 5, pipelines 5, errors 5, whatever the number of SLOs. Missing figures are null ("no data"), never an error.
/// </summary>
public sealed class ConsoleData(IConsoleObjects objects, QueryCache prometheus)
{
    /// <summary>Points per graph over its range.</summary>
    public const int GraphPoints = 240;

    public async Task<SloList> ListAsync(ListFilter filter, CancellationToken ct)
    {
        var all = Rendered();
        var rows = await RowsAsync(all, ct).ConfigureAwait(false);
        var shown = filter.Apply(rows.Rows);
        var namespaces = all.Select(s => s.Slo.Namespace).Distinct().Order(StringComparer.Ordinal).ToList();
        return new SloList(shown, all.Count, namespaces, rows.Error);
    }

    /// <summary>Graph ranges a detail page offers (those shorter than the SLO's window), besides the window itself.</summary>
    public static readonly IReadOnlyList<TimeSpan> Ranges = [TimeSpan.FromMinutes(5), TimeSpan.FromHours(1), TimeSpan.FromDays(1), TimeSpan.FromDays(7)];

    /// <summary>The ranges a page for this window offers, shortest first, ending with the window.</summary>
    public static IReadOnlyList<TimeSpan> RangesFor(TimeSpan window) => [.. Ranges.Where(r => r < window), window];

    /// <summary>One SLO's page; <paramref name="range"/> (one of <see cref="RangesFor"/>, else the window) sets the graphs' span.</summary>
    public async Task<SloDetail?> DetailAsync(string ns, string name, string? range, CancellationToken ct)
    {
        var slo = Rendered().FirstOrDefault(s => s.Slo.Namespace == ns && s.Slo.Name == name);
        if (slo is null) return null;
        var manifest = ManifestView.Render(slo.Slo);
        if (slo.Plan is not { } plan)
            return new SloDetail(Row(slo, [], [], []), null, [], [], [], manifest, null) { Range = TimeSpan.Zero };

        var span = PromDuration.TryParse(range, out var asked) && RangesFor(plan.SloWindow).Contains(asked) ? asked : plan.SloWindow;
        var step = Step(span);
        var figuresTask = prometheus.InstantAsync(SloFigures.Query(slo.Slo, plan), ct);
        var alertsTask = prometheus.InstantAsync(SloQueries.Alerts(slo.Slo), ct);
        var eventsTask = SloQueries.Events([slo]) is { } events ? prometheus.InstantAsync(events, ct) : null;
        var graphTask = prometheus.RangeAsync(SloQueries.SliAndBudget(slo.Slo, plan), span, step, ct);
        var burnTask = prometheus.RangeAsync(SloQueries.BurnRates(slo.Slo, plan), span, step, ct);
        var figures = await figuresTask.ConfigureAwait(false);
        var alerts = await alertsTask.ConfigureAwait(false);
        var eventsResult = eventsTask is null ? null : await eventsTask.ConfigureAwait(false);
        var graph = await graphTask.ConfigureAwait(false);
        var burn = await burnTask.ConfigureAwait(false);

        var row = Row(slo, figures.Value, alerts.Value, eventsResult?.Value ?? []);
        var sli = graph.Value.Where(s => s.Name == RuleNames.Sli(plan.SloWindow)).ToList();
        var budget = graph.Value.Where(s => s.Name == RuleNames.ErrorBudgetRemaining).ToList();
        var alertRows = AlertRows(slo.Slo, plan, figures.Value, alerts.Value, burn.Value);
        var error = new[] { figures.Error, alerts.Error, eventsResult?.Error, graph.Error, burn.Error }.FirstOrDefault(e => e is not null);
        return new SloDetail(row, plan, budget, sli, alertRows, manifest, error) { Range = span };
    }

    public async Task<PipelineList> PipelinesAsync(CancellationToken ct)
    {
        var pipelines = objects.Pipelines().OrderBy(p => p.Namespace, StringComparer.Ordinal).ThenBy(p => p.Name, StringComparer.Ordinal).ToList();
        if (pipelines.Count == 0) return new PipelineList([], null);
        var results = await Task.WhenAll(PipelineQueries.All.Select(q => prometheus.InstantAsync(q, ct))).ConfigureAwait(false);
        var (up, received, dropped, rejected, series) = (results[0], results[1], results[2], results[3], results[4]);
        var rows = pipelines.Select(p =>
        {
            var mine = PipelineQueries.Selects(p);
            double? One(QueryResult<IReadOnlyList<PromSample>> r, string? name = null) =>
                r.Value.Where(s => mine(s) && (name is null || s.Name == name)).Select(s => (double?)s.Value).FirstOrDefault();
            IReadOnlyList<KeyValuePair<string, double>> ByReason(QueryResult<IReadOnlyList<PromSample>> r) =>
                [.. r.Value.Where(mine).Select(s => KeyValuePair.Create(s.Labels.GetValueOrDefault(PipelineQueries.ReasonLabel, "?"), s.Value)).OrderByDescending(kv => kv.Value)];
            return new PipelineRow(p.Namespace, p.Name, p.Status?.Replicas, p.Status?.ReadyReplicas, One(up), One(received),
                ByReason(dropped), ByReason(rejected), One(series, PipelineQueries.SeriesUsedName), One(series, PipelineQueries.SeriesMaxName));
        }).ToList();
        return new PipelineList(rows, results.Select(r => r.Error).FirstOrDefault(e => e is not null));
    }

    /// <summary>The errors view: <see cref="ErrorGroupQueries"/>' four instant queries and one range query, whatever the number of groups.</summary>
    public async Task<ErrorGroupList> ErrorGroupsAsync(ErrorFilter filter, CancellationToken ct)
    {
        var step = ErrorGroupQueries.Step(filter.Range);
        var seenTask = prometheus.RangeAsync(ErrorGroupQueries.Seen(filter), filter.Range, step, ct);
        var results = await Task.WhenAll(ErrorGroupQueries.Instant(filter).Select(q => prometheus.InstantAsync(q, ct))).ConfigureAwait(false);
        var seen = await seenTask.ConfigureAwait(false);
        var (events, sessions, releases, info) = (results[0], results[1], results[2], results[3]);

        static string KeyOf(IReadOnlyDictionary<string, string> labels) =>
            string.Join("\n", ErrorGroupQueries.Key.Select(k => labels.GetValueOrDefault(k, "")));
        var sessionsByKey = sessions.Value.GroupBy(s => KeyOf(s.Labels)).ToDictionary(g => g.Key, g => g.First().Value);
        var releasesByKey = releases.Value.GroupBy(s => KeyOf(s.Labels))
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)[.. g.Select(s => s.Labels.GetValueOrDefault(ErrorGroupMetrics.Release, "")).Distinct().Order(StringComparer.Ordinal)]);
        var infoByKey = info.Value.GroupBy(s => KeyOf(s.Labels)).ToDictionary(g => g.Key, g => g.First().Labels);
        var seenByKey = seen.Value.GroupBy(s => KeyOf(s.Labels)).ToDictionary(g => g.Key, g => g.SelectMany(s => s.Points).Where(p => p.Value > 0).Select(p => p.UnixSeconds).ToList());

        var rows = events.Value.Where(s => double.IsFinite(s.Value)).Select(s =>
        {
            var key = KeyOf(s.Labels);
            var text = infoByKey.GetValueOrDefault(key);
            var times = seenByKey.GetValueOrDefault(key) ?? [];
            DateTimeOffset? At(double? unix) => unix is { } u ? DateTimeOffset.FromUnixTimeMilliseconds((long)(u * 1000)) : null;
            return new ErrorGroupRow(s.Labels.GetValueOrDefault("namespace", ""), s.Labels.GetValueOrDefault("job", ""),
                s.Labels.GetValueOrDefault(ErrorGroupMetrics.App, ""), s.Labels.GetValueOrDefault(ErrorGroupMetrics.Group, ""), s.Value,
                sessionsByKey.TryGetValue(key, out var n) ? n : null, releasesByKey.GetValueOrDefault(key) ?? [],
                text?.GetValueOrDefault(ErrorGroupMetrics.Type), text?.GetValueOrDefault(ErrorGroupMetrics.Message), text?.GetValueOrDefault(ErrorGroupMetrics.Frame),
                At(times.Count > 0 ? times.Min() : null), At(times.Count > 0 ? times.Max() : null));
        }).OrderByDescending(r => r.Events).ThenBy(r => r.App, StringComparer.Ordinal).ThenBy(r => r.Group, StringComparer.Ordinal).ToList();
        return new ErrorGroupList(filter, rows, step, results.Select(r => r.Error).Append(seen.Error).FirstOrDefault(e => e is not null));
    }

    /// <summary>The graph step: the window in <see cref="GraphPoints"/> steps, at least a second.</summary>
    public static TimeSpan Step(TimeSpan window) =>
        TimeSpan.FromSeconds(Math.Max(1, Math.Ceiling(window.TotalSeconds / GraphPoints)));

    private List<RenderedSlo> Rendered()
    {
        var pipelines = objects.Pipelines().ToDictionary(p => (p.Namespace, p.Name));
        return [.. objects.Slos().Select(s => new RenderedSlo(s, SloEngine.Render(s, pipelines.GetValueOrDefault((s.Namespace, s.Spec.PipelineRef.Name)))))];
    }

    private async Task<(IReadOnlyList<SloRow> Rows, string? Error)> RowsAsync(IReadOnlyList<RenderedSlo> slos, CancellationToken ct)
    {
        var plans = slos.Select(s => s.Plan).OfType<AlertWindowPlan>().ToList();
        if (plans.Count == 0) return ([.. slos.Select(s => Row(s, [], [], []))], null);
        var figuresTask = prometheus.InstantAsync(SloQueries.ListFigures(plans), ct);
        var alertsTask = prometheus.InstantAsync(SloQueries.Alerts(), ct);
        var eventsTask = SloQueries.Events(slos.Where(s => s.Plan is not null)) is { } events ? prometheus.InstantAsync(events, ct) : null;
        var figures = await figuresTask.ConfigureAwait(false);
        var alerts = await alertsTask.ConfigureAwait(false);
        var eventsResult = eventsTask is null ? null : await eventsTask.ConfigureAwait(false);
        var rows = slos.Select(s => Row(s, figures.Value, alerts.Value, eventsResult?.Value ?? [])).ToList();
        return (rows, figures.Error ?? alerts.Error ?? eventsResult?.Error);
    }

    /// <summary>One SLO's row from samples of any number of SLOs: its own are told apart by the slo and namespace labels.</summary>
    private static SloRow Row(RenderedSlo rendered, IReadOnlyList<PromSample> figures, IReadOnlyList<PromSample> alerts, IReadOnlyList<PromSample> events)
    {
        var slo = rendered.Slo;
        var last = slo.Status?.Rollbacks.LastOrDefault();
        if (rendered.Plan is not { } plan)
            return new SloRow(slo, slo.Spec.Window, slo.Spec.Objective, null, null, AlertState.NoData, null, [], last, rendered.Error);

        bool Own(PromSample s) => s.Labels.GetValueOrDefault(RuleNames.SloLabel) == slo.Name && s.Labels.GetValueOrDefault(RuleNames.NamespaceLabel) == slo.Namespace;
        var mine = figures.Where(Own).Where(s => !double.IsNaN(s.Value)).ToList();
        var sliName = RuleNames.Sli(plan.SloWindow);
        var burnName = RuleNames.BurnRate(plan.FastestPage.Long);
        var minEvents = slo.Spec.Rollback?.MinEvents ?? slo.Spec.MinEvents ?? SloEngine.DefaultMinEvents;
        var groupBy = slo.Spec.GroupBy;
        string Group(IReadOnlyDictionary<string, string> labels) => string.Join(", ", groupBy.Select(l => labels.GetValueOrDefault(l, "")));

        IReadOnlyList<GroupFigures> groups = [];
        if (groupBy.Count > 0)
        {
            // The events query sums, so its samples carry no __name__.
            var ownEvents = events.Where(Own).Where(s => s.Name == "").ToList();
            groups = [.. mine.Select(s => Group(s.Labels)).Concat(ownEvents.Select(s => Group(s.Labels))).Distinct().Order(StringComparer.Ordinal).Select(g =>
            {
                double? Value(IEnumerable<PromSample> samples, string? name) =>
                    samples.Where(s => (name is null || s.Name == name) && Group(s.Labels) == g).Select(s => (double?)s.Value).FirstOrDefault();
                var count = Value(ownEvents, null);
                return new GroupFigures(g, Value(mine, sliName), Value(mine, RuleNames.ErrorBudgetRemaining), Value(mine, burnName), count, (count ?? 0) < minEvents);
            })];
        }
        double? Worst(string name) => mine.Where(s => s.Name == name).Select(s => (double?)s.Value).Min();
        var (state, alert) = State(alerts.Where(Own).ToList());
        if (state == AlertState.Ok && mine.Count == 0) state = AlertState.NoData;
        return new SloRow(slo, slo.Spec.Window, slo.Spec.Objective, Worst(sliName), Worst(RuleNames.ErrorBudgetRemaining), state, alert, groups, last, null);
    }

    /// <summary>Firing beats pending; with neither the SLO is ok.</summary>
    private static (AlertState State, string? Alert) State(IReadOnlyList<PromSample> alerts)
    {
        foreach (var (value, state) in new[] { ("firing", AlertState.Firing), ("pending", AlertState.Pending) })
            if (alerts.FirstOrDefault(a => a.Labels.GetValueOrDefault("alertstate") == value) is { } hit)
                return (state, hit.Labels.GetValueOrDefault("alertname"));
        return (AlertState.Ok, null);
    }

    private static IReadOnlyList<AlertRow> AlertRows(RumSlo slo, AlertWindowPlan plan, IReadOnlyList<PromSample> figures, IReadOnlyList<PromSample> alerts,
        IReadOnlyList<PromSeries> burn)
    {
        double? Now(TimeSpan window) => figures.Where(s => s.Name == RuleNames.BurnRate(window) && !double.IsNaN(s.Value)).Select(s => (double?)s.Value).Max();
        PromSeries? Series(TimeSpan window) => burn.FirstOrDefault(s => s.Name == RuleNames.BurnRate(window));
        var rows = new List<AlertRow>();
        foreach (var condition in plan.Conditions)
        {
            var (name, tier) = condition.Tier == AlertTier.Page ? (RuleNames.PageAlert, slo.Spec.Alerting.Page) : (RuleNames.TicketAlert, slo.Spec.Alerting.Ticket);
            if (!tier.Enabled) continue;
            var severity = tier.Labels?.GetValueOrDefault("severity") ?? (condition.Tier == AlertTier.Page ? "page" : "ticket");
            var (longBurn, shortBurn) = (Now(condition.Long), Now(condition.Short));
            var holds = longBurn > (double)condition.Factor && shortBurn > (double)condition.Factor;
            var (alertState, _) = State(alerts.Where(a => a.Labels.GetValueOrDefault("alertname") == name).ToList());
            var state = longBurn is null && shortBurn is null ? AlertState.NoData : holds && alertState != AlertState.Ok ? alertState : AlertState.Ok;
            // Burning at the threshold exhausts the whole budget in window / factor.
            var exhaustion = plan.SloWindow / (double)condition.Factor;
            rows.Add(new AlertRow(name, severity, state, condition.Factor, exhaustion, condition.Long, condition.Short, longBurn, shortBurn, null,
                Series(condition.Long), Series(condition.Short)));
        }
        return rows;
    }
}
