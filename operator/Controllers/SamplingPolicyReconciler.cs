using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using RumOperator.Api;
using RumOperator.Runtime.Client;
using RumOperator.Runtime.Controllers;
using RumOperator.Validation;
using Condition = RumOperator.Runtime.Status.Condition;
using ConditionTypes = RumOperator.Api.ConditionTypes;

namespace RumOperator.Controllers;

/// <summary>
/// SamplingPolicy → its status: which pipelines apply it and whether it conflicts (equal priority) with another
/// policy they apply. The policy's effect on collectors is the RumPipeline reconciler's job: a policy change
/// enqueues the pipelines it affects (see <see cref="PolicySelection.PipelinesAffectedBy"/>).
/// </summary>
public sealed class SamplingPolicyReconciler : IReconciler
{
    public const string Applied = "Applied";
    public const string NotSelected = "NotSelected";
    public const string EqualPriority = "EqualPriority";
    public const string NoConflict = "NoConflict";

    private readonly IObjectReader _reader;
    private readonly ReconcilerOptions _options;
    private readonly StatusWriter _status;
    private readonly ILogger _logger;

    public SamplingPolicyReconciler(IClusterClient client, IObjectReader reader, ReconcilerOptions options)
    {
        _reader = reader;
        _options = options;
        _status = new StatusWriter(client);
        _logger = options.LoggerFactory.CreateLogger<SamplingPolicyReconciler>();
    }

    public async Task<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken ct)
    {
        var ns = key.Namespace ?? "default";
        var obj = await _reader.GetAsync(KindRef.SamplingPolicy, ns, key.Name, ct).ConfigureAwait(false);
        if (obj is null || ObjectMeta.IsBeingDeleted(obj)) return ReconcileResult.Done;

        var generation = ObjectMeta.Generation(obj);
        var draft = new StatusDraft(obj, _options.Time.GetUtcNow());
        var (policy, errors) = CustomResourceReader.ReadValid<SamplingPolicy>(obj, Validators.Validate);
        if (policy is null || errors.Count > 0)
        {
            _logger.LogWarning("SamplingPolicy {Key} is invalid: {Errors}", key, string.Join("; ", errors));
            draft.Set("pipelines", new JsonArray());
            await _status.WriteAsync(obj, draft, Verdicts.MarkInvalid(draft, errors, generation), ct).ConfigureAwait(false);
            return ReconcileResult.Done;
        }

        var pipelines = await ReadAllAsync<RumPipeline>(KindRef.RumPipeline, ns, Validators.Validate, ct).ConfigureAwait(false);
        var policies = await ReadAllAsync<SamplingPolicy>(KindRef.SamplingPolicy, ns, Validators.Validate, ct).ConfigureAwait(false);
        var selecting = PolicySelection.Selecting(policy, pipelines);
        var conflicts = PolicySelection.Conflicts(policy, selecting, policies);

        draft.Set("observedGeneration", generation);
        draft.Set("pipelines", new JsonArray([.. selecting.Select(p => (JsonNode)p.Name)]));
        draft.SetCondition(conflicts.Count > 0
            ? Condition.True(ConditionTypes.PolicyConflict, EqualPriority, string.Join("; ", conflicts), generation)
            : Condition.False(ConditionTypes.PolicyConflict, NoConflict, "", generation));
        draft.SetCondition(Condition.False(ConditionTypes.Degraded, Verdicts.AsExpected, "", generation));
        var ready = selecting.Count > 0
            ? Condition.True(ConditionTypes.Ready, Applied, $"applied by {string.Join(", ", selecting.Select(p => p.Name))}", generation)
            : Condition.False(ConditionTypes.Ready, NotSelected, $"no RumPipeline in namespace {ns} selects this policy (compare its labels with spec.samplingPolicySelector)", generation);
        await _status.WriteAsync(obj, draft, ready, ct).ConfigureAwait(false);
        return ReconcileResult.Done;
    }

    private async Task<IReadOnlyList<T>> ReadAllAsync<T>(KindRef kind, string ns, Func<T, IReadOnlyList<FieldError>> validate, CancellationToken ct) where T : class
    {
        var result = new List<T>();
        foreach (var obj in await _reader.ListAsync(kind, ns, null, ct).ConfigureAwait(false))
            if (CustomResourceReader.ReadValid(obj, validate) is ({ } resource, { Count: 0 })) result.Add(resource);
        return result;
    }
}
