using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using RumOperator.Api;
using RumOperator.Runtime.Client;
using RumOperator.Serialization;

namespace RumOperator.ReleaseGuard;

/// <summary>
/// The trail of every verdict acted on: a status record (which is also what makes the guard act once per release
/// across restarts and replicas), an Event on the RumSLO and on the target, a metric and a log line. Status is
/// written with the RumSLO's resourceVersion as precondition: a concurrent writer yields 409, never a lost record.
/// </summary>
public sealed class RollbackAudit(IClusterClient cluster, ReleaseGuardMetrics metrics, ReleaseGuardOptions options, ILogger<RollbackAudit> logger)
{
    private const int FinishAttempts = 5;

    /// <summary>
    /// Claims the release before acting: an InProgress record written conditionally on the resourceVersion the
    /// decision read. Throws a 409 <see cref="KubernetesApiException"/> when another decider wrote first; the
    /// caller decides again on a fresh read (and then sees that decider's claim).
    /// </summary>
    public Task<JsonObject> ClaimAsync(RollbackContext context, string action, CancellationToken ct) =>
        WriteAsync(context.SloObject, Record(context, action, new ActionResult(RollbackResults.InProgress, "acting")), ct);

    /// <summary>
    /// A verdict that needs no action (a refusal, a dry run), written once conditionally on the resourceVersion the
    /// decision read, then Events, metric and log. A 409 propagates: the caller decides again on a fresh read, so two
    /// deciders never both record the same release.
    /// </summary>
    public async Task<RollbackRecord> CommitAsync(RollbackContext context, string action, ActionResult result, CancellationToken ct)
    {
        var record = Record(context, action, result);
        await WriteAsync(context.SloObject, record, ct).ConfigureAwait(false);
        await AnnounceAsync(context, action, result, record, ct).ConfigureAwait(false);
        return record;
    }

    /// <summary>Writes the outcome of an action (replacing its claim), then Events, metric and log. A conflict re-reads and writes again.</summary>
    public async Task<RollbackRecord> RecordAsync(RollbackContext context, string action, ActionResult result, CancellationToken ct)
    {
        var record = Record(context, action, result);
        var slo = context.SloObject;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await WriteAsync(slo, record, ct).ConfigureAwait(false);
                break;
            }
            catch (KubernetesApiException e) when (e.IsConflict && attempt < FinishAttempts)
            {
                slo = await cluster.GetAsync(ApiGroup.ApiVersion, RumSlo.KindName, context.Slo.Namespace, context.Slo.Name, ct).ConfigureAwait(false)
                      ?? throw KubernetesApiException.NotFound($"RumSLO {context.Slo.Namespace}/{context.Slo.Name}");
            }
        }
        await AnnounceAsync(context, action, result, record, ct).ConfigureAwait(false);
        return record;
    }

    private async Task AnnounceAsync(RollbackContext context, string action, ActionResult result, RollbackRecord record, CancellationToken ct)
    {
        var signal = context.Signal;
        var dryRun = action == RollbackResults.DryRunAction;
        var (type, reason) = (result.Result, dryRun) switch
        {
            (RollbackResults.Succeeded, true) => (EventType.Normal, "RollbackDryRun"),
            (RollbackResults.Succeeded, false) => (EventType.Warning, "RolledBack"),
            (RollbackResults.Refused, _) => (EventType.Warning, "RollbackRefused"),
            _ => (EventType.Warning, "RollbackFailed"),
        };
        var note = $"Release {signal.Release} burns its error budget at {record.BurnRate}x with {signal.Events} events: {result.Message}";
        await cluster.RecordEventAsync(context.SloObject, type, reason, "Rollback", note, ct).ConfigureAwait(false);
        if (result.Target is { } target) await cluster.RecordEventAsync(target, type, reason, "Rollback", note, ct).ConfigureAwait(false);

        metrics.Rollbacks.WithLabels(dryRun ? "dry_run" : result.Result.ToLowerInvariant()).Inc();
        logger.Log(result.Result == RollbackResults.Succeeded ? LogLevel.Warning : LogLevel.Error,
            "Rollback {Result} for RumSLO {Namespace}/{Slo} release {Release} (burn {BurnRate}x, {Events} events, action {Action}, source {Source}): {Message}",
            result.Result, signal.Namespace, signal.Slo, signal.Release, record.BurnRate, signal.Events, action, signal.Source, result.Message);
    }

    /// <summary>PUT of the status subresource carrying the read resourceVersion; every other status field is sent back as read.</summary>
    private Task<JsonObject> WriteAsync(JsonObject sloObject, RollbackRecord record, CancellationToken ct)
    {
        var status = sloObject["status"]?.Deserialize<RumSloStatus>(RumJson.Lenient);
        var (rollbacks, failed) = RollbackHistory.With(status, record, options.MaxRollbackRecords, options.MaxFailedRecords);
        var next = sloObject.DeepClone().AsObject();
        var nextStatus = next["status"] as JsonObject ?? [];
        nextStatus["rollbacks"] = JsonSerializer.SerializeToNode(rollbacks, RumJson.Lenient);
        nextStatus["failedRollbacks"] = JsonSerializer.SerializeToNode(failed, RumJson.Lenient);
        next["status"] = nextStatus;
        return cluster.ReplaceStatusAsync(next, ct);
    }

    private static RollbackRecord Record(RollbackContext context, string action, ActionResult result) => new()
    {
        Release = context.Signal.Release,
        Time = TruncateToSeconds(context.Now),
        BurnRate = context.Signal.BurnRate.ToString("0.##", CultureInfo.InvariantCulture),
        Events = context.Signal.Events,
        Action = action,
        Result = result.Result,
        Message = result.Message,
        Commit = result.Commit,
        Branch = result.Branch,
    };

    private static DateTime TruncateToSeconds(DateTimeOffset t)
    {
        var utc = t.UtcDateTime;
        return new DateTime(utc.Ticks - utc.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc);
    }
}
