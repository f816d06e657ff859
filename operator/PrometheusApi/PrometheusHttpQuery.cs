using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace RumOperator.PrometheusApi;

/// <summary>
/// The HTTP API client: POST {base}/api/v1/query with the query as a form field (so the page alert's long
/// expression fits where a URL would not), vector results only.
/// </summary>
public sealed class PrometheusHttpQuery(HttpClient http, Uri baseUrl) : IPrometheusQuery
{
    public async Task<IReadOnlyList<PromSample>> QueryAsync(string promql, CancellationToken ct)
    {
        var url = new Uri(baseUrl, "api/v1/query");
        string body;
        int code;
        try
        {
            using var form = new FormUrlEncodedContent([KeyValuePair.Create("query", promql)]);
            using var response = await http.PostAsync(url, form, ct).ConfigureAwait(false);
            code = (int)response.StatusCode;
            body = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            throw new PrometheusQueryException($"POST {url}: {e.Message}", e);
        }
        return Parse(body, code);
    }

    /// <summary>Parses a /api/v1/query answer; Prometheus sends error details with 400/422/503 too, so the body is read whatever the code.</summary>
    public static IReadOnlyList<PromSample> Parse(string body, int statusCode)
    {
        JsonObject? root;
        try { root = JsonNode.Parse(body) as JsonObject; }
        catch (JsonException) { root = null; }
        if (root is null) throw new PrometheusQueryException($"Prometheus answered {statusCode} with a body that is not a JSON object");
        if (root["status"]?.GetValue<string>() != "success")
            throw new PrometheusQueryException($"Prometheus answered {statusCode}: {root["errorType"]?.GetValue<string>()}: {root["error"]?.GetValue<string>()}");
        var data = root["data"] as JsonObject;
        var type = data?["resultType"]?.GetValue<string>();
        if (type != "vector") throw new PrometheusQueryException($"data.resultType: expected vector, got {type ?? "nothing"}");
        return (data!["result"] as JsonArray ?? []).OfType<JsonObject>().Select(Sample).ToList();
    }

    private static PromSample Sample(JsonObject item)
    {
        var labels = (item["metric"] as JsonObject ?? []).ToDictionary(p => p.Key, p => p.Value?.GetValue<string>() ?? "", StringComparer.Ordinal);
        // value is [unix seconds, "text"]; the text may be NaN or ±Inf.
        var text = (item["value"] as JsonArray)?[1]?.GetValue<string>()
                   ?? throw new PrometheusQueryException("data.result[].value: expected [timestamp, \"value\"]");
        var value = text switch
        {
            "+Inf" or "Inf" => double.PositiveInfinity,
            "-Inf" => double.NegativeInfinity,
            _ => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
        };
        return new PromSample(labels, value);
    }
}
