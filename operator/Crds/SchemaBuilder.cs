using System.Collections;
using System.ComponentModel;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using k8s.Models;
using RumOperator.Api;

namespace RumOperator.Crds;

/// <summary>
/// Structural OpenAPI v3 schemas from the C# API types and the attributes on them, so the
/// CRDs cannot drift from what the operator reads.
/// </summary>
public static class SchemaBuilder
{
    public static JsonObject For(Type type, string? description = null) => Build(type, null, description);

    private static JsonObject Build(Type type, PropertyInfo? property, string? description)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        var schema = new JsonObject();
        description ??= type.GetCustomAttribute<DescriptionAttribute>()?.Description;

        if (type == typeof(string)) schema["type"] = "string";
        else if (type == typeof(int)) { schema["type"] = "integer"; schema["format"] = "int32"; }
        else if (type == typeof(long)) { schema["type"] = "integer"; schema["format"] = "int64"; }
        else if (type == typeof(double) || type == typeof(decimal)) schema["type"] = "number";
        else if (type == typeof(bool)) schema["type"] = "boolean";
        else if (type == typeof(DateTime)) { schema["type"] = "string"; schema["format"] = "date-time"; }
        else if (type.IsEnum)
        {
            schema["type"] = "string";
            schema["enum"] = new JsonArray(EnumNames(type).Select(n => (JsonNode)n!).ToArray());
        }
        else if (type == typeof(V1ObjectMeta)) schema["type"] = "object";
        else if (DictionaryValueType(type) is { } valueType)
        {
            schema["type"] = "object";
            schema["additionalProperties"] = property?.GetCustomAttribute<QuantityAttribute>() is not null ? IntOrString() : Build(valueType, null, null);
        }
        else if (ListItemType(type) is { } itemType)
        {
            schema["type"] = "array";
            var items = Build(itemType, null, null);
            if (property?.GetCustomAttribute<OneOfValuesAttribute>() is { } itemValues)
                items["enum"] = new JsonArray(itemValues.Values.Select(v => (JsonNode)v!).ToArray());
            schema["items"] = items;
        }
        else ObjectSchema(type, schema);

        if (description is not null) schema["description"] = description;
        if (property is not null) ApplyPropertyFacts(property, type, schema);
        return Ordered(schema);
    }

    private static void ObjectSchema(Type type, JsonObject schema)
    {
        schema["type"] = "object";
        var properties = new JsonObject();
        var required = new JsonArray();
        foreach (var p in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (p.GetCustomAttribute<JsonIgnoreAttribute>() is not null || p.GetSetMethod() is null) continue;
            var name = p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? JsonNamingPolicy.CamelCase.ConvertName(p.Name);
            properties[name] = Build(p.PropertyType, p, p.GetCustomAttribute<DescriptionAttribute>()?.Description);
            if (p.GetCustomAttribute<RequiredFieldAttribute>() is not null) required.Add(name);
        }
        schema["properties"] = properties;
        if (required.Count > 0) schema["required"] = required;
        AddCel(schema, type.GetCustomAttributes<CelRuleAttribute>());
    }

    private static void ApplyPropertyFacts(PropertyInfo p, Type type, JsonObject schema)
    {
        if (p.GetCustomAttribute<StringFormatAttribute>() is { } format) schema["pattern"] = format.Pattern;
        if (p.GetCustomAttribute<OneOfValuesAttribute>() is { } values && type == typeof(string))
            schema["enum"] = new JsonArray(values.Values.Select(v => (JsonNode)v!).ToArray());
        if (p.GetCustomAttribute<BoundsAttribute>() is { } bounds)
        {
            if (!double.IsNaN(bounds.Minimum)) { schema["minimum"] = Num(bounds.Minimum); if (bounds.ExclusiveMinimum) schema["exclusiveMinimum"] = true; }
            if (!double.IsNaN(bounds.Maximum)) { schema["maximum"] = Num(bounds.Maximum); if (bounds.ExclusiveMaximum) schema["exclusiveMaximum"] = true; }
        }
        if (p.GetCustomAttribute<LimitsAttribute>() is { } limits)
        {
            if (limits.MinLength >= 0) schema["minLength"] = limits.MinLength;
            if (limits.MaxLength >= 0) schema["maxLength"] = limits.MaxLength;
            if (limits.MinItems >= 0) schema["minItems"] = limits.MinItems;
            if (limits.MaxItems >= 0) schema["maxItems"] = limits.MaxItems;
        }
        if (p.GetCustomAttribute<SchemaDefaultAttribute>() is { } def) schema["default"] = JsonValue.Create(def.Value);
        if (p.GetCustomAttribute<ListSetAttribute>() is not null) schema["x-kubernetes-list-type"] = "set";
        if (p.GetCustomAttribute<ListMapAttribute>() is { } map)
        {
            schema["x-kubernetes-list-type"] = "map";
            schema["x-kubernetes-list-map-keys"] = new JsonArray(map.Keys.Select(k => (JsonNode)k!).ToArray());
        }
        AddCel(schema, p.GetCustomAttributes<CelRuleAttribute>());
    }

    private static void AddCel(JsonObject schema, IEnumerable<CelRuleAttribute> rules)
    {
        var list = rules.Select(r =>
        {
            var o = new JsonObject { ["rule"] = r.Rule, ["message"] = r.Message };
            if (r.FieldPath is not null) o["fieldPath"] = r.FieldPath;
            return (JsonNode)o;
        }).ToArray();
        if (list.Length > 0) schema["x-kubernetes-validations"] = new JsonArray(list);
    }

    private static JsonObject IntOrString() => new()
    {
        ["anyOf"] = new JsonArray(new JsonObject { ["type"] = "integer" }, new JsonObject { ["type"] = "string" }),
        ["x-kubernetes-int-or-string"] = true,
    };

    public static IEnumerable<string> EnumNames(Type enumType) =>
        enumType.GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => f.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? f.Name);

    private static Type? DictionaryValueType(Type t) =>
        t.IsGenericType && t.GetGenericTypeDefinition() == typeof(Dictionary<,>) && t.GetGenericArguments()[0] == typeof(string)
            ? t.GetGenericArguments()[1] : null;

    private static Type? ListItemType(Type t) =>
        t.IsArray ? t.GetElementType()
        : t.IsGenericType && typeof(IEnumerable).IsAssignableFrom(t) && t.GetGenericArguments().Length == 1 ? t.GetGenericArguments()[0] : null;

    private static JsonNode Num(double d) => d == Math.Floor(d) ? JsonValue.Create((long)d) : JsonValue.Create(d);

    /// <summary>A fixed key order (description first, then type...) keeps the generated YAML readable and stable.</summary>
    private static JsonObject Ordered(JsonObject schema)
    {
        string[] order = ["description", "type", "format", "enum", "default", "pattern", "minimum", "exclusiveMinimum", "maximum", "exclusiveMaximum",
            "minLength", "maxLength", "minItems", "maxItems", "x-kubernetes-list-type", "x-kubernetes-list-map-keys", "items",
            "additionalProperties", "anyOf", "x-kubernetes-int-or-string", "properties", "required", "x-kubernetes-validations"];
        var result = new JsonObject();
        foreach (var key in order.Where(schema.ContainsKey)) result[key] = schema[key]!.DeepClone();
        foreach (var (key, value) in schema.Where(kv => !order.Contains(kv.Key))) result[key] = value?.DeepClone();
        return result;
    }
}
