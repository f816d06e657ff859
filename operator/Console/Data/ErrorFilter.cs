using Microsoft.AspNetCore.Http;
using RumOperator.Api;

namespace RumOperator.SloConsole.Data;

/// <summary>
/// The errors view's app and release (exact values, as the collector exports them) and its range, read from and
/// written to the URL query. Values are bounded and unknown ranges fall back to the default: a query string is
/// whatever a visitor typed.
/// </summary>
public sealed record ErrorFilter(string? App, string? Release, TimeSpan Range)
{
    public static readonly TimeSpan DefaultRange = TimeSpan.FromHours(1);

    /// <summary>The ranges offered: the increase is taken over this span and first/last seen are found within it.</summary>
    public static readonly IReadOnlyList<TimeSpan> Ranges = [TimeSpan.FromMinutes(5), DefaultRange, TimeSpan.FromDays(1), TimeSpan.FromDays(7)];

    public static readonly ErrorFilter Default = new(null, null, DefaultRange);

    public static ErrorFilter From(IQueryCollection query)
    {
        string? Text(string key) => query[key].FirstOrDefault() is { Length: > 0 } v ? v.Trim()[..Math.Min(v.Trim().Length, ListFilter.MaxLength)] : null;
        var range = PromDuration.TryParse(Text("range"), out var asked) && Ranges.Contains(asked) ? asked : DefaultRange;
        return new ErrorFilter(Text("app"), Text("release"), range);
    }

    /// <summary>The query string of this filter ("" for the default view).</summary>
    public string Query(TimeSpan? range = null)
    {
        var parts = new List<KeyValuePair<string, string?>>();
        if (App is not null) parts.Add(new("app", App));
        if (Release is not null) parts.Add(new("release", Release));
        if ((range ?? Range) != DefaultRange) parts.Add(new("range", PromDuration.Format(range ?? Range)));
        return QueryString.Create(parts).ToString();
    }
}
