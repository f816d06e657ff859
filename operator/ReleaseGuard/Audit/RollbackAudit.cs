using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using RumOperator.Api;
using RumOperator.Runtime.Client;
using RumOperator.Serialization;

namespace RumOperator.ReleaseGuard;

/// <summary>
/// The trail of every verdict acted on: an Event on the RumSLO and on the target, a status.rollbacks record
/// (which is also what makes the guard act once per release across restarts), a metric and a log line.
/// </summary>
public sealed class RollbackAudit(IClusterClient cluster, ReleaseGuardMetrics metrics, ReleaseGuardOptions options, ILogger<RollbackAudit> logger)
{
    public async Task<RollbackRecord> RecordAsync(RollbackContext context, string action, ActionResult result, CancellationToken ct)
    {
        var signal = context.Signal;
        var record = new RollbackRecord
        {
            Release = signal.Release,
            Time = TruncateToSeconds(context.Now),
            BurnRate = signal.BurnRate.ToString("0.##", CultureInfo.InvariantCulture),
            Events = signal.Events,
            Action = action,
            Result = result.Result,
            Message = result.Message,
            Commit = result.Commit,
            Branch = result.Branch,
        };
        var dryRun = action == RollbackResults.DryRunAction;
        var (type, reason) = (result.Result, dryRun) switch
        {
            (RollbackResults.Succeeded, true) => (EventType.Normal, "RollbackDryRun"),
            (RollbackResults.Succeeded, false) => (EventType.Warning, "RolledBack"),
            (RollbackResults.Refused, _) => (EventType.Warning, "RollbackRefused"),
            _ => (EventType.Warning, "RollbackFailed"),
        };
        var note = $"Release {signal.Release} burns its error budget at {record.BurnRate}x with {signal.Events} events: {result.Message}";

        // Status first: it is the idempotency record; Events are best effort.
        await AppendStatusAsync(context, record, ct).ConfigureAwait(false);
        await cluster.RecordEventAsync(context.SloObject, type, reason, "Rollback", note, ct).ConfigureAwait(false);
        if (result.Target is { } target) await cluster.RecordEventAsync(target, type, reason, "Rollback", note, ct).ConfigureAwait(false);

        var metricResult = dryRun ? "dry_run" : result.Result.ToLowerInvariant();
        metrics.Rollbacks.WithLabels(metricResult).Inc();
        logger.Log(result.Result == RollbackResults.Succeeded ? LogLevel.Warning : LogLevel.Error,
            "Rollback {Result} for RumSLO {Namespace}/{Slo} release {Release} (burn {BurnRate}x, {Events} events, action {Action}, source {Source}): {Message}",
            result.Result, signal.Namespace, signal.Slo, signal.Release, record.BurnRate, signal.Events, action, signal.Source, result.Message);
        return record;
    }

    /// <summary>
    /// A merge patch of status.rollbacks alone: arrays are replaced whole, so send the stored list plus the new
    /// record (the newest <see cref="ReleaseGuardOptions.MaxRollbackRecords"/>); every other status field is untouched.
    /// </summary>
    private Task AppendStatusAsync(RollbackContext context, RollbackRecord record, CancellationToken ct)
    {
        var stored = context.Slo.Status?.Rollbacks ?? [];
        var rollbacks = stored.Append(record).TakeLast(options.MaxRollbackRecords).ToList();
        var status = new JsonObject { ["rollbacks"] = JsonSerializer.SerializeToNode(rollbacks, RumJson.Lenient) };
        return cluster.PatchStatusAsync(ApiGroup.ApiVersion, RumSlo.KindName, context.Slo.Namespace, context.Slo.Name, status, ct);
    }

    private static DateTime TruncateToSeconds(DateTimeOffset t)
    {
        var utc = t.UtcDateTime;
        return new DateTime(utc.Ticks - utc.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc);
    }
}
