using System.Net.Http.Headers;
using RumOperator.Api;
using RumOperator.Runtime.Client;

namespace RumOperator.ReleaseGuard;

/// <summary>
/// Signed POST to a GitOps pipeline (a CI job that reverts the release in Git, or a Flux Receiver). Retries with
/// exponential backoff and jitter live in the named HttpClient's resilience handler (see AddReleaseGuard).
/// </summary>
public sealed class WebhookNotifier(IHttpClientFactory http, IClusterClient cluster) : IRollbackAction
{
    public const string HttpClientName = "rum-rollback-webhook";
    public const string SecretKey = "secret";

    public RollbackTargetKind Kind => RollbackTargetKind.Webhook;

    public async Task<ActionResult> ExecuteAsync(RollbackContext context, CancellationToken ct)
    {
        var webhook = context.Rollback.Webhook;
        if (webhook is null) return ActionResult.Refused("spec.rollback.webhook: required when target.kind is webhook");
        var ns = context.Slo.Namespace;
        var secret = await cluster.GetAsync("v1", "Secret", ns, webhook.SecretRef.Name, ct).ConfigureAwait(false);
        if (secret?["data"]?[SecretKey]?.GetValue<string>() is not { Length: > 0 } encoded || Base64.TryDecode(encoded) is not { } key)
            return ActionResult.Failed($"Secret {ns}/{webhook.SecretRef.Name} (spec.rollback.webhook.secretRef) has no base64 key '{SecretKey}'");

        var body = WebhookMessage.For(context.Signal, context.Now).ToJsonBytes();
        var signature = WebhookMessage.Sign(key, body);
        using var request = new HttpRequestMessage(HttpMethod.Post, webhook.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add(WebhookMessage.SignatureHeader, signature);
        request.Headers.Add(WebhookMessage.FluxSignatureHeader, signature);
        request.Headers.Add(WebhookMessage.TimestampHeader, WebhookMessage.Timestamp(context.Now));
        try
        {
            using var response = await http.CreateClient(HttpClientName).SendAsync(request, ct).ConfigureAwait(false);
            var answer = await ResponseText(response, ct).ConfigureAwait(false);
            return response.IsSuccessStatusCode
                ? ActionResult.Succeeded($"webhook {webhook.Url} answered {(int)response.StatusCode}")
                : ActionResult.Failed($"webhook {webhook.Url} answered {(int)response.StatusCode} after retries: {answer}");
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutException or Polly.Timeout.TimeoutRejectedException
                                   || (e is TaskCanceledException && !ct.IsCancellationRequested))
        {
            return ActionResult.Failed($"webhook {webhook.Url} failed after retries: {e.Message}");
        }
    }

    private static async Task<string> ResponseText(HttpResponseMessage response, CancellationToken ct)
    {
        var text = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
        return text.Length <= 200 ? text : text[..200] + "...";
    }
}
