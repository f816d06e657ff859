namespace RumOperator.ReleaseGuard;

public enum SignalSource { Alertmanager, Prometheus }

/// <summary>"Release R of RumSLO S burns its budget at X× with N events": what every signal path yields.</summary>
/// <param name="Labels">The alert's labels as Alertmanager sent them (null for the poller): checked against the rule the operator renders.</param>
public sealed record BurnSignal(string Namespace, string Slo, string Release, double BurnRate, long Events, SignalSource Source,
    IReadOnlyDictionary<string, string>? Labels = null)
{
    /// <summary>Signals with the same key are merged in the queue: the newest stands for all.</summary>
    public (string Namespace, string Slo, string Release) Key => (Namespace, Slo, Release);

    public override string ToString() => $"{Namespace}/{Slo} release {Release} burns at {BurnRate:0.##}x with {Events} events ({Source})";
}
