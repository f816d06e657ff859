using System.Text.Json.Nodes;
using RumOperator.Api;

namespace RumOperator.ReleaseGuard;

/// <summary>Everything an action needs: the SLO (typed and as stored), the signal and the decision time.</summary>
public sealed record RollbackContext(RumSlo Slo, JsonObject SloObject, BurnSignal Signal, DateTimeOffset Now)
{
    public RollbackSpec Rollback => Slo.Spec.Rollback!;
}

/// <param name="Result">One of <see cref="RollbackResults"/>.</param>
/// <param name="Target">The object acted on, for its Event; null for a webhook.</param>
/// <param name="Commit">git: the commit that holds the restored release.</param>
/// <param name="Branch">git: the branch of that commit.</param>
public sealed record ActionResult(string Result, string Message, JsonObject? Target = null, string? Commit = null, string? Branch = null)
{
    public static ActionResult Succeeded(string message, JsonObject? target = null) => new(RollbackResults.Succeeded, message, target);
    public static ActionResult Failed(string message, JsonObject? target = null) => new(RollbackResults.Failed, message, target);
    public static ActionResult Refused(string message, JsonObject? target = null) => new(RollbackResults.Refused, message, target);
}

/// <summary>One way of rolling back, chosen by spec.rollback.target.kind.</summary>
public interface IRollbackAction
{
    RollbackTargetKind Kind { get; }
    Task<ActionResult> ExecuteAsync(RollbackContext context, CancellationToken ct);
}
