namespace RumOperator.Runtime.Queue;

/// <summary>Base·2^(failures−1), capped: the per-item limiter of client-go's workqueue.</summary>
public sealed record ExponentialBackoff(TimeSpan Base, TimeSpan Max)
{
    public static ExponentialBackoff Default { get; } = new(TimeSpan.FromMilliseconds(10), TimeSpan.FromMinutes(5));

    public TimeSpan For(int failures)
    {
        if (failures <= 0) return TimeSpan.Zero;
        // Beyond 2^40 any sane base is past the cap; clamping the exponent avoids overflow.
        var delay = Base.TotalMilliseconds * Math.Pow(2, Math.Min(failures - 1, 40));
        return delay >= Max.TotalMilliseconds ? Max : TimeSpan.FromMilliseconds(delay);
    }
}
