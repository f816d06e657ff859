using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using RumOperator.Objects;
using RumOperator.Runtime.Client;

namespace RumOperator.Web.Admission.Certificates;

/// <summary>
/// Writes the merged caBundle into every webhook of the chart's ValidatingWebhookConfiguration (RBAC: get and patch on
/// that one name). The patch carries the resourceVersion it read, so two replicas publishing at once cannot drop each
/// other's CA: the loser gets 409 and merges again.
/// </summary>
public sealed class WebhookCaBundlePublisher(IClusterClient client, AdmissionWebhookOptions options, ILogger<WebhookCaBundlePublisher> logger)
    : ICaBundlePublisher
{
    private const int Attempts = 3;
    private static readonly string ApiVersion = OperatorKinds.ValidatingWebhookConfiguration.ApiVersion;
    private static readonly string Kind = OperatorKinds.ValidatingWebhookConfiguration.Kind;

    public async Task<bool> PublishAsync(X509Certificate2 authority, DateTimeOffset now, CancellationToken ct)
    {
        var name = options.WebhookConfigurationName;
        for (var attempt = 1; attempt <= Attempts; attempt++)
        {
            try
            {
                var configuration = await client.GetAsync(ApiVersion, Kind, null, name, ct).ConfigureAwait(false);
                if (configuration is null)
                {
                    logger.LogWarning("ValidatingWebhookConfiguration {Name} not found; the API server cannot call the webhook until it exists", name);
                    return false;
                }
                if (Merged(configuration, authority, now) is not { } patch) return true;
                await client.PatchAsync(ApiVersion, Kind, null, name, patch, ct).ConfigureAwait(false);
                logger.LogInformation("Published webhook CA {Subject} (valid until {NotAfter:u}) to ValidatingWebhookConfiguration {Name}",
                    authority.Subject, authority.NotAfter.ToUniversalTime(), name);
                return true;
            }
            catch (KubernetesApiException e) when (e.IsConflict && attempt < Attempts)
            {
                logger.LogDebug("caBundle of {Name} changed while publishing; merging again", name);
            }
            catch (Exception e) when (e is KubernetesApiException or TimeoutException or HttpRequestException)
            {
                logger.LogWarning(e, "Could not publish the webhook CA to ValidatingWebhookConfiguration {Name}; retrying at the next refresh", name);
                return false;
            }
        }
        return false;
    }

    /// <summary>The merge patch that puts the merged bundle into every webhook, or null when all already trust the CA.</summary>
    private static JsonObject? Merged(JsonObject configuration, X509Certificate2 authority, DateTimeOffset now)
    {
        if (configuration["webhooks"] is not JsonArray webhooks) return null;
        var updated = (JsonArray)webhooks.DeepClone();
        var changed = false;
        foreach (var webhook in updated.OfType<JsonObject>())
        {
            if (webhook["clientConfig"] is not JsonObject clientConfig) webhook["clientConfig"] = clientConfig = new JsonObject();
            var current = clientConfig["caBundle"]?.GetValue<string>() is { Length: > 0 } b64 ? Decode(b64) : null;
            var (pem, differs) = CaBundle.Merge(current, authority, now);
            if (!differs) continue;
            clientConfig["caBundle"] = Convert.ToBase64String(Encoding.ASCII.GetBytes(pem));
            changed = true;
        }
        if (!changed) return null;
        // A merge patch replaces lists whole: send every webhook back, conditional on the version read.
        return new JsonObject
        {
            ["metadata"] = new JsonObject { ["resourceVersion"] = configuration["metadata"]?["resourceVersion"]?.DeepClone() },
            ["webhooks"] = updated,
        };
    }

    private static string? Decode(string base64)
    {
        try { return Encoding.ASCII.GetString(Convert.FromBase64String(base64)); }
        catch (FormatException) { return null; }
    }
}
