using Microsoft.Extensions.Logging;
using RumOperator.Api;
using RumOperator.Runtime.Client;
using RumOperator.Runtime.Controllers;
using RumOperator.Validation;

namespace RumOperator.Controllers;

/// <summary>
/// SamplingPolicy → its status: which pipelines apply it and whether it conflicts (equal priority) with another
/// policy they apply. The policy's effect on collectors is the RumPipeline reconciler's job: a policy change
/// enqueues the pipelines it affects (see <see cref="PolicySelection.PipelinesAffectedBy"/>).
/// </summary>
public sealed class SamplingPolicyReconciler : CustomResourceReconciler<SamplingPolicy, SamplingPolicyStatus>
{
    public const string Applied = "Applied";
    public const string NotSelected = "NotSelected";
    public const string EqualPriority = "EqualPriority";
    public const string NoConflict = "NoConflict";

    public SamplingPolicyReconciler(IClusterClient client, IObjectReader reader, ReconcilerOptions options)
        : base(KindRef.SamplingPolicy, client, reader, options, options.LoggerFactory.CreateLogger<SamplingPolicyReconciler>())
    {
    }

    protected override IReadOnlyList<FieldError> Validate(SamplingPolicy resource) => Validators.Validate(resource);

    /// <summary>An invalid policy is applied by no pipeline.</summary>
    protected override void DescribeInvalid(StatusDraft<SamplingPolicyStatus> draft) => draft.Set(s => s.Pipelines, []);

    protected override async Task<ReconcileResult> ReconcileAsync(SamplingPolicy policy, Reconciling<SamplingPolicyStatus> state, CancellationToken ct)
    {
        var (obj, ns, generation, draft) = state;
        var pipelines = await ListValidAsync<RumPipeline>(KindRef.RumPipeline, ns, Validators.Validate, ct).ConfigureAwait(false);
        var policies = await ListValidAsync<SamplingPolicy>(KindRef.SamplingPolicy, ns, Validators.Validate, ct).ConfigureAwait(false);
        var selecting = PolicySelection.Selecting(policy, pipelines);
        var conflicts = PolicySelection.Conflicts(policy, selecting, policies);

        draft.Set(s => s.ObservedGeneration, generation);
        draft.Set(s => s.Pipelines, [.. selecting.Select(p => p.Name)]);
        draft.SetCondition(conflicts.Count > 0
            ? Condition.True(ConditionTypes.PolicyConflict, EqualPriority, string.Join("; ", conflicts), generation)
            : Condition.False(ConditionTypes.PolicyConflict, NoConflict, "", generation));
        draft.SetCondition(Condition.False(ConditionTypes.Degraded, Verdicts.AsExpected, "", generation));
        var ready = selecting.Count > 0
            ? Condition.True(ConditionTypes.Ready, Applied, $"applied by {string.Join(", ", selecting.Select(p => p.Name))}", generation)
            : Condition.False(ConditionTypes.Ready, NotSelected, $"no RumPipeline in namespace {ns} selects this policy (compare its labels with spec.samplingPolicySelector)", generation);
        await Status.WriteAsync(obj, draft, ready, ct).ConfigureAwait(false);
        return ReconcileResult.Done;
    }
}
