using System.CommandLine;

namespace RumOperator.Web.Admission;

/// <summary>The `run` command's webhook flags; the chart passes them (see docs/install.md).</summary>
public sealed class AdmissionWebhookFlags
{
    private static readonly AdmissionWebhookOptions Defaults = new();

    public Option<bool> Enabled { get; } = new("--webhook") { Description = "Serve the validating admission webhook over HTTPS" };

    public Option<int> Port { get; } = new("--webhook-port") { Description = "HTTPS port of the webhook", DefaultValueFactory = _ => Defaults.Port };

    public Option<string?> CertificateDirectory { get; } = new("--webhook-cert-dir")
    {
        Description = "Directory with tls.crt and tls.key (cert-manager); without it the operator issues its own CA and patches the caBundle",
    };

    public Option<string> ServiceName { get; } = new("--webhook-service") { Description = "The webhook Service (certificate DNS names)", DefaultValueFactory = _ => Defaults.ServiceName };

    public Option<string> ServiceNamespace { get; } = new("--webhook-service-namespace") { Description = "The webhook Service's namespace", DefaultValueFactory = _ => Defaults.ServiceNamespace };

    public Option<string> Configuration { get; } = new("--webhook-configuration")
    {
        Description = "The ValidatingWebhookConfiguration whose caBundle the operator maintains",
        DefaultValueFactory = _ => Defaults.WebhookConfigurationName,
    };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { Enabled, Port, CertificateDirectory, ServiceName, ServiceNamespace, Configuration })
            command.Options.Add(option);
    }

    /// <summary>The webhook's options, or null when --webhook is not given.</summary>
    public AdmissionWebhookOptions? Read(ParseResult parse)
    {
        if (!parse.GetValue(Enabled)) return null;
        var port = parse.GetValue(Port);
        if (port is < 1 or > 65535) throw new ArgumentException($"--webhook-port: {port} is not a TCP port (1-65535)");
        return new AdmissionWebhookOptions
        {
            Port = port,
            CertificateDirectory = parse.GetValue(CertificateDirectory) is { Length: > 0 } dir ? dir : null,
            ServiceName = parse.GetValue(ServiceName)!,
            ServiceNamespace = parse.GetValue(ServiceNamespace)!,
            WebhookConfigurationName = parse.GetValue(Configuration)!,
        };
    }
}
