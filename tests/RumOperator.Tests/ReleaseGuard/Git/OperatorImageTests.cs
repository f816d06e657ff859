using System.Text.RegularExpressions;
using RumOperator.ReleaseGuard;
using RumOperator.Tests.Support;

namespace RumOperator.Tests.ReleaseGuard.Git;

/// <summary>The operator image must carry what GitRevert runs: the git CLI (with git-remote-https) in the runtime stage.</summary>
public class OperatorImageTests
{
    private static string RuntimeStage()
    {
        var dockerfile = File.ReadAllText(Path.Combine(Repo.Root, "operator", "Dockerfile"));
        var stages = Regex.Split(dockerfile, @"^FROM ", RegexOptions.Multiline);
        return stages[^1];
    }

    [Fact]
    public void The_runtime_stage_installs_the_git_cli()
    {
        var runtime = RuntimeStage();
        // Joined continuation lines: the RUN instruction that installs packages.
        var instructions = Regex.Replace(runtime, @"\\\r?\n\s*", " ").Split('\n');
        var install = instructions.SingleOrDefault(l => l.StartsWith("RUN ", StringComparison.Ordinal) && l.Contains("apt-get install"));
        Assert.NotNull(install);
        var packages = install![(install.IndexOf("apt-get install", StringComparison.Ordinal) + "apt-get install".Length)..]
            .Split("&&")[0].Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => !w.StartsWith('-')).ToList();
        Assert.Contains(GitCli.Executable, packages);
        Assert.Contains("ca-certificates", packages);
        Assert.Contains("--no-install-recommends", install);
        Assert.Contains($"{GitCli.Executable} --version", install);
    }

    [Fact]
    public void The_runtime_stage_still_runs_as_the_numeric_non_root_user()
    {
        var runtime = RuntimeStage();
        Assert.Matches(@"(?m)^USER 65532:65532$", runtime);
        Assert.True(runtime.IndexOf("USER 65532", StringComparison.Ordinal) > runtime.IndexOf("apt-get install", StringComparison.Ordinal),
            "packages are installed as root, before the image switches to the non-root user");
    }
}
