using k8s;

namespace RumOperator.Runtime.Hosting;

/// <summary>Lease-based leader election; the defaults are client-go's (15 s lease, 10 s renew deadline, 2 s retry).</summary>
public sealed record LeaderElectionOptions(IKubernetes Client, string Namespace, string LeaseName, string Identity)
{
    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromSeconds(15);
    public TimeSpan RenewDeadline { get; init; } = TimeSpan.FromSeconds(10);
    public TimeSpan RetryPeriod { get; init; } = TimeSpan.FromSeconds(2);
}

/// <summary>Thrown when a leader loses its Lease: the process should exit so a restarted replica rejoins cleanly.</summary>
public sealed class LeadershipLostException(string identity)
    : Exception($"{identity} lost the leader election lease; stopping controllers");
