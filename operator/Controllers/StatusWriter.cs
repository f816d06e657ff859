using System.Text.Json.Nodes;
using RumOperator.Api;
using RumOperator.Runtime.Client;
using RumOperator.Runtime.Status;

namespace RumOperator.Controllers;

/// <summary>Writes a <see cref="StatusDraft{TStatus}"/> when it changed and records an Event when Ready changed status or reason.</summary>
public sealed class StatusWriter(IClusterClient client)
{
    public async Task WriteAsync<TStatus>(JsonObject resource, StatusDraft<TStatus> draft, Condition ready, CancellationToken ct)
        where TStatus : class, ICustomResourceStatus
    {
        draft.SetCondition(ready);
        if (draft.Patch is { } patch)
            await client.PatchStatusAsync(ObjectMeta.ApiVersion(resource)!, ObjectMeta.Kind(resource)!, ObjectMeta.Namespace(resource),
                ObjectMeta.Name(resource), patch, ct).ConfigureAwait(false);

        var before = Conditions.Get(draft.Live, ConditionTypes.Ready);
        if (JsonText.Of(before?["status"]) == ready.Status && JsonText.Of(before?["reason"]) == ready.Reason) return;
        var type = ready.Status == "True" || Verdicts.Benign.Contains(ready.Reason) ? EventType.Normal : EventType.Warning;
        await client.RecordEventAsync(resource, type, ready.Reason, "Reconcile", ready.Message, ct).ConfigureAwait(false);
    }
}
