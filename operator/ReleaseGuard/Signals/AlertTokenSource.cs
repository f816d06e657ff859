using System.Text;
using Microsoft.Extensions.Logging;
using RumOperator.Runtime.Client;
using RumOperator.Objects;

namespace RumOperator.ReleaseGuard;

/// <summary>The bearer token Alertmanager must present, from a file or a Secret, cached for a short while.</summary>
public sealed class AlertTokenSource(ReleaseGuardOptions options, IClusterClient cluster, TimeProvider time, ILogger<AlertTokenSource> logger)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private (string? Token, DateTimeOffset ReadAt)? _cached;

    /// <summary>The token, or null when none is configured or readable (then every request is refused).</summary>
    public async Task<string?> GetAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var now = time.GetUtcNow();
            if (_cached is { } c && now - c.ReadAt < options.TokenCacheTtl) return c.Token;
            var token = await ReadAsync(ct).ConfigureAwait(false);
            _cached = (token, now);
            return token;
        }
        finally { _gate.Release(); }
    }

    private async Task<string?> ReadAsync(CancellationToken ct)
    {
        if (options.AlertTokenFile is { } file)
        {
            if (File.Exists(file)) return NullIfBlank((await File.ReadAllTextAsync(file, ct).ConfigureAwait(false)).Trim());
            logger.LogWarning("Alert token file {File} does not exist: every alert is refused", file);
            return null;
        }
        if (options.AlertTokenSecret is { } s)
        {
            var secret = await cluster.GetAsync(OperatorKinds.Secret.ApiVersion, OperatorKinds.Secret.Kind, s.Namespace, s.Name, ct).ConfigureAwait(false);
            if (secret?["data"]?[s.Key]?.GetValue<string>() is { } data && Base64.TryDecode(data) is { } bytes)
                return NullIfBlank(Encoding.UTF8.GetString(bytes).Trim());
            logger.LogWarning("Secret {Namespace}/{Name} has no base64 key {Key}: every alert is refused", s.Namespace, s.Name, s.Key);
            return null;
        }
        return null;
    }

    private static string? NullIfBlank(string s) => s.Length == 0 ? null : s;
}
