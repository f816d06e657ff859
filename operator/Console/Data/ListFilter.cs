using Microsoft.AspNetCore.Http;

namespace RumOperator.SloConsole.Data;

public enum ListSort { Budget, Name, Availability, Objective, Alert }

/// <summary>
/// The list's search, label filter, namespace filter and sort, read from and written to the URL query, so every
/// view of the list is a link. Values are bounded: a query string is whatever a visitor typed.
/// </summary>
public sealed record ListFilter(string? Search, string? Label, string? Namespace, ListSort Sort, bool Descending)
{
    public const int MaxLength = 200;

    public static readonly ListFilter Default = new(null, null, null, ListSort.Budget, false);

    public static ListFilter From(IQueryCollection query)
    {
        string? Text(string key) => query[key].FirstOrDefault() is { Length: > 0 } v ? v.Trim()[..Math.Min(v.Trim().Length, MaxLength)] : null;
        var sort = Enum.TryParse<ListSort>(Text("sort"), ignoreCase: true, out var key) ? key : ListSort.Budget;
        return new ListFilter(Text("q"), Text("label"), Text("ns"), sort, Text("dir") == "desc");
    }

    /// <summary>The query string of this filter with some parts changed ("" when it is the default list).</summary>
    public string Query(ListSort? sort = null, bool? descending = null)
    {
        var parts = new List<KeyValuePair<string, string?>>();
        if (Search is not null) parts.Add(new("q", Search));
        if (Label is not null) parts.Add(new("label", Label));
        if (Namespace is not null) parts.Add(new("ns", Namespace));
        var s = sort ?? Sort;
        if (s != ListSort.Budget) parts.Add(new("sort", s.ToString().ToLowerInvariant()));
        if (descending ?? Descending) parts.Add(new("dir", "desc"));
        return Microsoft.AspNetCore.Http.QueryString.Create(parts).ToString();
    }

    public IReadOnlyList<SloRow> Apply(IEnumerable<SloRow> rows)
    {
        var shown = rows.Where(Matches);
        // No data sorts last whichever the direction: an SLO without figures is not the one most at risk.
        IOrderedEnumerable<SloRow> ordered = Sort switch
        {
            ListSort.Name => Order(shown, r => $"{r.Namespace}/{r.Name}"),
            ListSort.Availability => OrderNullsLast(shown, r => r.Availability),
            ListSort.Objective => OrderNullsLast(shown, r => (double?)r.Objective),
            ListSort.Alert => Order(shown, r => (int)r.Alert),
            _ => OrderNullsLast(shown, r => r.Budget),
        };
        return [.. ordered.ThenBy(r => r.Namespace, StringComparer.Ordinal).ThenBy(r => r.Name, StringComparer.Ordinal)];
    }

    private IOrderedEnumerable<SloRow> Order<T>(IEnumerable<SloRow> rows, Func<SloRow, T> key) =>
        Descending ? rows.OrderByDescending(key) : rows.OrderBy(key);

    private IOrderedEnumerable<SloRow> OrderNullsLast(IEnumerable<SloRow> rows, Func<SloRow, double?> key)
    {
        var byPresence = rows.OrderBy(r => key(r) is null);
        return Descending ? byPresence.ThenByDescending(key) : byPresence.ThenBy(key);
    }

    private bool Matches(SloRow row)
    {
        if (Namespace is not null && row.Namespace != Namespace) return false;
        if (Search is not null && !Searchable(row).Any(t => t.Contains(Search, StringComparison.OrdinalIgnoreCase))) return false;
        if (Label is null) return true;
        var (key, value) = Label.IndexOf('=') is var eq and > 0 ? (Label[..eq].Trim(), Label[(eq + 1)..].Trim()) : (Label, (string?)null);
        return row.Labels.TryGetValue(key, out var actual) && (value is null || actual == value);
    }

    private static IEnumerable<string> Searchable(SloRow row) =>
        new[] { row.Name, row.Namespace, row.Slo.Spec.App ?? "" }.Concat(row.Labels.Select(l => $"{l.Key}={l.Value}")).Concat(row.Groups.Select(g => g.Group));
}
