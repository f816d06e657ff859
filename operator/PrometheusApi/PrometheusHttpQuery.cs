using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace RumOperator.PrometheusApi;

/// <summary>
/// The HTTP API client: POST {base}/api/v1/query (vector results) and {base}/api/v1/query_range (matrix results)
/// with the query as a form field, so the page alert's long expression fits where a URL would not.
/// </summary>
public sealed class PrometheusHttpQuery(HttpClient http, Uri baseUrl) : IPrometheusQuery, IPrometheusRangeQuery
{
    public async Task<IReadOnlyList<PromSample>> QueryAsync(string promql, CancellationToken ct)
    {
        var (body, code) = await PostAsync("api/v1/query", [KeyValuePair.Create("query", promql)], ct).ConfigureAwait(false);
        return Parse(body, code);
    }

    public async Task<IReadOnlyList<PromSeries>> QueryRangeAsync(string promql, DateTimeOffset start, DateTimeOffset end, TimeSpan step, CancellationToken ct)
    {
        static string Seconds(double s) => s.ToString("0.###", CultureInfo.InvariantCulture);
        var (body, code) = await PostAsync("api/v1/query_range",
        [
            KeyValuePair.Create("query", promql),
            KeyValuePair.Create("start", Seconds(start.ToUnixTimeMilliseconds() / 1000.0)),
            KeyValuePair.Create("end", Seconds(end.ToUnixTimeMilliseconds() / 1000.0)),
            KeyValuePair.Create("step", Seconds(step.TotalSeconds)),
        ], ct).ConfigureAwait(false);
        return ParseMatrix(body, code);
    }

    private async Task<(string Body, int Code)> PostAsync(string path, KeyValuePair<string, string>[] fields, CancellationToken ct)
    {
        var url = new Uri(baseUrl, path);
        try
        {
            using var form = new FormUrlEncodedContent(fields);
            using var response = await http.PostAsync(url, form, ct).ConfigureAwait(false);
            return (await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false), (int)response.StatusCode);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            throw new PrometheusQueryException($"POST {url}: {e.Message}", e);
        }
    }

    /// <summary>Parses a /api/v1/query answer; Prometheus sends error details with 400/422/503 too, so the body is read whatever the code.</summary>
    public static IReadOnlyList<PromSample> Parse(string body, int statusCode) =>
        Data(body, statusCode, "vector").Select(Sample).ToList();

    /// <summary>Parses a /api/v1/query_range answer (a matrix).</summary>
    public static IReadOnlyList<PromSeries> ParseMatrix(string body, int statusCode) =>
        Data(body, statusCode, "matrix").Select(item => new PromSeries(Labels(item),
            (item["values"] as JsonArray ?? []).OfType<JsonArray>().Select(Point).ToList())).ToList();

    private static IEnumerable<JsonObject> Data(string body, int statusCode, string expectedType)
    {
        JsonObject? root;
        try { root = JsonNode.Parse(body) as JsonObject; }
        catch (JsonException) { root = null; }
        if (root is null) throw new PrometheusQueryException($"Prometheus answered {statusCode} with a body that is not a JSON object");
        if (root["status"]?.GetValue<string>() != "success")
            throw new PrometheusQueryException($"Prometheus answered {statusCode}: {root["errorType"]?.GetValue<string>()}: {root["error"]?.GetValue<string>()}");
        var data = root["data"] as JsonObject;
        var type = data?["resultType"]?.GetValue<string>();
        if (type != expectedType) throw new PrometheusQueryException($"data.resultType: expected {expectedType}, got {type ?? "nothing"}");
        return (data!["result"] as JsonArray ?? []).OfType<JsonObject>();
    }

    private static Dictionary<string, string> Labels(JsonObject item) =>
        (item["metric"] as JsonObject ?? []).ToDictionary(p => p.Key, p => p.Value?.GetValue<string>() ?? "", StringComparer.Ordinal);

    // value is [unix seconds, "text"]; the text may be NaN or ±Inf.
    private static PromSample Sample(JsonObject item) =>
        new(Labels(item), Value((item["value"] as JsonArray)?[1]?.GetValue<string>(), "data.result[].value"));

    private static PromPoint Point(JsonArray pair) =>
        pair.Count == 2 && pair[0] is JsonValue time && time.TryGetValue<double>(out var seconds) && pair[1] is JsonValue value && value.TryGetValue<string>(out var text)
            ? new PromPoint(seconds, Value(text, "data.result[].values[]"))
            : throw new PrometheusQueryException("data.result[].values[]: expected [timestamp, \"value\"]");

    private static double Value(string? text, string field) => text switch
    {
        null => throw new PrometheusQueryException($"{field}: expected [timestamp, \"value\"]"),
        "+Inf" or "Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        _ => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v
            : throw new PrometheusQueryException($"{field}: '{text}' is not a number"),
    };
}
