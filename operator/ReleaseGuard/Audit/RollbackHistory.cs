using RumOperator.Api;

namespace RumOperator.ReleaseGuard;

/// <summary>
/// Pure: where a record goes in the status. Failed attempts go to status.failedRollbacks, so however many there
/// are they never push a Succeeded or Refused record (what "once per release" and the cooldown read) out of
/// status.rollbacks. A record replaces the InProgress claim of its release.
/// </summary>
public static class RollbackHistory
{
    public static (List<RollbackRecord> Rollbacks, List<RollbackRecord> Failed) With(RumSloStatus? status, RollbackRecord record, int maxRecords, int maxFailed)
    {
        var rollbacks = (status?.Rollbacks ?? []).Where(r => !(r.Release == record.Release && r.Result == RollbackResults.InProgress)).ToList();
        var failed = (status?.FailedRollbacks ?? []).ToList();
        if (record.Result == RollbackResults.Failed) failed.Add(record);
        else rollbacks.Add(record);
        return ([.. rollbacks.TakeLast(maxRecords)], [.. failed.TakeLast(maxFailed)]);
    }

    /// <summary>An InProgress record is a claim while its action may still run; older than this it is a crashed attempt.</summary>
    public static bool IsLiveClaim(RollbackRecord record, DateTimeOffset now, TimeSpan claimTimeout) =>
        record.Result == RollbackResults.InProgress && now - record.Time.ToUniversalTime() <= claimTimeout;
}
