using System.Net.Http.Headers;
using RumOperator.Api;
using RumOperator.Runtime.Client;
using RumOperator.Objects;

namespace RumOperator.ReleaseGuard;

/// <summary>
/// Signed POST to a GitOps pipeline (a CI job that reverts the release in Git, or a Flux Receiver). Retries with
/// exponential backoff and jitter live in the named HttpClient's resilience handler (see AddReleaseGuard); redirects
/// are not followed (a redirect would leave the allowlist).
/// The URL must pass <see cref="WebhookEgress"/>; the answer's body is never read into status, Events or logs (only
/// its status code), and the URL is shown redacted.
/// </summary>
public sealed class WebhookNotifier(IHttpClientFactory http, IClusterClient cluster, ReleaseGuardOptions options) : IRollbackAction
{
    public const string HttpClientName = "rum-rollback-webhook";
    public const string SecretKey = "secret";

    public RollbackTargetKind Kind => RollbackTargetKind.Webhook;

    public async Task<ActionResult> ExecuteAsync(RollbackContext context, CancellationToken ct)
    {
        var webhook = context.Rollback.Webhook;
        if (webhook is null) return ActionResult.Refused("spec.rollback.webhook: required when target.kind is webhook");
        if (WebhookEgress.Refusal(webhook.Url, options.WebhookAllowedHosts, options.WebhookAllowHttp) is { } refusal) return ActionResult.Refused(refusal);
        var shown = WebhookEgress.Redact(webhook.Url);
        var ns = context.Slo.Namespace;
        var secret = await cluster.GetAsync(OperatorKinds.Secret.ApiVersion, OperatorKinds.Secret.Kind, ns, webhook.SecretRef.Name, ct).ConfigureAwait(false);
        if (secret?["data"]?[SecretKey]?.GetValue<string>() is not { Length: > 0 } encoded || Base64.TryDecode(encoded) is not { } key)
            return ActionResult.Failed($"Secret {ns}/{webhook.SecretRef.Name} (spec.rollback.webhook.secretRef) has no base64 key '{SecretKey}'");

        var body = WebhookMessage.For(context.Signal, context.Now).ToJsonBytes();
        var signature = WebhookMessage.Sign(key, body);
        using var request = new HttpRequestMessage(HttpMethod.Post, webhook.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add(WebhookMessage.SignatureHeader, signature);
        request.Headers.Add(WebhookMessage.FluxSignatureHeader, signature);
        request.Headers.Add(WebhookMessage.TimestampHeader, WebhookMessage.Timestamp(context.Now));
        request.Headers.Add(WebhookMessage.IdempotencyHeader, WebhookMessage.IdempotencyKeyFor(ns, context.Slo.Name, context.Signal.Release));
        try
        {
            // Headers only: the answer's body is the tenant's URL talking, and is neither read nor reflected.
            using var response = await http.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
            return response.IsSuccessStatusCode
                ? ActionResult.Succeeded($"webhook {shown} answered {(int)response.StatusCode}")
                : ActionResult.Failed($"webhook {shown} answered {(int)response.StatusCode} after retries");
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutException or Polly.Timeout.TimeoutRejectedException
                                   || (e is TaskCanceledException && !ct.IsCancellationRequested))
        {
            return ActionResult.Failed($"webhook {shown} failed after retries ({(e is HttpRequestException h ? h.HttpRequestError.ToString() : e.GetType().Name)})");
        }
    }
}
