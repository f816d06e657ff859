using RumOperator.Runtime.Client;

namespace RumOperator.Runtime.Controllers;

/// <summary>
/// Drives the object named by key towards its desired state, level-based: it reads current state itself and must be
/// safe to call any number of times. Throwing means "retry with backoff".
/// </summary>
public interface IReconciler
{
    Task<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken ct);
}

/// <summary>Done, or come back after a fixed delay (e.g. to poll something no watch reports).</summary>
public readonly record struct ReconcileResult(TimeSpan? Delay)
{
    public static ReconcileResult Done => default;
    public static ReconcileResult RequeueAfter(TimeSpan delay) => new(delay);
}
