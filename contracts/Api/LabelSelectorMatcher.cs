namespace RumOperator.Api;

/// <summary>Kubernetes label-selector semantics: an empty selector matches everything, a missing one nothing.</summary>
public static class LabelSelectorMatcher
{
    public static bool Matches(LabelSelector? selector, IDictionary<string, string>? labels)
    {
        if (selector is null) return false;
        labels ??= new Dictionary<string, string>();
        foreach (var (key, value) in selector.MatchLabels ?? [])
            if (!labels.TryGetValue(key, out var actual) || actual != value) return false;
        foreach (var req in selector.MatchExpressions ?? [])
        {
            var has = labels.TryGetValue(req.Key, out var actual);
            var values = req.Values ?? [];
            var ok = req.Operator switch
            {
                "In" => has && values.Contains(actual!),
                "NotIn" => !has || !values.Contains(actual!),
                "Exists" => has,
                "DoesNotExist" => !has,
                _ => false,
            };
            if (!ok) return false;
        }
        return true;
    }
}
