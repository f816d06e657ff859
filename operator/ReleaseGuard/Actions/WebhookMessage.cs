using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace RumOperator.ReleaseGuard;

/// <summary>The JSON body of the rollback webhook.</summary>
public sealed record WebhookMessage(
    [property: JsonPropertyName("slo")] string Slo,
    [property: JsonPropertyName("namespace")] string Namespace,
    [property: JsonPropertyName("release")] string Release,
    [property: JsonPropertyName("burnRate")] double BurnRate,
    [property: JsonPropertyName("events")] long Events,
    [property: JsonPropertyName("time")] DateTimeOffset Time,
    [property: JsonPropertyName("idempotencyKey")] string IdempotencyKey)
{
    public const string SignatureHeader = "X-Rum-Signature-256";
    public const string TimestampHeader = "X-Rum-Timestamp";

    /// <summary>The body's idempotencyKey as a header too, for receivers that deduplicate before parsing.</summary>
    public const string IdempotencyHeader = "Idempotency-Key";

    /// <summary>The header Flux's generic-hmac Receiver checks; same value, so a Receiver can take the webhook directly.</summary>
    public const string FluxSignatureHeader = "X-Signature";

    public static WebhookMessage For(BurnSignal signal, DateTimeOffset now) =>
        new(signal.Slo, signal.Namespace, signal.Release, Math.Round(signal.BurnRate, 3), signal.Events,
            now.ToUniversalTime(), IdempotencyKeyFor(signal.Namespace, signal.Slo, signal.Release));

    /// <summary>Stable per (SLO, release): a receiver that saw it before can drop a retry or a repeat after an operator restart.</summary>
    public static string IdempotencyKeyFor(string ns, string slo, string release) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"rumslo/{ns}/{slo}/{release}")))[..32];

    public byte[] ToJsonBytes() => JsonSerializer.SerializeToUtf8Bytes(this);

    /// <summary>"sha256=" and the lowercase hex HMAC-SHA256 of the raw body; the body's time field makes replays detectable.</summary>
    public static string Sign(byte[] secret, byte[] body) => "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(secret, body));

    public static string Timestamp(DateTimeOffset now) => now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
}
