using System.Text;
using System.Text.Json.Nodes;
using RumOperator.Api;
using RumOperator.LocalStack;
using RumOperator.ReleaseGuard;
using RumOperator.Tests.Support;
using static RumOperator.Tests.ReleaseGuard.GuardObjects;

namespace RumOperator.Tests.ReleaseGuard.Git;

/// <summary>A GitOps repository served by <see cref="GitHttpServer"/>: a Flux kustomization with comments, a HelmRelease and a plain Deployment, all at release 2.0.</summary>
public sealed class GitOpsRepo : IAsyncDisposable
{
    public const string Name = "shop-gitops";
    public const string User = "flux-bot";
    public const string Password = "p4ss-w0rd-never-shown";
    public const string SecretName = "gitops-creds";
    public const string Kustomization = "apps/shop/kustomization.yaml";
    public const string HelmRelease = "apps/shop/helmrelease.yaml";
    public const string Manifest = "apps/shop/deployment.yaml";

    public static readonly IReadOnlyDictionary<string, string> Files = new Dictionary<string, string>
    {
        [Kustomization] = """
            # Shop storefront, synced by Flux (Kustomization shop).
            apiVersion: kustomize.config.k8s.io/v1beta1
            kind: Kustomization
            resources:
              - deployment.yaml   # the plain manifest
              - helmrelease.yaml
            images:
              - name: storefront
                newName: registry.example/shop/storefront
                newTag: "2.0"     # bumped by CI
              - name: cart
                newTag: '7.1'
            """ + "\n",
        [HelmRelease] = """
            apiVersion: helm.toolkit.fluxcd.io/v2
            kind: HelmRelease
            metadata:
              name: storefront
              namespace: shop
            spec:
              interval: 5m
              chart:
                spec:
                  chart: storefront
                  sourceRef: { kind: HelmRepository, name: shop }
              values:
                replicas: 3
                image:
                  repository: registry.example/shop/storefront
                  tag: 2.0  # plain, as the team writes it
            """ + "\n",
        [Manifest] = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
            spec:
              template:
                spec:
                  containers:
                    - name: proxy
                      image: registry.example/shop/proxy:1.9
                    - name: web
                      image: "registry.example/shop/web:2.0"
            ---
            apiVersion: v1
            kind: Service
            metadata: { name: web }
            spec:
              ports: [{ port: 80 }]
            """ + "\n",
    };

    public const string Edits = """
              - { path: apps/shop/kustomization.yaml, field: "images[name=storefront].newTag" }
              - { path: apps/shop/helmrelease.yaml, field: spec.values.image.tag }
              - { path: apps/shop/deployment.yaml, field: "spec.template.spec.containers[name=web].image", value: "registry.example/shop/web:{{release}}" }
        """;

    private readonly string _root;

    private GitOpsRepo(GitHttpServer server, string root) => (Server, _root) = (server, root);

    public GitHttpServer Server { get; }
    public string Url => Server.RepositoryUrl(Name).AbsoluteUri;

    public static async Task<GitOpsRepo> StartAsync()
    {
        var root = Directory.CreateTempSubdirectory("gitops-").FullName;
        var server = await GitHttpServer.StartAsync(root, User, Password);
        await server.CreateRepositoryAsync(Name, Files);
        return new GitOpsRepo(server, root);
    }

    /// <summary>A RumSLO (as GuardObjects.RollbackSlo) whose rollback target is this repository; <paramref name="gitExtra"/> adds lines under git.</summary>
    public RumSlo Slo(string edits = Edits, string gitExtra = "", string targetName = "") => TestManifests.Slo($"""
        pipelineRef: {"{"} name: web {"}"}
        app: storefront
        sli: {"{"} errors: {"{"} kind: pageLoad {"}"} {"}"}
        objective: 99
        window: 1h
        scrapeInterval: 1s
        groupBy: [release]
        rollback:
          enabled: true
          minEvents: 500
          cooldown: 30m
          target: {"{"} kind: git{(targetName.Length > 0 ? ", name: " + targetName : "")} {"}"}
          webhook: {"{"} url: "http://ci.example/hooks/flux", secretRef: {"{"} name: flux-hook {"}"} {"}"}
          git:
            url: "{Url}"
            branch: main
            secretRef: {"{"} name: {SecretName} {"}"}
        {string.Join("\n", gitExtra.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => "    " + l.Trim()))}
            edits:
        {edits}
        """, "checkout-errors");

    public static JsonObject CredentialsSecret(string password = Password) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "Secret",
        ["metadata"] = new JsonObject { ["name"] = SecretName, ["namespace"] = Ns },
        ["data"] = new JsonObject
        {
            ["username"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(User)),
            ["password"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(password)),
        },
    };

    public Task<string> Head(string branch = "main") => Server.HeadAsync(Name, branch);
    public Task<string> File(string path, string branch = "main") => Server.ReadFileAsync(Name, branch, path);
    public Task<string> Git(params string[] args) => Server.GitAsync(Name, args);

    /// <summary>Lines a commit removed and added (git show -U0), without the file headers.</summary>
    public async Task<IReadOnlyList<string>> ChangedLines(string commit) =>
        (await Git("show", "--format=", "-U0", commit)).Split('\n')
            .Where(l => (l.StartsWith('+') || l.StartsWith('-')) && !l.StartsWith("+++") && !l.StartsWith("---"))
            .ToList();

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        Directory.Delete(_root, recursive: true);
    }
}
