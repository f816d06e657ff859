using System.Globalization;
using System.Net;
using RumOperator.Api;
using RumOperator.SloConsole.Data;

namespace RumOperator.SloConsole.Views;

/// <summary>Escaping and the console's number formats. Every value from a manifest or Prometheus goes through <see cref="E"/>.</summary>
public static class Html
{
    public const string NoData = "no data";

    public static string E(string? text) => WebUtility.HtmlEncode(text ?? "");

    /// <summary>A path segment or query value.</summary>
    public static string U(string text) => Uri.EscapeDataString(text);

    public static string Percent(double? ratio, int decimals = 2) =>
        ratio is { } r && double.IsFinite(r) ? NoNegativeZero((r * 100).ToString("0." + new string('#', decimals), CultureInfo.InvariantCulture)) + "%" : NoData;

    /// <summary>A value that rounds to zero from below reads "0", not "-0".</summary>
    private static string NoNegativeZero(string text) => text == "-0" ? "0" : text;

    public static string Number(double? value, string format = "0.##") =>
        value is not { } v ? NoData : double.IsPositiveInfinity(v) ? "+Inf" : double.IsNaN(v) ? NoData : NoNegativeZero(v.ToString(format, CultureInfo.InvariantCulture));

    public static string Burn(double? value) => value is null ? NoData : Number(value) + "×";

    public static string Duration(TimeSpan span) => PromDuration.Format(span);

    public static string Time(DateTime time) => time.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    public static string Badge(AlertState state, string? detail = null)
    {
        var (css, text) = state switch
        {
            AlertState.Firing => ("firing", "firing"),
            AlertState.Pending => ("pending", "pending"),
            AlertState.Ok => ("ok", "ok"),
            _ => ("nodata", NoData),
        };
        return $"<span class=\"badge {css}\">{text}{(detail is null ? "" : " · " + E(detail))}</span>";
    }

    /// <summary>Succeeded green, Refused amber, Failed red.</summary>
    public static string ResultBadge(string result) => result switch
    {
        "Succeeded" => $"<span class=\"badge ok\">{E(result)}</span>",
        "Refused" => $"<span class=\"badge pending\">{E(result)}</span>",
        _ => $"<span class=\"badge firing\">{E(result)}</span>",
    };

    public static string SloPath(string ns, string name) => $"/slos/{U(ns)}/{U(name)}";
}
