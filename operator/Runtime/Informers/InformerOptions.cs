using RumOperator.Runtime.Queue;

namespace RumOperator.Runtime.Informers;

public sealed record InformerOptions
{
    /// <summary>How often every cached object is replayed to the handlers, so missed or external drift is repaired; null disables.</summary>
    public TimeSpan? ResyncPeriod { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Delay between failed list/watch attempts.</summary>
    public ExponentialBackoff Backoff { get; init; } = new(TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(30));

    /// <summary>A watch that lasted this long counts as healthy even without events, resetting the backoff.</summary>
    public TimeSpan HealthyWatchDuration { get; init; } = TimeSpan.FromSeconds(30);
}
