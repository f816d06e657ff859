using System.ComponentModel;

namespace RumOperator.Api;

[Description("Revert the release in a GitOps repository: the edited fields, the commit and the push.")]
public sealed class GitRollback
{
    public const string ReleasePlaceholder = "{{release}}";
    public const string RefNamePattern = "^[A-Za-z0-9_][A-Za-z0-9._/-]*$";
    public const string DefaultAuthorName = "RumOperator";
    public const string DefaultAuthorEmail = "rum-operator@rumops.dev";

    [Description("Repository URL, https and without user info (credentials come from secretRef); http only to a loopback host, for local development.")]
    [RequiredField, StringFormat("^https?://[^@/?#\\s]+(/[^?#\\s]*)?$"), Limits(MaxLength = 500)]
    public string Url { get; set; } = "";

    [Description("The branch Flux or Argo CD syncs from.")]
    [StringFormat(RefNamePattern), Limits(MaxLength = 200), SchemaDefault("main")]
    public string Branch { get; set; } = "main";

    [Description("Secret in the SLO's namespace: key token (HTTP basic auth password; user from key username, default x-access-token) or keys username and password.")]
    [RequiredField] public LocalObjectReference SecretRef { get; set; } = new();

    [Description("The fields that pin the release, each set to its value for the release to restore.")]
    [RequiredField, Limits(MinItems = 1, MaxItems = 20)]
    public List<GitEdit> Edits { get; set; } = [];

    [Description("Push each revert to a new branch <prefix><slo>-<release> instead of branch, for teams that merge through review.")]
    [StringFormat(RefNamePattern), Limits(MaxLength = 100)]
    public string? NewBranchPrefix { get; set; }

    [Description("Commit author; default RumOperator <rum-operator@rumops.dev>.")]
    public GitIdentity? Author { get; set; }

    [Description("Committer; default the author.")]
    public GitIdentity? Committer { get; set; }

    [Description("After the push, send the signed rollback.webhook (e.g. to a Flux Receiver) so the revert is synced now rather than at the next interval.")]
    public bool NotifyWebhook { get; set; }

    [Description("Time for clone, edits and push, rebase retries included.")]
    [StringFormat(Patterns.Duration), SchemaDefault("2m")]
    public string Timeout { get; set; } = "2m";
}

public sealed class GitEdit
{
    [Description("File in the repository, relative to its root, e.g. apps/shop/kustomization.yaml.")]
    [RequiredField, StringFormat(GitRollback.RefNamePattern), Limits(MaxLength = 500)]
    public string Path { get; set; } = "";

    [Description("YAML path of the scalar: keys separated by dots, [n] or [key=value] for list items, e.g. images[name=storefront].newTag, spec.values.image.tag, spec.template.spec.containers[name=web].image.")]
    [RequiredField, Limits(MaxLength = 500)]
    public string Field { get; set; } = "";

    [Description("The field's value for a release; {{release}} is replaced by it, e.g. registry/shop/web:{{release}}.")]
    [SchemaDefault(GitRollback.ReleasePlaceholder), Limits(MaxLength = 500)]
    public string Value { get; set; } = GitRollback.ReleasePlaceholder;

    /// <summary>The field's value for <paramref name="release"/>.</summary>
    public string Render(string release) => Value.Replace(GitRollback.ReleasePlaceholder, release, StringComparison.Ordinal);
}

public sealed class GitIdentity
{
    [Description("Name, e.g. RumOperator.")]
    [RequiredField, StringFormat("^[^<>\\r\\n]+$"), Limits(MaxLength = 100)]
    public string Name { get; set; } = "";

    [Description("Email address.")]
    [RequiredField, StringFormat("^[^<>\\s@]+@[^<>\\s@]+$"), Limits(MaxLength = 200)]
    public string Email { get; set; } = "";
}
