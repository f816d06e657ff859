using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using RumOperator.Api;
using RumOperator.ReleaseGuard;
using static RumOperator.Tests.ReleaseGuard.GuardObjects;

namespace RumOperator.Tests.ReleaseGuard.Git;

/// <summary>The git rollback target against a real Git server on loopback (git http-backend behind Kestrel, basic auth).</summary>
public sealed class GitRevertTests : IAsyncLifetime
{
    private GitOpsRepo _repo = null!;

    public async Task InitializeAsync() => _repo = await GitOpsRepo.StartAsync();
    public async Task DisposeAsync() => await _repo.DisposeAsync();

    private GuardWorld World(RumSlo? slo = null, string password = GitOpsRepo.Password, RecordingHandler? webhook = null)
    {
        var world = new GuardWorld(new ReleaseGuardOptions { WebhookRetryDelay = TimeSpan.Zero, WebhookAllowedHosts = ["ci.example"], WebhookAllowHttp = true }, services =>
        {
            if (webhook is not null) services.AddHttpClient(WebhookNotifier.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => webhook);
        });
        world.Seed(slo ?? _repo.Slo());
        world.Cluster.Put(GitOpsRepo.CredentialsSecret(password));
        world.Cluster.Put(Secret("flux-hook", WebhookNotifier.SecretKey, "hmac-key"));
        return world;
    }

    private static GitRevert Action(GuardWorld world) => world.Services.GetServices<IRollbackAction>().OfType<GitRevert>().Single();

    private static RollbackContext Context(GuardWorld world)
    {
        var stored = world.SloObject();
        var slo = System.Text.Json.JsonSerializer.Deserialize<RumSlo>(stored, RumOperator.Serialization.RumJson.Lenient)!;
        return new RollbackContext(slo, stored, Signal(), world.Time.GetUtcNow());
    }

    [Fact]
    public async Task Revert_commit_changes_one_line_per_edit_and_explains_itself()
    {
        using var world = World(_repo.Slo(gitExtra: "author: { name: Shop Guard, email: guard@shop.example }"));
        var before = await _repo.Head();

        var outcome = await world.Guard.HandleAsync(Signal(events: 812, burn: 27.46), default);

        var record = Assert.Single(world.Rollbacks())!;
        Assert.Equal(("git", "Succeeded"), (record["action"]!.GetValue<string>(), record["result"]!.GetValue<string>()));
        var head = await _repo.Head();
        Assert.Equal((head, "main"), (record["commit"]!.GetValue<string>(), record["branch"]!.GetValue<string>()));
        Assert.Equal(before, (await _repo.Git("rev-parse", $"{head}~1")).Trim());
        Assert.Equal(
        [
            // git orders files by path: deployment.yaml, helmrelease.yaml, kustomization.yaml.
            "-          image: \"registry.example/shop/web:2.0\"",
            "+          image: \"registry.example/shop/web:1.0\"",
            "-      tag: 2.0  # plain, as the team writes it",
            "+      tag: 1.0  # plain, as the team writes it",
            "-    newTag: \"2.0\"     # bumped by CI",
            "+    newTag: \"1.0\"     # bumped by CI",
        ], await _repo.ChangedLines(head));
        Assert.Equal(GitOpsRepo.Files[GitOpsRepo.Kustomization].Replace("\"2.0\"", "\"1.0\""), await _repo.File(GitOpsRepo.Kustomization));

        var message = await _repo.Git("log", "-1", "--format=%an <%ae>|%cn|%cI|%B", head);
        Assert.StartsWith("Shop Guard <guard@shop.example>|Shop Guard|2025-06-01T12:00:00+00:00|Revert release 2.0 to 1.0: RumSLO shop/checkout-errors burns its error budget at 27.46x", message);
        Assert.Contains("with 812\nevents", message);
        Assert.Contains("restores release 1.0 (status.lastKnownGoodRelease)", message);
        Assert.Contains($"- {GitOpsRepo.Kustomization} images[name=storefront].newTag: 2.0 -> 1.0", message);
        Assert.Contains("Reverted-Release: 2.0\nRestored-Release: 1.0", message);
        Assert.Equal("rollback", outcome.Decision.Reason);
        Assert.Contains(world.Cluster.Events, e => e["reason"]!.GetValue<string>() == "RolledBack" && e["note"]!.GetValue<string>().Contains(head[..12]));
    }

    [Fact]
    public async Task A_second_revert_of_the_same_release_commits_nothing()
    {
        using var world = World();
        var first = await Action(world).ExecuteAsync(Context(world), default);
        var head = await _repo.Head();
        var pushes = _repo.Server.ReceivePacks;

        var second = await Action(world).ExecuteAsync(Context(world), default);

        Assert.Equal((RollbackResults.Succeeded, RollbackResults.Succeeded), (first.Result, second.Result));
        Assert.Equal((head, head, "main"), (first.Commit, second.Commit, second.Branch));
        Assert.Contains("already holds release 1.0", second.Message);
        Assert.Equal((head, pushes), (await _repo.Head(), _repo.Server.ReceivePacks));
    }

    [Fact]
    public async Task A_push_raced_by_another_commit_is_rebased_and_lands()
    {
        using var world = World();
        var human = "";
        _repo.Server.BeforeReceivePack = async (name, ct) =>
        {
            _repo.Server.BeforeReceivePack = null;
            // Someone bumps cart on the neighbouring lines of the same file, and adds a file, between our clone and our push.
            var kustomization = GitOpsRepo.Files[GitOpsRepo.Kustomization].Replace("'7.1'", "'7.2'");
            human = await _repo.Server.CommitAsync(name, "main",
                new Dictionary<string, string> { [GitOpsRepo.Kustomization] = kustomization, ["README.md"] = "shop\n" }, "cart 7.2", ct);
        };

        var result = await Action(world).ExecuteAsync(Context(world), default);

        Assert.True(result.Result == RollbackResults.Succeeded, result.Message);
        Assert.Contains("after 1 rebase(s)", result.Message);
        Assert.Equal(2, _repo.Server.ReceivePacks);
        var head = await _repo.Head();
        Assert.Equal((head, human), (result.Commit, (await _repo.Git("rev-parse", $"{head}~1")).Trim()));
        var kustomizationNow = await _repo.File(GitOpsRepo.Kustomization);
        Assert.Contains("newTag: \"1.0\"     # bumped by CI", kustomizationNow);
        Assert.Contains("newTag: '7.2'", kustomizationNow);
        Assert.Equal(6, (await _repo.ChangedLines(head)).Count);
    }

    [Fact]
    public async Task A_human_change_of_the_same_field_is_refused()
    {
        using var world = World();
        var human = "";
        _repo.Server.BeforeReceivePack = async (name, ct) =>
        {
            _repo.Server.BeforeReceivePack = null;
            var helm = GitOpsRepo.Files[GitOpsRepo.HelmRelease].Replace("tag: 2.0", "tag: 2.0.1");
            human = await _repo.Server.CommitAsync(name, "main", new Dictionary<string, string> { [GitOpsRepo.HelmRelease] = helm }, "hotfix 2.0.1", ct);
        };

        await world.Guard.HandleAsync(Signal(), default);

        var record = Assert.Single(world.Rollbacks())!;
        Assert.Equal("Refused", record["result"]!.GetValue<string>());
        Assert.Contains($"spec.rollback.git.edits[1]: {GitOpsRepo.HelmRelease}: spec.values.image.tag is '2.0.1', not '2.0' (release 2.0): someone changed it", record["message"]!.GetValue<string>());
        Assert.Equal(human, await _repo.Head());
    }

    [Fact]
    public async Task Wrong_credentials_fail_without_showing_them()
    {
        const string wrong = "wr0ng-s3cret-value";
        using var world = World(password: wrong);

        await world.Guard.HandleAsync(Signal(), default);

        Assert.Empty(world.Rollbacks()); // failures are kept apart, in status.failedRollbacks
        var record = Assert.Single(world.FailedRollbacks())!;
        Assert.Equal("Failed", record["result"]!.GetValue<string>());
        Assert.Contains($"git clone of {_repo.Url} branch main failed", record["message"]!.GetValue<string>());
        var visible = world.SloObject().ToJsonString() + string.Join("\n", world.Cluster.Events.Select(e => e.ToJsonString()));
        foreach (var secret in new[] { wrong, Convert.ToBase64String(Encoding.UTF8.GetBytes($"{GitOpsRepo.User}:{wrong}")), GitOpsRepo.Password })
            Assert.DoesNotContain(secret, visible);
        Assert.Equal(0, _repo.Server.ReceivePacks);
    }

    [Theory]
    [InlineData("- { path: apps/shop/helmrelease.yaml, field: spec.values.image.digest }", "spec.rollback.git.edits[0]: apps/shop/helmrelease.yaml: spec.values.image has no key 'digest'")]
    [InlineData("- { path: apps/shop/values.yaml, field: image.tag }", "spec.rollback.git.edits[0]: apps/shop/values.yaml: does not exist on branch main")]
    [InlineData("- { path: apps/shop/kustomization.yaml, field: \"images[name=checkout].newTag\" }", "images has no item with name: checkout")]
    [InlineData("- { path: apps/shop/deployment.yaml, field: spec.template }", "spec.template is a mapping, not a scalar")]
    public async Task A_missing_file_or_field_is_refused(string edit, string reason)
    {
        using var world = World(_repo.Slo(edits: "      " + edit));
        var before = await _repo.Head();

        await world.Guard.HandleAsync(Signal(), default);

        var record = Assert.Single(world.Rollbacks())!;
        Assert.Equal("Refused", record["result"]!.GetValue<string>());
        Assert.Contains(reason, record["message"]!.GetValue<string>());
        Assert.Equal((before, 0), (await _repo.Head(), _repo.Server.ReceivePacks));
    }

    [Fact]
    public async Task Without_a_last_known_good_release_the_deployments_previous_revision_is_restored()
    {
        using var world = World(_repo.Slo(targetName: "storefront"));
        var stored = world.SloObject();
        stored["status"]!.AsObject().Remove("lastKnownGoodRelease");
        world.Cluster.Put(stored);
        // Revision 1 of Deployment storefront ran 1.0 (GuardWorld.Seed); make it 1.9 to tell the sources apart.
        var deployment = world.DeploymentObject()!;
        world.Cluster.Put(ReplicaSet(deployment, 1, "1.9", "aaa"));

        var result = await Action(world).ExecuteAsync(Context(world), default);

        Assert.True(result.Result == RollbackResults.Succeeded, result.Message);
        Assert.Contains("restores release 1.9 (Deployment storefront revision 1)", result.Message);
        Assert.Contains("newTag: \"1.9\"", await _repo.File(GitOpsRepo.Kustomization));
    }

    [Fact]
    public async Task A_new_branch_per_rollback_leaves_the_synced_branch_alone()
    {
        using var world = World(_repo.Slo(gitExtra: "newBranchPrefix: rum-rollback/"));
        var main = await _repo.Head();

        var result = await Action(world).ExecuteAsync(Context(world), default);

        Assert.True(result.Result == RollbackResults.Succeeded, result.Message);
        Assert.Equal("rum-rollback/checkout-errors-2.0", result.Branch);
        Assert.Equal((main, result.Commit), (await _repo.Head(), await _repo.Head("rum-rollback/checkout-errors-2.0")));
        Assert.Contains("tag: 1.0  #", await _repo.File(GitOpsRepo.HelmRelease, "rum-rollback/checkout-errors-2.0"));
    }

    [Fact]
    public async Task The_signed_webhook_fires_after_the_push()
    {
        var flux = new RecordingHandler(HttpStatusCode.Accepted);
        using var world = World(_repo.Slo(gitExtra: "notifyWebhook: true"), webhook: flux);

        var result = await Action(world).ExecuteAsync(Context(world), default);

        Assert.True(result.Result == RollbackResults.Succeeded, result.Message);
        var request = Assert.Single(flux.Requests);
        Assert.Equal("http://ci.example/hooks/flux", request.Uri!.ToString());
        Assert.StartsWith("sha256=", request.Headers["X-Signature"]);
        Assert.EndsWith("webhook http://ci.example/hooks/flux answered 202", result.Message);
        Assert.Equal("2.0", JsonNode.Parse(request.Body)!["release"]!.GetValue<string>());
    }
}
