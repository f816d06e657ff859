using System.Text.Json.Nodes;
using RumOperator.Api;
using RumOperator.CollectorConfig;
using RumOperator.Runtime.Client;
using RumOperator.Runtime.Informers;
using RumOperator.Serialization;

namespace RumOperator.Controllers;

/// <summary>Pure: which pipelines apply a SamplingPolicy, and with which other policies it shares a priority.</summary>
public static class PolicySelection
{
    /// <summary>Pipelines of the policy's namespace whose samplingPolicySelector matches the policy's labels, by name.</summary>
    public static IReadOnlyList<RumPipeline> Selecting(SamplingPolicy policy, IEnumerable<RumPipeline> pipelines) =>
        pipelines.Where(p => CollectorConfigBuilder.SelectPolicies(p, [policy]).Count > 0)
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .ToList();

    /// <summary>
    /// One message per pipeline where another applied policy has the same priority: their rules then apply in name
    /// order, which nobody chose.
    /// </summary>
    public static IReadOnlyList<string> Conflicts(SamplingPolicy policy, IEnumerable<RumPipeline> selecting, IReadOnlyList<SamplingPolicy> validPolicies) =>
        selecting.Select(p => (Pipeline: p, Rivals: CollectorConfigBuilder.SelectPolicies(p, validPolicies)
                .Where(o => o.Name != policy.Name && o.Spec.Priority == policy.Spec.Priority)
                .Select(o => o.Name).ToList()))
            .Where(x => x.Rivals.Count > 0)
            .Select(x => $"pipeline {x.Pipeline.Name} also applies {string.Join(", ", x.Rivals)} at priority {policy.Spec.Priority}; rules apply in name order")
            .ToList();

    /// <summary>
    /// The pipelines to re-reconcile when a policy changes: those that select it now, and those that applied it
    /// before (their status.appliedPolicies), since a relabelled or deleted policy must leave their config too.
    /// </summary>
    public static IEnumerable<ObjectKey> PipelinesAffectedBy(JsonObject policyObject, IObjectCache pipelines)
    {
        var ns = ObjectMeta.Namespace(policyObject) ?? "default";
        var name = ObjectMeta.Name(policyObject);
        var (policy, _) = ResourceJson.Read<SamplingPolicy>(policyObject, Strictness.Lenient, ignoreStatus: true);
        foreach (var obj in pipelines.List(ns))
        {
            var appliedBefore = obj["status"]?["appliedPolicies"] is JsonArray applied && applied.Any(a => JsonText.Of(a) == name);
            var (pipeline, _) = ResourceJson.Read<RumPipeline>(obj, Strictness.Lenient, ignoreStatus: true);
            var selectsNow = policy is not null && pipeline is not null && Selecting(policy, [pipeline]).Count > 0;
            if (appliedBefore || selectsNow) yield return ObjectKey.Of(obj);
        }
    }
}
