using System.CommandLine;

namespace RumOperator.ReleaseGuard;

/// <summary>The `run` command's release-guard flags; the chart passes them (see docs/operator.md and docs/install.md).</summary>
public sealed class ReleaseGuardFlags
{
    private static readonly ReleaseGuardOptions Defaults = new();

    public Option<string?> AlertTokenFile { get; } = new("--alert-token-file")
    {
        Description = "File with the bearer token Alertmanager must send to /alerts (a mounted Secret); no token, no rollback from alerts",
    };

    public Option<string?> AlertTokenSecret { get; } = new("--alert-token-secret")
    {
        Description = "Secret key with that token, read through the API: namespace/name[:key] (key defaults to token)",
    };

    public Option<int> AlertsPort { get; } = new("--alerts-port")
    {
        Description = "Port of /alerts (Alertmanager's webhook), its own listener: metrics and health ports do not serve it",
        DefaultValueFactory = _ => Defaults.AlertsPort,
    };

    public Option<bool> AlertsTls { get; } = new("--alerts-tls")
    {
        Description = "Serve /alerts over HTTPS with the admission webhook's certificate (needs --webhook)",
    };

    public Option<string?> WebhookAllowedHosts { get; } = new("--rollback-webhook-allowed-hosts")
    {
        Description = "Comma-separated hosts a RumSLO's rollback.webhook.url may name (exact, or *.example.com); empty: webhook rollbacks are refused",
    };

    public Option<bool> WebhookAllowHttp { get; } = new("--rollback-webhook-allow-http")
    {
        Description = "Let rollback.webhook.url use plain http (https otherwise)",
    };

    public Option<string> ActionTimeout { get; } = new("--rollback-action-timeout")
    {
        Description = "Deadline of one rollback action, webhook retries included (a duration: 30s, 1m)",
        DefaultValueFactory = _ => Api.PromDuration.Format(Defaults.ActionTimeout),
    };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { AlertTokenFile, AlertTokenSecret, AlertsPort, AlertsTls, WebhookAllowedHosts, WebhookAllowHttp, ActionTimeout })
            command.Options.Add(option);
    }

    /// <summary>The guard's options; every error names its flag.</summary>
    public ReleaseGuardOptions Read(ParseResult parse)
    {
        var port = parse.GetValue(AlertsPort);
        if (port is < 1 or > 65535) throw new ArgumentException($"--alerts-port: {port} is not a TCP port (1-65535)");
        var timeoutText = parse.GetValue(ActionTimeout)!;
        if (!Api.PromDuration.TryParse(timeoutText, out var timeout) || timeout < TimeSpan.FromSeconds(1))
            throw new ArgumentException($"--rollback-action-timeout: '{timeoutText}' is not a duration of at least 1s (e.g. 30s, 1m)");
        var hosts = (parse.GetValue(WebhookAllowedHosts) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var host in hosts)
            if (Uri.CheckHostName(host.StartsWith("*.", StringComparison.Ordinal) ? host[2..] : host) == UriHostNameType.Unknown)
                throw new ArgumentException($"--rollback-webhook-allowed-hosts: '{host}' is not a host name (exact, or *.example.com)");
        return new ReleaseGuardOptions
        {
            AlertTokenFile = parse.GetValue(AlertTokenFile) is { Length: > 0 } file ? file : null,
            AlertTokenSecret = parse.GetValue(AlertTokenSecret) is { Length: > 0 } secret ? SecretKeyReference.Parse("--alert-token-secret", secret) : null,
            AlertsPort = port,
            AlertsTls = parse.GetValue(AlertsTls),
            WebhookAllowedHosts = hosts,
            WebhookAllowHttp = parse.GetValue(WebhookAllowHttp),
            ActionTimeout = timeout,
        };
    }
}
