using System.Text;
using System.Text.RegularExpressions;
using RumOperator.Api;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace RumOperator.ReleaseGuard;

/// <summary>A scalar found by its field path: its value and where its text is in the file (character offsets).</summary>
public sealed record YamlScalarAt(string Value, int Start, int End, ScalarStyle Style);

/// <summary>
/// Pure: finds a scalar by a <see cref="YamlFieldPath"/> with YamlDotNet's parser positions, and replaces only its
/// text, so comments, key order, quoting and indentation stay as the team wrote them.
/// </summary>
public static partial class YamlScalarEdit
{
    /// <summary>The scalar, or why it cannot be edited safely (missing, ambiguous, not a one-line scalar, an anchor …).</summary>
    public static (YamlScalarAt? Scalar, string? Problem) Find(string text, IReadOnlyList<YamlPathStep> path)
    {
        var stream = new YamlStream();
        try { stream.Load(new StringReader(text)); }
        catch (YamlException e) { return (null, $"is not valid YAML (line {e.Start.Line}: {e.Message})"); }

        var found = new List<YamlNode>();
        string? firstProblem = null;
        foreach (var document in stream.Documents)
        {
            var (node, problem) = Walk(document.RootNode, path);
            if (node is not null) found.Add(node);
            else firstProblem ??= problem;
        }
        var field = string.Concat(path.Select((s, i) => i > 0 && s.Key is not null ? "." + s : s.ToString()));
        if (found.Count == 0) return (null, firstProblem ?? "the file holds no YAML document");
        if (found.Count > 1) return (null, $"{field} is in {found.Count} documents of the file: ambiguous");
        if (found[0] is not YamlScalarNode scalar) return (null, $"{field} is a {Describe(found[0])}, not a scalar");
        if (!scalar.Anchor.IsEmpty) return (null, $"{field} carries the anchor &{scalar.Anchor}: other fields share it, edit it by hand");
        if (!scalar.Tag.IsEmpty) return (null, $"{field} carries the tag {scalar.Tag}: edit it by hand");
        if (scalar.Style is not (ScalarStyle.Plain or ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted))
            return (null, $"{field} is a {scalar.Style} block scalar: only plain and quoted one-line scalars are edited");
        var (start, end) = ((int)scalar.Start.Index, (int)scalar.End.Index);
        if (start < 0 || end > text.Length || start >= end || text.AsSpan(start, end - start).IndexOfAny('\n', '\r') >= 0)
            return (null, $"{field} spans several lines: only one-line scalars are edited");
        return (new YamlScalarAt(scalar.Value ?? "", start, end, scalar.Style), null);
    }

    /// <summary>The text with the scalar set to <paramref name="value"/> in the scalar's own style (plain turns double-quoted only when the value needs it).</summary>
    public static string Replace(string text, YamlScalarAt scalar, string value) =>
        string.Concat(text.AsSpan(0, scalar.Start), Format(value, scalar.Style), text.AsSpan(scalar.End));

    public static string Format(string value, ScalarStyle style) => style switch
    {
        ScalarStyle.SingleQuoted => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'",
        ScalarStyle.Plain when IsPlainSafe(value) => value,
        _ => DoubleQuoted(value),
    };

    /// <summary>Characters that read back as the same string in block and flow context, and no word YAML reads as null or a boolean.</summary>
    [GeneratedRegex("^[A-Za-z0-9_./+][A-Za-z0-9_./:@+=-]*$")] private static partial Regex PlainSafe();
    [GeneratedRegex("^(null|Null|NULL|~|true|True|TRUE|false|False|FALSE|yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF|y|Y|n|N)$")] private static partial Regex NotAString();

    private static bool IsPlainSafe(string value) => PlainSafe().IsMatch(value) && !value.EndsWith(':') && !NotAString().IsMatch(value);

    private static string DoubleQuoted(string value)
    {
        var quoted = new StringBuilder("\"");
        foreach (var c in value)
            quoted.Append(c switch { '"' => "\\\"", '\\' => "\\\\", _ when char.IsControl(c) => $"\\u{(int)c:x4}", _ => c.ToString() });
        return quoted.Append('"').ToString();
    }

    private static (YamlNode? Node, string? Problem) Walk(YamlNode root, IReadOnlyList<YamlPathStep> path)
    {
        var node = root;
        var at = "";
        foreach (var step in path)
        {
            var here = at.Length == 0 ? "the document" : at;
            switch (step)
            {
                case { Key: { } key }:
                    if (node is not YamlMappingNode map) return (null, $"{here} is a {Describe(node)}, not a mapping with key '{key}'");
                    var child = map.Children.FirstOrDefault(kv => kv.Key is YamlScalarNode k && k.Value == key).Value;
                    if (child is null) return (null, $"{here} has no key '{key}'");
                    node = child;
                    at = at.Length == 0 ? key : $"{at}.{key}";
                    break;
                case { Index: { } index }:
                    if (node is not YamlSequenceNode list) return (null, $"{here} is a {Describe(node)}, not a list");
                    if (index >= list.Children.Count) return (null, $"{here} has {list.Children.Count} items, no [{index}]");
                    node = list.Children[index];
                    at += step;
                    break;
                default:
                    if (node is not YamlSequenceNode items) return (null, $"{here} is a {Describe(node)}, not a list");
                    var matches = items.Children.OfType<YamlMappingNode>()
                        .Where(m => m.Children.Any(kv => kv.Key is YamlScalarNode k && k.Value == step.MatchKey && kv.Value is YamlScalarNode v && v.Value == step.MatchValue))
                        .ToList();
                    if (matches.Count != 1)
                        return (null, matches.Count == 0 ? $"{here} has no item with {step.MatchKey}: {step.MatchValue}" : $"{here} has {matches.Count} items with {step.MatchKey}: {step.MatchValue}");
                    node = matches[0];
                    at += step;
                    break;
            }
        }
        return (node, null);
    }

    private static string Describe(YamlNode node) => node switch
    {
        YamlMappingNode => "mapping",
        YamlSequenceNode => "list",
        YamlScalarNode s => $"scalar ('{s.Value}')",
        _ => "node",
    };
}
