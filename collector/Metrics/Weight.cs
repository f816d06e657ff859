namespace RumCollector.Metrics;

/// <summary>
/// How many real events one received event stands for: 1/sampleRate. Counters take it exactly;
/// histogram counts are integers, so they round stochastically, which keeps them unbiased.
/// </summary>
public readonly record struct Weight(double Value)
{
    public static Weight FromSampleRate(double rate) => new(1.0 / rate);

    public long ForHistogram(Random random)
    {
        var whole = Math.Floor(Value);
        return (long)whole + (random.NextDouble() < Value - whole ? 1 : 0);
    }
}
