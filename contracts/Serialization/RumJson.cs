using System.Text.Json;
using System.Text.Json.Serialization;

namespace RumOperator.Serialization;

/// <summary>JSON settings for our custom resources: camelCase, enums as their API strings, nulls omitted.</summary>
public static class RumJson
{
    /// <summary>For manifests users write: an unknown field is an error naming the field.</summary>
    public static readonly JsonSerializerOptions Strict = Create(strict: true);

    /// <summary>For objects read from the API server, which may carry fields of newer versions.</summary>
    public static readonly JsonSerializerOptions Lenient = Create(strict: false);

    private static JsonSerializerOptions Create(bool strict)
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            DictionaryKeyPolicy = null,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            UnmappedMemberHandling = strict ? JsonUnmappedMemberHandling.Disallow : JsonUnmappedMemberHandling.Skip,
            NumberHandling = JsonNumberHandling.AllowReadingFromString,
        };
        options.Converters.Add(new JsonStringEnumConverter(allowIntegerValues: false));
        options.Converters.Add(new ScalarAsStringConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}

/// <summary>
/// YAML users write `threshold: 0.1` or `version: 2`; a string field takes the scalar's text
/// rather than failing, as kubectl's YAML-to-JSON step would leave it a number.
/// </summary>
internal sealed class ScalarAsStringConverter : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.String => reader.GetString(),
        JsonTokenType.Number => System.Text.Encoding.UTF8.GetString(reader.ValueSpan),
        JsonTokenType.True => "true",
        JsonTokenType.False => "false",
        JsonTokenType.Null => null,
        _ => throw new JsonException($"expected a string, got {reader.TokenType}"),
    };

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}
