using System.Text;
using RumOperator.Runtime.Client;
using RumOperator.Objects;

namespace RumOperator.ReleaseGuard;

/// <summary>
/// HTTP basic credentials from the Secret of spec.rollback.git.secretRef, as the Authorization header git sends
/// (http.extraHeader, passed by environment). <see cref="Secrets"/> lists every form of them to scrub from output.
/// </summary>
public sealed record GitCredentials(string AuthorizationHeader, IReadOnlyList<string> Secrets)
{
    public const string TokenKey = "token";
    public const string UsernameKey = "username";
    public const string PasswordKey = "password";

    /// <summary>The user GitHub expects with an app or personal access token; GitLab and Gitea accept any user with a token.</summary>
    public const string DefaultTokenUser = "x-access-token";

    public static GitCredentials Basic(string user, string password)
    {
        var encoded = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}"));
        return new GitCredentials($"Authorization: Basic {encoded}", [encoded, password]);
    }

    /// <summary>The credentials, or why the Secret holds none (a reason that names keys, never values).</summary>
    public static async Task<(GitCredentials? Credentials, string? Problem)> ReadAsync(IClusterClient cluster, string ns, string name, CancellationToken ct)
    {
        var secret = await cluster.GetAsync(OperatorKinds.Secret.ApiVersion, OperatorKinds.Secret.Kind, ns, name, ct).ConfigureAwait(false);
        if (secret is null) return (null, $"Secret {ns}/{name} (spec.rollback.git.secretRef) does not exist");
        string? Key(string key) =>
            secret["data"]?[key]?.GetValue<string>() is { Length: > 0 } encoded && Base64.TryDecode(encoded) is { Length: > 0 } bytes
                ? Encoding.UTF8.GetString(bytes).TrimEnd('\n', '\r')
                : null;
        var password = Key(TokenKey) ?? Key(PasswordKey);
        if (password is null)
            return (null, $"Secret {ns}/{name} (spec.rollback.git.secretRef) has no base64 key '{TokenKey}' or '{PasswordKey}'");
        var user = Key(UsernameKey) ?? DefaultTokenUser;
        if (user.Contains(':') || user.Any(char.IsControl) || password.Any(char.IsControl))
            return (null, $"Secret {ns}/{name} (spec.rollback.git.secretRef): '{UsernameKey}' must not contain ':' and no key may hold control characters");
        return (Basic(user, password), null);
    }
}
