using System.Collections.Concurrent;
using Prometheus;
using RumCollector.Errors;
using RumCollector.Errors.SourceMaps;
using RumCollector.Ingest;
using RumCollector.Privacy;
using RumOperator.Api;
using RumOperator.CollectorConfig;
using RumOperator.Metrics;

namespace RumCollector.Metrics;

/// <summary>
/// The contract metrics (RumMetrics) in their own registry, built from the pipeline's metric config:
/// the configured common labels, bucket boundaries from <see cref="CollectorMetrics.Buckets"/>, a cap
/// per label (least recently seen values evicted, their series removed) and a total series budget.
/// Rebuilt only when the metric config changes (the live releases excepted: see <see cref="PinReleases"/>).
/// </summary>
public sealed class RumMetricSet
{
    private readonly SeriesBudget _budget;
    private readonly LabelLimiter[] _limiters;
    private readonly Dictionary<string, LabelLimiter> _limiterByLabel = new(StringComparer.Ordinal);
    private readonly string[] _otherCommon;
    private readonly LabelLimiter _transactionNames;
    private readonly Lock _seriesGate = new();
    private readonly Dictionary<string, LiveSeries> _live = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Label, string Value), HashSet<string>> _seriesByValue = [];
    private readonly Dictionary<Histogram, int> _histogramSeries = [];
    private readonly ConcurrentDictionary<string[], CommonSeries> _series = new(LabelValuesComparer.Instance);
    private readonly Counter.Child?[] _receivedByType = new Counter.Child?[Enum.GetValues<EventType>().Length];
    private readonly Counter.Child?[] _consentByState = new Counter.Child?[Enum.GetValues<ConsentState>().Length];

    /// <summary>
    /// Tuples of common values whose children are kept. Beyond it a tuple's children are resolved per
    /// beacon: still correct, only slower, and memory stays bounded under a cardinality attack.
    /// </summary>
    public const int MaxCachedTuples = 4096;

    public RumMetricSet(CollectorMetrics config)
    {
        Registry = Prometheus.Metrics.NewCustomRegistry();
        var factory = Prometheus.Metrics.WithCustomRegistry(Registry);
        // The default provider reads Activity.Current on every Inc/Observe; the text format served on
        // /metrics carries no exemplars, so that work would be thrown away.
        factory.ExemplarBehavior = new ExemplarBehavior { DefaultExemplarProvider = (_, _) => Exemplar.None };
        CommonLabels = RumMetrics.CommonLabels.Where(config.Labels.Contains).ToArray();
        _limiters = CommonLabels.Select(l => new LabelLimiter(Cap(config, l), l == ReleaseLabel ? config.LiveReleases : null)).ToArray();
        for (var i = 0; i < _limiters.Length; i++) _limiterByLabel[CommonLabels[i]] = _limiters[i];
        _otherCommon = CommonLabels.Select(_ => RumMetrics.Other).ToArray();
        _transactionNames = new LabelLimiter(Cap(config, TransactionNameLabel));
        _limiterByLabel[TransactionNameLabel] = _transactionNames;
        _budget = new SeriesBudget(config.MaxSeries);

        Counter C(string name, string help, params string[] own) =>
            factory.CreateCounter(name, help, new CounterConfiguration { LabelNames = [.. CommonLabels, .. own] });
        Histogram H(string name, string help, double[] buckets, params string[] own)
        {
            var histogram = factory.CreateHistogram(name, help, new HistogramConfiguration { LabelNames = [.. CommonLabels, .. own], Buckets = buckets });
            _histogramSeries[histogram] = buckets.Length + 3; // + the +Inf bucket, _sum and _count
            return histogram;
        }

        PageViews = C(RumMetrics.PageViews, "Page views by outcome, weighted by 1/sampleRate.", RumLabels.Outcome);
        JsErrors = C(RumMetrics.JsErrors, "Browser errors by kind.", RumLabels.Kind);
        Sessions = C(RumMetrics.Sessions, "Sessions started.");
        ErrorSessions = C(RumMetrics.ErrorSessions, "Sessions with at least one error.");
        Transactions = C(RumMetrics.Transactions, "Business transactions by name and outcome.", RumLabels.Name, RumLabels.Outcome);
        TransactionDuration = H(RumMetrics.TransactionDuration, "Transaction duration in seconds.", RumMetrics.TransactionDurationBuckets, RumLabels.Name);
        ResourceRequests = C(RumMetrics.ResourceRequests, "Resource requests by party and outcome.", RumLabels.Party, RumLabels.Outcome);
        LongTasks = H(RumMetrics.LongTask, "Main-thread long tasks in seconds, by party.", RumMetrics.LongTaskBuckets, RumLabels.Party);
        TraceCorrelated = C(RumMetrics.TraceCorrelated, "Page views carrying a valid traceparent.");
        Vitals = RumMetrics.Vitals.Values.ToDictionary(v => v.Name, v => H(v.Metric,
            v.IsDuration ? $"{v.Name} in seconds." : $"{v.Name} (unitless).",
            BucketsFor(config, v)));
        EventsReceived = factory.CreateCounter(RumMetrics.EventsReceived, "Events received, by type (unweighted).", RumLabels.Type);
        EventsDropped = factory.CreateCounter(RumMetrics.EventsDropped, "Events dropped, by reason (unweighted).", RumLabels.Reason);
        Consent = factory.CreateCounter(RumMetrics.Consent, "Beacons by consent state.", RumLabels.State);
        BeaconsRejected = factory.CreateCounter(CollectorMetricNames.BeaconsRejected, "Requests refused before their events were read, by reason.", RumLabels.Reason);
        Exported = factory.CreateCounter(CollectorMetricNames.ExportedEvents, "Sampled raw events delivered to a sink.", RumLabels.Sink);
        LabelValuesEvicted = factory.CreateCounter(CollectorMetricNames.LabelValuesEvicted, "Label values evicted as least recently seen, their series removed, by label.", RumLabels.Label);
        SampleRateBounded = factory.CreateCounter(CollectorMetricNames.SampleRateBounded, "Beacons whose claimed session.sampleRate was below the app's configured sampleRate (counted at the configured rate).");
        ErrorGroups = new ErrorGroupSeries(factory, _budget, config.MaxErrorGroupsPerApp);
        SourceMaps = new SourceMapCounters(factory);
        var seriesUsed = factory.CreateGauge(CollectorMetricNames.SeriesBudgetUsed, "Series charged against the series budget.");
        factory.CreateGauge(CollectorMetricNames.SeriesBudgetMax, "The series budget (spec.metrics.maxSeries).").Set(config.MaxSeries);
        Registry.AddBeforeCollectCallback(() => seriesUsed.Set(_budget.Used));
    }

    private const string ReleaseLabel = RumLabels.Release;
    private const string TransactionNameLabel = RumLabels.Name;

    public CollectorRegistry Registry { get; }
    public IReadOnlyList<string> CommonLabels { get; }
    public Counter PageViews { get; }
    public Counter JsErrors { get; }
    public Counter Sessions { get; }
    public Counter ErrorSessions { get; }
    public Counter Transactions { get; }
    public Histogram TransactionDuration { get; }
    public Counter ResourceRequests { get; }
    public Histogram LongTasks { get; }
    public Counter TraceCorrelated { get; }
    public IReadOnlyDictionary<VitalName, Histogram> Vitals { get; }
    public Counter EventsReceived { get; }
    public Counter EventsDropped { get; }
    public Counter Consent { get; }
    public Counter BeaconsRejected { get; }
    public Counter Exported { get; }
    public Counter LabelValuesEvicted { get; }
    public Counter SampleRateBounded { get; }
    /// <summary>Error groups (docs/errors.md), charged to the same series budget.</summary>
    public ErrorGroupSeries ErrorGroups { get; }
    public SourceMapCounters SourceMaps { get; }

    public int SeriesUsed => _budget.Used;

    /// <summary>Entries of the index from label values to series (diagnostics): bounded by the live series times the labels.</summary>
    public int IndexedEntries { get { lock (_seriesGate) return _seriesByValue.Values.Sum(ids => ids.Count); } }

    /// <summary>Bounded common label values in <see cref="CommonLabels"/> order, from a label → raw value lookup.</summary>
    public string[] CommonValues(Func<string, string> raw)
    {
        var values = new string[CommonLabels.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = _limiters[i].Admit(raw(CommonLabels[i]), out var evicted);
            if (evicted is not null) Evict(CommonLabels[i], evicted);
        }
        return values;
    }

    /// <summary>Replaces the releases that are never evicted (the config's live releases, on reload).</summary>
    public void PinReleases(IEnumerable<string> releases)
    {
        if (!_limiterByLabel.TryGetValue(ReleaseLabel, out var limiter)) return;
        foreach (var evicted in limiter.Pin(releases)) Evict(ReleaseLabel, evicted);
    }

    /// <summary>
    /// Removes every series carrying an evicted label value from /metrics and gives its cost back to the
    /// budget. Cached tuples are dropped: they may hold the removed children, or folds the freed budget now admits.
    /// </summary>
    private void Evict(string label, string value)
    {
        lock (_seriesGate)
        {
            if (_seriesByValue.Remove((label, value), out var ids))
                foreach (var id in ids)
                {
                    if (!_live.Remove(id, out var series)) continue;
                    series.Remove();
                    _budget.Release(id, series.Cost);
                    // Unindex it under its other values too, or labels that never evict (app, device) would keep every id.
                    foreach (var other in series.IndexedUnder)
                        if (_seriesByValue.TryGetValue(other, out var siblings) && siblings.Remove(id) && siblings.Count == 0)
                            _seriesByValue.Remove(other);
                }
            _series.Clear();
        }
        LabelValuesEvicted.WithLabels(label).Inc();
    }

    /// <summary>The series of one tuple of common values (from <see cref="CommonValues"/>), shared by every beacon that has it.</summary>
    public CommonSeries Series(string[] common)
    {
        if (_series.TryGetValue(common, out var known)) return known;
        var series = new CommonSeries(this, common);
        return _series.Count < MaxCachedTuples ? _series.GetOrAdd(common, series) : series;
    }

    /// <summary>rum_events_received_total for one event type; the child is looked up once, not per event.</summary>
    public Counter.Child Received(EventType type) =>
        _receivedByType[(int)type] ??= EventsReceived.WithLabels(RumEvent.TypeName(type));

    /// <summary>rum_consent_total for one consent state; looked up once, not per beacon.</summary>
    public Counter.Child ConsentCounted(ConsentState state) =>
        _consentByState[(int)state] ??= Consent.WithLabels(ConsentGate.Label(state));

    public string TransactionName(string name)
    {
        var admitted = _transactionNames.Admit(name, out var evicted);
        if (evicted is not null) Evict(TransactionNameLabel, evicted);
        return admitted;
    }

    public Counter.Child Child(Counter metric, string[] common, params string[] own) => Admitted(metric, 1, common, own);

    public Histogram.Child Child(Histogram metric, string[] common, params string[] own) =>
        Admitted(metric, _histogramSeries[metric], common, own);

    /// <summary>
    /// The child for these values, charged to the budget and indexed by its bounded label values so an eviction
    /// can remove it. A value evicted since the caller admitted it folds into __other__ rather than come back
    /// as a series no limiter knows.
    /// </summary>
    private TChild Admitted<TChild>(Collector<TChild> metric, int cost, string[] common, string[] own) where TChild : ChildBase
    {
        string[] values = [.. common, .. own];
        lock (_seriesGate)
        {
            var id = SeriesId(metric.Name, values);
            if (!StillAdmitted(metric, values) || !_budget.Admit(id, cost))
            {
                values = [.. _otherCommon, .. own];
                id = SeriesId(metric.Name, values);
                _budget.Charge(id, cost);
            }
            var child = metric.WithLabels(values);
            if (!_live.ContainsKey(id)) Track(id, cost, () => metric.RemoveLabelled(values), metric.LabelNames, values);
            return child;
        }
    }

    private bool StillAdmitted(Collector metric, string[] values)
    {
        for (var i = 0; i < values.Length; i++)
            if (_limiterByLabel.TryGetValue(metric.LabelNames[i], out var limiter) && !limiter.Contains(values[i])) return false;
        return true;
    }

    private void Track(string id, int cost, Action remove, string[] labels, string[] values)
    {
        var indexedUnder = new List<(string, string)>(values.Length);
        for (var i = 0; i < values.Length; i++)
        {
            if (values[i] == RumMetrics.Other || !_limiterByLabel.ContainsKey(labels[i])) continue;
            var key = (labels[i], values[i]);
            if (!_seriesByValue.TryGetValue(key, out var ids)) _seriesByValue[key] = ids = new HashSet<string>(StringComparer.Ordinal);
            ids.Add(id);
            indexedUnder.Add(key);
        }
        _live[id] = new LiveSeries(cost, remove, indexedUnder);
    }

    /// <summary>A series on /metrics: what it costs the budget, how to remove it, and the label values it is indexed under.</summary>
    private sealed record LiveSeries(int Cost, Action Remove, IReadOnlyList<(string Label, string Value)> IndexedUnder);

    private static string SeriesId(string metric, string[] values) => metric + "\u0001" + string.Join('\u0001', values);

    /// <summary>
    /// The configured boundaries, sorted and de-duplicated: a hand-edited config must not crash the
    /// collector, and prometheus-net requires increasing buckets.
    /// </summary>
    public static double[] BucketsFor(CollectorMetrics config, RumMetrics.Vital vital)
    {
        var configured = config.Buckets.TryGetValue(RumMetrics.VitalKey(vital.Name), out var b) ? b : [];
        var clean = configured.Where(x => double.IsFinite(x) && x > 0).Distinct().Order().ToArray();
        return clean.Length > 0 ? clean : vital.Buckets;
    }

    private static int Cap(CollectorMetrics config, string label) =>
        config.MaxValuesPerLabel.TryGetValue(label, out var max) && max > 0 ? max : config.DefaultMaxValuesPerLabel;

    /// <summary>Tuples of label values compared by content, for interning <see cref="CommonSeries"/>.</summary>
    private sealed class LabelValuesComparer : IEqualityComparer<string[]>
    {
        public static readonly LabelValuesComparer Instance = new();

        public bool Equals(string[]? x, string[]? y) => x.AsSpan().SequenceEqual(y);

        public int GetHashCode(string[] values)
        {
            var hash = new HashCode();
            foreach (var value in values) hash.Add(value, StringComparer.Ordinal);
            return hash.ToHashCode();
        }
    }
}
