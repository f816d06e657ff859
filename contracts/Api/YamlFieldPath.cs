using System.Text.RegularExpressions;

namespace RumOperator.Api;

/// <summary>One step of a <see cref="YamlFieldPath"/>: a mapping key, a list index, or the list item whose <c>MatchKey</c> is <c>MatchValue</c>.</summary>
public sealed record YamlPathStep(string? Key = null, int? Index = null, string? MatchKey = null, string? MatchValue = null)
{
    public override string ToString() => Key ?? (Index is { } i ? $"[{i}]" : $"[{MatchKey}={MatchValue}]");
}

/// <summary>
/// The field grammar of <see cref="GitEdit.Field"/>: <c>key(.key)*</c>, each key optionally followed by <c>[n]</c> or
/// <c>[key=value]</c> (e.g. <c>images[name=storefront].newTag</c>). Parsed once, shared by validation and the action.
/// </summary>
public static partial class YamlFieldPath
{
    public const int MaxSteps = 32;

    [GeneratedRegex(@"^[A-Za-z0-9_-]+")] private static partial Regex Key();
    [GeneratedRegex(@"^\[(?:(?<index>[0-9]{1,4})|(?<key>[A-Za-z0-9_-]+)=(?<value>[^\[\]=]+))\]")] private static partial Regex Selector();

    /// <summary>The steps, or null and why the text is not a field path.</summary>
    public static (IReadOnlyList<YamlPathStep>? Steps, string? Error) Parse(string text)
    {
        var steps = new List<YamlPathStep>();
        var position = 0;
        while (true)
        {
            var key = Key().Match(text[position..]);
            if (!key.Success)
                return (null, $"'{text}': expected a key ([A-Za-z0-9_-]+) at position {position}");
            steps.Add(new YamlPathStep(Key: key.Value));
            position += key.Length;
            while (position < text.Length && text[position] == '[')
            {
                var selector = Selector().Match(text[position..]);
                if (!selector.Success)
                    return (null, $"'{text}': expected [n] or [key=value] at position {position}");
                steps.Add(selector.Groups["index"].Success
                    ? new YamlPathStep(Index: int.Parse(selector.Groups["index"].Value, System.Globalization.CultureInfo.InvariantCulture))
                    : new YamlPathStep(MatchKey: selector.Groups["key"].Value, MatchValue: selector.Groups["value"].Value));
                position += selector.Length;
            }
            if (steps.Count > MaxSteps) return (null, $"'{text}': more than {MaxSteps} steps");
            if (position == text.Length) return (steps, null);
            if (text[position] != '.' || position + 1 == text.Length)
                return (null, $"'{text}': expected '.' and a key at position {position}");
            position++;
        }
    }
}
