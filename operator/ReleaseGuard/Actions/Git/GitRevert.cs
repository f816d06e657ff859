using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;
using RumOperator.Api;
using RumOperator.Runtime.Client;

namespace RumOperator.ReleaseGuard;

/// <summary>
/// Reverts the burning release in the GitOps repository (target.kind git): a shallow clone of the branch, the
/// edits of <see cref="GitEditPlan"/>, one commit, a push. A rejected (non-fast-forward) push is fetched and the
/// edits are re-applied on the new tip, field by field, until the push lands or the timeout passes; a field a
/// human changed meanwhile refuses. Credentials travel as an http.extraHeader in git's environment, never in
/// argv, a URL, a file, status, Events or logs.
/// </summary>
public sealed class GitRevert(IClusterClient cluster, WebhookNotifier webhook, TimeProvider time, ILogger<GitRevert> logger) : IRollbackAction
{
    public const int MaxPushAttempts = 5;
    public const long MaxFileBytes = 1 << 20;
    private const string Checkout = "repo";

    public RollbackTargetKind Kind => RollbackTargetKind.Git;

    public async Task<ActionResult> ExecuteAsync(RollbackContext context, CancellationToken ct)
    {
        if (context.Rollback.Git is not { } git) return ActionResult.Refused("spec.rollback.git: required when target.kind is git");
        var restore = await ReleaseToRestore.FindAsync(cluster, context, ct).ConfigureAwait(false);
        if (restore.Release is not { } release) return ActionResult.Refused(restore.Problem!);
        var (credentials, problem) = await GitCredentials.ReadAsync(cluster, context.Slo.Namespace, git.SecretRef.Name, ct).ConfigureAwait(false);
        if (credentials is null) return ActionResult.Failed(problem!);

        var timeout = PromDuration.TryParse(git.Timeout, out var t) ? t : TimeSpan.FromMinutes(2);
        using var deadline = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, deadline.Token);
        var work = Directory.CreateTempSubdirectory("rum-git-");
        try
        {
            var result = await RevertAsync(context, git, release, restore.Source, credentials, work.FullName, linked.Token).ConfigureAwait(false);
            if (result.Result != RollbackResults.Succeeded || !git.NotifyWebhook || result.Commit is null) return result;
            var notified = await webhook.ExecuteAsync(context, ct).ConfigureAwait(false);
            return result with { Message = $"{result.Message}; {notified.Message}" };
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            return ActionResult.Failed($"git: {DisplayUrl(git.Url)} branch {git.Branch}: not pushed within spec.rollback.git.timeout {git.Timeout}");
        }
        catch (GitCommandException e)
        {
            return ActionResult.Failed($"git: {DisplayUrl(git.Url)} branch {git.Branch}: {e.Message}");
        }
        finally
        {
            try { work.Delete(recursive: true); }
            catch (IOException e) { logger.LogWarning("Could not remove the git work directory {Directory}: {Error}", work.FullName, e.Message); }
        }
    }

    private async Task<ActionResult> RevertAsync(RollbackContext context, GitRollback git, string restore, string restoreSource,
        GitCredentials credentials, string work, CancellationToken ct)
    {
        var cli = Cli(git, credentials, work, context.Now);
        var url = DisplayUrl(git.Url);
        var repo = Path.Combine(work, Checkout);
        var clone = await cli.RunAsync(work, ["clone", "--quiet", "--depth", "1", "--single-branch", "--no-tags", "--branch", git.Branch, "--", git.Url, Checkout], null, ct).ConfigureAwait(false);
        if (!clone.Succeeded) return ActionResult.Failed($"git clone of {url} branch {git.Branch} failed: {clone.Reason}");

        var target = git.NewBranchPrefix is { } prefix ? $"{prefix}{context.Slo.Name}-{RefSafe(context.Signal.Release)}" : git.Branch;
        var onTarget = target == git.Branch;
        for (var attempt = 1; ; attempt++)
        {
            var plan = GitEditPlan.Create(git.Edits, path => ReadFile(repo, path, onTarget ? git.Branch : target), context.Signal.Release, restore);
            if (plan.Refusal is { } refusal) return ActionResult.Refused($"git: {url} branch {(onTarget ? git.Branch : target)}: {refusal}");
            if (plan.Files.Count == 0)
            {
                var head = (await cli.RunCheckedAsync(repo, ["rev-parse", "HEAD"], ct).ConfigureAwait(false)).Trim();
                var branch = onTarget ? target : git.Branch;
                return ActionResult.Succeeded($"git: {url} branch {branch} already holds release {restore} at {Short(head)}; nothing committed") with { Commit = head, Branch = branch };
            }

            foreach (var (path, text) in plan.Files) WriteFile(repo, path, text);
            await cli.RunCheckedAsync(repo, ["add", "--", .. plan.Files.Keys], ct).ConfigureAwait(false);
            await cli.RunCheckedAsync(repo, ["commit", "--quiet", "--no-verify", "-F", "-"], ct,
                GitCommitMessage.For(context, restore, restoreSource, plan.Changes)).ConfigureAwait(false);
            var push = await cli.RunAsync(repo, ["push", "--porcelain", "origin", $"HEAD:refs/heads/{target}"], null, ct).ConfigureAwait(false);
            if (push.Succeeded)
            {
                var commit = (await cli.RunCheckedAsync(repo, ["rev-parse", "HEAD"], ct).ConfigureAwait(false)).Trim();
                var rebased = attempt > 1 ? $" after {attempt - 1} rebase(s) on concurrent pushes" : "";
                return ActionResult.Succeeded(
                    $"git: commit {Short(commit)} on {url} branch {target} restores release {restore} ({restoreSource}) in {plan.Changes.Count} field(s){rebased}")
                    with { Commit = commit, Branch = target };
            }
            if (!Rejected(push)) return ActionResult.Failed($"git push to {url} branch {target} failed: {push.Reason}");
            if (attempt == MaxPushAttempts) return ActionResult.Failed($"git push to {url} branch {target} still rejected after {attempt} attempts (concurrent pushes)");

            logger.LogInformation("git push to {Url} branch {Branch} rejected (the branch moved); fetching and re-applying the edits (attempt {Attempt})", url, target, attempt);
            await cli.RunCheckedAsync(repo, ["fetch", "--quiet", "--depth", "1", "--no-tags", "origin", $"refs/heads/{target}"], ct).ConfigureAwait(false);
            await cli.RunCheckedAsync(repo, ["reset", "--quiet", "--hard", "FETCH_HEAD"], ct).ConfigureAwait(false);
            onTarget = true;
        }
    }

    private static GitCli Cli(GitRollback git, GitCredentials credentials, string work, DateTimeOffset now)
    {
        var author = git.Author ?? new GitIdentity { Name = GitRollback.DefaultAuthorName, Email = GitRollback.DefaultAuthorEmail };
        var committer = git.Committer ?? author;
        var date = now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture) + " +0000";
        return new GitCli(work,
            config:
            [
                new("http.extraHeader", credentials.AuthorizationHeader),
                // The header goes to every request git makes: never follow a redirect to another host with it.
                new("http.followRedirects", "false"),
                new("credential.helper", ""),
                new("core.symlinks", "false"),
                new("advice.detachedHead", "false"),
            ],
            environment: new Dictionary<string, string>
            {
                ["GIT_ALLOW_PROTOCOL"] = "https:http",
                ["GIT_AUTHOR_NAME"] = author.Name, ["GIT_AUTHOR_EMAIL"] = author.Email, ["GIT_AUTHOR_DATE"] = date,
                ["GIT_COMMITTER_NAME"] = committer.Name, ["GIT_COMMITTER_EMAIL"] = committer.Email, ["GIT_COMMITTER_DATE"] = date,
            },
            secrets: credentials.Secrets);
    }

    /// <summary>
    /// A push refused because the branch moved: non-fast-forward ([rejected]), or moved between the ref advertisement
    /// and the update ([remote rejected] … failed to update ref / cannot lock ref); not a refusal by the server's policy.
    /// </summary>
    private static bool Rejected(GitRun push) =>
        push.Output.Split('\n').Any(l => l.StartsWith('!') && (l.Contains("[rejected]", StringComparison.Ordinal)
            || l.Contains("[remote rejected]", StringComparison.Ordinal) && (l.Contains("failed to update ref", StringComparison.Ordinal) || l.Contains("cannot lock ref", StringComparison.Ordinal))));

    /// <summary>Reads a file of the checkout; symbolic links and files above <see cref="MaxFileBytes"/> are refused.</summary>
    private static (string? Text, string? Problem) ReadFile(string repo, string path, string branch)
    {
        var current = repo;
        foreach (var segment in path.Split('/'))
        {
            current = Path.Combine(current, segment);
            var info = new FileInfo(current);
            if (info.LinkTarget is not null) return (null, "is a symbolic link: edit the file it points to");
            if (!info.Exists && !Directory.Exists(current)) return (null, $"does not exist on branch {branch}");
        }
        var file = new FileInfo(current);
        if (!file.Exists) return (null, "is a directory, not a file");
        if (file.Length > MaxFileBytes) return (null, $"is larger than {MaxFileBytes} bytes");
        var bytes = File.ReadAllBytes(current);
        try { return (Utf8.GetString(bytes), null); }
        catch (DecoderFallbackException) { return (null, "is not UTF-8 text"); }
    }

    private static void WriteFile(string repo, string path, string text) => File.WriteAllBytes(Path.Combine(repo, path), Utf8.GetBytes(text));

    /// <summary>Strict and BOM-preserving: a byte-order mark is kept as U+FEFF in the text, so the file is written back as it was.</summary>
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The URL as shown in status, Events and logs: no user info, whatever the spec says.</summary>
    public static string DisplayUrl(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) ? new UriBuilder(uri) { UserName = "", Password = "" }.Uri.AbsoluteUri : "(invalid URL)";

    private static string Short(string commit) => commit.Length > 12 ? commit[..12] : commit;

    /// <summary>A release label as part of a branch name.</summary>
    private static string RefSafe(string release)
    {
        var safe = new string(release.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' ? c : '-').ToArray()).Trim('.', '-');
        safe = safe.Replace("..", "-", StringComparison.Ordinal);
        return safe.Length is > 0 and <= 60 ? safe : Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(release)))[..12];
    }
}
