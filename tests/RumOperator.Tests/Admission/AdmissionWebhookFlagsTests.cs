using System.CommandLine;
using RumOperator.Web.Admission;

namespace RumOperator.Tests.Admission;

public class AdmissionWebhookFlagsTests
{
    private static (AdmissionWebhookFlags Flags, ParseResult Parse) Parse(params string[] args)
    {
        var flags = new AdmissionWebhookFlags();
        var command = new RootCommand();
        flags.AddTo(command);
        return (flags, command.Parse(args));
    }

    [Fact]
    public void The_charts_flags_become_options()
    {
        var (flags, parse) = Parse("--webhook", "--webhook-port", "9443", "--webhook-service", "rel-rum-operator",
            "--webhook-service-namespace", "rum-system", "--webhook-configuration", "rel-rum-operator", "--webhook-cert-dir", "/etc/tls");

        var options = flags.Read(parse)!;

        Assert.Equal(9443, options.Port);
        Assert.Equal("/etc/tls", options.CertificateDirectory);
        Assert.Equal(["rel-rum-operator.rum-system.svc", "rel-rum-operator.rum-system.svc.cluster.local"], options.DnsNames);
        Assert.Equal("rel-rum-operator", options.WebhookConfigurationName);
    }

    [Fact]
    public void Without_webhook_there_is_no_webhook_and_without_a_cert_dir_the_operator_issues_its_own()
    {
        var (off, offParse) = Parse();
        var (on, onParse) = Parse("--webhook");

        Assert.Null(off.Read(offParse));
        Assert.Null(on.Read(onParse)!.CertificateDirectory);
    }

    [Fact]
    public void A_port_out_of_range_is_refused_naming_the_flag()
    {
        var (flags, parse) = Parse("--webhook", "--webhook-port", "0");
        var e = Assert.Throws<ArgumentException>(() => flags.Read(parse));
        Assert.StartsWith("--webhook-port: 0 is not a TCP port", e.Message);
    }
}
