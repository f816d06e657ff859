using RumOperator.Metrics;
using RumOperator.Slo;

namespace RumOperator.ReleaseGuard;

/// <summary>
/// Pure: could the page alert rule the operator renders for this RumSLO have produced this alert? Every label the
/// rule sets must be there with the rule's value (alertname, slo, namespace, severity, the tier's labels), and the
/// alert's release must be one of the rule's groups. Labels the rule does not set may be Prometheus' external labels.
/// </summary>
public static class AlertOrigin
{
    /// <summary>Why the alert cannot come from the rule, or null when it can.</summary>
    public static string? Mismatch(BurnSignal signal, PageQueries page)
    {
        if (!page.GroupBy.Contains(RumLabels.Release))
            return "the rendered page alert does not group by release";
        if (signal.Labels is not { } labels) return null;
        foreach (var (name, value) in page.AlertLabels)
            if (!labels.TryGetValue(name, out var got) || got != value)
                return $"labels.{name}: '{got}' is not what the rule rendered for RumSLO {signal.Namespace}/{signal.Slo} sets ('{value}')";
        return null;
    }

    /// <summary>The series of <paramref name="samples"/> that is the signal's own group: same release, same other group labels when the alert carries them.</summary>
    public static PrometheusApi.PromSample? SameGroup(BurnSignal signal, PageQueries page, IEnumerable<PrometheusApi.PromSample> samples) =>
        samples.FirstOrDefault(s => page.GroupBy.All(label =>
        {
            var want = label == RumLabels.Release ? signal.Release : signal.Labels?.GetValueOrDefault(label);
            return want is null || s.Labels.GetValueOrDefault(label, "") == want;
        }));
}
