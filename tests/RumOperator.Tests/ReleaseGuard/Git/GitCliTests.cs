using RumOperator.ReleaseGuard;

namespace RumOperator.Tests.ReleaseGuard.Git;

/// <summary>How GitRevert hands credentials to git: by environment only, and scrubbed from whatever git prints.</summary>
public class GitCliTests
{
    [Fact]
    public async Task The_credential_header_reaches_git_by_environment_and_is_scrubbed_from_its_output()
    {
        var home = Directory.CreateTempSubdirectory("gitcli-").FullName;
        try
        {
            var credentials = GitCredentials.Basic("bot", "s3cret-t0ken");
            var cli = new GitCli(home, config: [new("http.extraHeader", credentials.AuthorizationHeader)], secrets: credentials.Secrets);

            var run = await cli.RunAsync(home, ["config", "--get", "http.extraheader"], null, default);

            Assert.Equal(0, run.ExitCode);
            Assert.Equal("Authorization: Basic ***", run.Output.Trim());
            Assert.DoesNotContain("s3cret-t0ken", cli.Scrub("fatal: password s3cret-t0ken rejected"));
            Assert.Empty(Directory.GetFiles(home, "*", SearchOption.AllDirectories)); // nothing written to a config file
        }
        finally { Directory.Delete(home, recursive: true); }
    }

    [Fact]
    public async Task No_user_or_system_configuration_leaks_in()
    {
        var home = Directory.CreateTempSubdirectory("gitcli-").FullName;
        try
        {
            var cli = new GitCli(home);
            var run = await cli.RunAsync(home, ["config", "--list", "--show-origin"], null, default);
            Assert.DoesNotContain("file:", run.Output);
        }
        finally { Directory.Delete(home, recursive: true); }
    }
}
