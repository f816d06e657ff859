using System.CommandLine;
using System.Text.Json.Nodes;
using RumOperator.Tests.Schemas;
using RumOperator.Tests.Support;
using RumOperator.Web.Admission;

namespace RumOperator.Tests.Chart;

public class ChartRenderTests
{
    /// <summary>No schema in ../shared/schemas: cert-manager's CRDs are not vendored. Only these kinds skip validation.</summary>
    private static readonly string[] Unvalidated = ["cert-manager.io/v1/Certificate", "cert-manager.io/v1/Issuer"];

    public static TheoryData<string, string> Scenarios => HelmChart.Scenarios;

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Lint_passes(string scenario, string values)
    {
        var result = HelmChart.Run("lint", values);
        Assert.True(result.ExitCode == 0, $"{scenario}: helm lint failed:\n{result.Output}");
        Assert.Contains("1 chart(s) linted, 0 chart(s) failed", result.Output);
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Every_rendered_object_validates_strictly(string scenario, string values)
    {
        var objects = HelmChart.Template(values);
        Assert.NotEmpty(objects);
        foreach (var obj in objects)
        {
            var key = $"{obj["apiVersion"]}/{obj["kind"]}";
            if (Unvalidated.Contains(key)) continue;
            var errors = SchemaValidator.Validate(obj);
            Assert.True(errors.Count == 0, $"{scenario}: {key} {obj["metadata"]!["name"]}:\n{string.Join("\n", errors)}");
        }
    }

    [Fact]
    public void The_defaults_render_the_operator_with_its_webhook_and_no_optional_objects()
    {
        var kinds = HelmChart.Template().Select(o => $"{o["kind"]}").Order().ToList();
        Assert.Equal(["ClusterRole", "ClusterRoleBinding", "Deployment", "Role", "RoleBinding", "Service", "ServiceAccount", "ValidatingWebhookConfiguration"], kinds);
    }

    [Fact]
    public void The_charts_crds_are_the_generated_crds()
    {
        var chartCrds = Path.Combine(HelmChart.Directory, "crds");
        var generated = Directory.GetFiles(Repo.Crds, "*.yaml").Select(Path.GetFileName).Order().ToList();
        Assert.Equal(generated, Directory.GetFiles(chartCrds).Select(Path.GetFileName).Order().ToList());
        foreach (var file in generated)
            Assert.True(File.ReadAllBytes(Path.Combine(Repo.Crds, file!)).SequenceEqual(File.ReadAllBytes(Path.Combine(chartCrds, file!))),
                $"charts/rum-operator/crds/{file} differs from crds/{file}: cp crds/*.yaml charts/rum-operator/crds/");
    }

    [Fact]
    public void The_operator_runs_restricted_with_two_leader_elected_replicas_and_probes()
    {
        var deployment = HelmChart.Template().Single("Deployment");
        var spec = deployment["spec"]!;
        var pod = spec["template"]!["spec"]!;
        var container = pod["containers"]!.AsArray().Single()!;
        var security = container["securityContext"]!;

        Assert.Equal(2L, spec["replicas"]!.GetValue<long>());
        Assert.Contains("--leader-elect", Args(deployment));
        Assert.True(pod["securityContext"]!["runAsNonRoot"]!.GetValue<bool>());
        Assert.Equal("RuntimeDefault", pod["securityContext"]!["seccompProfile"]!["type"]!.GetValue<string>());
        Assert.True(security["runAsNonRoot"]!.GetValue<bool>());
        Assert.True(security["readOnlyRootFilesystem"]!.GetValue<bool>());
        Assert.False(security["allowPrivilegeEscalation"]!.GetValue<bool>());
        Assert.Equal(["ALL"], security["capabilities"]!["drop"]!.AsArray().Select(c => c!.GetValue<string>()));
        Assert.Equal("RuntimeDefault", security["seccompProfile"]!["type"]!.GetValue<string>());
        Assert.Equal(("/healthz", "health"), (container["livenessProbe"]!["httpGet"]!["path"]!.GetValue<string>(), container["livenessProbe"]!["httpGet"]!["port"]!.GetValue<string>()));
        Assert.Equal(("/readyz", "health"), (container["readinessProbe"]!["httpGet"]!["path"]!.GetValue<string>(), container["readinessProbe"]!["httpGet"]!["port"]!.GetValue<string>()));
        Assert.Equal("8081", Flag(deployment, "--health-port"));
        Assert.NotNull(container["resources"]!["requests"]!["memory"]);
    }

    [Fact]
    public void The_run_flags_carry_the_non_default_values()
    {
        var deployment = HelmChart.Template("""
            watchNamespaces: [shop, web]
            prometheusUrl: http://prometheus.monitoring:9090
            collectorImage: { repository: registry.example.com/rum-collector, tag: "1.2.3" }
            leaderElection: { enabled: false }
            dashboards: { label: grafana_dashboard, labelValue: "yes", folder: Web RUM, grafanaInstanceSelector: { dashboards: grafana, team: web }, logsDatasource: loki }
            canaryAnalysis: { tools: [flagger] }
            """).Single("Deployment");

        Assert.Equal("shop,web", Flag(deployment, "--watch-namespaces"));
        Assert.Equal("http://prometheus.monitoring:9090", Flag(deployment, "--prometheus-url"));
        Assert.Equal("registry.example.com/rum-collector:1.2.3", Flag(deployment, "--collector-image"));
        Assert.DoesNotContain("--leader-elect", Args(deployment));
        Assert.Equal("grafana_dashboard=yes", Flag(deployment, "--dashboard-label"));
        Assert.Equal("Web RUM", Flag(deployment, "--dashboard-folder"));
        Assert.Equal("dashboards=grafana,team=web", Flag(deployment, "--grafana-instance-selector"));
        Assert.Equal("loki", Flag(deployment, "--logs-datasource"));
        Assert.Equal("flagger", Flag(deployment, "--canary-analysis"));
        Assert.Equal("http://prometheus.monitoring:9090", Flag(deployment, "--analysis-prometheus-url"));
    }

    [Fact]
    public void The_release_guard_gets_its_own_alerts_port_and_its_egress_allowlist()
    {
        var objects = HelmChart.Template("""
            releaseGuard: { webhookAllowedHosts: [ci.example.com, "*.hooks.example.com"], webhookAllowHttp: true, alertsTls: true, actionTimeout: 45s }
            networkPolicy: { enabled: true, alertsFrom: [{ podSelector: { matchLabels: { app: alertmanager } } }] }
            """);
        var deployment = objects.Single("Deployment");

        Assert.Equal("8082", Flag(deployment, "--alerts-port"));
        Assert.Equal("ci.example.com,*.hooks.example.com", Flag(deployment, "--rollback-webhook-allowed-hosts"));
        Assert.Equal("45s", Flag(deployment, "--rollback-action-timeout"));
        Assert.Contains("--rollback-webhook-allow-http", Args(deployment));
        Assert.Contains("--alerts-tls", Args(deployment));
        var ports = deployment["spec"]!["template"]!["spec"]!["containers"]![0]!["ports"]!.AsArray();
        Assert.Contains(ports, p => p!["name"]!.GetValue<string>() == "alerts" && p["containerPort"]!.GetValue<long>() == 8082);
        Assert.Contains(objects.Single("Service")["spec"]!["ports"]!.AsArray(), p => p!["name"]!.GetValue<string>() == "alerts" && p["targetPort"]!.GetValue<string>() == "alerts");
        var alertsRule = Assert.Single(objects.Single("NetworkPolicy")["spec"]!["ingress"]!.AsArray(), r => r!["ports"]![0]!["port"]!.GetValue<string>() == "alerts")!;
        Assert.Equal("alertmanager", alertsRule["from"]![0]!["podSelector"]!["matchLabels"]!["app"]!.GetValue<string>());

        // The flags the chart renders are the flags `run` accepts.
        var parsed = RumOperator.Cli.RootCommandFactory.Create(TextWriter.Null, TextWriter.Null).Parse(["run", .. Args(deployment)]);
        Assert.Empty(parsed.Errors);
    }

    [Fact]
    public void Alerts_tls_without_the_webhook_fails_naming_the_value()
    {
        var result = HelmChart.Run("template", "{ releaseGuard: { alertsTls: true }, webhook: { enabled: false } }");
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("releaseGuard.alertsTls: needs webhook.enabled", result.Output);
    }

    [Fact]
    public void The_console_is_off_by_default_and_on_loopback_when_enabled()
    {
        Assert.DoesNotContain("--console-address", Args(HelmChart.Template().Single("Deployment")));
        var deployment = HelmChart.Template("console: { enabled: true }").Single("Deployment");

        Assert.Equal("127.0.0.1:9095", Flag(deployment, "--console-address"));
        Assert.Equal(9095, RumOperator.SloConsole.ConsoleOptions.Parse("--console-address", Flag(deployment, "--console-address")!).Port);
    }

    [Fact]
    public void The_webhook_configuration_calls_the_operators_https_listener()
    {
        var objects = HelmChart.Template();
        var webhook = objects.Single("ValidatingWebhookConfiguration")["webhooks"]!.AsArray().Single()!;
        var service = objects.Single("Service");
        var options = WebhookOptions(objects.Single("Deployment"))!;
        var target = webhook["clientConfig"]!["service"]!;

        Assert.Equal("Fail", webhook["failurePolicy"]!.GetValue<string>());
        Assert.Equal(5L, webhook["timeoutSeconds"]!.GetValue<long>());
        Assert.Equal("None", webhook["sideEffects"]!.GetValue<string>());
        Assert.Equal(["v1"], webhook["admissionReviewVersions"]!.AsArray().Select(v => v!.GetValue<string>()));
        Assert.Null(webhook["clientConfig"]!["caBundle"]);
        Assert.Equal(AdmissionWebhookExtensions.Path, target["path"]!.GetValue<string>());
        Assert.Contains($"{target["name"]}.{target["namespace"]}.svc", options.DnsNames);
        Assert.Equal(service["metadata"]!["name"]!.GetValue<string>(), target["name"]!.GetValue<string>());
        var port = service["spec"]!["ports"]!.AsArray().Single(p => p!["port"]!.GetValue<long>() == target["port"]!.GetValue<long>())!;
        Assert.Equal("webhook", port["targetPort"]!.GetValue<string>());
        Assert.Equal(options.Port, ContainerPort(objects.Single("Deployment"), "webhook"));
        Assert.Equal(objects.Single("ValidatingWebhookConfiguration")["metadata"]!["name"]!.GetValue<string>(), options.WebhookConfigurationName);
        Assert.Null(options.CertificateDirectory);
        var rule = webhook["rules"]!.AsArray().Single()!;
        Assert.Equal(["CREATE", "UPDATE"], rule["operations"]!.AsArray().Select(o => o!.GetValue<string>()));
        Assert.Equal(CrdPlurals(), rule["resources"]!.AsArray().Select(r => r!.GetValue<string>()).Order());
    }

    [Fact]
    public void With_cert_manager_the_operator_serves_the_certificates_secret_and_the_ca_is_injected()
    {
        var objects = HelmChart.Template("certManager: { enabled: true }");
        var certificate = objects.Single("Certificate");
        var deployment = objects.Single("Deployment");
        var options = WebhookOptions(deployment)!;
        var pod = deployment["spec"]!["template"]!["spec"]!;
        var mount = pod["containers"]![0]!["volumeMounts"]!.AsArray().Single(m => m!["name"]!.GetValue<string>() == "webhook-tls")!;
        var volume = pod["volumes"]!.AsArray().Single(v => v!["name"]!.GetValue<string>() == "webhook-tls")!;

        Assert.Equal(options.DnsNames, certificate["spec"]!["dnsNames"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal(options.CertificateDirectory, mount["mountPath"]!.GetValue<string>());
        Assert.Equal(certificate["spec"]!["secretName"]!.GetValue<string>(), volume["secret"]!["secretName"]!.GetValue<string>());
        Assert.Equal($"{HelmChart.Namespace}/{certificate["metadata"]!["name"]}",
            objects.Single("ValidatingWebhookConfiguration")["metadata"]!["annotations"]!["cert-manager.io/inject-ca-from"]!.GetValue<string>());
        Assert.Equal("Issuer", certificate["spec"]!["issuerRef"]!["kind"]!.GetValue<string>());
        Assert.Single(objects.OfKind("Issuer"));
    }

    [Fact]
    public void With_the_webhook_off_there_is_no_webhook_listener_or_configuration()
    {
        var objects = HelmChart.Template("webhook: { enabled: false }");

        Assert.Empty(objects.OfKind("ValidatingWebhookConfiguration"));
        Assert.Null(WebhookOptions(objects.Single("Deployment")));
        Assert.DoesNotContain(objects.Single("Service")["spec"]!["ports"]!.AsArray(), p => p!["name"]!.GetValue<string>() == "webhook");
    }

    [Fact]
    public void Watched_namespaces_limit_the_webhook_to_them()
    {
        var webhook = HelmChart.Template("watchNamespaces: [shop, web]").Single("ValidatingWebhookConfiguration")["webhooks"]![0]!;
        var expression = webhook["namespaceSelector"]!["matchExpressions"]!.AsArray().Single()!;
        Assert.Equal("kubernetes.io/metadata.name", expression["key"]!.GetValue<string>());
        Assert.Equal(["shop", "web"], expression["values"]!.AsArray().Select(v => v!.GetValue<string>()));
    }

    [Fact]
    public void The_network_policy_and_service_monitor_select_the_operator()
    {
        var objects = HelmChart.Template("{ networkPolicy: { enabled: true }, serviceMonitor: { enabled: true } }");
        var podLabels = objects.Single("Deployment")["spec"]!["template"]!["metadata"]!["labels"]!.AsObject();
        var policy = objects.Single("NetworkPolicy")["spec"]!;
        var monitor = objects.Single("ServiceMonitor")["spec"]!;

        foreach (var (key, value) in policy["podSelector"]!["matchLabels"]!.AsObject())
            Assert.Equal(value!.GetValue<string>(), podLabels[key]!.GetValue<string>());
        Assert.Equal(["Ingress", "Egress"], policy["policyTypes"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.Contains(policy["ingress"]!.AsArray(), rule => rule!["ports"]![0]!["port"]!.GetValue<string>() == "webhook");
        Assert.Equal("metrics", monitor["endpoints"]![0]!["port"]!.GetValue<string>());
        var serviceLabels = objects.Single("Service")["metadata"]!["labels"]!.AsObject();
        foreach (var (key, value) in monitor["selector"]!["matchLabels"]!.AsObject())
            Assert.Equal(value!.GetValue<string>(), serviceLabels[key]!.GetValue<string>());
    }

    [Theory]
    [InlineData("replicas: two", "/replicas")]
    [InlineData("replica: 2", "replica")]
    [InlineData("webhook: { failurePolicy: Sometimes }", "/webhook/failurePolicy")]
    [InlineData("webhook: { timeoutSeconds: 60 }", "/webhook/timeoutSeconds")]
    [InlineData("watchNamespaces: [Shop]", "/watchNamespaces/0")]
    [InlineData("prometheusUrl: prometheus:9090", "/prometheusUrl")]
    [InlineData("ports: { metrics: 8080, health: 8081, alerts: 8082, webhook: 70000 }", "/ports/webhook")]
    [InlineData("releaseGuard: { webhookAllowedHosts: [\"https://ci.example.com/x\"] }", "/releaseGuard/webhookAllowedHosts/0")]
    [InlineData("releaseGuard: { actionTimeout: soon }", "/releaseGuard/actionTimeout")]
    public void The_values_schema_rejects_a_bad_value_naming_it(string values, string field)
    {
        foreach (var command in new[] { "template", "lint" })
        {
            var result = HelmChart.Run(command, values);
            Assert.True(result.ExitCode != 0, $"helm {command} accepted {values}");
            Assert.Contains("values don't meet the specifications of the schema", result.Output);
            Assert.Contains(field, result.Output);
        }
    }

    private static IReadOnlyList<string> Args(JsonObject deployment) =>
        [.. deployment["spec"]!["template"]!["spec"]!["containers"]![0]!["args"]!.AsArray().Select(a => a!.GetValue<string>())];

    private static string? Flag(JsonObject deployment, string name)
    {
        var args = Args(deployment).ToList();
        var at = args.IndexOf(name);
        return at < 0 ? null : args[at + 1];
    }

    private static long ContainerPort(JsonObject deployment, string name) =>
        deployment["spec"]!["template"]!["spec"]!["containers"]![0]!["ports"]!.AsArray()
            .Single(p => p!["name"]!.GetValue<string>() == name)!["containerPort"]!.GetValue<long>();

    /// <summary>The webhook options the operator reads from the chart's args, through its own flag parser.</summary>
    private static AdmissionWebhookOptions? WebhookOptions(JsonObject deployment)
    {
        var flags = new AdmissionWebhookFlags();
        var command = new RootCommand { TreatUnmatchedTokensAsErrors = false };
        flags.AddTo(command);
        return flags.Read(command.Parse([.. Args(deployment)]));
    }

    private static IReadOnlyList<string> CrdPlurals() =>
        [.. Directory.GetFiles(Repo.Crds, "*.yaml")
            .Select(f => RumOperator.Serialization.Yaml.ParseAll(File.ReadAllText(f)).Single().Node!["spec"]!["names"]!["plural"]!.GetValue<string>())
            .Order()];
}
