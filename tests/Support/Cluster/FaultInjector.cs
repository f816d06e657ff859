using RumOperator.Runtime.Client;

namespace RumOperator.Runtime.InMemory;

public enum Fault { Conflict, ServerError, Timeout, TooManyRequests }

/// <summary>Failures to inject into matching calls, each a limited number of times, in the order added.</summary>
public sealed class FaultInjector
{
    private readonly object _lock = new();
    private readonly List<Rule> _rules = [];

    /// <param name="verb">get, list, apply, patch, update, delete, create, or null for any.</param>
    /// <param name="pathContains">a substring of the request path, or null for any.</param>
    public void Add(Fault fault, string? verb = null, string? pathContains = null, int times = 1)
    {
        lock (_lock) _rules.Add(new Rule(fault, verb, pathContains) { Remaining = times });
    }

    internal Fault? Next(string verb, string path)
    {
        lock (_lock)
        {
            var rule = _rules.FirstOrDefault(r => r.Remaining > 0 && (r.Verb is null || r.Verb == verb) &&
                                                  (r.PathContains is null || path.Contains(r.PathContains, StringComparison.Ordinal)));
            if (rule is null) return null;
            rule.Remaining--;
            return rule.Fault;
        }
    }

    internal static Exception ToException(Fault fault, string verb, string path) => fault switch
    {
        Fault.Conflict => KubernetesApiException.Conflict($"{verb} {path}"),
        Fault.ServerError => KubernetesApiException.ServerError($"{verb} {path}"),
        Fault.TooManyRequests => new KubernetesApiException(429, "TooManyRequests", $"{verb} {path}: too many requests", TimeSpan.FromSeconds(1)),
        _ => new TimeoutException($"{verb} {path}: injected timeout"),
    };

    private sealed record Rule(Fault Fault, string? Verb, string? PathContains)
    {
        public int Remaining { get; set; }
    }
}
