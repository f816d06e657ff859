namespace RumOperator.Api;

// Attributes the CRD generator reads: they put OpenAPI facts next to the field they
// describe, so the schema in crds/ cannot drift from the C# types.

/// <summary>A CEL rule (x-kubernetes-validations) checked by the API server.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Property, AllowMultiple = true)]
public sealed class CelRuleAttribute(string rule, string message) : Attribute
{
    public string Rule { get; } = rule;
    public string Message { get; } = message;
    public string? FieldPath { get; init; }
}

/// <summary>A required field in the OpenAPI schema.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class RequiredFieldAttribute : Attribute;

/// <summary>Numeric bounds; exclusive bounds are written as exclusiveMinimum/Maximum.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class BoundsAttribute : Attribute
{
    public double Minimum { get; init; } = double.NaN;
    public double Maximum { get; init; } = double.NaN;
    public bool ExclusiveMinimum { get; init; }
    public bool ExclusiveMaximum { get; init; }
}

/// <summary>String pattern, length and list-size limits.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class StringFormatAttribute(string pattern) : Attribute
{
    public string Pattern { get; } = pattern;
}

[AttributeUsage(AttributeTargets.Property)]
public sealed class LimitsAttribute : Attribute
{
    public int MaxLength { get; init; } = -1;
    public int MinLength { get; init; } = -1;
    public int MaxItems { get; init; } = -1;
    public int MinItems { get; init; } = -1;
}

/// <summary>A string value that the schema restricts to a fixed set.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class OneOfValuesAttribute(params string[] values) : Attribute
{
    public IReadOnlyList<string> Values { get; } = values;
}

/// <summary>A default value the API server fills in (structural-schema default).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class SchemaDefaultAttribute(object value) : Attribute
{
    public object Value { get; } = value;
}

/// <summary>A list that is a set (x-kubernetes-list-type: set).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ListSetAttribute : Attribute;

/// <summary>A list of objects merged by key (x-kubernetes-list-type: map).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ListMapAttribute(params string[] keys) : Attribute
{
    public IReadOnlyList<string> Keys { get; } = keys;
}

/// <summary>A field that holds a Kubernetes quantity (int-or-string).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class QuantityAttribute : Attribute;

/// <summary>Patterns shared by the schema, the validators and the SLO engine.</summary>
public static class Patterns
{
    /// <summary>Prometheus duration: 30s, 5m, 1h30m, 28d.</summary>
    public const string Duration = "^([0-9]+(ms|s|m|h|d|w|y))+$";
    /// <summary>Prometheus label name.</summary>
    public const string LabelName = "^[a-zA-Z_][a-zA-Z0-9_]*$";
    /// <summary>RFC 1123 DNS label, as for Kubernetes object names.</summary>
    public const string DnsLabel = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$";
    /// <summary>RFC 1123 subdomain (Secret, Deployment names).</summary>
    public const string DnsSubdomain = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$";
}
