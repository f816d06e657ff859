using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace RumOperator.Serialization;

/// <summary>YAML to and from JSON nodes, with the YAML 1.2 core schema for plain scalars.</summary>
public static partial class Yaml
{
    /// <summary>One document of a multi-document YAML stream, with the line it starts on.</summary>
    public sealed record Document(JsonNode? Node, int Line);

    public static IReadOnlyList<Document> ParseAll(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return stream.Documents
            .Select(d => new Document(ToJson(d.RootNode), (int)d.RootNode.Start.Line))
            .Where(d => d.Node is not null)
            .ToList();
    }

    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode map => ToObject(map),
        YamlSequenceNode seq => new JsonArray(seq.Children.Select(ToJson).ToArray()),
        YamlScalarNode scalar => ToScalar(scalar),
        _ => throw new YamlException(node.Start, node.End, "unsupported YAML node (aliases are not supported)"),
    };

    private static JsonObject ToObject(YamlMappingNode map)
    {
        var obj = new JsonObject();
        foreach (var (key, value) in map.Children)
        {
            var name = (key as YamlScalarNode)?.Value ?? throw new YamlException(key.Start, key.End, "mapping keys must be scalars");
            if (obj.ContainsKey(name))
                throw new YamlException(key.Start, key.End, $"duplicate key '{name}'");
            obj[name] = ToJson(value);
        }
        return obj;
    }

    private static JsonNode? ToScalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? "";
        if (scalar.Style is not ScalarStyle.Plain)
            return JsonValue.Create(text);
        if (text is "" or "~" or "null" or "Null" or "NULL") return null;
        if (text is "true" or "True" or "TRUE") return JsonValue.Create(true);
        if (text is "false" or "False" or "FALSE") return JsonValue.Create(false);
        if (IntegerPattern().IsMatch(text) && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l))
            return JsonValue.Create(l);
        if (FloatPattern().IsMatch(text) && decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d))
            return JsonValue.Create(d);
        return JsonValue.Create(text);
    }

    [GeneratedRegex("^[-+]?[0-9]+$")] private static partial Regex IntegerPattern();
    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")] private static partial Regex FloatPattern();

    /// <summary>Emits JSON nodes as a multi-document YAML stream, keys in the nodes' order.</summary>
    public static string Emit(IEnumerable<JsonNode> documents)
    {
        var writer = new StringWriter { NewLine = "\n" };
        var emitter = new Emitter(writer, new EmitterSettings(2, int.MaxValue, false, 1024, false, false, "\n"));
        emitter.Emit(new StreamStart());
        foreach (var doc in documents)
        {
            emitter.Emit(new DocumentStart(null, null, isImplicit: false));
            EmitNode(emitter, doc);
            emitter.Emit(new DocumentEnd(isImplicit: true));
        }
        emitter.Emit(new StreamEnd());
        return writer.ToString();
    }

    public static string Emit(JsonNode document) => Emit([document]);

    private static void EmitNode(IEmitter emitter, JsonNode? node)
    {
        switch (node)
        {
            case null:
                emitter.Emit(new Scalar(null, null, "null", ScalarStyle.Plain, true, false));
                break;
            case JsonObject obj:
                emitter.Emit(new MappingStart(null, null, true, MappingStyle.Block));
                foreach (var (key, value) in obj)
                {
                    emitter.Emit(StringScalar(key));
                    EmitNode(emitter, value);
                }
                emitter.Emit(new MappingEnd());
                break;
            case JsonArray arr:
                emitter.Emit(new SequenceStart(null, null, true, arr.Count == 0 ? SequenceStyle.Flow : SequenceStyle.Block));
                foreach (var item in arr) EmitNode(emitter, item);
                emitter.Emit(new SequenceEnd());
                break;
            case JsonValue value:
                emitter.Emit(ValueScalar(value));
                break;
        }
    }

    private static Scalar ValueScalar(JsonValue value) => value.GetValueKind() switch
    {
        System.Text.Json.JsonValueKind.String => StringScalar(value.GetValue<string>()),
        _ => new Scalar(null, null, value.ToJsonString(), ScalarStyle.Plain, true, false),
    };

    private static Scalar StringScalar(string text)
    {
        if (text.Contains('\n'))
            return new Scalar(null, null, text, ScalarStyle.Literal, true, false);
        var style = NeedsQuotes(text) ? ScalarStyle.DoubleQuoted : ScalarStyle.Plain;
        return new Scalar(null, null, text, style, true, true);
    }

    /// <summary>A plain scalar that YAML would read back as something other than this string.</summary>
    private static bool NeedsQuotes(string text) =>
        text.Length == 0
        || ToScalar(new YamlScalarNode(text) { Style = ScalarStyle.Plain }) is not JsonValue v || v.GetValueKind() != System.Text.Json.JsonValueKind.String
        || !SafePlain().IsMatch(text)
        || text.Contains(": ", StringComparison.Ordinal) || text.EndsWith(':') || text.Contains(" #", StringComparison.Ordinal);

    [GeneratedRegex(@"^[A-Za-z0-9_/.][A-Za-z0-9_ ./()+=,<>$@:-]*$")] private static partial Regex SafePlain();
}
