using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using RumOperator.Api;
using RumOperator.ReleaseGuard;
using RumOperator.Serialization;
using RumOperator.Tests.Support;

namespace RumOperator.Tests.ReleaseGuard;

/// <summary>Cluster objects of the guard's world: a RumSLO with rollback, its Deployment and ReplicaSet history, Secrets.</summary>
public static class GuardObjects
{
    public const string Ns = "shop";
    public const string ReleaseLabel = "app.kubernetes.io/version";

    /// <param name="rollbackYaml">Lines added under spec.rollback (enabled, minEvents 500 and cooldown 30m are set).</param>
    public static RumSlo RollbackSlo(string rollbackYaml = "target: { kind: Deployment, name: storefront }", string name = "checkout-errors")
    {
        var rollback = string.Join("\n", rollbackYaml.Split('\n').Select(l => "  " + l.Trim()));
        return TestManifests.Slo("""
            pipelineRef: { name: web }
            app: storefront
            sli: { errors: { kind: pageLoad } }
            objective: 99
            window: 1h
            scrapeInterval: 1s
            groupBy: [release]
            rollback:
              enabled: true
              minEvents: 500
              cooldown: 30m
            """ + "\n" + rollback, name);
    }

    public static JsonObject ToJson(RumSlo slo, RumSloStatus? status = null)
    {
        slo.Status = status;
        return JsonSerializer.SerializeToNode(slo, RumJson.Lenient)!.AsObject();
    }

    public static JsonObject Deployment(string release, long revision, bool paused = false, string name = "storefront") => new()
    {
        ["apiVersion"] = "apps/v1",
        ["kind"] = "Deployment",
        ["metadata"] = new JsonObject
        {
            ["name"] = name, ["namespace"] = Ns,
            ["annotations"] = new JsonObject { ["deployment.kubernetes.io/revision"] = revision.ToString() },
        },
        ["spec"] = new JsonObject
        {
            ["paused"] = paused,
            ["selector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["app"] = name } },
            ["template"] = Template(release, hash: null, name),
        },
    };

    public static JsonObject ReplicaSet(JsonObject deployment, long revision, string release, string hash) => new()
    {
        ["apiVersion"] = "apps/v1",
        ["kind"] = "ReplicaSet",
        ["metadata"] = new JsonObject
        {
            ["name"] = $"{deployment["metadata"]!["name"]}-{hash}", ["namespace"] = Ns,
            ["labels"] = new JsonObject { ["app"] = deployment["metadata"]!["name"]!.GetValue<string>(), ["pod-template-hash"] = hash },
            ["annotations"] = new JsonObject { ["deployment.kubernetes.io/revision"] = revision.ToString() },
            ["ownerReferences"] = new JsonArray(new JsonObject
            {
                ["apiVersion"] = "apps/v1", ["kind"] = "Deployment", ["name"] = deployment["metadata"]!["name"]!.GetValue<string>(),
                ["uid"] = deployment["metadata"]!["uid"]?.GetValue<string>(), ["controller"] = true,
            }),
        },
        ["spec"] = new JsonObject { ["template"] = Template(release, hash, deployment["metadata"]!["name"]!.GetValue<string>()) },
    };

    /// <summary>A pod template whose image and release label follow the release; each release also sets its own env.</summary>
    public static JsonObject Template(string release, string? hash, string app = "storefront")
    {
        var labels = new JsonObject { ["app"] = app, [ReleaseLabel] = release };
        if (hash is not null) labels["pod-template-hash"] = hash;
        return new JsonObject
        {
            ["metadata"] = new JsonObject { ["labels"] = labels },
            ["spec"] = new JsonObject
            {
                ["containers"] = new JsonArray(new JsonObject
                {
                    ["name"] = app, ["image"] = $"shop/{app}:{release}",
                    ["env"] = new JsonArray(new JsonObject { ["name"] = "RELEASE", ["value"] = release }),
                }),
            },
        };
    }

    public static JsonObject Secret(string name, string key, string value) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "Secret",
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = Ns },
        ["data"] = new JsonObject { [key] = Convert.ToBase64String(Encoding.UTF8.GetBytes(value)) },
    };

    public static BurnSignal Signal(string release = "2.0", long events = 800, double burn = 27.5, string slo = "checkout-errors") =>
        new(Ns, slo, release, burn, events, SignalSource.Alertmanager);
}
