using System.Globalization;
using System.Text.Json.Nodes;

namespace RumOperator.ReleaseGuard;

/// <summary>One series of an instant vector.</summary>
public sealed record PromSample(IReadOnlyDictionary<string, string> Labels, double Value);

public sealed class PrometheusQueryException(string message) : Exception(message);

/// <summary>Instant queries against the Prometheus HTTP API (POST /api/v1/query, so long rule expressions fit).</summary>
public sealed class PrometheusQueryClient(HttpClient http)
{
    public async Task<IReadOnlyList<PromSample>> QueryAsync(string promql, CancellationToken ct)
    {
        using var form = new FormUrlEncodedContent([KeyValuePair.Create("query", promql)]);
        using var response = await http.PostAsync("api/v1/query", form, ct).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
        var body = Parse(text, response);
        if (body["status"]?.GetValue<string>() != "success")
            throw new PrometheusQueryException($"Prometheus answered {(int)response.StatusCode}: {body["errorType"]} {body["error"]}");
        var data = body["data"] as JsonObject ?? throw new PrometheusQueryException("Prometheus answer: data missing");
        if (data["resultType"]?.GetValue<string>() != "vector")
            throw new PrometheusQueryException($"Prometheus answer: data.resultType '{data["resultType"]}' is not vector");
        return [.. (data["result"] as JsonArray ?? []).OfType<JsonObject>().Select(Sample)];
    }

    private static JsonObject Parse(string text, HttpResponseMessage response)
    {
        try { return System.Text.Json.Nodes.JsonNode.Parse(text) as JsonObject ?? throw new PrometheusQueryException("not a JSON object"); }
        catch (System.Text.Json.JsonException)
        {
            throw new PrometheusQueryException($"Prometheus answered {(int)response.StatusCode} with a body that is not JSON: {text[..Math.Min(200, text.Length)]}");
        }
    }

    private static PromSample Sample(JsonObject series)
    {
        var labels = (series["metric"] as JsonObject ?? []).ToDictionary(kv => kv.Key, kv => kv.Value?.GetValue<string>() ?? "");
        var value = series["value"] is JsonArray { Count: 2 } pair ? pair[1]?.GetValue<string>() : null;
        return new PromSample(labels, double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : double.NaN);
    }
}
