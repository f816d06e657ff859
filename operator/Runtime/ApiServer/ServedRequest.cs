namespace RumOperator.Runtime.ApiServer;

/// <summary>One request the fake API server received, as sent on the wire, with the code it answered.</summary>
public sealed record ServedRequest(string Method, string Path, string Query, string? ContentType, string Body)
{
    public int StatusCode { get; internal set; }

    public string? QueryValue(string name) =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(Query).TryGetValue(name, out var v) ? v.ToString() : null;

    public bool IsWatch => QueryValue("watch") == "true";
}
