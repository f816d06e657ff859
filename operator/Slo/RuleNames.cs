namespace RumOperator.Slo;

/// <summary>Recording-rule and alert names (level:metric:operations), shared by every RumSLO and told apart by labels.</summary>
public static class RuleNames
{
    public static string BurnRate(TimeSpan window) => $"slo:rum_burn_rate:ratio_rate{PromQl.Duration(window)}";
    public static string Sli(TimeSpan window) => $"slo:rum_sli:ratio_rate{PromQl.Duration(window)}";
    /// <summary>Base recordings on the raw counters (bad and all events per second); every other series derives from them.</summary>
    public static string BadEventRate(TimeSpan window) => $"slo:rum_bad_events:rate{PromQl.Duration(window)}";
    public static string EventRate(TimeSpan window) => $"slo:rum_events:rate{PromQl.Duration(window)}";
    public const string ErrorBudgetRemaining = "slo:rum_error_budget_remaining:ratio";

    public const string PageAlert = "RumSLOPageBurn";
    public const string TicketAlert = "RumSLOTicketBurn";
    public const string NoDataAlert = "RumSLONoData";

    /// <summary>Labels every series and alert of an SLO carries.</summary>
    public const string SloLabel = "slo";
    public const string NamespaceLabel = "namespace";

    /// <summary>Page-alert annotations the release guard reads: Alertmanager's payload carries no sample values.</summary>
    public const string BurnRateAnnotation = "burn_rate";
    public const string EventsAnnotation = "events";

    public static string PrometheusRuleName(string sloName) => $"rumslo-{sloName}";
}
