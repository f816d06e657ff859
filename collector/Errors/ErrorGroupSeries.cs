using System.Collections.Concurrent;
using Prometheus;
using RumCollector.Metrics;
using RumOperator.Metrics;
using static RumOperator.Metrics.ErrorGroupMetrics;

namespace RumCollector.Errors;

/// <summary>
/// The error-group metrics (<see cref="ErrorGroupMetrics"/>) with a bounded number of series: per app,
/// at most <c>maxGroupsPerApp</c> slots, given to the heaviest groups by a <see cref="SpaceSaving"/>
/// sketch; every other group is counted as __other__. A group needs <see cref="MinEventsForSeries"/>
/// guaranteed events to take a slot, so a flood of one-off messages never does; when all slots are
/// taken, a group whose guaranteed count passes the estimate of the lightest slot's group takes that
/// slot (the old group's series are removed). Slots, not groups, are charged to the collector's
/// <see cref="SeriesBudget"/>, so a slot that changes hands costs nothing new and /metrics stays
/// within both caps.
/// </summary>
public sealed class ErrorGroupSeries
{
    public const int MinEventsForSeries = 2;
    /// <summary>
    /// Keys the sketch monitors per app: several per slot, and enough that a real group recurring among
    /// a flood of one-off messages is not pushed out between its occurrences (a few dozen KiB per app).
    /// </summary>
    public static int SketchKeys(int slots) => Math.Max(256, slots * 8);
    /// <summary>Series of one slot and release: events and sessions.</summary>
    private const int CountCost = 2;

    private readonly Counter _events;
    private readonly Counter _sessions;
    private readonly Gauge _info;
    private readonly SeriesBudget _budget;
    private readonly int _maxGroups;
    private readonly ConcurrentDictionary<string, AppGroups> _apps = new(StringComparer.Ordinal);

    public ErrorGroupSeries(MetricFactory factory, SeriesBudget budget, int maxGroupsPerApp)
    {
        _budget = budget;
        _maxGroups = Math.Max(1, maxGroupsPerApp);
        _events = factory.CreateCounter(Events, "JavaScript errors per error group (top groups per app, the rest __other__).", [.. CountLabels]);
        _sessions = factory.CreateCounter(Sessions, "Sessions that saw an error group for the first time.", [.. CountLabels]);
        _info = factory.CreateGauge(Info, "Always 1: the type, normalized message and top in-app frame of an error group.", [.. InfoLabels]);
    }

    public int MaxGroupsPerApp => _maxGroups;

    /// <summary>Counts one error; returns the group label it was counted under (its id or __other__).</summary>
    /// <param name="frame">The top frame's label: symbolicated when <paramref name="symbolicated"/>, else as the browser sent it.</param>
    public string Record(string app, string release, Fingerprint fingerprint, string? frame, bool symbolicated, bool firstInSession, double weight)
    {
        var groups = _apps.GetOrAdd(app, a => new AppGroups(a, SketchKeys(_maxGroups), _maxGroups));
        (Counter.Child Events, Counter.Child Sessions) children;
        string label;
        lock (groups)
        {
            var slot = groups.SlotFor(fingerprint.Group, this);
            if (slot is not null) slot.Describe(this, fingerprint, frame, symbolicated);
            var own = slot?.Children(this, release);
            label = own is null ? RumMetrics.Other : fingerprint.Group;
            children = own ?? groups.Other(this, release);
        }
        children.Events.Inc(weight);
        if (firstInSession) children.Sessions.Inc(weight);
        return label;
    }

    private static string Cut(string text, int max) => text.Length <= max ? text : text[..max];

    private sealed class AppGroups(string app, int sketchKeys, int maxSlots)
    {
        public readonly string App = app;
        private readonly SpaceSaving _sketch = new(sketchKeys);
        private readonly List<Slot> _slots = [];
        private readonly Dictionary<string, Slot> _byGroup = new(StringComparer.Ordinal);
        private readonly Dictionary<string, (Counter.Child, Counter.Child)> _other = new(StringComparer.Ordinal);
        private bool _budgetFull;

        public Slot? SlotFor(string group, ErrorGroupSeries owner)
        {
            var (_, guaranteed) = _sketch.Add(group);
            if (_byGroup.TryGetValue(group, out var slot)) return slot;
            if (guaranteed < MinEventsForSeries) return null;
            if (_slots.Count < maxSlots && !_budgetFull)
            {
                slot = new Slot(this, _slots.Count);
                if (!owner._budget.Admit(slot.InfoKey, 1)) { _budgetFull = true; return null; }
                _slots.Add(slot);
            }
            else
            {
                slot = _slots.Count == 0 ? null : _slots.MinBy(s => _sketch.Estimate(s.Group!));
                if (slot is null || _sketch.Estimate(slot.Group!) >= guaranteed) return null;
                _byGroup.Remove(slot.Group!);
                slot.Clear();
            }
            slot.Group = group;
            _byGroup[group] = slot;
            return slot;
        }

        public (Counter.Child, Counter.Child) Other(ErrorGroupSeries owner, string release)
        {
            if (_other.TryGetValue(release, out var children)) return children;
            string[] labels = [App, release, RumMetrics.Other];
            owner._budget.Charge(SeriesKey(App, release, RumMetrics.Other), CountCost);
            return _other[release] = (owner._events.WithLabels(labels), owner._sessions.WithLabels(labels));
        }
    }

    private static string SeriesKey(string app, string release, string slot) => Events + "\u0001" + app + "\u0001" + release + "\u0001" + slot;

    private sealed class Slot(AppGroups app, int index)
    {
        private readonly Dictionary<string, (Counter.Child, Counter.Child)?> _byRelease = new(StringComparer.Ordinal);
        private Gauge.Child? _info;
        private bool _infoSymbolicated;

        public string? Group;
        public string InfoKey => Info + "\u0001" + app.App + "\u0001#" + index;

        /// <summary>This slot's series for a release, or null when the series budget refused them.</summary>
        public (Counter.Child, Counter.Child)? Children(ErrorGroupSeries owner, string release)
        {
            if (_byRelease.TryGetValue(release, out var known)) return known;
            (Counter.Child, Counter.Child)? children = null;
            if (owner._budget.Admit(SeriesKey(app.App, release, "#" + index), CountCost))
            {
                string[] labels = [app.App, release, Group!];
                children = (owner._events.WithLabels(labels), owner._sessions.WithLabels(labels));
            }
            return _byRelease[release] = children;
        }

        /// <summary>Sets the info series; a raw frame is replaced once a symbolicated one arrives.</summary>
        public void Describe(ErrorGroupSeries owner, Fingerprint fingerprint, string? frame, bool symbolicated)
        {
            if (_info is not null && (_infoSymbolicated || !symbolicated)) return;
            _info?.Remove();
            _info = owner._info.WithLabels(app.App, Group!, Cut(fingerprint.Type, MaxMessageLabel),
                Cut(fingerprint.Message, MaxMessageLabel), Cut(frame ?? "", MaxFrameLabel));
            _info.Set(1);
            _infoSymbolicated = symbolicated;
        }

        /// <summary>Removes the series of the group leaving the slot; the budget keeps the slot's charge for the next.</summary>
        public void Clear()
        {
            foreach (var children in _byRelease.Values)
                if (children is var (events, sessions)) { events.Remove(); sessions.Remove(); }
            _byRelease.Clear();
            _info?.Remove();
            _info = null;
            _infoSymbolicated = false;
            Group = null;
        }
    }
}
