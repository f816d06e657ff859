using System.Globalization;
using RumOperator.Metrics;
using RumOperator.Slo;

namespace RumOperator.ReleaseGuard;

/// <summary>An alert that yields no signal, and why (resolved, another alert, a missing label...).</summary>
public sealed record SkippedAlert(int Index, string Reason, string Detail);

/// <summary>What one webhook body yields: burn signals and the alerts that were skipped.</summary>
public sealed record AlertReading(IReadOnlyList<BurnSignal> Signals, IReadOnlyList<SkippedAlert> Skipped);

/// <summary>Pure: an Alertmanager v4 payload → burn signals. Only firing RumSLOPageBurn alerts count.</summary>
public static class AlertSignalReader
{
    public const string SupportedVersion = "4";

    /// <summary>Why the payload as a whole is unusable, naming the field; null when it can be read.</summary>
    public static string? Invalid(AlertmanagerPayload? payload) => payload switch
    {
        null => "body: expected an Alertmanager webhook payload (JSON object)",
        { Version: not SupportedVersion } => $"version: '{payload.Version}' is not supported; Alertmanager sends version {SupportedVersion}",
        { Alerts: null } => "alerts: required",
        _ => null,
    };

    public static AlertReading Read(AlertmanagerPayload payload)
    {
        var signals = new List<BurnSignal>();
        var skipped = new List<SkippedAlert>();
        for (var i = 0; i < payload.Alerts!.Count; i++)
        {
            var (signal, skip) = ReadOne(i, payload.Alerts[i]);
            if (signal is not null) signals.Add(signal);
            if (skip is not null) skipped.Add(skip);
        }
        return new AlertReading(signals, skipped);
    }

    private static (BurnSignal?, SkippedAlert?) ReadOne(int i, AlertmanagerAlert? alert)
    {
        if (alert is null) return (null, new SkippedAlert(i, "bad_alert", $"alerts[{i}]: an alert object is required"));
        var labels = alert.Labels ?? [];
        var annotations = alert.Annotations ?? [];
        var name = labels.GetValueOrDefault("alertname");
        if (name != RuleNames.PageAlert) return (null, new SkippedAlert(i, "other_alert", $"alerts[{i}].labels.alertname: '{name}' is not {RuleNames.PageAlert}"));
        if (alert.Status != "firing") return (null, new SkippedAlert(i, "not_firing", $"alerts[{i}].status: '{alert.Status}'"));
        foreach (var label in new[] { RuleNames.SloLabel, RuleNames.NamespaceLabel, RumLabels.Release })
            if (string.IsNullOrEmpty(labels.GetValueOrDefault(label)))
                return (null, new SkippedAlert(i, "missing_label", $"alerts[{i}].labels.{label}: required (is release in the RumSLO's groupBy?)"));
        if (!TryNumber(annotations, RuleNames.BurnRateAnnotation, out var burn))
            return (null, new SkippedAlert(i, "missing_annotation", $"alerts[{i}].annotations.{RuleNames.BurnRateAnnotation}: a number is required"));
        if (!TryNumber(annotations, RuleNames.EventsAnnotation, out var events))
            return (null, new SkippedAlert(i, "missing_annotation", $"alerts[{i}].annotations.{RuleNames.EventsAnnotation}: a number is required (rules rendered by an older operator?)"));
        return (new BurnSignal(labels[RuleNames.NamespaceLabel], labels[RuleNames.SloLabel], labels[RumLabels.Release], burn, (long)Math.Round(events), SignalSource.Alertmanager, labels), null);
    }

    private static bool TryNumber(Dictionary<string, string> annotations, string key, out double value)
    {
        value = 0;
        return annotations.TryGetValue(key, out var text)
               && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value)
               && double.IsFinite(value) && value >= 0;
    }
}
