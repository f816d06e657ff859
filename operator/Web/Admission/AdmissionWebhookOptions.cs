namespace RumOperator.Web.Admission;

/// <summary>How the validating webhook is served and where its certificate comes from.</summary>
public sealed record AdmissionWebhookOptions
{
    /// <summary>The HTTPS port the API server calls (the chart's Service maps 443 to it).</summary>
    public int Port { get; init; } = 9443;

    /// <summary>
    /// A directory holding tls.crt and tls.key (a cert-manager Secret mounted as a volume). When set, the operator
    /// serves that certificate and reloads it when the files change; when null it issues its own.
    /// </summary>
    public string? CertificateDirectory { get; init; }

    /// <summary>The webhook Service's name and namespace: the serving certificate's DNS names derive from them.</summary>
    public string ServiceName { get; init; } = "rum-operator-webhook";

    public string ServiceNamespace { get; init; } = "rum-system";

    /// <summary>The ValidatingWebhookConfiguration whose caBundle the operator keeps current when it issues its own certificate.</summary>
    public string WebhookConfigurationName { get; init; } = "rum-operator";

    /// <summary>Lifetime of a self-issued CA and serving certificate.</summary>
    public TimeSpan CertificateValidity { get; init; } = TimeSpan.FromDays(365);

    /// <summary>A self-issued certificate is replaced once less than this remains.</summary>
    public TimeSpan RenewBefore { get; init; } = TimeSpan.FromDays(30);

    /// <summary>
    /// How often the certificate is checked: reload (directory), rotate and re-publish the caBundle (self-issued).
    /// Short, because it is also how fast a replica's CA returns to a bundle something else rewrote; one GET when nothing changed.
    /// </summary>
    public TimeSpan CheckInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// The API server gives the webhook timeoutSeconds (5 s in the chart); the pipeline lookup for RumSLO checks
    /// must leave room for the answer, so after this it is skipped with a warning.
    /// </summary>
    public TimeSpan PipelineLookupTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>DNS names the serving certificate must carry: what the API server dials and verifies.</summary>
    public IReadOnlyList<string> DnsNames =>
    [
        $"{ServiceName}.{ServiceNamespace}.svc",
        $"{ServiceName}.{ServiceNamespace}.svc.cluster.local",
    ];
}
