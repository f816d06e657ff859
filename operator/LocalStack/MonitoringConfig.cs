using RumOperator.Slo;

namespace RumOperator.LocalStack;

/// <summary>A collector Prometheus scrapes, labelled as a ServiceMonitor's target would be.</summary>
public sealed record ScrapeTarget(string Job, string Namespace, string Address);

/// <summary>
/// Prometheus's and Alertmanager's configuration for one machine (pure). Prometheus scrapes and evaluates every
/// second (the SLOs are time-scaled) and loads the rules file the operator's PrometheusRules are written to;
/// Alertmanager sends page alerts to the operator's receiver with the bearer token, fast and repeating.
/// </summary>
public static class MonitoringConfig
{
    public const string RulesFile = "rules.yaml";

    /// <param name="alertmanagerPort">Where alerts go; null sends none (rules only).</param>
    public static string Prometheus(IEnumerable<ScrapeTarget> targets, int? alertmanagerPort)
    {
        var jobs = string.Concat(targets.Select(t => $"""

            - job_name: {t.Job}
              static_configs:
              - targets: ["{t.Address}"]
                labels: {"{"} namespace: "{t.Namespace}" {"}"}
            """));
        return $"""
            global: {"{"} scrape_interval: 1s, evaluation_interval: 1s {"}"}
            rule_files: [{RulesFile}]
            {(alertmanagerPort is { } am ? $"alerting: {{ alertmanagers: [{{ static_configs: [{{ targets: [\"127.0.0.1:{am}\"] }}] }}] }}" : "")}
            scrape_configs:{(jobs.Length == 0 ? " []" : jobs)}

            """;
    }

    public static string Alertmanager(string receiverUrl, string tokenFile) => $"""
        route:
          receiver: blackhole
          routes:
          - receiver: rum-operator
            matchers: ['alertname="{RuleNames.PageAlert}"']
            group_by: [alertname, slo, namespace, release]
            group_wait: 1s
            group_interval: 1s
            repeat_interval: 5s
        receivers:
        - name: blackhole
        - name: rum-operator
          webhook_configs:
          - url: {receiverUrl}
            send_resolved: true
            http_config:
              authorization: {"{"} type: Bearer, credentials_file: "{tokenFile}" {"}"}

        """;
}
