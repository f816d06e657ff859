namespace RumOperator.ReleaseGuard;

/// <summary>
/// Whether this replica leads (holds the operator's Lease). The poller polls only on the leader, so replicas do not
/// multiply the Prometheus load; decisions are safe on any replica (the claim in the RumSLO's status).
/// </summary>
public interface IGuardLeadership
{
    bool IsLeader { get; }
}

/// <summary>Without leader election every replica leads (one replica, or tests).</summary>
public sealed class AlwaysLeader : IGuardLeadership
{
    public bool IsLeader => true;
}
