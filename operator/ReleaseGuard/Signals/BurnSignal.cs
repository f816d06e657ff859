namespace RumOperator.ReleaseGuard;

public enum SignalSource { Alertmanager, Prometheus }

/// <summary>"Release R of RumSLO S burns its budget at X× with N events": what every signal path yields.</summary>
public sealed record BurnSignal(string Namespace, string Slo, string Release, double BurnRate, long Events, SignalSource Source)
{
    public override string ToString() => $"{Namespace}/{Slo} release {Release} burns at {BurnRate:0.##}x with {Events} events ({Source})";
}
