namespace RumCollector.Metrics;

/// <summary>
/// How many real events one received event stands for: 1/sampleRate, bounded by the app's configured rate. Counters take it exactly;
/// histogram counts are integers, so they round stochastically, which keeps them unbiased.
/// </summary>
public readonly record struct Weight(double Value)
{
    public static Weight FromSampleRate(double rate) => new(1.0 / rate);

    /// <summary>
    /// The weight of a beacon: its claimed rate, never below what the server allows for its app, so one
    /// client's claim cannot make an event stand for more sessions than the configuration says.
    /// </summary>
    public static Weight Bounded(double claimed, double minimum) => FromSampleRate(Math.Max(claimed, minimum));

    public long ForHistogram(Random random)
    {
        var whole = Math.Floor(Value);
        return (long)whole + (random.NextDouble() < Value - whole ? 1 : 0);
    }
}
