using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using RumOperator.Objects;
using RumOperator.ReleaseGuard;

namespace RumOperator.LocalStack.Demo;

/// <summary>
/// The Deployment a RumSLO rolls back, as a cluster would hold it after two rollouts: the Deployment at revision 2
/// and one ReplicaSet per revision, each pod template carrying its release in the SLO's release label. Pure: the
/// objects to seed, and the objects a rollout of a new release writes.
/// </summary>
public static class DemoWorkload
{
    public const string AppLabel = "app";
    private const string RevisionAnnotation = DeploymentUndoPlan.RevisionAnnotation;
    private const string PodTemplateHash = DeploymentUndoPlan.PodTemplateHashLabel;

    public static IEnumerable<JsonObject> Seed(string ns, string name, string releaseLabel, string app, DemoReleases releases)
    {
        var deployment = Deployment(ns, name, releaseLabel, app, releases.Stable, revision: 2);
        yield return deployment;
        yield return ReplicaSetFor(deployment, releases.Previous, releaseLabel, revision: 1);
        yield return ReplicaSetFor(deployment, releases.Stable, releaseLabel, revision: 2);
    }

    public static JsonObject Deployment(string ns, string name, string releaseLabel, string app, string release, long revision) => new()
    {
        ["apiVersion"] = OperatorKinds.Deployment.ApiVersion,
        ["kind"] = OperatorKinds.Deployment.Kind,
        ["metadata"] = new JsonObject
        {
            ["name"] = name, ["namespace"] = ns,
            ["labels"] = new JsonObject { [AppLabel] = name },
            ["annotations"] = new JsonObject { [RevisionAnnotation] = revision.ToString(System.Globalization.CultureInfo.InvariantCulture) },
        },
        ["spec"] = new JsonObject
        {
            ["replicas"] = 3,
            ["selector"] = new JsonObject { ["matchLabels"] = new JsonObject { [AppLabel] = name } },
            ["template"] = Template(name, releaseLabel, app, release),
        },
    };

    public static JsonObject Template(string name, string releaseLabel, string app, string release) => new()
    {
        ["metadata"] = new JsonObject { ["labels"] = new JsonObject { [AppLabel] = name, [releaseLabel] = release } },
        ["spec"] = new JsonObject
        {
            ["containers"] = new JsonArray(new JsonObject { ["name"] = "web", ["image"] = $"registry.example.com/{app}:{release}" }),
        },
    };

    /// <summary>The ReplicaSet the Deployment controller makes for a revision: owned by the Deployment, same template.</summary>
    public static JsonObject ReplicaSetFor(JsonObject deployment, string release, string releaseLabel, long revision)
    {
        var name = deployment["metadata"]!["name"]!.GetValue<string>();
        var ns = deployment["metadata"]!["namespace"]!.GetValue<string>();
        var template = deployment["spec"]!["template"]!.DeepClone().AsObject();
        template["metadata"]!["labels"]![releaseLabel] = release;
        foreach (var container in template["spec"]!["containers"]!.AsArray())
            if (container!["image"]?.GetValue<string>() is { } image && image.LastIndexOf(':') is var colon and > 0)
                container["image"] = image[..(colon + 1)] + release;
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{name}/{release}")))[..10];
        var owner = new JsonObject { ["apiVersion"] = OperatorKinds.Deployment.ApiVersion, ["kind"] = OperatorKinds.Deployment.Kind, ["name"] = name, ["controller"] = true };
        if (deployment["metadata"]?["uid"]?.GetValue<string>() is { } uid) owner["uid"] = uid;
        template["metadata"]!["labels"]![PodTemplateHash] = hash;
        return new JsonObject
        {
            ["apiVersion"] = OperatorKinds.ReplicaSet.ApiVersion,
            ["kind"] = OperatorKinds.ReplicaSet.Kind,
            ["metadata"] = new JsonObject
            {
                ["name"] = $"{name}-{hash}", ["namespace"] = ns,
                ["labels"] = new JsonObject { [AppLabel] = name, [PodTemplateHash] = hash },
                ["annotations"] = new JsonObject { [RevisionAnnotation] = revision.ToString(System.Globalization.CultureInfo.InvariantCulture) },
                ["ownerReferences"] = new JsonArray(owner),
            },
            ["spec"] = new JsonObject
            {
                ["replicas"] = 0,
                ["selector"] = new JsonObject { ["matchLabels"] = new JsonObject { [AppLabel] = name, [PodTemplateHash] = hash } },
                ["template"] = template,
            },
        };
    }

    /// <summary>The release a workload's pod template runs.</summary>
    public static string? Release(JsonObject? workload, string releaseLabel) =>
        workload?["spec"]?["template"]?["metadata"]?["labels"]?[releaseLabel]?.GetValue<string>();

    public static long Revision(JsonObject workload) =>
        long.TryParse(workload["metadata"]?["annotations"]?[RevisionAnnotation]?.GetValue<string>(), out var r) ? r : 0;
}
