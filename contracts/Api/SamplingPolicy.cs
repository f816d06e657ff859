using System.ComponentModel;

namespace RumOperator.Api;

[Description("Sampling rules for raw-event export, merged into the collectors of the pipelines whose selector matches this policy. Metrics always see every accepted event.")]
public sealed class SamplingPolicy : CustomResource<SamplingPolicySpec, SamplingPolicyStatus>
{
    public const string KindName = "SamplingPolicy";
    public SamplingPolicy() => Kind = KindName;
}

public sealed class SamplingPolicySpec
{
    [Description("Higher priority rules are tried first when several policies apply.")]
    [Bounds(Minimum = 0, Maximum = 1000000), SchemaDefault(100)]
    public int Priority { get; set; } = 100;

    [Description("Rules, first match wins.")]
    [RequiredField, Limits(MinItems = 1, MaxItems = 100)]
    public List<SamplingRule> Rules { get; set; } = [];

    [Description("Sessions kept whatever the rate.")]
    public AlwaysKeepSpec AlwaysKeep { get; set; } = new();

    [Description("Adaptive rate toward a target export rate per replica.")]
    public AdaptiveSpec? Adaptive { get; set; }
}

public sealed class SamplingRule
{
    [Description("Matchers; empty matches everything. route accepts a trailing * as prefix match.")]
    public SamplingMatch Match { get; set; } = new();

    [Description("Fraction of sessions whose raw events are exported, in [0, 1].")]
    [RequiredField, Bounds(Minimum = 0, Maximum = 1)]
    public double SessionSampleRate { get; set; }
}

public sealed class SamplingMatch
{
    [Description("Application name.")] public string? App { get; set; }
    [Description("Route template, or a prefix ending in *.")] public string? Route { get; set; }
    [Description("Release tag.")] public string? Release { get; set; }
}

public sealed class AlwaysKeepSpec
{
    [Description("Keep every session with an error.")]
    [SchemaDefault(true)] public bool Errors { get; set; } = true;
    [Description("Keep sessions with a vital slower than this, e.g. lcp: 4s.")]
    public Dictionary<string, string>? SlowerThan { get; set; }
}

public sealed class AdaptiveSpec
{
    [Description("Exported events per second per replica to aim for.")]
    [RequiredField, Bounds(Minimum = 1)] public int TargetEventsPerSecond { get; set; }
    [Description("Never sample below this rate.")]
    [Bounds(Minimum = 0, Maximum = 1), SchemaDefault(0.01)] public double MinRate { get; set; } = 0.01;
}

public sealed class SamplingPolicyStatus : ICustomResourceStatus
{
    [Description("The metadata.generation last reconciled.")] public long? ObservedGeneration { get; set; }
    [Description("Ready and PolicyConflict.")] [ListMap("type")] public List<Condition> Conditions { get; set; } = [];
    [Description("Pipelines that apply this policy.")] public List<string> Pipelines { get; set; } = [];
}
