using RumOperator.Tests.Support;
using RumOperator.Validation;

namespace RumOperator.Tests.ReleaseGuard.Git;

/// <summary>spec.rollback.git both ways: a valid target passes, each bad field is named.</summary>
public class GitRollbackValidationTests
{
    private const string Valid = """
        pipelineRef: { name: web }
        app: storefront
        sli: { errors: { kind: pageLoad } }
        objective: 99.5
        groupBy: [release]
        rollback:
          enabled: true
          target: { kind: git }
          git:
            url: https://git.example/shop/gitops.git
            branch: main
            secretRef: { name: gitops-creds }
            edits:
              - { path: apps/shop/kustomization.yaml, field: "images[name=storefront].newTag" }
              - { path: apps/shop/web.yaml, field: "spec.template.spec.containers[name=web].image", value: "registry/shop/web:{{release}}" }
        """;

    [Fact]
    public void The_base_spec_is_valid() => Assert.Empty(Validators.Validate(TestManifests.Slo(Valid)));

    public static TheoryData<string, string, string> Invalid => new()
    {
        { "url: https://git.example/shop/gitops.git", "url: https://bot:hunter2@git.example/shop/gitops.git", "spec.rollback.git.url" },
        { "url: https://git.example/shop/gitops.git", "url: http://git.example/shop/gitops.git", "spec.rollback.git.url" },
        { "url: https://git.example/shop/gitops.git", "url: ssh://git.example/shop/gitops.git", "spec.rollback.git.url" },
        { "url: https://git.example/shop/gitops.git", "url: https://git.example/x.git?token=1", "spec.rollback.git.url" },
        { "branch: main", "branch: --upload-pack=evil", "spec.rollback.git.branch" },
        { "branch: main", "branch: a..b", "spec.rollback.git.branch" },
        { "secretRef: { name: gitops-creds }", "secretRef: { name: Bad_Name }", "spec.rollback.git.secretRef.name" },
        { "path: apps/shop/kustomization.yaml", "path: ../../etc/passwd", "spec.rollback.git.edits[0].path" },
        { "path: apps/shop/kustomization.yaml", "path: .git/config", "spec.rollback.git.edits[0].path" },
        { "path: apps/shop/kustomization.yaml", "path: /etc/passwd", "spec.rollback.git.edits[0].path" },
        { "field: \"images[name=storefront].newTag\"", "field: \"images[name=storefront.newTag\"", "spec.rollback.git.edits[0].field" },
        { "value: \"registry/shop/web:{{release}}\"", "value: \"registry/shop/web:latest\"", "spec.rollback.git.edits[1].value" },
        { "value: \"registry/shop/web:{{release}}\"", "value: \"{{release}}-{{env}}\"", "spec.rollback.git.edits[1].value" },
        { "branch: main", "branch: main\n    timeout: 1h", "spec.rollback.git.timeout" },
        { "branch: main", "branch: main\n    author: { name: \"a <b>\", email: x@y }", "spec.rollback.git.author.name" },
        { "branch: main", "branch: main\n    committer: { name: Bot, email: nobody }", "spec.rollback.git.committer.email" },
        { "branch: main", "branch: main\n    notifyWebhook: true", "spec.rollback.webhook" },
        { "branch: main", "branch: main\n    newBranchPrefix: -x", "spec.rollback.git.newBranchPrefix" },
        { "target: { kind: git }", "target: { kind: git, name: Web_1 }", "spec.rollback.target.name" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Each_rule_rejects_naming_the_field(string line, string replacement, string field)
        => TestManifests.AssertSloRuleRejects(Valid, line, replacement, field);

    [Fact]
    public void User_info_in_the_url_is_not_echoed()
    {
        var errors = Validators.Validate(TestManifests.Slo(Valid.Replace("https://git.example", "https://bot:hunter2@git.example")));
        Assert.DoesNotContain(errors, e => e.Reason.Contains("hunter2"));
    }

    [Fact]
    public void Git_without_its_section_is_refused()
    {
        var spec = Valid[..Valid.IndexOf("  git:", StringComparison.Ordinal)];
        Assert.Contains(Validators.Validate(TestManifests.Slo(spec)), e => e.Field == "spec.rollback.git");
    }

    [Theory]
    [InlineData("url: https://git.example/shop/gitops.git", "url: http://127.0.0.1:8418/shop.git")]
    [InlineData("branch: main", "branch: release/2025-06")]
    [InlineData("branch: main", "branch: main\n    newBranchPrefix: rum-rollback/\n    author: { name: Shop Guard, email: guard@shop.example }")]
    [InlineData("target: { kind: git }", "target: { kind: git, name: storefront }")]
    public void Variants_that_must_pass(string line, string replacement) =>
        Assert.Empty(Validators.Validate(TestManifests.Slo(Valid.Replace(line, replacement))));
}
