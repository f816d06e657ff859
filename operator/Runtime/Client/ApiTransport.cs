using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using k8s;
using RumOperator.Runtime.Metrics;

namespace RumOperator.Runtime.Client;

/// <summary>One API call: what is sent, and the verb/resource it is counted under.</summary>
internal sealed record ApiRequest(HttpMethod Method, string PathAndQuery, string Verb, string Resource,
    JsonNode? Body = null, string? ContentType = null, bool NotFoundIsNull = false);

/// <summary>
/// Sends hand-built requests through KubernetesClient's configured HttpClient and credentials (TLS, client
/// certificates, tokens, exec plugins all come from its kubeconfig handling), so paths and content types are ours.
/// </summary>
internal sealed class ApiTransport(Kubernetes kubernetes, RuntimeMetrics metrics, TimeProvider time, TimeSpan requestTimeout)
{
    private readonly string _baseUri = kubernetes.BaseUri.ToString().TrimEnd('/');

    /// <summary>The parsed response body (null when empty, or on 404 if the request allows it).</summary>
    public async Task<JsonObject?> SendAsync(ApiRequest request, CancellationToken ct)
    {
        using var timeout = new CancellationTokenSource(requestTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, timeout.Token);
        try
        {
            using var message = await CreateMessageAsync(request, linked.Token).ConfigureAwait(false);
            using var response = await kubernetes.HttpClient.SendAsync(message, linked.Token).ConfigureAwait(false);
            Count(request, ((int)response.StatusCode).ToString());
            var text = await response.Content.ReadAsStringAsync(linked.Token).ConfigureAwait(false);
            if (response.IsSuccessStatusCode) return text.Length == 0 ? null : JsonNode.Parse(text) as JsonObject;
            if (request.NotFoundIsNull && response.StatusCode == HttpStatusCode.NotFound) return null;
            throw ToException(request, response, text);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            Count(request, "timeout");
            throw new TimeoutException($"{request.Method} {request.PathAndQuery}: no answer within {requestTimeout.TotalSeconds}s");
        }
        catch (HttpRequestException)
        {
            Count(request, "error");
            throw;
        }
    }

    /// <summary>Opens a streaming response (watch); the caller owns and disposes it.</summary>
    public async Task<HttpResponseMessage> OpenStreamAsync(ApiRequest request, CancellationToken ct)
    {
        HttpResponseMessage response;
        try
        {
            using var message = await CreateMessageAsync(request, ct).ConfigureAwait(false);
            response = await kubernetes.HttpClient.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
        }
        catch (HttpRequestException)
        {
            Count(request, "error");
            throw;
        }
        Count(request, ((int)response.StatusCode).ToString());
        if (response.IsSuccessStatusCode) return response;
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
            throw ToException(request, response, text);
        }
    }

    public static KubernetesApiException FromStatus(string what, int fallbackCode, JsonObject? status, TimeSpan? retryAfter = null)
    {
        var code = status?["code"] is JsonValue c && c.TryGetValue<int>(out var parsed) ? parsed : fallbackCode;
        var reason = status is null ? "" : ObjectMeta.Str(status, "reason") ?? "";
        var message = status is null ? "" : ObjectMeta.Str(status, "message") ?? "";
        return new KubernetesApiException(code, reason, $"{what}: {code} {reason}: {message}".TrimEnd(' ', ':'), retryAfter);
    }

    private async Task<HttpRequestMessage> CreateMessageAsync(ApiRequest request, CancellationToken ct)
    {
        var message = new HttpRequestMessage(request.Method, new Uri(_baseUri + request.PathAndQuery));
        message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (request.Body is not null)
        {
            message.Content = new StringContent(request.Body.ToJsonString(), Encoding.UTF8);
            // Exact media type without a charset parameter: it selects the patch strategy on the server.
            message.Content.Headers.ContentType = new MediaTypeHeaderValue(request.ContentType ?? "application/json");
        }
        if (kubernetes.Credentials is { } credentials)
            await credentials.ProcessHttpRequestAsync(message, ct).ConfigureAwait(false);
        return message;
    }

    private static KubernetesApiException ToException(ApiRequest request, HttpResponseMessage response, string text)
    {
        JsonObject? status = null;
        try { status = text.Length > 0 ? JsonNode.Parse(text) as JsonObject : null; }
        catch (System.Text.Json.JsonException) { /* a proxy's HTML error page: keep the HTTP code only */ }
        return FromStatus($"{request.Method} {request.PathAndQuery}", (int)response.StatusCode, status, response.Headers.RetryAfter?.Delta);
    }

    private void Count(ApiRequest request, string code) =>
        metrics.ApiRequests.WithLabels(request.Verb, request.Resource, code).Inc();
}
