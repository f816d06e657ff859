using RumOperator.Api;

namespace RumCollector.Sampling;

/// <summary>
/// A factor in [minRate, 1] that steers this replica's exported events per second toward the
/// target: each one-second window, factor = target / (events the rules alone would export),
/// smoothed so one spike does not swing it.
/// </summary>
public sealed class AdaptiveRate(AdaptiveSpec spec, TimeProvider time)
{
    private const double Smoothing = 0.5;
    private readonly Lock _gate = new();
    private long _windowStart = time.GetTimestamp();
    private double _candidates;
    private double _factor = 1;

    public double Factor { get { lock (_gate) { Roll(); return _factor; } } }

    /// <summary>Records events that passed the rules (before the adaptive factor).</summary>
    public void Observe(int events)
    {
        lock (_gate) { Roll(); _candidates += events; }
    }

    private void Roll()
    {
        var elapsed = time.GetElapsedTime(_windowStart);
        if (elapsed < TimeSpan.FromSeconds(1)) return;
        var perSecond = _candidates / elapsed.TotalSeconds;
        var wanted = perSecond <= 0 ? 1 : Math.Min(1, spec.TargetEventsPerSecond / perSecond);
        _factor = Math.Clamp(Smoothing * _factor + (1 - Smoothing) * wanted, Math.Max(spec.MinRate, 1e-6), 1);
        _candidates = 0;
        _windowStart = time.GetTimestamp();
    }
}
