namespace RumOperator.Runtime.ApiServer;

/// <summary>
/// An injected failure: answer matching requests with <see cref="StatusCode"/> (a Status body, optional Retry-After),
/// or with <see cref="Hang"/> never answer until the client gives up.
/// </summary>
public sealed record ApiFault(int StatusCode, string? Method = null, string? PathContains = null, TimeSpan? RetryAfter = null, bool Hang = false)
{
    public int Remaining { get; set; } = 1;

    public bool Matches(string method, string pathAndQuery) =>
        Remaining > 0 && (Method is null || string.Equals(Method, method, StringComparison.OrdinalIgnoreCase)) &&
        (PathContains is null || pathAndQuery.Contains(PathContains, StringComparison.Ordinal));
}
