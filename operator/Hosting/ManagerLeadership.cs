using RumOperator.ReleaseGuard;
using RumOperator.Runtime.Hosting;

namespace RumOperator.Hosting;

/// <summary>The release guard's view of the controller manager's Lease: it leads while the controllers run.</summary>
public sealed class ManagerLeadership(ControllerManager manager) : IGuardLeadership
{
    public bool IsLeader => manager.IsLeading;
}
