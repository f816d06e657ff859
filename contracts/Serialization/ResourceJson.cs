using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using RumOperator.Api;
using RumOperator.Validation;

namespace RumOperator.Serialization;

/// <summary>How a read treats fields our types do not know.</summary>
public enum Strictness
{
    /// <summary>What users write (manifests, the admission webhook): an unknown field is an error naming the field.</summary>
    Strict,

    /// <summary>What the API server stores, which may carry fields of newer versions: unknown fields are skipped.</summary>
    Lenient,
}

/// <summary>A custom resource read from JSON, or the field error that says why it could not be read.</summary>
public readonly record struct ResourceRead<T>(T? Resource, FieldError? Error) where T : class;

/// <summary>
/// The one way JSON becomes a custom resource (RumPipeline, RumSLO, SamplingPolicy): the CLI's manifests, the
/// admission webhook, the reconcilers, the release guard, its poller and the console all read through here. A read
/// never throws on bad JSON: it returns the field (spec.sli.vital) and the reason, so a loop over many objects skips
/// the one that cannot be read and goes on with the others.
/// </summary>
public static partial class ResourceJson
{
    /// <param name="ignoreStatus">
    /// read the object without its status: reconciling needs only spec and metadata, and other writers (the release
    /// guard) may add to status, so their fields must never fail a reconciler's read.
    /// </param>
    public static ResourceRead<T> Read<T>(JsonNode json, Strictness strictness, bool ignoreStatus = false) where T : class
    {
        if (ignoreStatus && json is JsonObject { } obj && obj.ContainsKey("status"))
        {
            var withoutStatus = obj.DeepClone().AsObject();
            withoutStatus.Remove("status");
            json = withoutStatus;
        }
        try
        {
            var value = json.Deserialize<T>(strictness == Strictness.Strict ? RumJson.Strict : RumJson.Lenient);
            return value is null ? new(null, new FieldError("", "empty document")) : new(value, null);
        }
        catch (JsonException e)
        {
            return new(null, Describe(e));
        }
    }

    /// <summary>Reads and validates: the resource when it reads and <paramref name="validate"/> finds nothing, else the errors (a read error counts as one).</summary>
    public static (T? Resource, IReadOnlyList<FieldError> Errors) ReadValid<T>(JsonNode json, Strictness strictness, Func<T, IReadOnlyList<FieldError>> validate,
        bool ignoreStatus = false) where T : class
    {
        var (resource, error) = Read<T>(json, strictness, ignoreStatus);
        if (resource is null) return (null, [error!]);
        var errors = validate(resource);
        return (errors.Count == 0 ? resource : null, errors);
    }

    private static FieldError Describe(JsonException e)
    {
        var message = e.Message;
        // "The JSON property 'foo' could not be mapped to any .NET member contained in type ..."
        var unknown = UnknownProperty().Match(message);
        var field = Manifests.JsonPathToField(e.Path);
        if (unknown.Success)
        {
            var name = unknown.Groups[1].Value;
            var full = field == name || field.EndsWith("." + name, StringComparison.Ordinal) ? field : $"{field}.{name}".TrimStart('.');
            return new FieldError(full, "unknown field");
        }
        if (message.Contains("could not be converted to", StringComparison.Ordinal))
        {
            var type = ConvertedTo().Match(message).Groups[1].Value;
            return new FieldError(field, $"has the wrong type or value (expected {FriendlyType(type)})");
        }
        // The serializer appends " Path: $.spec… | LineNumber: …" to its own messages: the field already says where.
        return new FieldError(field, message.Split('\n')[0].Split(" Path:", 2)[0].Trim());
    }

    private static string FriendlyType(string type) => type switch
    {
        _ when type.Contains("Int32") || type.Contains("Int64") => "an integer",
        _ when type.Contains("Decimal") || type.Contains("Double") => "a number",
        _ when type.Contains("Boolean") => "true or false",
        _ when type.Contains("String") => "a string",
        _ when type.Contains("List") || type.Contains("[]") => "a list",
        _ when type.Contains("Dictionary") => "a map",
        _ when type.Contains("RumOperator.Api.") && type.Split('.').Last() is var t && EnumValues(t) is { } values => $"one of {values}",
        _ => "an object",
    };

    private static string? EnumValues(string typeName)
    {
        var type = typeof(RumSlo).Assembly.GetTypes().FirstOrDefault(t => t.Name == typeName && t.IsEnum);
        if (type is null) return null;
        return string.Join(", ", type.GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
            .Select(f => f.GetCustomAttributes(typeof(System.Text.Json.Serialization.JsonStringEnumMemberNameAttribute), false)
                .OfType<System.Text.Json.Serialization.JsonStringEnumMemberNameAttribute>().FirstOrDefault()?.Name ?? f.Name));
    }

    [GeneratedRegex("JSON property '([^']+)' could not be mapped")]
    private static partial Regex UnknownProperty();

    [GeneratedRegex(@"converted to ([\w.`\[\]]+)")]
    private static partial Regex ConvertedTo();
}
