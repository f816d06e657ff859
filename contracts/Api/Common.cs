using System.ComponentModel;
using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace RumOperator.Api;

public static class ApiGroup
{
    public const string Group = "rumops.dev";
    public const string Version = "v1alpha1";
    public const string ApiVersion = Group + "/" + Version;
}

/// <summary>A custom resource: apiVersion, kind, metadata, spec and status.</summary>
public abstract class CustomResource<TSpec, TStatus> : IKubernetesObject<V1ObjectMeta>
    where TSpec : new()
    where TStatus : new()
{
    [JsonPropertyName("apiVersion")] public string ApiVersion { get; set; } = ApiGroup.ApiVersion;
    [JsonPropertyName("kind")] public string Kind { get; set; } = "";
    [JsonPropertyName("metadata")] public V1ObjectMeta Metadata { get; set; } = new();
    [JsonPropertyName("spec")] public TSpec Spec { get; set; } = new();
    [JsonPropertyName("status")] public TStatus? Status { get; set; }

    [JsonIgnore] public string Name => Metadata.Name ?? "";
    [JsonIgnore] public string Namespace => Metadata.NamespaceProperty ?? "default";
}

[Description("A reference to an object in the same namespace.")]
public sealed class LocalObjectReference
{
    [Description("Name of the referenced object.")]
    [RequiredField, StringFormat(Patterns.DnsSubdomain), Limits(MaxLength = 253)]
    public string Name { get; set; } = "";
}

[Description("A Kubernetes label selector.")]
public sealed class LabelSelector
{
    [Description("Labels that must all be present with these values.")]
    public Dictionary<string, string>? MatchLabels { get; set; }

    [Description("Set-based requirements, all of which must hold.")]
    public List<LabelSelectorRequirement>? MatchExpressions { get; set; }
}

public sealed class LabelSelectorRequirement
{
    [Description("The label key.")] [RequiredField] public string Key { get; set; } = "";
    [Description("In, NotIn, Exists or DoesNotExist.")]
    [RequiredField, OneOfValues("In", "NotIn", "Exists", "DoesNotExist")]
    public string Operator { get; set; } = "";
    [Description("Values for In and NotIn.")] public List<string>? Values { get; set; }
}

[Description("A Kubernetes-style condition.")]
public sealed class Condition
{
    [Description("Ready, Progressing, Degraded, or a kind-specific type.")]
    [RequiredField] public string Type { get; set; } = "";
    [Description("True, False or Unknown.")]
    [RequiredField, OneOfValues("True", "False", "Unknown")] public string Status { get; set; } = "Unknown";
    [Description("The metadata.generation this condition was computed from.")]
    public long? ObservedGeneration { get; set; }
    [Description("When the status last changed.")]
    [RequiredField] public DateTime LastTransitionTime { get; set; }
    [Description("A CamelCase machine-readable reason.")]
    [RequiredField] public string Reason { get; set; } = "";
    [Description("A human-readable message.")]
    public string Message { get; set; } = "";

    /// <summary>A condition to set: its lastTransitionTime is filled when it is written (it changes only when Status does).</summary>
    public static Condition True(string type, string reason, string message, long generation) => Of(type, "True", reason, message, generation);

    /// <inheritdoc cref="True"/>
    public static Condition False(string type, string reason, string message, long generation) => Of(type, "False", reason, message, generation);

    private static Condition Of(string type, string status, string reason, string message, long generation) =>
        new() { Type = type, Status = status, Reason = reason, Message = message, ObservedGeneration = generation };
}

/// <summary>What the status of every RumOperator resource has: the generation last reconciled and the conditions.</summary>
public interface ICustomResourceStatus
{
    long? ObservedGeneration { get; set; }
    List<Condition> Conditions { get; set; }
}

/// <summary>The condition types RumOperator resources report.</summary>
public static class ConditionTypes
{
    public const string Ready = "Ready";
    public const string Progressing = "Progressing";
    public const string Degraded = "Degraded";
    public const string PolicyConflict = "PolicyConflict";
}
