using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using RumOperator.Api;
using RumOperator.Serialization;

namespace RumOperator.LocalStack.Demo;

/// <summary>
/// A GitOps repository for the demo Deployment, served by git http-backend on loopback with basic auth: a
/// kustomization pins the release in <c>images[name=…].newTag</c>. A publish commits a new release as CI would;
/// the sync plays Flux, rolling the Deployment out to whatever release the branch pins, so a revert commit by the
/// release guard's <c>git</c> target is what rolls the shop back.
/// </summary>
public sealed class DemoGitOps : IAsyncDisposable
{
    public const string Repository = "gitops";
    public const string Branch = "main";
    public const string SecretName = "gitops-credentials";
    public const string User = "rum-demo";

    private readonly GitHttpServer _server;
    private readonly DemoTarget _target;

    private DemoGitOps(GitHttpServer server, DemoTarget target)
    {
        _server = server;
        _target = target;
    }

    public string KustomizationPath => $"apps/{_target.Name}/kustomization.yaml";
    public string Field => $"images[name={_target.Name}].newTag";
    public Uri Url => _server.RepositoryUrl(Repository);

    public static async Task<DemoGitOps> StartAsync(string workDirectory, DemoTarget target, string release, CancellationToken ct)
    {
        var server = await GitHttpServer.StartAsync(Path.Combine(workDirectory, "git"), User, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)), ct).ConfigureAwait(false);
        var gitops = new DemoGitOps(server, target);
        await server.CreateRepositoryAsync(Repository, new Dictionary<string, string> { [gitops.KustomizationPath] = Kustomization(target.Name, release) }, Branch, ct).ConfigureAwait(false);
        return gitops;
    }

    /// <summary>The file as a team writes it: comments and quoting the revert must keep.</summary>
    public static string Kustomization(string name, string release) => $"""
        # {name}: synced by Flux from this repository. CI bumps newTag on every release.
        apiVersion: kustomize.config.k8s.io/v1beta1
        kind: Kustomization
        resources:
          - deployment.yaml   # the Deployment, Service and HPA
        images:
          - name: {name}
            newName: registry.example.com/{name}
            newTag: "{release}"   # the release users run
        """ + "\n";

    /// <summary>The credentials Secret the RumSLO's git target names.</summary>
    public JsonObject Secret() => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "Secret",
        ["metadata"] = new JsonObject { ["name"] = SecretName, ["namespace"] = _target.Namespace },
        ["data"] = new JsonObject
        {
            ["username"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(_server.Username)),
            ["password"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(_server.Password)),
        },
    };

    /// <summary>Points a RumSLO's rollback at this repository instead of the Deployment (its other rules stay).</summary>
    public void UseFor(JsonObject slo)
    {
        var rollback = slo["spec"]!["rollback"]!.AsObject();
        rollback["target"] = new JsonObject { ["kind"] = "git", ["name"] = _target.Name };
        rollback["git"] = new JsonObject
        {
            ["url"] = Url.ToString(),
            ["branch"] = Branch,
            ["secretRef"] = new JsonObject { ["name"] = SecretName },
            ["edits"] = new JsonArray(new JsonObject { ["path"] = KustomizationPath, ["field"] = Field, ["value"] = GitRollback.ReleasePlaceholder }),
        };
    }

    /// <summary>CI publishing a release: a commit that bumps the tag.</summary>
    public Task<string> PublishAsync(string release, CancellationToken ct) =>
        _server.CommitAsync(Repository, Branch, new Dictionary<string, string> { [KustomizationPath] = Kustomization(_target.Name, release) },
            $"Release {_target.Name} {release}", ct);

    /// <summary>The release the branch pins now.</summary>
    public async Task<string?> PinnedReleaseAsync(CancellationToken ct)
    {
        var file = await _server.ReadFileAsync(Repository, Branch, KustomizationPath, ct).ConfigureAwait(false);
        var images = Yaml.ParseAll(file).Single().Node?["images"] as JsonArray;
        return images?.OfType<JsonObject>().FirstOrDefault(i => i["name"]?.GetValue<string>() == _target.Name)?["newTag"]?.GetValue<string>();
    }

    public Task<string> HeadAsync(CancellationToken ct) => _server.HeadAsync(Repository, Branch, ct);

    /// <summary>Flux's reconcile: the Deployment runs what the branch pins.</summary>
    public async Task<string?> SyncAsync(DemoRollout rollout, CancellationToken ct)
    {
        var pinned = await PinnedReleaseAsync(ct).ConfigureAwait(false);
        if (pinned is null || pinned == rollout.Release) return null;
        rollout.RollOut(pinned);
        return pinned;
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
